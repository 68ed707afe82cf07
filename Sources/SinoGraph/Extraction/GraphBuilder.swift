import Foundation

/// Turns one document's mentions and events into graph elements with
/// evidence, and into facts.
final class GraphBuilder {
    let knowledge: KnowledgeBase
    let document: String
    let text: AnalyzedText
    let recognition: Recognition
    let events: [FoundEvent]
    /// Each sentence's text, made once and only for sentences that hold evidence.
    private let sentenceTexts: SentenceTexts

    init(knowledge: KnowledgeBase, document: String, text: AnalyzedText, recognition: Recognition, events: [FoundEvent]) {
        self.knowledge = knowledge
        self.document = document
        self.text = text
        self.recognition = recognition
        self.events = events
        sentenceTexts = SentenceTexts(text)
    }

    func evidence(_ range: Range<Int>) -> Evidence {
        let original = text.originalRange(range)
        let sentence = text.sentence(containing: range.lowerBound).map { sentenceTexts[$0] } ?? ""
        return Evidence(document: document, start: original.lowerBound, end: original.upperBound, sentence: sentence)
    }

    static func officialID(_ name: String) -> String { "official:" + name }
    static func countryID(_ code: String) -> String { "country:" + code }
    static func agencyID(_ agency: AgencyRef) -> String { "agency:" + (agency.country ?? "INT") + ":" + agency.name }
    static func placeID(_ name: String) -> String { "place:" + name }
    static func areaID(_ key: String) -> String { "area:" + key }

    func build() -> Graph {
        // Each mention's evidence, made once, and the mentions grouped by
        // kind and key, so each entity finds its own by a binary search.
        let mentions = recognition.mentions
        let mentionEvidence = mentions.map { self.evidence($0.range) }
        let groups = MentionGroups(mentions)
        func evidence(of kind: Mention.Kind, _ key: String) -> [Evidence] {
            groups.members(kind, key).map { mentionEvidence[$0] }
        }
        var entities: [Entity] = []
        var relations: [Relation] = []
        var countryCodes = Set<String>()

        for record in recognition.officials.values {
            let firstEvidence = evidence(of: .official, record.name)
            guard !firstEvidence.isEmpty else { continue }
            let id = Self.officialID(record.name)
            entities.append(Entity(
                id: id, kind: .official, name: record.name, latin: record.latin ?? Self.latinName(record),
                country: record.country, aliases: record.aliases.sorted(by: { $0.precedes($1) }), titles: record.titles.sorted(by: { $0.precedes($1) }),
                evidence: firstEvidence))
            if let country = record.country { countryCodes.insert(country) }
            for binding in record.bindings {
                let target = binding.agency.map(Self.agencyID) ?? binding.country.map(Self.countryID)
                guard let target else { continue }
                relations.append(Relation(kind: .holdsTitle, source: id, target: target, detail: binding.title,
                                          evidence: Array(firstEvidence.prefix(1))))
            }
        }
        for code in groups.distinctKeys(of: .country) { countryCodes.insert(code) }

        // By id, which names the agency and its country.
        var agencies = NameTable<(agency: AgencyRef, evidence: [Evidence])>()
        for (index, mention) in mentions.enumerated() where mention.kind == .agency {
            let agency = AgencyRef(name: mention.key, country: mention.country)
            agencies[Self.agencyID(agency), default: (agency, [])].evidence.append(mentionEvidence[index])
        }
        for record in recognition.officials.values {
            for case let agency? in record.bindings.map(\.agency) where agencies[Self.agencyID(agency)] == nil {
                agencies[Self.agencyID(agency)] = (agency, [])
            }
        }
        for (agency, evidence) in agencies.values {
            let info = knowledge.agencies[agency.name]
            let isOrganization = info.map { $0.kind == "international" || $0.kind == "company" } ?? false
            entities.append(Entity(id: Self.agencyID(agency), kind: isOrganization ? .organization : .agency,
                                   name: agency.name, latin: info?.latin, country: agency.country, evidence: evidence))
            if let country = agency.country {
                countryCodes.insert(country)
                relations.append(Relation(kind: .partOf, source: Self.agencyID(agency), target: Self.countryID(country),
                                          evidence: Array(evidence.prefix(1))))
            }
        }
        for code in countryCodes {
            let info = knowledge.countries[code]
            let evidence = evidence(of: .country, code)
            entities.append(Entity(id: Self.countryID(code), kind: .country, name: info?.name ?? code, latin: info?.latin,
                                   country: code, evidence: evidence))
        }
        var placeNames = NameTable<Bool>()
        for name in groups.distinctKeys(of: .place) { placeNames[name] = true }
        for event in events { if let place = event.place { placeNames[place] = true } }
        for name in placeNames.keys {
            let info = knowledge.places[name]
            let evidence = evidence(of: .place, name)
            entities.append(Entity(id: Self.placeID(name), kind: .place, name: name, latin: info?.latin,
                                   country: info?.country, evidence: evidence))
            if let country = info?.country {
                relations.append(Relation(kind: .locatedIn, source: Self.placeID(name), target: Self.countryID(country),
                                          evidence: Array(evidence.prefix(1))))
                if countryCodes.insert(country).inserted {
                    let countryInfo = knowledge.countries[country]
                    entities.append(Entity(id: Self.countryID(country), kind: .country, name: countryInfo?.name ?? country,
                                           latin: countryInfo?.latin, country: country))
                }
            }
        }
        var areaKeys = Set(groups.distinctKeys(of: .area))
        for event in events { areaKeys.formUnion(event.areas) }
        for key in areaKeys {
            let info = knowledge.areas[key]
            let evidence = evidence(of: .area, key)
            entities.append(Entity(id: Self.areaID(key), kind: .area, name: info?.forms.first ?? key, latin: info?.latin,
                                   evidence: evidence))
        }

        var graphEvents: [Event] = []
        for found in events {
            let proof = [self.evidence(found.range)]
            var participants = found.officials.map { Participant(entity: Self.officialID($0.name), role: $0.role) }
            participants += found.countries.map { Participant(entity: Self.countryID($0.code), role: $0.role) }
            for country in found.countries.map(\.code) where countryCodes.insert(country).inserted {
                let info = knowledge.countries[country]
                entities.append(Entity(id: Self.countryID(country), kind: .country, name: info?.name ?? country,
                                       latin: info?.latin, country: country))
            }
            if found.kind == .attendance, let title = found.title {
                let id = "conference:" + title
                participants.append(Participant(entity: id, role: .conference))
                entities.append(Entity(id: id, kind: .conference, name: title, evidence: proof))
            }
            if found.kind == .agreement, let title = found.title {
                let id = "document:" + title
                participants.append(Participant(entity: id, role: .document))
                entities.append(Entity(id: id, kind: .document, name: title, evidence: proof))
            }
            if found.kind == .pledge, found.countries.count == 2 {
                let pair = found.countries.map { Self.countryID($0.code) }.sorted()
                relations.append(Relation(kind: .cooperatesWith, source: pair[0], target: pair[1],
                                          areas: found.areas.sorted(), evidence: proof))
            }
            participants.sort()
            let id = Self.eventID(found, participants: participants, document: document)
            graphEvents.append(Event(
                id: id, kind: found.kind, status: found.status, date: found.date, endDate: found.endDate,
                place: found.place.map(Self.placeID), mode: found.mode, participants: participants,
                areas: found.areas.sorted(), title: found.title, evidence: proof))
        }
        return Graph(entities: entities, events: graphEvents, relations: relations, documents: [document])
    }

