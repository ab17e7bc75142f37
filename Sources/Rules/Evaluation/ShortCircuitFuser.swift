/// Lays out the code of fused rules so that each rule stops at its first false conjunct (see
/// ``MergedProgram``): the short-circuit of the engine's per-event plans.
///
/// Each rule's code is in single-assignment form (the program builder gives every value its own
/// register); a rule whose code is not is emitted unchanged. The conjuncts of a rule's top-level
/// `and` are emitted cheapest first, each with only the instructions it depends on, followed by a
/// ``OpCode/jumpUnless`` to the rule's end that sets the rule's result false. A rule that passes
/// every conjunct gets `true`. Rules whose cheapest conjunct is the same shared test run as a
/// group behind one jump on it (then their results are only valid when that guard holds). Jumps
/// only go forward, so a plan always ends.
struct ShortCircuitFuser {
    /// The fused program; its code is replaced by ``fuse(_:)``.
    var program: Program
    /// Int registers whose value is the same on every run (the event's indexed values).
    let knownRegisters: [Int32: Int64]
    /// Per rule, the shared bool register that must hold before its result is read.
    var guards: [Int32?] = []

    /// A register of one of the three classes (0 int, 1 double, 2 bool).
    struct Reg: Hashable {
        var kind: UInt8
        var index: Int32
    }

    /// A single test of facts, shared by every rule that makes it.
    struct LeafKey: Hashable {
        var instruction: Instruction
        var set: [Int64]
    }

    struct Conjunct {
        var register: Int32
        /// Indices into the rule's code, ascending.
        var slice: [Int]
        var leaf: LeafKey?
    }

    static func destination(_ x: Instruction) -> Reg? {
        switch x.op {
        case .addI, .subI, .mulI, .negI, .scaleMulI, .scaleDivI, .shiftDay, .constI: Reg(kind: 0, index: x.dst)
        case .addD, .subD, .mulD, .divD, .negD, .toDouble, .ratio, .constD: Reg(kind: 1, index: x.dst)
        case .cmpI, .cmpD, .memberI, .memberD, .hasTag, .missingI, .missingD, .truth, .and, .or, .not, .boolEqual,
            .boolNotEqual,
            .constB:
            Reg(kind: 2, index: x.dst)
        case .jumpUnless: nil
        }
    }

    static func sources(_ x: Instruction) -> [Reg] {
        let int = UInt8(0)
        let double = UInt8(1)
        let bool = UInt8(2)
        switch x.op {
        case .addI, .subI, .mulI, .ratio, .cmpI:
            return x.immediate
                ? [Reg(kind: int, index: x.a)] : [Reg(kind: int, index: x.a), Reg(kind: int, index: x.b)]
        case .addD, .subD, .mulD, .divD, .cmpD:
            return x.immediate
                ? [Reg(kind: double, index: x.a)] : [Reg(kind: double, index: x.a), Reg(kind: double, index: x.b)]
        case .scaleMulI, .scaleDivI:
            return x.immediate
                ? [Reg(kind: int, index: x.a)] : [Reg(kind: int, index: x.a), Reg(kind: double, index: x.b)]
        case .negI, .toDouble, .memberI, .missingI, .truth, .shiftDay: return [Reg(kind: int, index: x.a)]
        case .negD, .memberD, .missingD: return [Reg(kind: double, index: x.a)]
        case .and, .or, .boolEqual, .boolNotEqual: return [Reg(kind: bool, index: x.a), Reg(kind: bool, index: x.b)]
        case .not, .jumpUnless: return [Reg(kind: bool, index: x.a)]
        case .hasTag, .constI, .constD, .constB: return []
        }
    }

    /// The top-level conjuncts of a rule, or `nil` when its code is not in single-assignment form.
    func conjuncts(of code: [Instruction], result: Int32) -> [Conjunct]? {
        var writer: [Reg: Int] = [:]
        for (i, x) in code.enumerated() {
            guard let d = Self.destination(x) else { return nil }
            guard writer.updateValue(i, forKey: d) == nil else { return nil }
        }
        var registers: [Int32] = []
        var stack: [Int32] = [result]
        while let r = stack.popLast() {
            if let w = writer[Reg(kind: 2, index: r)], code[w].op == .and {
                stack.append(code[w].b)
                stack.append(code[w].a)
            } else {
                registers.append(r)
            }
        }
        return registers.map { r in
            var slice = Set<Int>()
            var pending: [Reg] = [Reg(kind: 2, index: r)]
            while let reg = pending.popLast() {
                guard let w = writer[reg], slice.insert(w).inserted else { continue }
                pending += Self.sources(code[w])
            }
            let ordered = slice.sorted()
            var leaf: LeafKey?
            if ordered.count == 1, Self.sources(code[ordered[0]]).allSatisfy({ writer[$0] == nil }) {
                let x = code[ordered[0]]
                switch x.op {
                case .cmpI, .cmpD, .memberI, .memberD, .hasTag, .missingI, .missingD, .truth:
                    var key = x
                    key.dst = 0
                    var set: [Int64] = []
                    if x.op == .memberI || x.op == .memberD {
                        set = program.sets[Int(x.b)]
                        key.b = 0
                    }
                    leaf = LeafKey(instruction: key, set: set)
                default:
                    break
                }
            }
            return Conjunct(register: r, slice: ordered, leaf: leaf)
        }
    }

