import CustomerModel

/// An operand while compiling: a register or a constant not yet placed in one.
enum Operand: Hashable, Sendable {
    case register(Register)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// An int constant resolved when the program is bound (a duration, today, a text code).
    case dynamic(DynamicConstant)
}

/// The explanation structure of a condition: how its tests combine and which registers hold
/// each test's result and values.
indirect enum ExplainNode: Sendable {
    case all([ExplainNode], result: Operand, range: SourceRange)
    case any([ExplainNode], result: Operand, range: SourceRange)
    case negation(ExplainNode, result: Operand, range: SourceRange)
    case test(result: Operand, range: SourceRange, values: [ExplainValue])
}

/// A value shown in an explanation: the expression's text range, where its value is, its type.
struct ExplainValue: Sendable {
    var range: SourceRange
    var operand: Operand
    var type: FactType
}

/// Lowers checked expressions to one straight-line ``Program``.
struct ProgramBuilder {
    var program = Program()
    var layout: FactLayout
    private var factOperands: [FactKey: (Operand, FactType)] = [:]

    init(layout: FactLayout) { self.layout = layout }

    // MARK: Registers

    private mutating func newInt() -> Register {
        program.intSources.append(.temporary)
        return .int(Int32(program.intSources.count - 1))
    }

    private mutating func newDouble() -> Register {
        program.doubleSources.append(.temporary)
        return .double(Int32(program.doubleSources.count - 1))
    }

    private mutating func newBool() -> Register {
        program.boolCount += 1
        return .bool(Int32(program.boolCount - 1))
    }

    private mutating func emit(_ instruction: Instruction) { program.code.append(instruction) }

    private mutating func dynamicIndex(_ constant: DynamicConstant) -> Int32 {
        if let i = program.dynamics.firstIndex(of: constant) { return Int32(i) }
        program.dynamics.append(constant)
        return Int32(program.dynamics.count - 1)
    }

    /// Places an int-like operand in an int register.
    mutating func intRegister(_ operand: Operand) -> Int32 {
        switch operand {
        case .register(.int(let r)): return r
        case .int(let v):
            guard case .int(let r) = newInt() else { return 0 }
            emit(Instruction(op: .constI, dst: r, k: v))
            return r
        case .bool(let b):
            guard case .int(let r) = newInt() else { return 0 }
            emit(Instruction(op: .constI, dst: r, k: b ? 1 : 0))
            return r
        case .dynamic(let d):
            guard case .int(let r) = newInt() else { return 0 }
            emit(Instruction(op: .constI, dynamic: dynamicIndex(d), dst: r))
            return r
        case .double, .register(.double), .register(.tags), .register(.bool):
            // Not reachable for checked programs (the checker keeps classes apart); a missing value is the safe answer.
            guard case .int(let r) = newInt() else { return 0 }
            emit(Instruction(op: .constI, dst: r, k: FactFrame.missingInt))
            return r
        }
    }

    /// Places a double operand in a double register.
    mutating func doubleRegister(_ operand: Operand) -> Int32 {
        switch operand {
        case .register(.double(let r)): return r
        case .double(let v):
            guard case .double(let r) = newDouble() else { return 0 }
            emit(Instruction(op: .constD, dst: r, k: Int64(bitPattern: v.bitPattern)))
            return r
        default:
            let i = intRegister(operand)
            guard case .double(let r) = newDouble() else { return 0 }
            emit(Instruction(op: .toDouble, dst: r, a: i))
            return r
        }
    }

    /// Places a condition operand in a bool register (a stored bool fact is 1 for true).
    mutating func boolRegister(_ operand: Operand) -> Int32 {
        switch operand {
        case .register(.bool(let r)): return r
        case .bool(let b):
            guard case .bool(let r) = newBool() else { return 0 }
            emit(Instruction(op: .constB, dst: r, k: b ? 1 : 0))
            return r
        case .register(.int(let i)):
            guard case .bool(let r) = newBool() else { return 0 }
            emit(Instruction(op: .truth, dst: r, a: i))
            return r
        default:
            guard case .bool(let r) = newBool() else { return 0 }
            emit(Instruction(op: .constB, dst: r, k: 0))
            return r
        }
    }

    /// Any operand in a register of its own class, for results.
    mutating func materialize(_ operand: Operand, type: FactType) -> Register {
        switch operand {
        case .register(let r): return r
        case .double: return .double(doubleRegister(operand))
        case .bool: return .bool(boolRegister(operand))
        default: return .int(intRegister(operand))
        }
    }

