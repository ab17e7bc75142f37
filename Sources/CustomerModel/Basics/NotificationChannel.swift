/// How a notification travels to a member of staff: one vocabulary for rule actions
/// (`notify(rm, sms)`), ``OutboundNotification`` and every ``NotificationSink``.
///
/// The raw values are the words rules write. New channels may be added: switch with a `default`.
public enum NotificationChannel: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Text message.
    case sms
    /// E-mail.
    case email
    /// WeChat (enterprise).
    case wechat
    /// The RM workbench's inbox (the bank's staff app).
    case workbench

    /// The channel named `word` in rule text or configuration; accepts the older spelling `app`
    /// for ``workbench``.
    public init?(ruleWord word: String) {
        if word == "app" {
            self = .workbench
            return
        }
        self.init(rawValue: word)
    }

    /// The word rules write (`workbench`).
    public var description: String { rawValue }
}