    /// Pinyin for Chinese names; a foreign name without a gloss has none
    /// (pinyin of a transliteration would be a wrong name).
    static func latinName(_ record: OfficialRecord) -> String? {
        guard record.country.map({ ["CN", "HK", "MO", "TW", "SG"].contains($0) }) ?? true,
              !record.name.unicodeScalars.contains("·") else { return nil }
        return pinyin(record.name)
    }

    /// Ids that the same event reported by two documents shares.
    static func eventID(_ event: FoundEvent, participants: [Participant], document: String) -> String {
        var id = event.kind.rawValue
        id.reserveCapacity(64)
        id += ":"
        id += event.date?.description ?? "undated"
        id += ":"
        for (index, participant) in participants.enumerated() {
            if index > 0 { id += "+" }
            id += participant.entity
        }
        switch event.kind {
        case .pledge: id += ":" + document
        case .agreement where event.title == nil: id += ":" + document
        default: if event.status == .planned { id += ":planned" }
        }
        return id
    }

    /// `Wang Xiaohong` for 王小洪: surname, then the given name as one word.
    /// Read from the bundled table; a name with a character the table
    /// lacks goes through ICU, whose results are kept (it builds a
    /// transliterator per call).
    static func pinyin(_ name: String) -> String? {
        guard name.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) }) else { return nil }
        if let syllables = Pinyin.syllables(name) { return arrange(syllables) }
        if let cached = pinyinCache.value(for: ByteKey(name)) { return cached }
        let latin = name.applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)
            .map { arrange($0.split(separator: " ").map(String.init)) }
        pinyinCache.store(latin, for: ByteKey(name))
        return latin
    }

    private static let pinyinCache = LockedCache<ByteKey, String?>()

    /// Surname (two syllables in a name of four or more), a space, then the
    /// given name as one word, each capitalized.
    private static func arrange(_ syllables: [String]) -> String {
        guard syllables.count >= 2 else { return capitalized(syllables.joined(separator: " ")) }
        let surnameLength = syllables.count >= 4 ? 2 : 1
        return capitalized(syllables[..<surnameLength].joined()) + " " + capitalized(syllables[surnameLength...].joined())
    }

    /// `wang` → `Wang` without Foundation for the table's lowercase ASCII
    /// syllables; anything else through `capitalized`.
    private static func capitalized(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard let first = bytes.first, bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else {
            return word.capitalized
        }
        return String(decoding: [first - 32] + bytes.dropFirst(), as: UTF8.self)
    }

    // MARK: Facts

    static func facts(graph: Graph, recognition: Recognition, document: String, documentDate: EventDate?) -> Facts {
        var facts = Facts(doc: document, documentDate: documentDate?.description)
        facts.officials = graph.entities(of: .official).map { entity in
            let record = recognition.officials[entity.name]
            return Facts.Official(name: entity.name, country: entity.country, titles: record?.titles ?? entity.titles)
        }.sorted { $0.name < $1.name }
        facts.countries = graph.entities(of: .country).map(\.id).map { String($0.dropFirst("country:".count)) }.sorted()
        facts.agencies = (graph.entities(of: .agency) + graph.entities(of: .organization))
            .map { Facts.Agency(name: $0.name, country: $0.country) }
            .sorted { ($0.name, $0.country ?? "") < ($1.name, $1.country ?? "") }
        facts.places = Set(recognition.mentions.filter { $0.kind == .place }.map(\.key)).sorted()
        facts.areas = Set(recognition.mentions.filter { $0.kind == .area }.map(\.key)).sorted()
        func name(_ id: String) -> String { id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? id }
        func placeName(_ id: String?) -> String? { id.map(name) }
        for event in graph.events where event.status == .held {
            switch event.kind {
            case .meeting:
                // Facts list meetings of at least two named officials.
                guard event.participants.filter({ $0.entity.begins(with: "official:") }).count >= 2 else { continue }
                facts.meetings.append(Facts.Meeting(
                    participants: event.participants.filter { $0.entity.begins(with: "official:") }.map { name($0.entity) }.sorted(),
                    date: event.date?.description, place: placeName(event.place), mode: event.mode?.rawValue,
                    areas: event.areas))
            case .visit:
                for destination in event.entities(.destination) {
                    facts.visits.append(Facts.Visit(visitor: name(event.entities(.visitor).first ?? ""),
                                                    destination: name(destination), date: event.date?.description))
                }
            case .agreement:
                facts.agreements.append(Facts.Agreement(
                    parties: event.entities(.party).map(name).sorted(), title: event.title,
                    date: event.date?.description, witnesses: event.entities(.witness).map(name).sorted()))
            case .attendance:
                facts.attendances.append(Facts.Attendance(
                    attendee: name(event.entities(.attendee).first ?? ""), event: event.title ?? "",
                    date: event.date?.description, place: placeName(event.place)))
            case .pledge:
                break
            }
        }
        return facts
    }
}

