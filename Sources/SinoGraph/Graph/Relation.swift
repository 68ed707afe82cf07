/// The kinds of edges between entities.
public enum RelationKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// An official holds a title in an agency or country (`detail`: the title).
    case holdsTitle
    /// An agency belongs to a country.
    case partOf
    /// A place lies in a country.
    case locatedIn
    /// Two countries cooperate (`areas`: on what).
    case cooperatesWith

    public static func < (a: RelationKind, b: RelationKind) -> Bool { a.rawValue < b.rawValue }
}

/// A typed edge between two entities, with its evidence.
public struct Relation: Sendable, Hashable, Codable, Identifiable {
    /// A stable id from kind, ends and detail.
    public var id: String
    /// What the edge says.
    public var kind: RelationKind
    /// The id of the entity the edge starts at.
    public var source: String
    /// The id of the entity the edge ends at.
    public var target: String
    /// The title, for ``RelationKind/holdsTitle``.
    public var detail: String?
    /// Cooperation-area keys, for ``RelationKind/cooperatesWith``, sorted.
    public var areas: [String]
    /// Where the text states it.
    public var evidence: [Evidence]
}

extension Relation {
    /// Creates a relation; its id derives from kind, ends and detail.
    public init(kind: RelationKind, source: String, target: String, detail: String? = nil,
                areas: [String] = [], evidence: [Evidence] = []) {
        // Through the memberwise initializer: one that assigns the fields
        // one by one compiles to a copy of the whole relation.
        let capacity = kind.rawValue.utf8.count + source.utf8.count + target.utf8.count + (detail.map { $0.utf8.count + 1 } ?? 0) + 3
        let id = String(capacity: capacity) { id in
            id.append(kind.rawValue)
            id.append(":")
            id.append(source)
            id.append("->")
            id.append(target)
            if let detail {
                id.append(":")
                id.append(detail)
            }
        }
        self.init(id: id, kind: kind, source: source, target: target, detail: detail, areas: areas, evidence: evidence)
    }
}
