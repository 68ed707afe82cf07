import Foundation

/// Turns one document's mentions and events into graph elements with
/// evidence, and into facts.
final class GraphBuilder {
    let knowledge: KnowledgeBase
    let document: String
    let text: AnalyzedText
    let recognition: Recognition
    let events: [FoundEvent]
    /// Each sentence's text, made once and only for sentences that hold
    /// evidence and are not verbatim copies of the original (rare: made
    /// on first use).
    private lazy var sentenceTexts = SentenceTexts(text)

    init(knowledge: KnowledgeBase, document: String, text: AnalyzedText, recognition: Recognition, events: [FoundEvent]) {
        self.knowledge = knowledge
        self.document = document
        self.text = text
        self.recognition = recognition
        self.events = events
    }

    func evidence(_ range: Range<Int>) -> Evidence {
        let original = text.originalRange(range)
        guard let sentence = text.sentence(containing: range.lowerBound) else {
            return Evidence(document: document, start: original.lowerBound, end: original.upperBound, sentence: "")
        }
        // A sentence the original holds verbatim is shared from it, not copied.
        if let bytes = text.verbatimSentenceBytes(sentence) {
            return Evidence(document: document, start: original.lowerBound, end: original.upperBound,
                            sentenceSource: text.clean.original, sentenceBytes: bytes)
        }
        return Evidence(document: document, start: original.lowerBound, end: original.upperBound,
                        sentence: sentenceTexts[sentence])
    }

    static func officialID(_ name: String) -> String { "official:".joined(with: name) }
    static func countryID(_ code: String) -> String { "country:".joined(with: code) }
    static func placeID(_ name: String) -> String { "place:".joined(with: name) }
    static func areaID(_ key: String) -> String { "area:".joined(with: key) }
    static func agencyID(_ agency: AgencyRef) -> String {
        let country = agency.country ?? "INT"
        return String(capacity: 8 + country.utf8.count + agency.name.utf8.count) {
            $0.append("agency:")
            $0.append(country)
            $0.append(":")
            $0.append(agency.name)
        }
    }

