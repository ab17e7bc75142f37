public import CustomerModel
public import Rules

/// A versioned segmentation policy: tier ladders with multi-criteria entry conditions and
/// service models, classification dimensions, ad-hoc segments, exit triggers and the rules of
/// movement, validated and compiled when made.
///
/// Every condition is written in the rule condition language and compiled by the rules
/// compiler against the policy's fact catalogue, so a policy in hand always evaluates. Load
/// one from JSON with ``init(json:catalogue:ladders:)`` (errors carry lines and columns) or
/// build it in code:
///
/// ```swift
/// let policy = try SegmentationPolicy(
///     name: "vip", version: 3,
///     ladders: [LadderPolicy(ladder: .individualVIP, kind: .individual, tiers: [...])],
///     segments: [SegmentDefinition(name: "young_affluent", condition: "age < 40 and aum >= 1m CNY")])
/// ```
///
/// The version identifies the policy in every recorded evaluation and move; a new version of
/// the same policy is a new value, tried with a dry run before it is adopted.
public struct SegmentationPolicy: Sendable {
    /// The policy's name (`vip-segmentation`).
    public let name: String
    /// The version, recorded with every evaluation and move.
    public let version: Int
    /// The ladders, one per kind of client at most.
    public let ladders: [LadderPolicy]
    /// The ad-hoc segments.
    public let segments: [SegmentDefinition]
    /// The classification dimensions.
    public let dimensions: [ClassificationDimension]
    /// The exit triggers.
    public let exits: [ExitTrigger]
    /// How tiers move.
    public let movement: MovementRules
    /// The conditions, compiled.
    let conditions: PolicyConditions

    /// Creates a policy, validating and compiling every condition.
    /// - Parameters:
    ///   - name: the policy's name.
    ///   - version: its version (from 1).
    ///   - ladders: the ladders, one per kind of client at most.
    ///   - segments: ad-hoc segments.
    ///   - dimensions: classification dimensions.
    ///   - exits: exit triggers.
    ///   - movement: how tiers move.
    ///   - catalogue: the facts conditions may read (the standard catalogue unless told); the
    ///     policy's ladders are added to it for `tier` comparisons.
    /// - Throws: ``SegmentationPolicyError`` with every problem found.
    public init(
        name: String,
        version: Int,
        ladders: [LadderPolicy],
        segments: [SegmentDefinition] = [],
        dimensions: [ClassificationDimension] = [],
        exits: [ExitTrigger] = [],
        movement: MovementRules = MovementRules(),
        catalogue: FactCatalogue = .standard()
    ) throws(SegmentationPolicyError) {
        try self.init(
            name: name,
            version: version,
            ladders: ladders,
            segments: segments,
            dimensions: dimensions,
            exits: exits,
            movement: movement,
            catalogue: catalogue,
            positions: [:]
        )
    }

    init(
        name: String,
        version: Int,
        ladders: [LadderPolicy],
        segments: [SegmentDefinition],
        dimensions: [ClassificationDimension],
        exits: [ExitTrigger],
        movement: MovementRules,
        catalogue: FactCatalogue,
        positions: [String: PolicyTextPosition]
    ) throws(SegmentationPolicyError) {
        var problems = PolicyValidator.validate(
            name: name,
            version: version,
            ladders: ladders,
            segments: segments,
            dimensions: dimensions,
            exits: exits
        )
        var compiled: PolicyConditions?
        if problems.isEmpty {
            do throws(SegmentationPolicyError) {
                compiled = try PolicyConditions(
                    ladders: ladders,
                    segments: segments,
                    dimensions: dimensions,
                    exits: exits,
                    catalogue: catalogue
                )
            } catch {
                problems = error.problems
            }
        }
        guard problems.isEmpty, let compiled else {
            throw SegmentationPolicyError(problems.map { Self.locate($0, in: positions) })
        }
        self.name = name
        self.version = version
        self.ladders = ladders
        self.segments = segments
        self.dimensions = dimensions
        self.exits = exits
        self.movement = movement
        self.conditions = compiled
    }

    /// The ladder policy for clients of `kind`, if the policy has one.
    public func ladder(for kind: CustomerKind) -> LadderPolicy? { ladders.first { $0.kind == kind } }

    /// The catalogue the conditions were compiled against (with the policy's ladders).
    public var catalogue: FactCatalogue { conditions.rules.catalogue }

    /// `vip v3`.
    public var identifier: PolicyVersion { PolicyVersion(name: name, version: version) }

    /// Adds the JSON line and column to a problem whose path has a known position; for a
    /// condition, the position of the problem inside the condition's text.
    static func locate(_ problem: PolicyProblem, in positions: [String: PolicyTextPosition]) -> PolicyProblem {
        var located = problem
        guard located.line == nil, let position = positions[problem.path] else { return located }
        located.line = position.line
        located.column = position.column + (position.isString ? problem.conditionColumn ?? 0 : 0)
        return located
    }
}

/// A policy's name and version, as recorded with evaluations and moves.
public struct PolicyVersion: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The policy's name.
    public var name: String
    /// The version.
    public var version: Int

    /// Creates an identifier.
    public init(name: String, version: Int) {
        self.name = name
        self.version = version
    }

    /// Orders by name, then version.
    public static func < (lhs: PolicyVersion, rhs: PolicyVersion) -> Bool {
        (lhs.name, lhs.version) < (rhs.name, rhs.version)
    }

    /// `vip v3`.
    public var description: String { "\(name) v\(version)" }
}

/// Where a field of a policy's JSON text starts; for a string, its opening quote.
struct PolicyTextPosition: Hashable, Sendable {
    var line: Int
    var column: Int
    var isString: Bool
}