    /// Sets an instruction's operand b from `operand`: an immediate when it is a constant.
    private mutating func operandB(_ operand: Operand, into instruction: inout Instruction, double: Bool) {
        switch operand {
        case .int(let v) where !double:
            instruction.immediate = true
            instruction.k = v
        case .double(let v) where double:
            instruction.immediate = true
            instruction.k = Int64(bitPattern: v.bitPattern)
        case .dynamic(let d) where !double:
            instruction.immediate = true
            instruction.dynamic = dynamicIndex(d)
        default:
            instruction.b = double ? doubleRegister(operand) : intRegister(operand)
        }
    }

    private func isConstant(_ operand: Operand) -> Bool {
        if case .register = operand { return false }
        return true
    }

    // MARK: Values

    mutating func compile(_ value: Checked) -> Operand {
        switch value.op {
        case .constant(.int(let v)): return .int(v)
        case .constant(.double(let v)): return .double(v)
        case .constant(.bool(let b)): return .bool(b)
        case .constant(.text(let t)): return .dynamic(.text(t))
        case .durationDays(let d): return .dynamic(.durationDays(d))
        case .today: return .dynamic(.today)
        case .fact(let key):
            if let (operand, _) = factOperands[key] { return operand }
            let column = layout.add(key, type: value.type)
            let operand: Operand
            switch value.type.representation {
            case .double:
                program.doubleSources.append(.column(column.index))
                operand = .register(.double(Int32(program.doubleSources.count - 1)))
            case .tagset:
                operand = .register(.tags(Int32(column.index)))
            default:
                program.intSources.append(.column(column.index))
                operand = .register(.int(Int32(program.intSources.count - 1)))
            }
            factOperands[key] = (operand, value.type)
            return operand
        case .rowField:
            return .int(FactFrame.missingInt)
        case .negate(let inner):
            let operand = compile(inner)
            if inner.type.representation == .double {
                let a = doubleRegister(operand)
                guard case .double(let r) = newDouble() else { return operand }
                emit(Instruction(op: .negD, dst: r, a: a))
                return .register(.double(r))
            }
            let a = intRegister(operand)
            guard case .int(let r) = newInt() else { return operand }
            emit(Instruction(op: .negI, dst: r, a: a))
            return .register(.int(r))
        case .shiftDay(let inner, let literal, let backwards):
            let a = intRegister(compile(inner))
            guard case .int(let r) = newInt() else { return .int(FactFrame.missingInt) }
            if literal.unit == .days || literal.unit == .weeks {
                let days = Int64(literal.amount) * (literal.unit == .weeks ? 7 : 1)
                emit(Instruction(op: .addI, immediate: true, dst: r, a: a, k: backwards ? -days : days))
            } else {
                program.durations.append(literal)
                emit(
                    Instruction(
                        op: .shiftDay,
                        cmp: backwards ? 1 : 0,
                        dst: r,
                        a: a,
                        b: Int32(program.durations.count - 1)
                    )
                )
            }
            return .register(.int(r))
        case .toDouble(let inner):
            let operand = compile(inner)
            if case .int(let v) = operand { return .double(Double(v)) }
            return .register(.double(doubleRegister(operand)))
        case .arithmetic(let op, let l, let r, let kind):
            return arithmetic(op, compile(l), compile(r), kind: kind)
        default:
            return condition(value).0
        }
    }

    private mutating func arithmetic(
        _ op: BinaryOperator,
        _ l: Operand,
        _ r: Operand,
        kind: Checked.Arithmetic
    ) -> Operand {
        var left = l
        var right = r
        let commutative = op == .add || op == .multiply
        switch kind {
        case .int:
            if commutative, isConstant(left), !isConstant(right) { swap(&left, &right) }
            let code: OpCode = op == .add ? .addI : op == .subtract ? .subI : .mulI
            var instruction = Instruction(op: code, dst: 0, a: intRegister(left))
            operandB(right, into: &instruction, double: false)
            guard case .int(let d) = newInt() else { return l }
            instruction.dst = d
            emit(instruction)
            return .register(.int(d))
        case .double:
            if commutative, isConstant(left), !isConstant(right) { swap(&left, &right) }
            let code: OpCode = op == .add ? .addD : op == .subtract ? .subD : op == .multiply ? .mulD : .divD
            var instruction = Instruction(op: code, dst: 0, a: doubleRegister(left))
            operandB(right, into: &instruction, double: true)
            guard case .double(let d) = newDouble() else { return l }
            instruction.dst = d
            emit(instruction)
            return .register(.double(d))
        case .scaleMoney:
            var instruction = Instruction(op: op == .divide ? .scaleDivI : .scaleMulI, dst: 0, a: intRegister(left))
            operandB(right, into: &instruction, double: true)
            guard case .int(let d) = newInt() else { return l }
            instruction.dst = d
            emit(instruction)
            return .register(.int(d))
        case .ratio:
            var instruction = Instruction(op: .ratio, dst: 0, a: intRegister(left))
            operandB(right, into: &instruction, double: false)
            guard case .double(let d) = newDouble() else { return l }
            instruction.dst = d
            emit(instruction)
            return .register(.double(d))
        }
    }