    func build() -> Graph {
        // Mentions grouped by kind and key, in text order: each key gets an
        // id per kind, and each id the indices of its mentions.
        let mentions = recognition.mentions
        // The knowledge tables, held once: read through `knowledge` at each
        // lookup, a table is copied out (a retain of each of its arrays).
        let countryTable = knowledge.countries, placeTable = knowledge.places
        let agencyTable = knowledge.agencies, areaTable = knowledge.areas
        // One per kind (a literal: `Array(repeating:count:)` allocates
        // through the standard library's unspecialized path); countries'
        // codes are grouped by `countries` instead.
        var keys = [Interner(), Interner(), Interner(), Interner(), Interner()]
        assert(keys.count == Mention.Kind.allCases.count)
        var keyIDs: [Int32] = []
        keyIDs.reserveCapacity(mentions.count)
        // Officials' mentions name their record, and are grouped by it, in
        // the order first met, without hashing the names again (when every
        // one names it, as the recogniser's do): `officialGroups` by record.
        let records = recognition.officials.values
        let byRecord = mentions.indices.allSatisfy { mentions[$0].kind != .official || mentions[$0].record >= 0 }
        var officialGroups = [Int32](repeating: -1, count: byRecord ? records.count : 0)
        var officialGroupCount = 0
        // Countries that have an entity, and their ids once made (`inserted`:
        // the country had no entity yet). The mentioned ones come first:
        // their mentions are grouped here, by code.
        var countries = CodeTable()
        // Mentions are read field by field, by index: binding one copies it
        // (a retain and a release of its key and country).
        for index in mentions.indices {
            let kind = mentions[index].kind
            if kind == .country {
                keyIDs.append(Int32(countries.index(mentions[index].key)))
            } else if byRecord, kind == .official {
                let record = mentions[index].record
                if officialGroups[record] < 0 {
                    officialGroups[record] = Int32(officialGroupCount)
                    officialGroupCount += 1
                }
                keyIDs.append(officialGroups[record])
            } else {
                keyIDs.append(Int32(keys[kind.rawValue].intern(mentions[index].key)))
            }
        }
        // One group per (kind, key id): groups of kind k start at base[k].
        // A literal, one allocation (appending to `[0]` grew it three times).
        var groupStart = [0, 0, 0, 0, 0, 0]
        let mentionedCountries = countries.count
        for kind in keys.indices {
            let count = switch Mention.Kind(rawValue: kind)! {
            case .official where byRecord: officialGroupCount
            case .country: mentionedCountries
            default: keys[kind].count
            }
            groupStart[kind + 1] = groupStart[kind] + count
        }
        let groupCount = groupStart[keys.count]
        // Each group's mentions as a chain in text order, in one array (one
        // allocation): the group's first mention at `group`, its last at
        // `groupCount + group` (while filling), and the mention after
        // mention `i` at `2 * groupCount + i`; -1 ends a chain.
        var chainArray = [Int32](repeating: -1, count: 2 * groupCount + mentions.count)
        for index in mentions.indices {
            let group = groupStart[mentions[index].kind.rawValue] + Int(keyIDs[index])
            let last = Int(chainArray[groupCount + group])
            if last < 0 { chainArray[group] = Int32(index) } else { chainArray[2 * groupCount + last] = Int32(index) }
            chainArray[groupCount + group] = Int32(index)
        }
        // Constants from here on: the nested functions read them without
        // the exclusivity checks that captured variables need.
        let chains = chainArray, base = groupStart, keyTables = keys, groupOfRecord = officialGroups
        // Each mention's evidence is made where it is used, once: in its
        // group's entity, or for agencies in the agency's.
        func mentionEvidence(_ index: Int) -> Evidence { self.evidence(mentions[index].range) }
        /// The evidence of the mentions of key id `id` of `kind`, in text order.
        func evidence(ofKind kind: Int, id: Int) -> [Evidence] {
            var index = Int(chains[base[kind] + id])
            // A literal for the one mention most groups hold; a longer chain
            // is counted first, for one allocation of the right size.
            var next = Int(chains[2 * groupCount + index])
            guard next >= 0 else { return [mentionEvidence(index)] }
            var count = 1
            while next >= 0 {
                count += 1
                next = Int(chains[2 * groupCount + next])
            }
            var result: [Evidence] = []
            result.reserveCapacity(count)
            while index >= 0 {
                result.append(mentionEvidence(index))
                index = Int(chains[2 * groupCount + index])
            }
            return result
        }
        /// The evidence of the official of record `record`, in text order.
        func evidence(ofOfficial record: Int) -> [Evidence] {
            let id = byRecord ? Int(groupOfRecord[record]) : keyTables[Mention.Kind.official.rawValue].id(of: records[record].name) ?? -1
            return id < 0 ? [] : evidence(ofKind: Mention.Kind.official.rawValue, id: id)
        }
        var entities: [Entity] = []
        entities.reserveCapacity(recognition.officials.count + mentions.count / 2 + events.count + 8)
        // Room for a title per official and one relation per mentioned
        // agency or place and per event: growing from empty would move the
        // relations at one, two, four and eight.
        var relations: [Relation] = []
        relations.reserveCapacity(recognition.officials.count + mentions.count / 2 + events.count)
        // By country id: the mentioned countries' (those added later have none).
        var countryEvidence: [[Evidence]] = []
        countryEvidence.reserveCapacity(mentionedCountries)
        for id in 0 ..< mentionedCountries {
            countryEvidence.append(evidence(ofKind: Mention.Kind.country.rawValue, id: id))
        }
        /// A relation's evidence: the first of its source's, sharing the
        /// source's array when that is all it holds.
        func firstOf(_ evidence: [Evidence]) -> [Evidence] { evidence.count <= 1 ? evidence : [evidence[0]] }

        // Agencies by name and country, each id made once: the mentioned
        // ones (their names are interned already, in `keyIDs`), then those
        // titles bind to, entities even when they have no mention of their
        // own. Bound names are interned with the mentioned ones.
        var agencies = AgencyTable()
        var agencyNames = keyTables[Mention.Kind.agency.rawValue]
        for index in mentions.indices where mentions[index].kind == .agency {
            let group = agencies.index(of: AgencyRef(name: mentions[index].key, country: mentions[index].country),
                                       nameID: Int(keyIDs[index]))
            agencies.groups[group].evidence.append(mentionEvidence(index))
        }
        // Officials' ids by name, made once: events name their participants again.
        var officials = IDTable(Self.officialID)
        // Records are read field by field where they lie: binding one to a
        // name copies it (a retain of every field).
        // Each record's id and evidence (none: not mentioned). The officials
        // become entities last: the graph sorts its entities by id, by
        // insertion, and `official:` comes after every kind but `place:`;
        // made first, each would be moved past all the others.
        var mentioned: [MentionedOfficial] = []
        mentioned.reserveCapacity(records.count)
        for index in records.indices {
            let name = records[index].name
            let firstEvidence = evidence(ofOfficial: index)
            let id = firstEvidence.isEmpty ? "" : officials.id(name).id
            if !firstEvidence.isEmpty, let country = records[index].country { _ = countries.id(country) }
            mentioned.append(MentionedOfficial(id: id, evidence: firstEvidence))
            let bindings = records[index].bindings
            for binding in bindings.indices {
                var target: String?
                if let agency = bindings[binding].agency {
                    target = agencies.groups[agencies.index(of: agency, nameID: agencyNames.intern(agency.name))].id
                } else {
                    // A title's country is a target, not yet an entity of this document.
                    target = bindings[binding].country.map(Self.countryID)
                }
                guard !firstEvidence.isEmpty, let target else { continue }
                relations.append(Relation(kind: .holdsTitle, source: id, target: target, detail: bindings[binding].title,
                                          evidence: firstOf(firstEvidence)))
            }
        }

        for index in agencies.groups.indices {
            let name = agencies.groups[index].agency.name, country = agencies.groups[index].agency.country
            let evidence = agencies.groups[index].evidence
            let info = agencyTable[name]
            let isOrganization = info.map { $0.kind == "international" || $0.kind == "company" } ?? false
            let id = agencies.groups[index].id
            entities.append(Entity(id: id, kind: isOrganization ? .organization : .agency,
                                   name: name, latin: info?.latin, country: country, evidence: evidence))
            if let country {
                relations.append(Relation(kind: .partOf, source: id, target: countries.id(country).id,
                                          evidence: firstOf(evidence)))
            }
        }
        // Areas before countries, as their ids sort.
        var areas = keyTables[Mention.Kind.area.rawValue]
        let areaMentions = areas.count
        for index in events.indices { for key in events[index].areas { _ = areas.intern(key) } }
        for index in 0 ..< areas.count {
            let key = areas[index]
            let info = areaTable[key]
            entities.append(Entity(id: Self.areaID(key), kind: .area, name: info?.forms.first ?? key, latin: info?.latin,
                                   evidence: index < areaMentions ? evidence(ofKind: Mention.Kind.area.rawValue, id: index) : []))
        }
        for index in 0 ..< countries.count {
            let code = countries.name(index)
            let info = countryTable[code]
            entities.append(Entity(id: countries[index], kind: .country, name: info?.name ?? code, latin: info?.latin,
                                   country: code, evidence: index < countryEvidence.count ? countryEvidence[index] : []))
        }
        // Countries from here on have no mention of their own.
        var places = keyTables[Mention.Kind.place.rawValue]
        let placeMentions = places.count
        for index in events.indices { if let place = events[index].place { _ = places.intern(place) } }
        var placeIDs: [String] = []
        placeIDs.reserveCapacity(places.count)
        for index in 0 ..< places.count {
            let name = places[index]
            let info = placeTable[name]
            // `places` extends the mentioned places' table: the same ids.
            let evidence = index < placeMentions ? evidence(ofKind: Mention.Kind.place.rawValue, id: index) : []
            let id = Self.placeID(name)
            placeIDs.append(id)
            entities.append(Entity(id: id, kind: .place, name: name, latin: info?.latin,
                                   country: info?.country, evidence: evidence))
            if let code = info?.country {
                let (countryID, inserted) = countries.id(code)
                relations.append(Relation(kind: .locatedIn, source: id, target: countryID, evidence: firstOf(evidence)))
                if inserted {
                    let countryInfo = countryTable[code]
                    entities.append(Entity(id: countryID, kind: .country, name: countryInfo?.name ?? code,
                                           latin: countryInfo?.latin, country: code))
                }
            }
        }

        var graphEvents: [Event] = []
        graphEvents.reserveCapacity(events.count)
        // Events are read field by field where they lie, as records are.
        for index in events.indices {
            let kind = events[index].kind, title = events[index].title
            let proof = [self.evidence(events[index].range)]
            var participants: [Participant] = []
            participants.reserveCapacity(events[index].officials.count + events[index].countries.count + 1)
            for official in events[index].officials { participants.append(Participant(entity: officials.id(official.name).id, role: official.role)) }
            for country in events[index].countries {
                let code = country.code, role = country.role
                let (id, inserted) = countries.id(code)
                participants.append(Participant(entity: id, role: role))
                if inserted {
                    let info = countryTable[code]
                    entities.append(Entity(id: id, kind: .country, name: info?.name ?? code, latin: info?.latin, country: code))
                }
            }
            if kind == .attendance, let title = title {
                let id = "conference:".joined(with: title)
                participants.append(Participant(entity: id, role: .conference))
                entities.append(Entity(id: id, kind: .conference, name: title, evidence: proof))
            }
            if kind == .agreement, let title = title {
                let id = "document:".joined(with: title)
                participants.append(Participant(entity: id, role: .document))
                entities.append(Entity(id: id, kind: .document, name: title, evidence: proof))
            }
            // Most events name no area or one: no sort, and for none no array.
            var sortedAreas: [String] = []
            switch events[index].areas.count {
            case 0: break
            case 1: sortedAreas = [events[index].areas.first!]
            default: sortedAreas = events[index].areas.sorted()
            }
            if kind == .pledge, events[index].countries.count == 2 {
                var pair: [String] = []
                for country in events[index].countries { pair.append(countries.id(country.code).id) }
                pair.sortSmall(pair.indices)
                relations.append(Relation(kind: .cooperatesWith, source: pair[0], target: pair[1],
                                          areas: sortedAreas, evidence: proof))
            }
            participants.sort()
            let date = events[index].date, status = events[index].status
            let id = Self.eventID(kind: kind, status: status, date: date, title: title, participants: participants,
                                  document: document)
            graphEvents.append(Event(
                id: id, kind: kind, status: status, date: date, endDate: events[index].endDate,
                place: events[index].place.map { placeIDs[places.id(of: $0)!] }, mode: events[index].mode, participants: participants,
                areas: sortedAreas, title: title, evidence: proof))
        }
        for index in records.indices where !mentioned[index].evidence.isEmpty {
            let name = records[index].name, country = records[index].country
            entities.append(Entity(
                id: mentioned[index].id, kind: .official, name: name,
                latin: records[index].latin ?? Self.latinName(name, country: country),
                country: country, aliases: records[index].aliases.sortedByBytes(),
                titles: records[index].titles.sortedByBytes(), evidence: mentioned[index].evidence))
        }
        return Graph(entities: consume entities, events: consume graphEvents, relations: consume relations, documents: [document])
    }

