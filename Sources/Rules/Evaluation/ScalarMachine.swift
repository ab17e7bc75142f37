import CustomerModel

/// Runs a program for one row of a frame: the path for single events, actions, placeholders
/// and explanations.
///
/// Every register keeps its value afterwards, so an explanation can read them.
struct ScalarMachine {
    var ints: [Int64] = []
    var doubles: [Double] = []
    var bools: [Bool] = []

    mutating func run(_ program: Program, code: [Instruction], frame: FactFrame, row: Int, calendar: BankCalendar) {
        run(ScalarPlan(program, code: code), frame: frame, row: row, calendar: calendar)
    }

    /// Runs `plan` for `row`: loads the fact registers, then executes the code on unchecked buffers.
    mutating func run(_ plan: ScalarPlan, frame: FactFrame, row: Int, calendar: BankCalendar) {
        if ints.count < plan.intCount { ints = [Int64](repeating: 0, count: plan.intCount) }
        if doubles.count < plan.doubleCount { doubles = [Double](repeating: 0, count: plan.doubleCount) }
        if bools.count < plan.boolCount { bools = [Bool](repeating: false, count: plan.boolCount) }
        let rows = frame.rowCount
        ints.withUnsafeMutableBufferPointer { ints in
            doubles.withUnsafeMutableBufferPointer { doubles in
                bools.withUnsafeMutableBufferPointer { bools in
                    frame.ints.withUnsafeBufferPointer { columns in
                        for load in plan.intLoads { ints[Int(load.register)] = columns[Int(load.column) * rows + row] }
                    }
                    frame.doubles.withUnsafeBufferPointer { columns in
                        for load in plan.doubleLoads {
                            doubles[Int(load.register)] = columns[Int(load.column) * rows + row]
                        }
                    }
                    Self.execute(
                        plan,
                        ints: ints,
                        doubles: doubles,
                        bools: bools,
                        frame: frame,
                        row: row,
                        calendar: calendar
                    )
                }
            }
        }
    }

    private static func execute(
        _ plan: ScalarPlan,
        ints: UnsafeMutableBufferPointer<Int64>,
        doubles: UnsafeMutableBufferPointer<Double>,
        bools: UnsafeMutableBufferPointer<Bool>,
        frame: FactFrame,
        row: Int,
        calendar: BankCalendar
    ) {
        func double(_ instruction: Instruction, _ b: Int) -> Double {
            instruction.immediate ? Double(bitPattern: UInt64(bitPattern: instruction.k)) : doubles[b]
        }
        plan.code.withUnsafeBufferPointer { code in
            var pc = 0
            while pc < code.count {
                let instruction = code[pc]
                pc += 1
                let d = Int(instruction.dst)
                let a = Int(instruction.a)
                let b = Int(instruction.b)
                let k = instruction.k
                switch instruction.op {
                case .addI: ints[d] = Semantics.add(ints[a], instruction.immediate ? k : ints[b])
                case .subI: ints[d] = Semantics.subtract(ints[a], instruction.immediate ? k : ints[b])
                case .mulI: ints[d] = Semantics.multiply(ints[a], instruction.immediate ? k : ints[b])
                case .negI: ints[d] = Semantics.negate(ints[a])
                case .addD: doubles[d] = Semantics.finite(doubles[a] + double(instruction, b))
                case .subD: doubles[d] = Semantics.finite(doubles[a] - double(instruction, b))
                case .mulD: doubles[d] = Semantics.finite(doubles[a] * double(instruction, b))
                case .divD:
                    let divisor = double(instruction, b)
                    doubles[d] = divisor == 0 ? .nan : Semantics.finite(doubles[a] / divisor)
                case .negD: doubles[d] = -doubles[a]
                case .toDouble: doubles[d] = Semantics.toDouble(ints[a])
                case .scaleMulI: ints[d] = Semantics.scale(ints[a], by: double(instruction, b))
                case .scaleDivI: ints[d] = Semantics.scale(ints[a], dividedBy: double(instruction, b))
                case .ratio: doubles[d] = Semantics.ratio(ints[a], instruction.immediate ? k : ints[b])
                case .cmpI: bools[d] = Semantics.compare(instruction.cmp, ints[a], instruction.immediate ? k : ints[b])
                case .cmpD: bools[d] = Semantics.compare(instruction.cmp, doubles[a], double(instruction, b))
                case .memberI:
                    let v = ints[a]
                    let found: Bool
                    if let mask = plan.masks[b] {
                        found = UInt64(bitPattern: v) < 64 && (mask >> UInt64(bitPattern: v)) & 1 == 1
                    } else {
                        found = plan.sets[b].withUnsafeBufferPointer { Semantics.contains($0, v) }
                    }
                    bools[d] = v != Semantics.missing && (found != (instruction.cmp == 1))
                case .memberD:
                    let v = doubles[a]
                    let found = plan.sets[b].contains { Double(bitPattern: UInt64(bitPattern: $0)) == v }
                    bools[d] = !v.isNaN && (found != (instruction.cmp == 1))
                case .hasTag:
                    let has = k >= 0 && frame.tagBitmaps[Int(k)].bit(row)
                    bools[d] = has != (instruction.cmp == 1)
                case .missingI: bools[d] = (ints[a] == Semantics.missing) != (instruction.cmp == 1)
                case .missingD: bools[d] = doubles[a].isNaN != (instruction.cmp == 1)
                case .truth: bools[d] = ints[a] == 1
                case .and: bools[d] = bools[a] && bools[b]
                case .or: bools[d] = bools[a] || bools[b]
                case .not: bools[d] = !bools[a]
                case .boolEqual: bools[d] = bools[a] == bools[b]
                case .boolNotEqual: bools[d] = bools[a] != bools[b]
                case .shiftDay:
                    ints[d] = Semantics.shift(
                        ints[a],
                        by: plan.durations[b],
                        backwards: instruction.cmp == 1,
                        on: calendar
                    )
                case .constI: ints[d] = k
                case .constD: doubles[d] = Double(bitPattern: UInt64(bitPattern: k))
                case .constB: bools[d] = k != 0
                case .jumpUnless:
                    if !bools[a] {
                        bools[d] = false
                        pc = max(pc, Int(k))
                    }
                }
            }
        }
    }

