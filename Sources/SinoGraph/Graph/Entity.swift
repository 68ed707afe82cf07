/// The kinds of nodes in a ``Graph``.
public enum EntityKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case official, country, agency, organization, place, area, conference, document

    public static func < (a: EntityKind, b: EntityKind) -> Bool { a.rawValue < b.rawValue }
}

/// A node of the graph: an official, a country, an agency, a place...
///
/// Ids are stable across documents and runs, so graphs merge on them:
/// `official:王小洪`, `country:CN`, `agency:RU:内务部`, `area:cybersecurity`.
public struct Entity: Sendable, Hashable, Codable, Identifiable {
    // `kind` is declared first so that the memberwise initializer the
    // compiler makes has other labels than the public one, which calls it:
    // an initializer that assigns the fields one by one compiles to a copy
    // of the whole entity (a retain and a release of each reference).

    /// What the entity is.
    public var kind: EntityKind
    /// The stable id.
    public var id: String
    /// The canonical Chinese name (`迪亚斯·卡内尔`, `古巴`, `公安部`).
    public var name: String
    /// A Latin rendering: the given gloss for foreign names, pinyin for
    /// Chinese ones, the English name for countries and agencies.
    public var latin: String?
    /// The ISO 3166-1 code of the country the entity belongs to, if any.
    public var country: String?
    /// Other surface forms seen for the entity, sorted.
    public var aliases: [String]
    /// Titles of an official as written, without country prefixes, sorted.
    public var titles: [String]
    /// Every mention, sorted.
    public var evidence: [Evidence]
}

extension Entity {
    /// Creates an entity.
    public init(id: String, kind: EntityKind, name: String, latin: String? = nil, country: String? = nil,
                aliases: [String] = [], titles: [String] = [], evidence: [Evidence] = []) {
        self.init(kind: kind, id: id, name: name, latin: latin, country: country, aliases: aliases, titles: titles,
                  evidence: evidence)
    }
}