    /// Pinyin for Chinese names; a foreign name without a gloss has none
    /// (pinyin of a transliteration would be a wrong name).
    static func latinName(_ name: String, country: String?) -> String? {
        guard country.map({ Vocabulary.chineseNameCountries.contains($0) }) ?? true,
              !name.unicodeScalars.contains("·") else { return nil }
        return pinyin(name)
    }

    /// Ids that the same event reported by two documents shares.
    static func eventID(kind eventKind: EventKind, status: EventStatus, date eventDate: EventDate?, title: String?,
                        participants: [Participant], document: String) -> String {
        let kind = eventKind.rawValue
        let date = eventDate?.description ?? "undated"
        let suffix: String?
        switch eventKind {
        case .pledge: suffix = document
        case .agreement where title == nil: suffix = document
        default: suffix = status == .planned ? "planned" : nil
        }
        var capacity = kind.utf8.count + 1 + date.utf8.count + 1 + participants.count + (suffix?.utf8.count ?? 0)
        for participant in participants { capacity += participant.entity.utf8.count }
        return String(capacity: capacity) { id in
            id.append(kind)
            id.append(":")
            id.append(date)
            id.append(":")
            for (index, participant) in participants.enumerated() {
                if index > 0 { id.append("+") }
                id.append(participant.entity)
            }
            if let suffix {
                id.append(":")
                id.append(suffix)
            }
        }
    }

