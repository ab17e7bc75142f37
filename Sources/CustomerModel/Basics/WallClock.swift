import Foundation

/// Tells the library what time it is. The library never reads the system time any other way.
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
