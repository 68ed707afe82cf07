/// The flat summary of one document in the form of the gold fixtures:
/// who, which countries, agencies, places and areas, and the meetings,
/// visits, agreements and attendances, with names as plain strings.
///
/// This is what `sinograph extract --format facts` prints and what
/// `sinograph evaluate` compares with `Fixtures/gold/*.json`.
public struct Facts: Sendable, Hashable, Codable {
    public struct Official: Sendable, Hashable, Codable {
        public var name: String
        public var country: String?
        public var titles: [String]
    }

    public struct Agency: Sendable, Hashable, Codable {
        public var name: String
        public var country: String?
    }

    public struct Meeting: Sendable, Hashable, Codable {
        public var participants: [String]
        public var date: String?
        public var place: String?
        public var mode: String?
        public var areas: [String]
    }

    public struct Visit: Sendable, Hashable, Codable {
        public var visitor: String
        public var destination: String
        public var date: String?
    }

    public struct Agreement: Sendable, Hashable, Codable {
        public var parties: [String]
        public var title: String?
        public var date: String?
        public var witnesses: [String]
    }

    public struct Attendance: Sendable, Hashable, Codable {
        public var attendee: String
        public var event: String
        public var date: String?
        public var place: String?
    }

    public var doc: String
    public var documentDate: String?
    public var officials: [Official] = []
    public var countries: [String] = []
    public var agencies: [Agency] = []
    public var places: [String] = []
    public var areas: [String] = []
    public var meetings: [Meeting] = []
    public var visits: [Visit] = []
    public var agreements: [Agreement] = []
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
