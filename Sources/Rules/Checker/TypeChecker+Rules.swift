import CustomerModel

extension TypeChecker {
    /// Checks a whole rule; `nil` when it has errors (all of them reported).
    mutating func check(_ rule: RuleSyntax, order: Int) -> CheckedRule? {
        let before = diagnostics.count
        var trigger: RuleTrigger?
        if let syntax = rule.trigger {
            triggerText = text(syntax.range)
            trigger = check(syntax)
            scope = trigger?.scope
        } else {
            scope = nil
        }
        defer { scope = nil }
        var condition: Checked?
        if let syntax = rule.condition {
            condition = self.condition(syntax)
            if case .constant(.bool(let b))? = condition?.op {
                error(.typeMismatch, syntax.range, "this condition is always \(b); it does not depend on any fact")
            }
        }
        var tierChange: TierChangeFilter?
        if let filter = rule.trigger?.tierChange, trigger == .event(.tierChange),
            let (checked, moves) = self.tierChange(filter, range: rule.trigger?.range ?? rule.range)
        {
            tierChange = moves
            if let given = condition {
                condition = Checked(.and(checked, given), .bool, given.range)
            } else if rule.condition == nil {
                condition = checked
            }
        }
        var actions: [CheckedAction] = []
        for action in rule.actions {
            if let checked = check(action) { actions.append(checked) }
        }
        var dedupe: [CheckedDedupeKey] = []
        for key in rule.dedupe ?? [] {
            if case .name("client") = key.kind {
                dedupe.append(.client)
            } else if let value = check(key) {
                if value.type == .tagset || value.type == .bool || value.constant != nil {
                    error(
                        .typeMismatch,
                        key.range,
                        "dedupe by a fact that names the cause, such as client or maturity.holding"
                    )
                } else {
                    dedupe.append(.value(value, source: text(key.range)))
                }
            }
        }
        if let version = rule.version, version.value < 0 {
            error(.syntax, version.range, "a version is a whole number from 0")
        }
        if let cooldown = rule.cooldown, cooldown.value.amount == 0 {
            error(.syntax, cooldown.range, "a cooldown of zero does nothing; leave the clause out")
        }
        guard diagnostics.count == before, let trigger else { return nil }
        return CheckedRule(
            name: rule.name,
            nameRange: rule.nameRange,
            range: rule.range,
            version: rule.version?.value ?? 1,
            owner: rule.owner?.value,
            priority: rule.priority?.value ?? 0,
            effectiveFrom: rule.effectiveFrom?.value,
            effectiveUntil: rule.effectiveUntil?.value,
            trigger: trigger,
            tierChange: tierChange,
            condition: condition,
            conditionSource: rule.condition.map { text($0.range) },
            actions: actions,
            cooldown: rule.cooldown?.value,
            dedupe: dedupe,
            order: order
        )
    }

    // MARK: Triggers

    mutating func check(_ trigger: TriggerSyntax) -> RuleTrigger? {
        switch trigger.kind {
        case .event(let words):
            guard let kind = RuleEventKind.allCases.first(where: { $0.phrase == words.value }) else {
                let phrases = RuleEventKind.allCases.map(\.phrase)
                let suggestion =
                    EditDistance.closest(to: words.value, in: phrases).map { "did you mean 'on \($0)'? " } ?? ""
                error(
                    .trigger,
                    words.range,
                    "unknown event '\(words.value)'; \(suggestion)events are: \(phrases.joined(separator: ", "))"
                )
                return nil
            }
            return .event(kind)
        case .daily(let at):
            return .schedule(Schedule(.daily, minuteOfDay: at?.value ?? 0))
        case .weekly(let day, let at):
            let names = Weekday.allCases.map { String(describing: $0) }
            guard let index = names.firstIndex(of: day.value.lowercased()) else {
                error(.trigger, day.range, "'\(day.value)' is not a day of the week; write monday ... sunday")
                return nil
            }
            return .schedule(Schedule(.weekly(Weekday.allCases[index]), minuteOfDay: at?.value ?? 0))
        case .monthly(let day, let at):
            guard (1...31).contains(day.value) else {
                error(.trigger, day.range, "a day of the month is 1 to 31 (31 runs on each month's last day)")
                return nil
            }
            return .schedule(Schedule(.monthly(day: day.value), minuteOfDay: at?.value ?? 0))
        case .relative(let syntax):
            return relative(syntax)
        case .streak(let count, let unit, let activity):
            guard (1...120).contains(count.value) else {
                error(.trigger, count.range, "a streak is 1 to 120 periods long")
                return nil
            }
            guard let unit = Self.unit(unit.value, allowBusiness: false) else {
                error(.trigger, unit.range, "a streak counts days, weeks or months, not '\(unit.value)'")
                return nil
            }
            var word = activity.value
            if word.hasSuffix("s") { word.removeLast() }
            guard let kind = ActivityKind(rawValue: word) else {
                let names = ActivityKind.allCases.map(\.rawValue)
                let suggestion =
                    EditDistance.closest(to: activity.value, in: names).map { "did you mean '\($0)'? " } ?? ""
                error(
                    .trigger,
                    activity.range,
                    "unknown activity '\(activity.value)'; \(suggestion)a streak counts periods with no \(names.joined(separator: ", "))"
                )
                return nil
            }
            return .streak(StreakTrigger(count: count.value, unit: unit, activity: kind))
        }
    }

