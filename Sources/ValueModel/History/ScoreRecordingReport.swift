/// What recording a batch of scores did: how many records were new, already stored, or replaced.
public struct ScoreRecordingReport: Hashable, Sendable, Codable {
    /// Records whose key was not stored before: now stored.
    public var recorded: Int
    /// Records stored already with the same content (or repeated within the batch): ignored.
    public var unchanged: Int
    /// Records whose key was stored with other content and that replaced it (only when replacing was asked).
    public var replaced: Int

    /// Creates a report.
    public init(recorded: Int, unchanged: Int, replaced: Int) {
        self.recorded = recorded
        self.unchanged = unchanged
        self.replaced = replaced
    }
}
