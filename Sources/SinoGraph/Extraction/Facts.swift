/// The flat summary of one document in the form of the gold fixtures:
/// who, which countries, agencies, places and areas, and the meetings,
/// visits, agreements and attendances, with names as plain strings.
///
/// This is what `sinograph extract --format facts` prints and what
/// `sinograph evaluate` compares with `Fixtures/gold/*.json`.
public struct Facts: Sendable, Hashable, Codable {
    /// An official: canonical name, country and titles as written.
    public struct Official: Sendable, Hashable, Codable {
        /// The canonical Chinese name.
        public var name: String
        /// ISO 3166-1 code, or `nil`.
        public var country: String?
        /// Titles as written, without the country in front, in order of appearance.
        public var titles: [String]
    }

    /// An agency or organization and the country it belongs to (`nil` for international bodies).
    public struct Agency: Sendable, Hashable, Codable {
        /// The canonical Chinese name.
        public var name: String
        /// ISO 3166-1 code, or `nil`.
        public var country: String?
    }

    /// A meeting of named officials.
    public struct Meeting: Sendable, Hashable, Codable {
        /// Canonical names of the officials who met, sorted.
        public var participants: [String]
        /// ISO 8601 date as precise as the text allows, or `nil`.
        public var date: String?
        /// Where it happened (a city, else a site), or `nil`.
        public var place: String?
        /// `in-person` or `video`.
        public var mode: String?
        /// Cooperation-area keys mentioned, sorted.
        public var areas: [String]
    }

    /// A visit of an official to a country.
    public struct Visit: Sendable, Hashable, Codable {
        /// The visitor's canonical name.
        public var visitor: String
        /// ISO 3166-1 code of the country visited.
        public var destination: String
        /// ISO 8601 date as precise as the text allows, or `nil`.
        public var date: String?
    }

    /// A signed agreement or issued statement.
    public struct Agreement: Sendable, Hashable, Codable {
        /// ISO codes of the signing states, sorted.
        public var parties: [String]
        /// The text inside 《》, or `nil`.
        public var title: String?
        /// ISO 8601 date as precise as the text allows, or `nil`.
        public var date: String?
        /// Canonical names of the officials who witnessed the signing, sorted.
        public var witnesses: [String]
    }

    /// An official attending a named conference.
    public struct Attendance: Sendable, Hashable, Codable {
        /// The attendee's canonical name.
        public var attendee: String
        /// The conference name as written, without 《》.
        public var event: String
        /// ISO 8601 date as precise as the text allows, or `nil`.
        public var date: String?
        /// Where it happened (a city, else a site), or `nil`.
        public var place: String?
    }

    /// The document id.
    public var doc: String
    /// The front-matter date, ISO 8601, or `nil`.
    public var documentDate: String?
    /// Every named official, sorted by name.
    public var officials: [Official] = []
    /// ISO codes of every country mentioned, sorted.
    public var countries: [String] = []
    /// Every agency and organization, sorted.
    public var agencies: [Agency] = []
    /// Cities, provinces and sites mentioned, sorted.
    public var places: [String] = []
    /// Cooperation-area keys mentioned, sorted.
    public var areas: [String] = []
    /// Meetings of two or more named officials that took place.
    public var meetings: [Meeting] = []
    /// Visits that took place, one per destination.
    public var visits: [Visit] = []
    /// Agreements signed and statements issued.
    public var agreements: [Agreement] = []
    /// Attendances of named conferences.
    public var attendances: [Attendance] = []

    /// Creates empty facts for a document.
    public init(doc: String, documentDate: String? = nil) {
        self.doc = doc
        self.documentDate = documentDate
    }

    enum CodingKeys: String, CodingKey {
        case doc, documentDate, officials, countries, agencies, places, areas, meetings, visits, agreements, attendances
    }

    /// Reads gold files leniently: keys it does not know are ignored, and
    /// missing lists are empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        doc = try c.decode(String.self, forKey: .doc)
        documentDate = try c.decodeIfPresent(String.self, forKey: .documentDate)
        officials = try c.decodeIfPresent([Official].self, forKey: .officials) ?? []
        countries = try c.decodeIfPresent([String].self, forKey: .countries) ?? []
        agencies = try c.decodeIfPresent([Agency].self, forKey: .agencies) ?? []
        places = try c.decodeIfPresent([String].self, forKey: .places) ?? []
        areas = try c.decodeIfPresent([String].self, forKey: .areas) ?? []
        meetings = try c.decodeIfPresent([Meeting].self, forKey: .meetings) ?? []
        visits = try c.decodeIfPresent([Visit].self, forKey: .visits) ?? []
        agreements = try c.decodeIfPresent([Agreement].self, forKey: .agreements) ?? []
        attendances = try c.decodeIfPresent([Attendance].self, forKey: .attendances) ?? []
    }

    /// Writes every key, with `null` for what is unknown, in the gold
    /// files' order.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doc, forKey: .doc)
        try c.encode(documentDate, forKey: .documentDate)
        try c.encode(officials, forKey: .officials)
        try c.encode(countries, forKey: .countries)
        try c.encode(agencies, forKey: .agencies)
        try c.encode(places, forKey: .places)
        try c.encode(areas, forKey: .areas)
        try c.encode(meetings, forKey: .meetings)
        try c.encode(visits, forKey: .visits)
        try c.encode(agreements, forKey: .agreements)
        try c.encode(attendances, forKey: .attendances)
    }
}

extension Facts.Official {
    enum CodingKeys: String, CodingKey { case name, country, titles }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        country = try c.decodeIfPresent(String.self, forKey: .country)
        titles = try c.decodeIfPresent([String].self, forKey: .titles) ?? []
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(country, forKey: .country)
        try c.encode(titles, forKey: .titles)
    }
}

extension Facts.Agency {
    enum CodingKeys: String, CodingKey { case name, country }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(country, forKey: .country)
    }
}

extension Facts.Meeting {
    enum CodingKeys: String, CodingKey { case participants, date, place, mode, areas }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        participants = try c.decode([String].self, forKey: .participants)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        mode = try c.decodeIfPresent(String.self, forKey: .mode)
        areas = try c.decodeIfPresent([String].self, forKey: .areas) ?? []
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(participants, forKey: .participants)
        try c.encode(date, forKey: .date)
        try c.encode(place, forKey: .place)
        try c.encode(mode, forKey: .mode)
        try c.encode(areas, forKey: .areas)
    }
}

extension Facts.Visit {
    enum CodingKeys: String, CodingKey { case visitor, destination, date }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(visitor, forKey: .visitor)
        try c.encode(destination, forKey: .destination)
        try c.encode(date, forKey: .date)
    }
}

extension Facts.Agreement {
    enum CodingKeys: String, CodingKey { case parties, title, date, witnesses }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        parties = try c.decodeIfPresent([String].self, forKey: .parties) ?? []
        title = try c.decodeIfPresent(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        witnesses = try c.decodeIfPresent([String].self, forKey: .witnesses) ?? []
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parties, forKey: .parties)
        try c.encode(title, forKey: .title)
        try c.encode(date, forKey: .date)
        try c.encode(witnesses, forKey: .witnesses)
    }
}

extension Facts.Attendance {
    enum CodingKeys: String, CodingKey { case attendee, event, date, place }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(attendee, forKey: .attendee)
        try c.encode(event, forKey: .event)
        try c.encode(date, forKey: .date)
        try c.encode(place, forKey: .place)
    }
}
