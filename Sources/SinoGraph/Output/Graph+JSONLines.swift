import Foundation

extension Graph {
    /// The graph as JSON Lines: one compact JSON object per line, each
    /// tagged by a `record` field.
    ///
    /// Lines come in this order: a `document` record per document id
    /// (`{"id":"f01","record":"document"}`), then `entity`, `event` and
    /// `relation` records in the graph's order. Apart from `record`, each
    /// record has the fields of the element in ``jsonData()``; keys are
    /// sorted and every line, the last included, ends with `"\n"`.
    ///
    /// ```sh
    /// jq -r 'select(.record == "event") | .date' graph.jsonl
    /// ```
    public func jsonLines() -> String { writeJSONLines().string() }

    /// ``jsonLines()`` as UTF-8 bytes, for writing to a file or a pipe:
    /// making the `String` costs a pass that validates every byte.
    public func jsonLinesData() -> Data { writeJSONLines().data() }

    private func writeJSONLines() -> CompactJSON {
        var writer = CompactJSON()
        for document in documents { writer.document(document) }
        for entity in entities { writer.entity(entity) }
        for event in events { writer.event(event) }
        for relation in relations { writer.relation(relation) }
        return writer
    }

    /// The same lines through `JSONEncoder`, which ``jsonLines()`` matches
    /// byte for byte; kept for the test that holds them equal.
    func jsonLinesThroughEncoder() -> String {
        let encoder = JSONEncoder()
        // No pretty printing: JSONEncoder escapes newlines inside strings, so
        // a compact object never spans two lines.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = ""
        func append(_ record: some Encodable) {
            // The model holds only strings, integers and arrays of them, which
            // JSONEncoder cannot fail on.
            let data = try! encoder.encode(record)
            output += String(decoding: data, as: UTF8.self)
            output += "\n"
        }
        for document in documents { append(JSONLinesDocument(id: document)) }
        for entity in entities { append(JSONLinesRecord(record: "entity", element: entity)) }
        for event in events { append(JSONLinesRecord(record: "event", element: event)) }
        for relation in relations { append(JSONLinesRecord(record: "relation", element: relation)) }
        return output
    }
}

/// A `document` line of ``Graph/jsonLines()``.
private struct JSONLinesDocument: Encodable {
    var record = "document"
    var id: String
}

/// An element of the graph with a `record` field beside its own.
private struct JSONLinesRecord<Element: Encodable>: Encodable {
    var record: String
    var element: Element

    private enum CodingKeys: String, CodingKey { case record }

    func encode(to encoder: Encoder) throws {
        // Both write into the same keyed container, so the element's fields
        // and `record` end up in one flat object.
        try element.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record, forKey: .record)
    }
}