/// Mentions sorted by kind, then key bytes, then position: the mentions
/// of one entity are a run, found by binary search without hashing.
private struct MentionGroups {
    /// Indices into the mentions.
    let order: [Int]
    let kinds: [Mention.Kind]
    let keys: [String]
    let heads: [ByteHead]

    init(_ mentions: [Mention]) {
        kinds = mentions.map(\.kind)
        keys = mentions.map(\.key)
        heads = keys.map(\.byteHead)
        order = byteOrder(of: keys, groups: kinds.map { UInt8($0.rawValue) })
    }

    /// The keys of the mentions of `kind`, each once, in byte order.
    func distinctKeys(of kind: Mention.Kind) -> [String] {
        var result: [String] = []
        for index in order where kinds[index] == kind {
            if let last = result.last, last.hasSameBytes(as: keys[index]) { continue }
            result.append(keys[index])
        }
        return result
    }

    /// The mentions of `kind` with `key`, in text order.
    func members(_ kind: Mention.Kind, _ key: String) -> ArraySlice<Int> {
        let head = key.byteHead
        // Whether the mention at `index` sorts before (kind, key).
        func before(_ index: Int) -> Bool {
            if kinds[index] != kind { return kinds[index].rawValue < kind.rawValue }
            if heads[index] != head { return heads[index] < head }
            return !keys[index].hasSameBytes(as: key) && keys[index].precedes(key)
        }
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if before(order[mid]) { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < order.count, kinds[order[end]] == kind, keys[order[end]].hasSameBytes(as: key) { end += 1 }
        return order[low ..< end]
    }
}

/// Sentence texts made on first use; one builder, one thread.
private final class SentenceTexts {
    private let text: AnalyzedText
    private var cache: [String?]

    init(_ text: AnalyzedText) {
        self.text = text
        cache = Array(repeating: nil, count: text.sentences.count)
    }

    subscript(index: Int) -> String {
        if let cached = cache[index] { return cached }
        let sentence = text.sentenceText(index)
        cache[index] = sentence
        return sentence
    }
}

/// A dictionary shared between threads behind a lock; for memoizing pure
/// functions, so it never changes what the library returns.
final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private var storage: [Key: Value] = [:]
    private let lock = NSLock()

    func value(for key: Key) -> Value? { lock.withLock { storage[key] } }

    func store(_ value: Value, for key: Key) {
        lock.withLock {
            if storage.count > 100_000 { storage.removeAll() }  // bounded for endless corpora
            storage[key] = value
        }
    }
}
