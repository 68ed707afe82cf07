extension Graph {
    /// The graph as a GraphViz `digraph`, to draw with `dot -Tsvg graph.dot -o graph.svg`.
    ///
    /// Entities are nodes labelled with their name and, on a second line,
    /// their Latin form; the shape tells the kind (official: box, country:
    /// doubleoctagon, agency and organization: component, place: house,
    /// area: note, conference: cds, document: folder). Events are ellipses
    /// labelled with kind and date, dashed when only planned. Edges go from
    /// each participant to its event (labelled with the role), from an
    /// event to its place (`at`), and along each relation (its kind, then
    /// its detail and areas).
    ///
    /// Node names are the graph's ids, so the file can be joined with the
    /// JSON output; every string is quoted and escaped, whatever it holds.
    public func dot() -> String {
        var lines = ["digraph sinograph {", "    graph [charset=\"UTF-8\"];"]
        for entity in entities {
            let label = [entity.name, entity.latin].compactMap { $0 }.joined(separator: "\n")
            lines.append("    \(dotQuoted(entity.id)) [shape=\(entity.kind.dotShape), label=\(dotQuoted(label))];")
        }
        for event in events {
            var date = event.date?.description ?? ""
            if let end = event.endDate { date += "–\(end)" }
            let label = [event.kind.rawValue, date].filter { !$0.isEmpty }.joined(separator: "\n")
            let style = event.status == .planned ? ", style=dashed" : ""
            lines.append("    \(dotQuoted(event.id)) [shape=ellipse, label=\(dotQuoted(label))\(style)];")
        }
        for event in events {
            for participant in event.participants {
                lines.append("    \(dotQuoted(participant.entity)) -> \(dotQuoted(event.id)) [label=\(dotQuoted(participant.role.rawValue))];")
            }
            if let place = event.place {
                lines.append("    \(dotQuoted(event.id)) -> \(dotQuoted(place)) [label=\"at\"];")
            }
        }
        for relation in relations {
            let label = [relation.kind.rawValue, relation.detail ?? "", relation.areas.joined(separator: ", ")]
                .filter { !$0.isEmpty }.joined(separator: "\n")
            lines.append("    \(dotQuoted(relation.source)) -> \(dotQuoted(relation.target)) [label=\(dotQuoted(label))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension EntityKind {
    /// The GraphViz shape that tells this kind apart at a glance.
    fileprivate var dotShape: String {
        switch self {
        case .official: "box"
        case .country: "doubleoctagon"
        case .agency, .organization: "component"
        case .place: "house"
        case .area: "note"
        case .conference: "cds"
        case .document: "folder"
        }
    }
}

/// `text` as a DOT double-quoted string.
///
/// Inside quotes DOT only unescapes `\"`, but labels then read `\\` as one
/// backslash and `\n` as a line break, and a lone backslash before the
/// closing quote or a line end would swallow it. So backslashes are doubled
/// and line breaks become `\n`, the same way in ids and labels so that an
/// edge names exactly the node it means. Other control characters carry no
/// meaning in a name and are dropped.
private func dotQuoted(_ text: String) -> String {
    var result = "\""
    var previousWasCR = false
    for scalar in text.unicodeScalars {
        defer { previousWasCR = scalar == "\r" }
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\r": result += "\\n"
        case "\n": if !previousWasCR { result += "\\n" }
        case "\t": result += " "
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
