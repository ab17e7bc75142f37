/// Several rules' conditions fused into one program: each fact is loaded once into a shared
/// register, and one run answers every rule.
///
/// The engine evaluates all the rules an event
/// triggers this way, so 500 rules cost one dispatch loop, not 500.
///
/// With `shortCircuit`, each rule's top-level `and` is split into its conjuncts, which run
/// cheapest first, each followed by a ``OpCode/jumpUnless`` that ends the rule as soon as one is
/// false; a single-instruction test on facts that several rules share runs once, before all
/// rules; and a test on a fact whose value is `known` (the event's indexed values, fixed per
/// cached plan) is decided while fusing. Conditions have no side effects, so the answers are the
/// same as running every instruction; registers of skipped instructions are left stale and only
/// ``results`` may be read.
struct MergedProgram {
    /// The fused program (its `result` is unused; see ``results``).
    var program = Program()
    /// Per fused rule, the bool register of its condition, or `nil` when it has no condition.
    var results: [Int32?] = []
    /// Per fused rule, a bool register that must hold for ``results`` to be valid (short-circuit
    /// groups; when it is false the rule does not hold).
    var guards: [Int32?] = []
    private var intColumns: [Int: Int32] = [:]
    private var doubleColumns: [Int: Int32] = [:]

    /// Fuses `programs` (each already bound: no dynamic constants left), in order.
    /// - Parameters:
    ///   - programs: each rule's bound program and code, or `nil` for a rule without a condition.
    ///   - shortCircuit: split top-level `and`s into conjuncts that end the rule early.
    ///   - known: int fact columns whose value is the same for every row the plan runs on.
    init(_ programs: [(program: Program, code: [Instruction])?], shortCircuit: Bool = false, known: [Int: Int64] = [:])
    {
        var rules: [(code: [Instruction], result: Int32)?] = []
        for entry in programs {
            guard let (source, code) = entry, case .bool(let result) = source.result else {
                results.append(nil)
                rules.append(nil)
                continue
            }
            var intMap: [Int32] = []
            for (i, s) in source.intSources.enumerated() {
                _ = i
                switch s {
                case .column(let c):
                    if let shared = intColumns[c] {
                        intMap.append(shared)
                    } else {
                        program.intSources.append(.column(c))
                        let r = Int32(program.intSources.count - 1)
                        intColumns[c] = r
                        intMap.append(r)
                    }
                case .temporary:
                    program.intSources.append(.temporary)
                    intMap.append(Int32(program.intSources.count - 1))
                }
            }
            var doubleMap: [Int32] = []
            for s in source.doubleSources {
                switch s {
                case .column(let c):
                    if let shared = doubleColumns[c] {
                        doubleMap.append(shared)
                    } else {
                        program.doubleSources.append(.column(c))
                        let r = Int32(program.doubleSources.count - 1)
                        doubleColumns[c] = r
                        doubleMap.append(r)
                    }
                case .temporary:
                    program.doubleSources.append(.temporary)
                    doubleMap.append(Int32(program.doubleSources.count - 1))
                }
            }
            let boolBase = Int32(program.boolCount)
            let setBase = Int32(program.sets.count)
            let durationBase = Int32(program.durations.count)
            program.boolCount += source.boolCount
            program.sets += source.sets
            program.durations += source.durations
            func i(_ r: Int32) -> Int32 { intMap[Int(r)] }
            func d(_ r: Int32) -> Int32 { doubleMap[Int(r)] }
            func b(_ r: Int32) -> Int32 { boolBase + r }
            var remapped: [Instruction] = []
            remapped.reserveCapacity(code.count)
            for original in code {
                var x = original
                switch x.op {
                case .addI, .subI, .mulI:
                    x.dst = i(x.dst)
                    x.a = i(x.a)
                    if !x.immediate { x.b = i(x.b) }
                case .negI:
                    x.dst = i(x.dst)
                    x.a = i(x.a)
                case .addD, .subD, .mulD, .divD:
                    x.dst = d(x.dst)
                    x.a = d(x.a)
                    if !x.immediate { x.b = d(x.b) }
                case .negD:
                    x.dst = d(x.dst)
                    x.a = d(x.a)
                case .toDouble:
                    x.dst = d(x.dst)
                    x.a = i(x.a)
                case .scaleMulI, .scaleDivI:
                    x.dst = i(x.dst)
                    x.a = i(x.a)
                    if !x.immediate { x.b = d(x.b) }
                case .ratio:
                    x.dst = d(x.dst)
                    x.a = i(x.a)
                    if !x.immediate { x.b = i(x.b) }
                case .cmpI:
                    x.dst = b(x.dst)
                    x.a = i(x.a)
                    if !x.immediate { x.b = i(x.b) }
                case .cmpD:
                    x.dst = b(x.dst)
                    x.a = d(x.a)
                    if !x.immediate { x.b = d(x.b) }
                case .memberI:
                    x.dst = b(x.dst)
                    x.a = i(x.a)
                    x.b += setBase
                case .memberD:
                    x.dst = b(x.dst)
                    x.a = d(x.a)
                    x.b += setBase
                case .hasTag:
                    x.dst = b(x.dst)
                case .missingI, .truth:
                    x.dst = b(x.dst)
                    x.a = i(x.a)
                case .missingD:
                    x.dst = b(x.dst)
                    x.a = d(x.a)
                case .and, .or, .boolEqual, .boolNotEqual:
                    x.dst = b(x.dst)
                    x.a = b(x.a)
                    x.b = b(x.b)
                case .not:
                    x.dst = b(x.dst)
                    x.a = b(x.a)
                case .shiftDay:
                    x.dst = i(x.dst)
                    x.a = i(x.a)
                    x.b += durationBase
                case .constI: x.dst = i(x.dst)
                case .constD: x.dst = d(x.dst)
                case .constB: x.dst = b(x.dst)
                case .jumpUnless:
                    x.dst = b(x.dst)
                    x.a = b(x.a)
                }
                x.dynamic = -1
                remapped.append(x)
            }
            rules.append((remapped, b(result)))
            results.append(b(result))
        }
        guards = [Int32?](repeating: nil, count: results.count)
        guard shortCircuit else {
            for rule in rules { program.code += rule?.code ?? [] }
            return
        }
        var knownRegisters: [Int32: Int64] = [:]
        for (column, value) in known { if let r = intColumns[column] { knownRegisters[r] = value } }
        var fuser = ShortCircuitFuser(program: program, knownRegisters: knownRegisters)
        fuser.fuse(rules)
        program = fuser.program
        guards = fuser.guards
    }

    /// Whether fused rule `index` holds, from the bool registers after a run.
    func holds(_ index: Int, in bools: [Bool]) -> Bool {
        if let g = guards[index], !bools[Int(g)] { return false }
        return results[index].map { bools[Int($0)] } ?? true
    }
}
