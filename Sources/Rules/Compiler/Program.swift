import CustomerModel

/// The operations of the rule machine.
///
/// Each reads registers (or an immediate constant) and
/// writes one register; there are no jumps, so every program runs in time linear in its length.
enum OpCode: UInt8, Sendable {
    // Int64 arithmetic; missing (Int64.min) in gives missing out, overflow gives missing.
    case addI, subI, mulI, negI
    // Double arithmetic; NaN is missing, a non-finite result becomes missing.
    case addD, subD, mulD, divD, negD
    /// Int register to double register (missing stays missing).
    case toDouble
    /// Money (int) times a double, rounded to the minor unit.
    case scaleMulI
    /// Money (int) divided by a double, rounded to the minor unit (division by zero gives missing).
    case scaleDivI
    /// Int divided by int giving a double (division by zero gives missing).
    case ratio
    /// Compare ints (`cmp` holds the operator); missing on either side gives false.
    case cmpI
    /// Compare doubles; NaN on either side gives false.
    case cmpD
    /// Int register in the sorted constant set `b` of the program (`flag` 1: negated); missing gives false.
    case memberI
    /// Double register in the constant set `b`.
    case memberD
    /// Tag column `a` holds the tag whose code is the immediate (`flag` 1: negated).
    case hasTag
    /// Whether int register `a` is missing (`flag` 1: is not missing).
    case missingI
    /// Whether double register `a` is missing.
    case missingD
    /// Int register `a` (a stored bool: 0, 1 or missing) is 1.
    case truth
    /// Boolean and, or, not, equality.
    case and, or, not, boolEqual, boolNotEqual
    /// Move day register `a` by the program's duration `b` (`cmp` 1: backwards) on the bank calendar.
    case shiftDay
    /// Fill an int register with the immediate.
    case constI
    /// Fill a double register with the immediate (bits).
    case constD
    /// Fill a bool register with the immediate.
    case constB
    /// When bool register `a` is false, set bool register `dst` false and continue at instruction
    /// ``Instruction/k`` (a short-circuit of the engine's fused event plans; forward only).
    case jumpUnless
}

/// One instruction: `dst = op(a, b or immediate)`.
struct Instruction: Hashable, Sendable {
    var op: OpCode
    /// 1 when operand b is the immediate ``k`` rather than a register.
    var immediate: Bool = false
    /// For comparisons, the operator; for member, tag and missing tests, 1 means negated.
    var cmp: UInt8 = 0
    /// When non-negative, ``k`` is resolved from the program's dynamic constant with this index at bind time.
    var dynamic: Int32 = -1
    var dst: Int32
    var a: Int32 = 0
    var b: Int32 = 0
    /// The immediate: an Int64, or a Double's bit pattern.
    var k: Int64 = 0

    static func comparisonCode(_ op: BinaryOperator) -> UInt8 {
        switch op {
        case .equal: 0
        case .notEqual: 1
        case .less: 2
        case .lessOrEqual: 3
        case .greater: 4
        default: 5
        }
    }
}

/// A value known only when a program is bound to an evaluation: a duration in days back from the
/// evaluation day, the day itself, or a text or tag code from the frame's dictionary.
enum DynamicConstant: Hashable, Sendable {
    case durationDays(DurationLiteral)
    case today
    case text(String)
}

/// Where an int or double register's values come from.
enum RegisterSource: Hashable, Sendable {
    /// A column of the fact frame (the layout's int or double column index).
    case column(Int)
    /// Computed by an instruction.
    case temporary
}

/// A register of a program, by storage class.
enum Register: Hashable, Sendable {
    case int(Int32)
    case double(Int32)
    case bool(Int32)
    /// A tag-set column of the frame.
    case tags(Int32)
}

/// A compiled expression: registers, straight-line code and the register holding the result.
struct Program: Sendable {
    var intSources: [RegisterSource] = []
    var doubleSources: [RegisterSource] = []
    var boolCount = 0
    var code: [Instruction] = []
    var dynamics: [DynamicConstant] = []
    /// Sorted constant sets for `memberI` (as Int64) and `memberD` (as Double bits).
    var sets: [[Int64]] = []
    /// Durations for `shiftDay`.
    var durations: [DurationLiteral] = []
    var result: Register = .bool(0)
    /// The fact columns the program reads, for the frame builder.
    var intColumns: [Int] { intSources.compactMap { if case .column(let c) = $0 { c } else { nil } } }
}