    /// The condition an `on tier change from X to Y up` trigger adds to its rule: `tier.previous = X`,
    /// `tier = Y`, `tier > tier.previous` on one ladder; `nil` after reporting an unknown tier.
    mutating func tierChange(_ filter: TierChangeSyntax, range: SourceRange) -> (Checked, TierChangeFilter)? {
        guard let type = catalogue.tierType, let previous = catalogue["tier.previous"] else {
            error(.trigger, range, "the rules' catalogue has no tier ladders; give it ladders with use(ladders:)")
            return nil
        }
        var tests: [Checked] = []
        var moves = TierChangeFilter()
        var ok = true
        for (written, fact) in [(filter.from, previous.name), (filter.to, "tier")] {
            guard let written else { continue }
            guard let value = enumerationValue(written.value, of: type, range: written.range) else {
                ok = false
                continue
            }
            let read = Checked(.fact(.attribute(fact)), .enumeration(type), written.range)
            tests.append(Checked(.compare(.equal, read, value), .bool, written.range))
            if fact == "tier" { moves.to = written.value } else { moves.from = written.value }
        }
        if let direction = filter.direction {
            let now = Checked(.fact(.attribute("tier")), .enumeration(type), direction.range)
            let before = Checked(.fact(.attribute(previous.name)), .enumeration(type), direction.range)
            let up = direction.value == "up"
            tests.append(ladderCompare(up ? .greater : .less, now, before, type: type, range: direction.range))
            moves.direction = up ? .up : .down
        }
        guard ok, let first = tests.first else { return nil }
        return (tests.dropFirst().reduce(first) { Checked(.and($0, $1), .bool, range) }, moves)
    }

    static func unit(_ word: String, allowBusiness: Bool) -> DurationUnit? {
        switch word {
        case "day", "days": .days
        case "week", "weeks": .weeks
        case "month", "months": .months
        case "business day", "business days": allowBusiness ? .businessDays : nil
        default: nil
        }
    }

