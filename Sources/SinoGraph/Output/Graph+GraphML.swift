extension Graph {
    /// The graph as GraphML 1.0, for Gephi, networkx, yEd or Cytoscape.
    ///
    /// One directed graph whose nodes are the entities and the events, with
    /// the graph's ids as node ids so the file joins with the JSON output.
    /// Node attributes: `kind`, `name` (an event's title, or its kind),
    /// `latin`, `country`, `titles`, and for events `date`, `status`, `mode`,
    /// `areas`. Edges, each with a unique id, go from a participant to its
    /// event (`kind` = `participates`, `role`), from an event to its place
    /// (`kind` = `at`), and along each relation (`kind` = the relation kind,
    /// `detail`, `areas`); edges of events carry the event's `date`. Lists are
    /// joined with `|`; absent values have no `<data>` element. Every
    /// attribute is a string, so no tool guesses a type from the first value.
    ///
    /// ```python
    /// graph = networkx.read_graphml("graph.graphml")
    /// ```
    public func graphML() -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns""#
                + #" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#
                + #" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns"#
                + #" http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#,
        ]
        for key in GraphMLKey.allCases {
            lines.append(#"  <key id="\#(key.rawValue)" for="\#(key.domain)" attr.name="\#(key.name)" attr.type="string"/>"#)
        }
        lines.append(#"  <graph id="sinograph" edgedefault="directed">"#)

        func element(_ tag: String, _ attributes: [(String, String)], _ data: [(GraphMLKey, String?)]) {
            let opening = attributes.map { #" \#($0.0)="\#(graphMLEscaped($0.1))""# }.joined()
            let present = data.compactMap { key, value in value.flatMap { $0.isEmpty ? nil : (key, $0) } }
            if present.isEmpty {
                lines.append("    <\(tag)\(opening)/>")
                return
            }
            lines.append("    <\(tag)\(opening)>")
            for (key, value) in present {
                lines.append(#"      <data key="\#(key.rawValue)">\#(graphMLEscaped(value))</data>"#)
            }
            lines.append("    </\(tag)>")
        }

        for entity in entities {
            element("node", [("id", entity.id)], [
                (.nodeKind, entity.kind.rawValue), (.nodeName, entity.name), (.nodeLatin, entity.latin),
                (.nodeCountry, entity.country), (.nodeTitles, entity.titles.joined(separator: "|")),
            ])
        }
        for event in events {
            element("node", [("id", event.id)], [
                (.nodeKind, event.kind.rawValue), (.nodeName, event.title ?? event.kind.rawValue),
                (.nodeDate, event.date?.description), (.nodeStatus, event.status.rawValue),
                (.nodeMode, event.mode?.rawValue), (.nodeAreas, event.areas.joined(separator: "|")),
            ])
        }
        // Ids are positions rather than names built from the ends: they are
        // unique even when a hand-built event lists an entity twice, and
        // they are valid XML name tokens, which arbitrary ids are not.
        var edgeCount = 0
        func edge(from source: String, to target: String, _ data: [(GraphMLKey, String?)]) {
            element("edge", [("id", "e\(edgeCount)"), ("source", source), ("target", target)], data)
            edgeCount += 1
        }
        for event in events {
            let date = event.date?.description
            for participant in event.participants {
                edge(from: participant.entity, to: event.id,
                     [(.edgeKind, "participates"), (.edgeRole, participant.role.rawValue), (.edgeDate, date)])
            }
            if let place = event.place {
                edge(from: event.id, to: place, [(.edgeKind, "at"), (.edgeDate, date)])
            }
        }
        for relation in relations {
            edge(from: relation.source, to: relation.target, [
                (.edgeKind, relation.kind.rawValue), (.edgeDetail, relation.detail),
                (.edgeAreas, relation.areas.joined(separator: "|")),
            ])
        }

        lines.append("  </graph>")
        lines.append("</graphml>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The `<key>` declarations of ``Graph/graphML()``; the raw value is the key id.
private enum GraphMLKey: String, CaseIterable {
    case nodeKind = "n_kind", nodeName = "n_name", nodeLatin = "n_latin", nodeCountry = "n_country"
    case nodeTitles = "n_titles", nodeDate = "n_date", nodeStatus = "n_status", nodeMode = "n_mode"
    case nodeAreas = "n_areas"
    case edgeKind = "e_kind", edgeRole = "e_role", edgeDetail = "e_detail", edgeAreas = "e_areas"
    case edgeDate = "e_date"

    /// Node and edge keys share attribute names (`kind`, `areas`, `date`),
    /// so the ids carry the domain to stay unique.
    var domain: String { rawValue.hasPrefix("n_") ? "node" : "edge" }
    var name: String { String(rawValue.dropFirst(2)) }
}

/// `text` as XML 1.0 character data, safe in element content and in
/// double- or single-quoted attributes.
///
/// Characters XML 1.0 forbids (control characters other than tab, line
/// feed and carriage return, and U+FFFE, U+FFFF) are dropped: no reference
/// can stand for them. Tab, line feed and carriage return become character
/// references, because parsers turn them into spaces in attribute values
/// and carriage returns into line feeds everywhere.
private func graphMLEscaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        case "\t": result += "&#9;"
        case "\n": result += "&#10;"
        case "\r": result += "&#13;"
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}