    // MARK: Conditions

    /// Compiles a condition, returning its operand and its explanation structure.
    mutating func condition(_ value: Checked) -> (Operand, ExplainNode) {
        switch value.op {
        case .and(let l, let r), .or(let l, let r):
            let isAnd: Bool
            if case .and = value.op { isAnd = true } else { isAnd = false }
            let (a, left) = condition(l)
            let (b, right) = condition(r)
            let ra = boolRegister(a)
            let rb = boolRegister(b)
            guard case .bool(let d) = newBool() else { return (a, left) }
            emit(Instruction(op: isAnd ? .and : .or, dst: d, a: ra, b: rb))
            let result = Operand.register(.bool(d))
            func children(_ node: ExplainNode) -> [ExplainNode] {
                switch node {
                case .all(let nodes, _, _) where isAnd: nodes
                case .any(let nodes, _, _) where !isAnd: nodes
                default: [node]
                }
            }
            let nodes = children(left) + children(right)
            return (
                result,
                isAnd
                    ? .all(nodes, result: result, range: value.range) : .any(nodes, result: result, range: value.range)
            )
        case .not(let inner):
            let (a, node) = condition(inner)
            let ra = boolRegister(a)
            guard case .bool(let d) = newBool() else { return (a, node) }
            emit(Instruction(op: .not, dst: d, a: ra))
            let result = Operand.register(.bool(d))
            return (result, .negation(node, result: result, range: value.range))
        case .compare(let op, let l, let r):
            let a = compile(l)
            let b = compile(r)
            let result = compare(
                op,
                a,
                b,
                representation: l.type.representation == .double || r.type.representation == .double ? .double : .int
            )
            return (result, .test(result: result, range: value.range, values: explainValues([(l, a), (r, b)])))
        case .member(let element, let constants, let negated):
            let a = compile(element)
            let result = member(a, element: element, constants: constants, negated: negated)
            return (result, .test(result: result, range: value.range, values: explainValues([(element, a)])))
        case .hasTag(let set, let name, let negated):
            let a = compile(set)
            guard case .register(.tags(let column)) = a, case .bool(let d) = newBool() else {
                return (.bool(false), .test(result: .bool(false), range: value.range, values: []))
            }
            emit(
                Instruction(
                    op: .hasTag,
                    immediate: true,
                    cmp: negated ? 1 : 0,
                    dynamic: dynamicIndex(.text(name)),
                    dst: d,
                    a: column
                )
            )
            let result = Operand.register(.bool(d))
            return (result, .test(result: result, range: value.range, values: explainValues([(set, a)])))
        case .isMissing(let inner, let negated):
            let a = compile(inner)
            let result: Operand
            switch a {
            case .register(.int(let i)):
                guard case .bool(let d) = newBool() else {
                    return (a, .test(result: a, range: value.range, values: []))
                }
                emit(Instruction(op: .missingI, cmp: negated ? 1 : 0, dst: d, a: i))
                result = .register(.bool(d))
            case .register(.double(let i)):
                guard case .bool(let d) = newBool() else {
                    return (a, .test(result: a, range: value.range, values: []))
                }
                emit(Instruction(op: .missingD, cmp: negated ? 1 : 0, dst: d, a: i))
                result = .register(.bool(d))
            default:
                // Tag sets and computed conditions are never missing; constants are rejected by the checker.
                result = .bool(negated)
            }
            return (result, .test(result: result, range: value.range, values: explainValues([(inner, a)])))
        default:
            // A stored bool fact or a constant used as a condition.
            let a = compile(value)
            let result = Operand.register(.bool(boolRegister(a)))
            return (result, .test(result: result, range: value.range, values: explainValues([(value, a)])))
        }
    }