    /// The value of `operand` after a run, as a fact value of `type`.
    func value(
        _ operand: Operand,
        type: FactType,
        frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay
    ) -> FactValue {
        switch operand {
        case .register(.int(let r)): return FactValue(int: ints[Int(r)], type: type, dictionary: frame.dictionary)
        case .register(.double(let r)):
            let x = doubles[Int(r)]
            return x.isNaN ? .missing : type == .percent ? .percent(x) : .number(x)
        case .register(.bool(let r)): return .bool(bools[Int(r)])
        case .register(.tags(let column)):
            return frame.value(of: FactLayout.Column(type: .tagset, index: Int(column)), row: row)
        case .int(let v): return FactValue(int: v, type: type, dictionary: frame.dictionary)
        case .double(let v): return type == .percent ? .percent(v) : .number(v)
        case .bool(let b): return .bool(b)
        case .dynamic(.text(let t)): return .text(t)
        case .dynamic(.today): return .day(evaluation.day)
        case .dynamic(.durationDays(let literal)): return .duration(days: evaluation.days(literal))
        }
    }
}

/// A program bound for one evaluation day and prepared for repeated one-row runs: its code with
/// constants resolved and the list of fact registers to load.
///
/// A class, so the engine's cache hands
/// it out with one reference count rather than one per array.
final class ScalarPlan: Sendable {
    let code: [Instruction]
    let intLoads: [(register: Int32, column: Int32)]
    let doubleLoads: [(register: Int32, column: Int32)]
    let intCount: Int
    let doubleCount: Int
    let boolCount: Int
    let sets: [[Int64]]
    /// Sets of small values (enumeration positions) as bit masks.
    let masks: [UInt64?]
    let durations: [DurationLiteral]
    let result: Register

    init(_ program: Program, code: [Instruction]) {
        self.code = code
        var intLoads: [(register: Int32, column: Int32)] = []
        for (i, source) in program.intSources.enumerated() {
            if case .column(let c) = source { intLoads.append((Int32(i), Int32(c))) }
        }
        var doubleLoads: [(register: Int32, column: Int32)] = []
        for (i, source) in program.doubleSources.enumerated() {
            if case .column(let c) = source { doubleLoads.append((Int32(i), Int32(c))) }
        }
        self.intLoads = intLoads
        self.doubleLoads = doubleLoads
        intCount = program.intSources.count
        doubleCount = program.doubleSources.count
        boolCount = program.boolCount
        sets = program.sets
        masks = program.sets.map { set in
            guard set.allSatisfy({ $0 >= 0 && $0 < 64 }) else { return nil }
            return set.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
        }
        durations = program.durations
        result = program.result
    }
}