    mutating func relative(_ syntax: RelativeTriggerSyntax) -> RuleTrigger? {
        var ok = true
        guard let unit = Self.unit(syntax.unit.value, allowBusiness: true) else {
            error(
                .trigger,
                syntax.unit.range,
                "the offsets are in days, business days, weeks or months, not '\(syntax.unit.value)'"
            )
            return nil
        }
        var seen: Set<Int> = []
        for offset in syntax.offsets {
            if offset.value > 3660 {
                error(.trigger, offset.range, "an offset is at most 3660 \(unit.name)")
                ok = false
            }
            if !seen.insert(offset.value).inserted {
                error(.trigger, offset.range, "the offset \(offset.value) is listed twice")
                ok = false
            }
        }
        let anchor: DateAnchor
        switch syntax.anchor.value {
        case "maturity", "maturities": anchor = .maturity
        case "birthday", "birthdays": anchor = .birthday
        case "anniversary", "wedding anniversary": anchor = .weddingAnniversary
        case "signing anniversary": anchor = .signingAnniversary
        default:
            let phrases = DateAnchor.allCases.map(\.phrase)
            let suggestion =
                EditDistance.closest(to: syntax.anchor.value, in: phrases).map { "did you mean '\($0)'? " } ?? ""
            error(
                .trigger,
                syntax.anchor.range,
                "unknown date '\(syntax.anchor.value)'; \(suggestion)a date trigger counts towards each \(phrases.joined(separator: ", "))"
            )
            return nil
        }
        var products: Set<ProductType> = []
        if !syntax.products.isEmpty, anchor != .maturity {
            error(.trigger, syntax.products[0].range, "'of <product>' applies to maturities only")
            ok = false
        }
        for product in syntax.products where anchor == .maturity {
            guard let ordinal = EnumerationType.productType.ordinal(of: product.value) else {
                let values = EnumerationType.productType.values
                let suggestion =
                    EditDistance.closest(to: product.value, in: values).map { " (did you mean '\($0)'?)" } ?? ""
                error(
                    .unknownValue,
                    product.range,
                    "unknown product '\(product.value)'\(suggestion); allowed values: \(values.joined(separator: ", "))"
                )
                ok = false
                continue
            }
            products.insert(ProductType.allCases[ordinal])
        }
        if let household = syntax.household, anchor == .maturity || anchor == .signingAnniversary {
            error(.trigger, household.range, "'in household' applies to birthdays and wedding anniversaries only")
            ok = false
        }
        guard ok else { return nil }
        return .dateRelative(
            DateRelativeTrigger(
                offsets: syntax.offsets.map(\.value).sorted(by: >),
                unit: unit,
                isBefore: syntax.isBefore,
                anchor: anchor,
                products: products,
                includesHousehold: syntax.household != nil,
                minuteOfDay: syntax.at?.value ?? 0
            )
        )
    }

    // MARK: Actions

    static let actionNames = ["notify", "task", "open_process", "add_tag", "remove_tag", "flag"]

    mutating func check(_ action: ActionSyntax) -> CheckedAction? {
        let arguments = action.arguments
        func usage(_ text: String) { error(.arguments, action.range, text) }
        for argument in arguments where argument.filter != nil {
            error(
                .arguments,
                argument.range,
                "'where' is only used inside aggregates such as count(... where ..., 30d)"
            )
            return nil
        }
        switch action.name {
        case "notify":
            guard (2...3).contains(arguments.count), arguments.allSatisfy({ $0.label == nil }) else {
                usage(
                    "notify takes a recipient, a channel and optionally a message: notify(rm, sms, \"AUM of {name} fell\")"
                )
                return nil
            }
            let recipient = self.recipient(arguments[0])
            let channel = self.channel(arguments[1])
            let message = arguments.count == 3 ? template(arguments[2]) : nil
            guard let recipient, let channel, arguments.count == 2 || message != nil else { return nil }
            return .notify(recipient: recipient, channel: channel, message: message)
        case "task":
            guard (2...3).contains(arguments.count), arguments.allSatisfy({ $0.label == nil }) else {
                usage(
                    "task takes a recipient, a title and optionally the time to do it: task(rm, \"Call {name}\", 2bd)"
                )
                return nil
            }
            let recipient = self.recipient(arguments[0])
            let title = template(arguments[1])
            var due: DurationLiteral?
            if arguments.count == 3 {
                guard case .duration(let d) = arguments[2].value.kind else {
                    error(.arguments, arguments[2].range, "the time to do a task is a duration such as 2bd or 7d")
                    return nil
                }
                due = d
            }
            guard let recipient, let title else { return nil }
            return .task(recipient: recipient, title: title, due: due)
        case "open_process":
            guard let first = arguments.first, first.label == nil,
                let name = plainString(first, what: "the process name")
            else {
                if arguments.isEmpty {
                    usage(
                        "open_process takes a process name and labelled parameters: open_process(\"renewal\", product: maturity.product)"
                    )
                }
                return nil
            }
            var parameters: [(label: String, value: Checked, source: String)] = []
            var labels: Set<String> = []
            var failed = false
            for argument in arguments.dropFirst() {
                guard let label = argument.label else {
                    error(.arguments, argument.range, "process parameters are labelled, as in amount: maturity.amount")
                    failed = true
                    continue
                }
                if !labels.insert(label).inserted {
                    error(.arguments, argument.range, "the parameter '\(label)' is given twice")
                    failed = true
                }
                guard let value = check(argument.value) else {
                    failed = true
                    continue
                }
                parameters.append((label, value, text(argument.value.range)))
            }
            return failed ? nil : .openProcess(name: name, parameters: parameters)
        case "add_tag":
            guard (1...2).contains(arguments.count), let name = plainString(arguments[0], what: "the tag name") else {
                if arguments.isEmpty || arguments.count > 2 {
                    usage(
                        "add_tag takes a tag name and optionally how long it lasts: add_tag(\"frequent flyer\", 180d)"
                    )
                }
                return nil
            }
            var expiry: DurationLiteral?
            if arguments.count == 2 {
                guard case .duration(let d) = arguments[1].value.kind else {
                    error(.arguments, arguments[1].range, "how long a tag lasts is a duration such as 90d or 6mo")
                    return nil
                }
                expiry = d
            }
            return .addTag(name, expiresAfter: expiry)
        case "remove_tag", "flag":
            guard arguments.count == 1,
                let name = plainString(arguments[0], what: action.name == "flag" ? "the flag" : "the tag name")
            else {
                if arguments.count != 1 {
                    usage("\(action.name) takes one name in double quotes: \(action.name)(\"dormant warning\")")
                }
                return nil
            }
            return action.name == "flag" ? .flag(name) : .removeTag(name)
        default:
            let suggestion =
                EditDistance.closest(to: action.name, in: Self.actionNames).map { "did you mean '\($0)'? " } ?? ""
            error(
                .unknownFunction,
                action.nameRange,
                "unknown action '\(action.name)'; \(suggestion)actions are: \(Self.actionNames.joined(separator: ", "))"
            )
            return nil
        }
    }

