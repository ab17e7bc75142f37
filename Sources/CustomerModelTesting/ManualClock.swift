public import CustomerModel
import Synchronization

/// A ``/CustomerModel/WallClock`` that moves only when told: for deterministic tests, the demo and
/// simulations of a whole year.
public final class ManualClock: WallClock {
    private let current: Mutex<Instant>

    /// Creates a clock reading `start`.
    public init(start: Instant) { current = Mutex(start) }

    /// The instant the clock was last set to.
    public var now: Instant { current.withLock { $0 } }

    /// Moves the clock forward by `seconds` (backward when negative).
    public func advance(bySeconds seconds: Int64) { current.withLock { $0 = $0.adding(seconds: seconds) } }

    /// Sets the clock to `instant`.
    public func set(to instant: Instant) { current.withLock { $0 = instant } }
}
