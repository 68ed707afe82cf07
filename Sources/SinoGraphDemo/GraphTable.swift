import SinoGraph

/// The `table` format of `extract`: a graph for people to read, with the
/// entities grouped by kind and the events as a timeline.
///
/// ```
/// == f01 ==
/// Officials
///   王小洪  Wang Xiaohong  CN  公安部部长, 国务委员
/// ...
/// Events
///   2024-11-29  meeting  王小洪, 拉萨罗·阿尔瓦雷斯  @哈瓦那  [cybersecurity]
/// ```
enum GraphTable {
    static func render(_ graph: Graph, heading: String) -> String {
        var output = "== \(heading) ==\n"
        func section(_ title: String, _ rows: [[String]]) {
            guard !rows.isEmpty else { return }
            output += title + "\n" + layOut(rows, indent: "  ")
        }
        func dash(_ value: String?) -> String { value.flatMap { $0.isEmpty ? nil : $0 } ?? "-" }

        section("Officials", graph.entities(of: .official).map {
            [$0.name, dash($0.latin), dash($0.country), $0.titles.isEmpty ? "-" : $0.titles.joined(separator: ", ")]
        })
        section("Countries", graph.entities(of: .country).map { [dash($0.country), $0.name, dash($0.latin)] })
        section("Agencies", graph.entities(of: .agency).map { [$0.name, dash($0.country), dash($0.latin)] })
        section("Organizations", graph.entities(of: .organization).map { [$0.name, dash($0.country), dash($0.latin)] })
        section("Places", graph.entities(of: .place).map { [$0.name, dash($0.country), dash($0.latin)] })
        section("Areas", graph.entities(of: .area).map { [areaKey($0.id), $0.name, dash($0.latin)] })
        section("Conferences", graph.entities(of: .conference).map { [$0.name, dash($0.latin)] })
        section("Documents", graph.entities(of: .document).map { [$0.name, dash($0.latin)] })

        let events = graph.events.map { event -> [String] in
            var date = event.date?.description ?? "(undated)"
            if let end = event.endDate { date += ".." + end.description }
            var kind = event.kind.rawValue
            if event.mode == .video { kind += " (video)" }
            if event.status == .planned { kind += " (planned)" }
            return [date, kind, participants(of: event, in: graph),
                    event.place.map { "@" + name(of: $0, in: graph) } ?? "",
                    // Areas and title share the last, unpadded column: a long
                    // title would otherwise push every other row's areas right.
                    [event.areas.isEmpty ? nil : "[" + event.areas.joined(separator: ", ") + "]",
                     event.title.map { "《\($0)》" }].compactMap { $0 }.joined(separator: "  ")]
        }
        section("Events", events)
        if graph.entities.isEmpty && graph.events.isEmpty { output += "  (nothing found)\n" }
        return output + "\n"
    }

    /// The display name of an entity id.
    private static func name(of id: String, in graph: Graph) -> String {
        graph.entity(id)?.name ?? id
    }

    private static func areaKey(_ id: String) -> String {
        id.hasPrefix("area:") ? String(id.dropFirst(5)) : id
    }

    /// Who takes part, in the event's own terms: `host ← guests` for a
    /// reception, `visitor → destination`, `attendee → conference`, and the
    /// parties of an agreement with its witnesses.
    private static func participants(of event: Event, in graph: Graph) -> String {
        func names(_ role: Role) -> String {
            event.entities(role).map { name(of: $0, in: graph) }.joined(separator: ", ")
        }
        let hosts = names(.host), guests = names(.guest), equals = names(.participant)
        var parts: [String] = []
        switch event.kind {
        case .visit:
            parts.append([names(.visitor), names(.destination)].filter { !$0.isEmpty }.joined(separator: " → "))
        case .attendance:
            parts.append([names(.attendee), names(.conference)].filter { !$0.isEmpty }.joined(separator: " → "))
        case .agreement, .pledge:
            parts.append(names(.party))
            let witnesses = names(.witness)
            if !witnesses.isEmpty { parts.append("(witness: \(witnesses))") }
        case .meeting:
            if !hosts.isEmpty && !guests.isEmpty {
                parts.append("\(hosts) ← \(guests)")
            } else {
                parts.append([hosts, guests].filter { !$0.isEmpty }.joined(separator: ", "))
            }
        }
        if !equals.isEmpty { parts.append(equals) }
        // Roles not covered above, so nothing the extractor found is hidden.
        let shown: Set<Role> = [.host, .guest, .participant, .visitor, .destination, .attendee, .conference,
                                .party, .witness, .document]
        let others = event.participants.filter { !shown.contains($0.role) }
            .map { "\(name(of: $0.entity, in: graph)) (\($0.role.rawValue))" }
        parts += others
        return parts.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
