import Foundation

/// Tells the library what time it is.
///
/// The library never reads the system time any other way.
///
/// Read ``now`` once per operation, when the operation runs, never at construction. Production
/// hosts pass ``SystemClock`` (`clock: .system`); tests pass a `ManualClock` from
/// `CustomerModelTesting` and move time by hand.
public protocol WallClock: Sendable {
    /// The current instant.
    var now: Instant { get }
}

/// The system's real-time clock: the only place in Clientele that reads the time of day.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant from the operating system.
    public var now: Instant {
        Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

extension WallClock where Self == SystemClock {
    /// The system's real-time clock.
    public static var system: SystemClock { SystemClock() }
}

/// A clock that always reads one instant: for running the library as of a past moment (a
/// backfill of a missed night, a report as of a date) and for demonstrations of a fixed day.
///
/// Tests that move time use `ManualClock` from `CustomerModelTesting` instead.
///
/// ```swift
/// let clock = FixedClock(at: calendar.start(of: day, plusMinutes: 18 * 60))
/// let bank = InMemoryBank(clock: clock, calendar: calendar)
/// ```
public struct FixedClock: WallClock, Hashable {
    /// The instant this clock always reads.
    public let now: Instant

    /// Creates a clock that always reads `instant`.
    public init(at instant: Instant) { now = instant }
}

extension WallClock where Self == FixedClock {
    /// A clock that always reads `instant`.
    public static func fixed(at instant: Instant) -> FixedClock { FixedClock(at: instant) }
}