    /// `Wang Xiaohong` for 王小洪: surname, then the given name as one word.
    /// Read from the bundled table; a name with a character the table
    /// lacks goes through ICU, whose results are kept (it builds a
    /// transliterator per call).
    static func pinyin(_ name: String) -> String? {
        guard name.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) }) else { return nil }
        if let latin = Pinyin.latinName(name) { return latin }
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
        if let name = arrangeLowercase(syllables) { return name }
        guard syllables.count >= 2 else { return capitalized(syllables.joined(separator: " ")) }
        let surnameLength = syllables.count >= 4 ? 2 : 1
        return capitalized(syllables[..<surnameLength].joined()) + " " + capitalized(syllables[surnameLength...].joined())
    }

    /// `arrange` for two or more syllables of lowercase ASCII letters (the
    /// table's), written into one string: no joined or capitalized copies.
    /// Nil for anything else.
    private static func arrangeLowercase(_ syllables: [String]) -> String? {
        guard syllables.count >= 2 else { return nil }
        let surnameLength = syllables.count >= 4 ? 2 : 1
        var capacity = 1
        for syllable in syllables {
            guard syllable.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else { return nil }
            capacity += syllable.utf8.count
        }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            // Each part's first letter is capitalized, wherever it comes from.
            var startsPart = true
            for (index, syllable) in syllables.enumerated() {
                if index == surnameLength {
                    buffer[count] = UInt8(ascii: " ")
                    count += 1
                    startsPart = true
                }
                for byte in syllable.utf8 {
                    buffer[count] = startsPart ? byte - 32 : byte
                    count += 1
                    startsPart = false
                }
            }
            return count
        }
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

