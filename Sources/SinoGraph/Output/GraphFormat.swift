/// The file formats a ``Graph`` can be written in.
///
/// The raw value is the name users type (`--format graphml`) and the usual
/// file extension:
///
/// ```swift
/// let format = GraphFormat(rawValue: "dot") ?? .json
/// ```
public enum GraphFormat: String, Sendable, CaseIterable {
    /// The whole graph as one pretty-printed, byte-deterministic JSON object
    /// (``Graph/jsonData()``), described by `Docs/graph.schema.json`; the
    /// only format that reads back (``Graph/decode(json:)``).
    case json
    /// One compact JSON object per line, tagged by a `record` field
    /// (``Graph/jsonLines()``): for `grep`, `jq` and streaming loaders.
    case jsonl
    /// A GraphViz `digraph` (``Graph/dot()``) for `dot -Tsvg`.
    case dot
    /// GraphML 1.0 (``Graph/graphML()``) for Gephi, networkx, yEd or Cytoscape.
    case graphml
}
