import Foundation

extension Graph {
    /// The graph as pretty-printed JSON, described by `Docs/graph.schema.json`.
    ///
    /// The same graph always gives the same bytes, whatever order its
    /// elements were found in: keys are sorted, elements are kept in the
    /// graph's own order, and Chinese text is written as UTF-8, not escaped.
    /// So golden files diff cleanly and `merge` can fold fragments back with
    /// ``decode(json:)``.
    ///
    /// ```swift
    /// try graph.jsonData().write(to: URL(fileURLWithPath: "graph.json"))
    /// ```
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a graph written by ``jsonData()``.
    ///
    /// Elements go through ``init(entities:events:relations:documents:)``,
    /// so a hand-edited or concatenated fragment comes back sorted, with
    /// elements of equal ids merged, exactly as if it had been built here.
    public static func decode(json: Data) throws -> Graph {
        let decoded = try JSONDecoder().decode(Graph.self, from: json)
        return Graph(entities: decoded.entities, events: decoded.events,
                     relations: decoded.relations, documents: decoded.documents)
    }
}