/// An official record's entity id and evidence, while the builder makes
/// the other entities.
private struct MentionedOfficial {
    let id: String
    let evidence: [Evidence]
}

/// Ids made once per name (a document names an official or a country
/// many times): an interner of the names and the ids by name id. A struct
/// with mutating methods, not a nested function over captured variables,
/// which would check exclusive access at run time on every call.
private struct IDTable {
    private var names = Interner()
    private var ids: [String] = []
    private let makeID: (String) -> String

    init(_ makeID: @escaping (String) -> String) { self.makeID = makeID }

    var count: Int { ids.count }

    /// The id of name id `index`.
    subscript(index: Int) -> String { ids[index] }

    /// The name of name id `index`.
    func name(_ index: Int) -> String { names[index] }

    /// The name id of `name`, its id made if new.
    mutating func index(_ name: String) -> Int {
        let index = names.intern(name)
        if index == ids.count {
            // Room for a few at once, as the interner makes.
            if ids.isEmpty { ids.reserveCapacity(8) }
            ids.append(makeID(name))
        }
        return index
    }

    /// The id of `name`; `inserted` when it was new.
    mutating func id(_ name: String) -> (id: String, inserted: Bool) {
        let count = ids.count
        let index = index(name)
        return (ids[index], index == count)
    }
}

/// Agencies by name and country, as their ids tell them apart, in the
/// order first met: each id made once, and an agency found by its name's
/// id (an interner's) and a walk over the few agencies of that name.
private struct AgencyTable {
    struct Group {
        let agency: AgencyRef
        let id: String
        var evidence: [Evidence] = []
        /// The group before it of the same name, or -1.
        let sameName: Int32
    }

    var groups: [Group] = []
    /// By name id: the last group of that name, or -1.
    private var lastOfName: [Int32] = []

    /// The group of `agency`, whose name has id `nameID`, made if new.
    mutating func index(of agency: AgencyRef, nameID: Int) -> Int {
        if nameID < lastOfName.count {
            var at = Int(lastOfName[nameID])
            while at >= 0 {
                // An agency's id names its country, or `INT` for none.
                if (groups[at].agency.country ?? "INT").hasSameBytes(as: agency.country ?? "INT") { return at }
                at = Int(groups[at].sameName)
            }
        } else {
            lastOfName += repeatElement(-1, count: nameID + 1 - lastOfName.count)
        }
        if groups.isEmpty { groups.reserveCapacity(8) }
        groups.append(Group(agency: agency, id: GraphBuilder.agencyID(agency), sameName: lastOfName[nameID]))
        lastOfName[nameID] = Int32(groups.count - 1)
        return groups.count - 1
    }
}