    private mutating func compare(
        _ op: BinaryOperator,
        _ l: Operand,
        _ r: Operand,
        representation: FactType.Representation
    ) -> Operand {
        var op = op
        var left = l
        var right = r
        // Two computed conditions, or a stored bool against a computed one.
        if case .register(.bool) = left {
            if case .bool(let b) = right {
                let ra = boolRegister(left)
                if b == (op == .equal) { return .register(.bool(ra)) }
                guard case .bool(let d) = newBool() else { return left }
                emit(Instruction(op: .not, dst: d, a: ra))
                return .register(.bool(d))
            }
            let ra = boolRegister(left)
            let rb = boolRegister(right)
            guard case .bool(let d) = newBool() else { return left }
            emit(Instruction(op: op == .equal ? .boolEqual : .boolNotEqual, dst: d, a: ra, b: rb))
            return .register(.bool(d))
        }
        if case .register(.bool) = right { return compare(op, right, left, representation: representation) }
        if case .bool(let b) = right { right = .int(b ? 1 : 0) }
        if case .bool(let b) = left { left = .int(b ? 1 : 0) }
        if isConstant(left), !isConstant(right) {
            swap(&left, &right)
            op = op.mirrored
        }
        let isDouble = representation == .double
        var instruction = Instruction(
            op: isDouble ? .cmpD : .cmpI,
            cmp: Instruction.comparisonCode(op),
            dst: 0,
            a: isDouble ? doubleRegister(left) : intRegister(left)
        )
        operandB(right, into: &instruction, double: isDouble)
        guard case .bool(let d) = newBool() else { return left }
        instruction.dst = d
        emit(instruction)
        return .register(.bool(d))
    }

    private mutating func member(
        _ a: Operand,
        element: Checked,
        constants: [Checked.Constant],
        negated: Bool
    ) -> Operand {
        if element.type.representation == .text {
            // Text lists: a chain of equality tests against dictionary codes.
            let ra = intRegister(a)
            var result: Int32?
            for constant in constants {
                guard case .text(let t) = constant, case .bool(let d) = newBool() else { continue }
                emit(Instruction(op: .cmpI, immediate: true, cmp: 0, dynamic: dynamicIndex(.text(t)), dst: d, a: ra))
                if let previous = result, case .bool(let e) = newBool() {
                    emit(Instruction(op: .or, dst: e, a: previous, b: d))
                    result = e
                } else {
                    result = d
                }
            }
            guard let result else { return .bool(negated) }
            if !negated { return .register(.bool(result)) }
            // "not in": false when the value is missing, like every comparison.
            guard case .bool(let present) = newBool(), case .bool(let n) = newBool(), case .bool(let d) = newBool()
            else {
                return .bool(false)
            }
            emit(Instruction(op: .missingI, cmp: 1, dst: present, a: ra))
            emit(Instruction(op: .not, dst: n, a: result))
            emit(Instruction(op: .and, dst: d, a: present, b: n))
            return .register(.bool(d))
        }
        let isDouble = element.type.representation == .double
        let values: [Int64] = constants.compactMap {
            switch $0 {
            case .int(let v): isDouble ? Int64(bitPattern: Double(v).bitPattern) : v
            case .double(let v): Int64(bitPattern: v.bitPattern)
            default: nil
            }
        }
        program.sets.append(isDouble ? values : values.sorted())
        guard case .bool(let d) = newBool() else { return .bool(false) }
        emit(
            Instruction(
                op: isDouble ? .memberD : .memberI,
                cmp: negated ? 1 : 0,
                dst: d,
                a: isDouble ? doubleRegister(a) : intRegister(a),
                b: Int32(program.sets.count - 1)
            )
        )
        return .register(.bool(d))
    }

    /// The values an explanation shows for a test: each operand that is not a constant, and the
    /// facts inside computed operands.
    private func explainValues(_ operands: [(Checked, Operand)]) -> [ExplainValue] {
        var values: [ExplainValue] = []
        var seen: Set<SourceRange> = []
        func add(_ checked: Checked, _ operand: Operand) {
            guard seen.insert(checked.range).inserted else { return }
            values.append(ExplainValue(range: checked.range, operand: operand, type: checked.type))
        }
        for (checked, operand) in operands {
            if checked.constant != nil { continue }
            add(checked, operand)
            var stack = checked.children
            while let node = stack.popLast() {
                if case .fact(let key) = node.op, let (factOperand, _) = factOperands[key] { add(node, factOperand) }
                stack += node.children
            }
        }
        return values
    }
}