    /// The value of a single test when its fact is known, else `nil`.
    func decide(_ leaf: LeafKey) -> Bool? {
        let x = leaf.instruction
        guard let v = knownRegisters[x.a] else { return nil }
        switch x.op {
        case .cmpI:
            guard x.immediate else { return nil }
            return Semantics.compare(x.cmp, v, x.k)
        case .memberI:
            let found = leaf.set.withUnsafeBufferPointer { Semantics.contains($0, v) }
            return v != Semantics.missing && (found != (x.cmp == 1))
        case .missingI: return (v == Semantics.missing) != (x.cmp == 1)
        case .truth: return v == 1
        default: return nil
        }
    }

    mutating func fuse(_ rules: [(code: [Instruction], result: Int32)?]) {
        let analysed = rules.map { rule in rule.flatMap { conjuncts(of: $0.code, result: $0.result) } }
        var uses: [LeafKey: Int] = [:]
        for conjuncts in analysed {
            for c in conjuncts ?? [] { if let leaf = c.leaf, decide(leaf) == nil { uses[leaf, default: 0] += 1 } }
        }
        var prelude: [Instruction] = []
        var hoisted: [LeafKey: Int32] = [:]
        // Each rule's block, its jumps relative to the block's start, and its group: the shared
        // test it starts with, which the group tests once for all its rules.
        var blocks: [(rule: Int, group: Int32?, code: [Instruction])] = []
        for (ruleIndex, (rule, conjuncts)) in zip(rules, analysed).enumerated() {
            guard let rule else { continue }
            guard let conjuncts else {
                blocks.append((ruleIndex, nil, rule.code))
                continue
            }
            var remaining: [(cost: Int, order: Int, conjunct: Conjunct)] = []
            var isFalse = false
            for (order, c) in conjuncts.enumerated() {
                if let leaf = c.leaf, let decided = decide(leaf) {
                    if decided { continue }
                    isFalse = true
                    break
                }
                if let leaf = c.leaf, uses[leaf, default: 0] >= 2 {
                    if hoisted[leaf] == nil {
                        var x = rule.code[c.slice[0]]
                        x.dst = Int32(program.boolCount)
                        program.boolCount += 1
                        prelude.append(x)
                        hoisted[leaf] = x.dst
                    }
                    remaining.append((0, order, c))
                } else {
                    remaining.append((c.slice.count, order, c))
                }
            }
            if isFalse {
                blocks.append((ruleIndex, nil, [Instruction(op: .constB, dst: rule.result, k: 0)]))
                continue
            }
            remaining.sort { ($0.cost, $0.order) < ($1.cost, $1.order) }
            if remaining.count == 1, remaining[0].cost > 0, remaining[0].conjunct.register == rule.result {
                // A single test: its own code computes the result.
                blocks.append((ruleIndex, nil, remaining[0].conjunct.slice.map { rule.code[$0] }))
                continue
            }
            var group: Int32?
            if let first = remaining.first, first.cost == 0, let leaf = first.conjunct.leaf, let shared = hoisted[leaf]
            {
                group = shared
                remaining.removeFirst()
            }
            var code: [Instruction] = []
            var emitted = Set<Int>()
            var jumps: [Int] = []
            for (cost, _, c) in remaining {
                let register: Int32
                if cost == 0, let leaf = c.leaf, let shared = hoisted[leaf] {
                    register = shared
                } else {
                    for i in c.slice where emitted.insert(i).inserted { code.append(rule.code[i]) }
                    register = c.register
                }
                jumps.append(code.count)
                code.append(Instruction(op: .jumpUnless, dst: rule.result, a: register))
            }
            code.append(Instruction(op: .constB, dst: rule.result, k: 1))
            for j in jumps { code[j].k = Int64(code.count) }
            blocks.append((ruleIndex, group, code))
        }
        // Rules of one group run together behind one test of the shared register; a rule's
        // result is only read when its guard holds (see ``MergedProgram/guards``).
        var order: [Int32?] = []
        var members: [Int32?: [Int]] = [:]
        for (b, block) in blocks.enumerated() {
            if members[block.group] == nil { order.append(block.group) }
            members[block.group, default: []].append(b)
        }
        guards = [Int32?](repeating: nil, count: rules.count)
        var body: [Instruction] = []
        func append(_ block: [Instruction]) {
            let base = Int64(body.count)
            for var x in block {
                if x.op == .jumpUnless { x.k += base }
                body.append(x)
            }
        }
        for group in order {
            let blockIndices = members[group] ?? []
            guard let g = group else {
                for b in blockIndices { append(blocks[b].code) }
                continue
            }
            let jump = body.count
            body.append(Instruction(op: .jumpUnless, dst: g, a: g))
            for b in blockIndices {
                append(blocks[b].code)
                guards[blocks[b].rule] = g
            }
            body[jump].k = Int64(body.count)
        }
        let offset = Int64(prelude.count)
        for i in body.indices where body[i].op == .jumpUnless { body[i].k += offset }
        program.code = prelude + body
    }
}
