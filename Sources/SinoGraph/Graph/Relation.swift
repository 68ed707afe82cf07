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
public struct Relation: Sendable, Hashable, Identifiable {
    // `source` is declared first so that the memberwise initializer the
    // compiler makes has other labels than the public one, which calls it
    // (see `Entity`).

    /// The id of the entity the edge starts at.
    public var source: String
    /// What the edge says.
    public var kind: RelationKind
    /// The id of the entity the edge ends at.
    public var target: String
    /// The title, for ``RelationKind/holdsTitle``.
    public var detail: String?
    /// Cooperation-area keys, for ``RelationKind/cooperatesWith``, sorted.
    public var areas: [String]
    /// Where the text states it.
    public var evidence: [Evidence]

    /// A stable id from kind, ends and detail:
    /// `holdsTitle:official:王小洪->agency:CN:公安部:国务委员`.
    ///
    /// Made when read, never stored: it cannot disagree with the fields it
    /// comes from, and the graph sorts relations on its bytes without
    /// making a string for each (a document has a dozen relations).
    public var id: String {
        withIDBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The length of ``id`` in UTF-8 bytes.
    var idByteCount: Int { Self.idByteCount(kind, source, target, detail) }

    /// Writes the UTF-8 of ``id`` at `start`, which has room for
    /// ``idByteCount`` bytes; returns the position after it.
    func writeID(to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        Self.writeID(kind, source, target, detail, to: start)
    }

    /// ``idByteCount`` of a relation's fields. On fields, not on a relation:
    /// a method called on a relation read in place from a buffer got a copy
    /// of the whole relation (a retain and a release of each field).
    static func idByteCount(_ kind: RelationKind, _ source: String, _ target: String, _ detail: String?) -> Int {
        kind.rawValue.utf8.count + 1 + source.utf8.count + 2 + target.utf8.count + (detail.map { 1 + $0.utf8.count } ?? 0)
    }

    /// ``writeID(to:)`` of a relation's fields.
    static func writeID(_ kind: RelationKind, _ source: String, _ target: String, _ detail: String?,
                        to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        // Each part returns where the next goes: no nested function over a
        // captured variable, which is checked for exclusive access at each use.
        var out = kind.rawValue.copyBytes(to: start)
        out = copy(":", to: out)
        out = source.copyBytes(to: out)
        out = copy("->", to: out)
        out = target.copyBytes(to: out)
        if let detail {
            out = copy(":", to: out)
            out = detail.copyBytes(to: out)
        }
        return out
    }

    @inline(__always)
    private static func copy(_ text: StaticString, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return out + text.utf8CodeUnitCount
    }

    /// Calls `body` with the UTF-8 of ``id``, written into temporary
    /// storage: no string is made.
    func withIDBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let count = idByteCount
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            let end = writeID(to: buffer.baseAddress!)
            precondition(end - buffer.baseAddress! == count, "a relation's id is as long as its parts")
            return body(UnsafeBufferPointer(start: buffer.baseAddress!, count: count))
        }
    }
}

extension Relation {
    /// Creates a relation; its id derives from kind, ends and detail.
    public init(kind: RelationKind, source: String, target: String, detail: String? = nil,
                areas: [String] = [], evidence: [Evidence] = []) {
        self.init(source: source, kind: kind, target: target, detail: detail, areas: areas, evidence: evidence)
    }
}

extension Relation: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, kind, source, target, detail, areas, evidence
    }

    /// Reads a relation; an `id` in the input is not read, as the id is
    /// made from the other fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(source: try container.decode(String.self, forKey: .source),
                  kind: try container.decode(RelationKind.self, forKey: .kind),
                  target: try container.decode(String.self, forKey: .target),
                  detail: try container.decodeIfPresent(String.self, forKey: .detail),
                  areas: try container.decode([String].self, forKey: .areas),
                  evidence: try container.decode([Evidence].self, forKey: .evidence))
    }

    /// Writes the relation with its id.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(source, forKey: .source)
        try container.encode(target, forKey: .target)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encode(areas, forKey: .areas)
        try container.encode(evidence, forKey: .evidence)
    }
}