/// Country ids by code, made once per code, as `IDTable` for names: codes
/// are a few ASCII letters, each matched as one integer (its bytes and its
/// length) in a linear scan, where interning hashes a copy of the string.
/// The codes a document can name are the knowledge base's, so the scan is
/// bounded by its table of countries.
private struct CodeTable {
    private struct Entry {
        /// The code's bytes and length packed, or `UInt64.max` for a code
        /// of more than seven bytes (compared as bytes).
        let key: UInt64
        let code: String
        let id: String
    }

    /// One array, one allocation.
    private var entries: [Entry] = []

    var count: Int { entries.count }

    /// The id of code id `index`.
    subscript(index: Int) -> String { entries[index].id }

    /// The code of code id `index`.
    func name(_ index: Int) -> String { entries[index].code }

    /// The code id of `code`, its id made if new.
    mutating func index(_ code: String) -> Int {
        let key = Self.key(code)
        let found = entries.withUnsafeBufferPointer { entries in
            entries.indices.first { entries[$0].key == key && (key != .max || entries[$0].code.hasSameBytes(as: code)) }
        }
        if let found { return found }
        if entries.isEmpty { entries.reserveCapacity(8) }
        entries.append(Entry(key: key, code: code, id: GraphBuilder.countryID(code)))
        return entries.count - 1
    }

    /// The id of `code`; `inserted` when it was new.
    mutating func id(_ code: String) -> (id: String, inserted: Bool) {
        let count = entries.count
        let index = index(code)
        return (entries[index].id, index == count)
    }

    /// Up to seven bytes and their count in one integer; `UInt64.max` for more.
    private static func key(_ code: String) -> UInt64 {
        code.withBytes { bytes in
            guard bytes.count <= 7 else { return .max }
            guard let base = bytes.baseAddress else { return 0 }
            return loadLittleEndianWord(UnsafeRawPointer(base), count: bytes.count) | UInt64(bytes.count) << 56
        }
    }
}

/// Sentence texts made on first use; one builder, one thread.
///
/// The texts made so far are kept in a short list, searched from its end
/// (evidence comes mostly in text order): a document holds evidence in a
/// handful of sentences, and a table by sentence would be allocated
/// through the standard library's unspecialized `Array(repeating:count:)`.
/// Past `listLimit` texts (a book-length document) they move to a table by
/// sentence, so that lookups stay constant-time.
private final class SentenceTexts {
    private let text: AnalyzedText
    /// Unchecked, as `table`: the class is private to one builder on one
    /// thread, and no access overlaps another; the run-time check cost more
    /// than the lookup it guarded.
    @exclusivity(unchecked) private var made: [(index: Int, text: String)] = []
    /// Texts by sentence, once more than `listLimit` are made; else empty.
    @exclusivity(unchecked) private var table: [String?] = []
    private static let listLimit = 32

    init(_ text: AnalyzedText) {
        self.text = text
    }

    subscript(index: Int) -> String {
        if !table.isEmpty {
            if let sentence = table[index] { return sentence }
            let sentence = text.sentenceText(index)
            table[index] = sentence
            return sentence
        }
        for entry in made.reversed() where entry.index == index { return entry.text }
        let sentence = text.sentenceText(index)
        if made.isEmpty { made.reserveCapacity(8) }
        made.append((index, sentence))
        if made.count > Self.listLimit {
            table = Array(repeating: nil, count: text.sentences.count)
            for entry in made { table[entry.index] = entry.text }
            made = []
        }
        return sentence
    }
}

extension Set where Element == String {
    /// The strings in byte order; none or one without sorting (most
    /// officials have no alias).
    func sortedByBytes() -> [String] {
        switch count {
        case 0: return []
        case 1: return [first!]
        default: return sorted(by: { $0.precedes($1) })
        }
    }
}

extension Array where Element == String {
    /// The strings in byte order; none or one as they are, sharing the
    /// array (most officials have one title).
    func sortedByBytes() -> [String] {
        count <= 1 ? self : sorted(by: { $0.precedes($1) })
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
