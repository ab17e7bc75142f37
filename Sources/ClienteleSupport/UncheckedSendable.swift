/// A value handed to concurrent workers that use it without data races.
///
/// `@unchecked Sendable` because the compiler cannot see the promise that makes sharing safe:
/// the workers of ``ParallelWork/run(_:_:)`` only read shared inputs and write outputs no other
/// worker writes, and the value outlives them (they finish inside the call).
package struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The shared value.
    package let value: Value

    /// Wraps `value` for the workers of one ``ParallelWork/run(_:_:)`` call.
    package init(_ value: Value) { self.value = value }

    /// Wraps `value` for the workers of one ``ParallelWork/run(_:_:)`` call.
    package init(value: Value) { self.value = value }
}