    mutating func plainString(_ argument: Expression.Argument, what: String) -> String? {
        guard argument.label == nil, case .string(let template) = argument.value.kind, let text = template.plainText,
            !text.isEmpty
        else {
            error(.arguments, argument.range, "\(what) is plain text in double quotes")
            return nil
        }
        return text
    }

    mutating func recipient(_ argument: Expression.Argument) -> Recipient? {
        switch argument.value.kind {
        case .name(let role):
            switch role {
            case "rm": return .relationshipManager
            case "branch_head": return .branchHead
            case "service_team": return .serviceTeam
            default:
                let suggestion =
                    EditDistance.closest(to: role, in: Recipient.roleNames).map { "did you mean '\($0)'? " } ?? ""
                error(
                    .unknownRole,
                    argument.range,
                    "unknown role '\(role)'; \(suggestion)recipients are rm, branch_head, service_team or group \"name\""
                )
                return nil
            }
        case .call("group", _, let inner):
            if let name = inner.first.flatMap({ plainString($0, what: "a group name") }) { return .group(name) }
            return nil
        default:
            error(
                .unknownRole,
                argument.range,
                "expected a recipient: rm, branch_head, service_team or group \"name\", not '\(text(argument.range))'"
            )
            return nil
        }
    }

    mutating func channel(_ argument: Expression.Argument) -> NotificationChannel? {
        let names = NotificationChannel.allCases.map(\.ruleName)
        guard case .name(let word) = argument.value.kind, let channel = NotificationChannel(ruleWord: word) else {
            let written = text(argument.range)
            let suggestion = EditDistance.closest(to: written, in: names).map { "did you mean '\($0)'? " } ?? ""
            error(
                .unknownChannel,
                argument.range,
                "unknown channel '\(written)'; \(suggestion)channels are \(names.joined(separator: ", "))"
            )
            return nil
        }
        return channel
    }

    mutating func template(_ argument: Expression.Argument) -> CheckedTemplate? {
        guard argument.label == nil, case .string(let template) = argument.value.kind else {
            error(
                .arguments,
                argument.range,
                "a message is text in double quotes, with facts in {braces}: \"AUM of {name} fell\""
            )
            return nil
        }
        var parts: [CheckedTemplate.Part] = []
        var failed = false
        for part in template.parts {
            switch part {
            case .text(let t): parts.append(.text(t))
            case .expression(let expression):
                guard let value = check(expression) else {
                    failed = true
                    continue
                }
                if value.type == .bool {
                    error(
                        .template,
                        expression.range,
                        "a placeholder shows a value; '\(text(expression.range))' is a condition"
                    )
                    failed = true
                    continue
                }
                parts.append(.value(value, source: text(expression.range)))
            }
        }
        return failed ? nil : CheckedTemplate(parts: parts)
    }
}
