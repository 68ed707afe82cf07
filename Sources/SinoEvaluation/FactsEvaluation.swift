import SinoGraph

/// Scores extracted ``Facts`` against gold facts, the way
/// `sinograph evaluate` does for `Fixtures/gold/*.json`.
///
/// Each category is matched on its identity only, so one wrong detail does
/// not hide a correct find:
///
/// | category     | matches on                                             |
/// |--------------|--------------------------------------------------------|
/// | officials    | name and country                                       |
/// | countries    | ISO code                                               |
/// | agencies     | name and country                                       |
/// | places       | name                                                   |
/// | areas        | area key                                               |
/// | meetings     | the set of participants (order ignored)                |
/// | visits       | visitor and destination                                |
/// | agreements   | the set of parties, and the title when both have one   |
/// | attendances  | attendee and event name                                |
///
/// Every gold element matches at most one found element and the other way
/// round, so a duplicate in the found facts counts as one more found
/// element that is not correct. Meetings are paired greedily in gold order,
/// preferring a found meeting of the same date; the pairs are then checked
/// for date, place, areas (as a set) and mode in ``FactsScore/meetingMatches``.
///
/// ```swift
/// var total = FactsScore()
/// for (found, gold) in pairs { total.add(FactsEvaluation.compare(found: found, gold: gold)) }
/// print(total.meetings.f, total.meetingMatches.dateAccuracy)
/// ```
public struct FactsEvaluation {
    /// The score of one document's found facts against its gold facts.
    public static func compare(found: Facts, gold: Facts) -> FactsScore {
        var score = FactsScore()
        score.documents = 1
        for category in FactsScore.Category.allCases {
            let matching = match(category, found: found, gold: gold)
            score[category] = CategoryScore(gold: matching.goldCount, found: matching.foundCount,
                                            correct: matching.pairs.count)
        }
        for (g, f) in meetingPairs(found: found.meetings, gold: gold.meetings) {
            let gold = gold.meetings[g], found = found.meetings[f]
            score.meetingMatches.matched += 1
            if gold.date == found.date { score.meetingMatches.dateCorrect += 1 }
            if gold.place == found.place { score.meetingMatches.placeCorrect += 1 }
            if Set(gold.areas) == Set(found.areas) { score.meetingMatches.areasCorrect += 1 }
            if gold.mode == found.mode { score.meetingMatches.modeCorrect += 1 }
        }
        return score
    }

    /// What the score counts against `found`, one line each, for reading
    /// why a document lost points: gold elements not found (`missing`),
    /// found elements not in the gold (`extra`), and matched meetings whose
    /// date, place, areas or mode differ (`wrong`).
    ///
    /// Elements are written compactly: `officials: 王小洪 (CN)`,
    /// `meetings: 王小洪 + 阿尔瓦雷斯 2024-11-29`.
    public static func differences(found: Facts, gold: Facts) -> [FactsDifference] {
        var result: [FactsDifference] = []
        for category in FactsScore.Category.allCases {
            let matching = match(category, found: found, gold: gold)
            let matchedGold = Set(matching.pairs.map(\.gold)), matchedFound = Set(matching.pairs.map(\.found))
            for index in 0 ..< matching.goldCount where !matchedGold.contains(index) {
                result.append(FactsDifference(kind: .missing, category: category,
                                              element: describe(category, gold, index)))
            }
            for index in 0 ..< matching.foundCount where !matchedFound.contains(index) {
                result.append(FactsDifference(kind: .extra, category: category,
                                              element: describe(category, found, index)))
            }
        }
        for (g, f) in meetingPairs(found: found.meetings, gold: gold.meetings) {
            let goldMeeting = gold.meetings[g], foundMeeting = found.meetings[f]
            var details: [String] = []
            func compare(_ field: String, _ gold: String?, _ found: String?) {
                if gold != found { details.append("\(field) \(found ?? "null"), gold \(gold ?? "null")") }
            }
            compare("date", goldMeeting.date, foundMeeting.date)
            compare("place", goldMeeting.place, foundMeeting.place)
            if Set(goldMeeting.areas) != Set(foundMeeting.areas) {
                compare("areas", goldMeeting.areas.sorted().joined(separator: ","),
                        foundMeeting.areas.sorted().joined(separator: ","))
            }
            compare("mode", goldMeeting.mode, foundMeeting.mode)
            if !details.isEmpty {
                result.append(FactsDifference(
                    kind: .wrong, category: .meetings,
                    element: describe(.meetings, gold, g) + ": " + details.joined(separator: "; ")))
            }
        }
        return result
    }

    // MARK: Matching

    /// Index pairs of matched elements of one category.
    private struct Matching {
        var goldCount: Int
        var foundCount: Int
        var pairs: [(gold: Int, found: Int)]
    }

    private static func match(_ category: FactsScore.Category, found: Facts, gold: Facts) -> Matching {
        switch category {
        case .officials:
            return matchKeys(found.officials.map { Key($0.name, $0.country) }, gold.officials.map { Key($0.name, $0.country) })
        case .countries:
            return matchKeys(found.countries.map { Key($0) }, gold.countries.map { Key($0) })
        case .agencies:
            return matchKeys(found.agencies.map { Key($0.name, $0.country) }, gold.agencies.map { Key($0.name, $0.country) })
        case .places:
            return matchKeys(found.places.map { Key($0) }, gold.places.map { Key($0) })
        case .areas:
            return matchKeys(found.areas.map { Key($0) }, gold.areas.map { Key($0) })
        case .meetings:
            return Matching(goldCount: gold.meetings.count, foundCount: found.meetings.count,
                            pairs: meetingPairs(found: found.meetings, gold: gold.meetings))
        case .visits:
            return matchKeys(found.visits.map { Key($0.visitor, $0.destination) },
                             gold.visits.map { Key($0.visitor, $0.destination) })
        case .agreements:
            return Matching(goldCount: gold.agreements.count, foundCount: found.agreements.count,
                            pairs: agreementPairs(found: found.agreements, gold: gold.agreements))
        case .attendances:
            return matchKeys(found.attendances.map { Key($0.attendee, $0.event) },
                             gold.attendances.map { Key($0.attendee, $0.event) })
        }
    }

    /// An identity of up to two optional strings; `nil` equals only `nil`.
    private struct Key: Hashable {
        var first: String?
        var second: String?
        init(_ first: String?, _ second: String? = nil) {
            self.first = first
            self.second = second
        }
    }

    /// Pairs equal keys one to one, in order, so duplicates pair only as
    /// often as they occur on both sides.
    private static func matchKeys(_ found: [Key], _ gold: [Key]) -> Matching {
        var unmatched: [Key: [Int]] = [:]
        for (index, key) in found.enumerated() { unmatched[key, default: []].append(index) }
        var pairs: [(gold: Int, found: Int)] = []
        for (index, key) in gold.enumerated() {
            guard var candidates = unmatched[key], !candidates.isEmpty else { continue }
            pairs.append((index, candidates.removeFirst()))
            unmatched[key] = candidates
        }
        return Matching(goldCount: gold.count, foundCount: found.count, pairs: pairs)
    }

    /// Greedy one-to-one pairing: a first pass in gold order takes the
    /// candidates `preferred` accepts, a second pass the candidates
    /// `acceptable` accepts among those left. The two passes keep a gold
    /// element that only matches loosely from taking the found element a
    /// later gold element matches exactly.
    private static func greedyPairs(goldCount: Int, foundCount: Int,
                                    acceptable: (Int, Int) -> Bool,
                                    preferred: (Int, Int) -> Bool) -> [(gold: Int, found: Int)] {
        var goldTaken = Array(repeating: false, count: goldCount)
        var foundTaken = Array(repeating: false, count: foundCount)
        var pairs: [(gold: Int, found: Int)] = []
        for strict in [true, false] {
            for g in 0 ..< goldCount where !goldTaken[g] {
                let candidate = (0 ..< foundCount).first { f in
                    !foundTaken[f] && acceptable(g, f) && (!strict || preferred(g, f))
                }
                if let f = candidate {
                    goldTaken[g] = true
                    foundTaken[f] = true
                    pairs.append((g, f))
                }
            }
        }
        return pairs.sorted { $0.gold < $1.gold }
    }

    private static func meetingPairs(found: [Facts.Meeting], gold: [Facts.Meeting]) -> [(gold: Int, found: Int)] {
        let goldSets = gold.map { Set($0.participants) }, foundSets = found.map { Set($0.participants) }
        return greedyPairs(goldCount: gold.count, foundCount: found.count,
                           acceptable: { goldSets[$0] == foundSets[$1] },
                           preferred: { gold[$0].date == found[$1].date })
    }

    private static func agreementPairs(found: [Facts.Agreement], gold: [Facts.Agreement]) -> [(gold: Int, found: Int)] {
        let goldSets = gold.map { Set($0.parties) }, foundSets = found.map { Set($0.parties) }
        return greedyPairs(
            goldCount: gold.count, foundCount: found.count,
            acceptable: { g, f in
                guard goldSets[g] == foundSets[f] else { return false }
                guard let goldTitle = gold[g].title, let foundTitle = found[f].title else { return true }
                return goldTitle == foundTitle
            },
            preferred: { gold[$0].title == found[$1].title && gold[$0].date == found[$1].date })
    }

    private static func describe(_ category: FactsScore.Category, _ facts: Facts, _ index: Int) -> String {
        func country(_ code: String?) -> String { " (\(code ?? "no country"))" }
        func date(_ date: String?) -> String { date.map { " " + $0 } ?? "" }
        switch category {
        case .officials: return facts.officials[index].name + country(facts.officials[index].country)
        case .countries: return facts.countries[index]
        case .agencies: return facts.agencies[index].name + country(facts.agencies[index].country)
        case .places: return facts.places[index]
        case .areas: return facts.areas[index]
        case .meetings:
            let meeting = facts.meetings[index]
            return meeting.participants.joined(separator: " + ") + date(meeting.date)
        case .visits:
            let visit = facts.visits[index]
            return "\(visit.visitor) → \(visit.destination)" + date(visit.date)
        case .agreements:
            let agreement = facts.agreements[index]
            return agreement.parties.joined(separator: " + ") + (agreement.title.map { " 《\($0)》" } ?? "")
                + date(agreement.date)
        case .attendances:
            let attendance = facts.attendances[index]
            return "\(attendance.attendee) @ \(attendance.event)" + date(attendance.date)
        }
    }
}

/// One thing the gold and the found facts disagree on; see
/// ``FactsEvaluation/differences(found:gold:)``.
public struct FactsDifference: Sendable, Hashable, CustomStringConvertible {
    /// How the found facts differ.
    public enum Kind: String, Sendable, Hashable {
        /// In the gold, not found.
        case missing
        /// Found, not in the gold (or found more often than the gold has it).
        case extra
        /// A matched meeting with a wrong date, place, areas or mode.
        case wrong
    }

    /// How the found facts differ.
    public var kind: Kind
    /// The category of the element.
    public var category: FactsScore.Category
    /// The element, written compactly, with the wrong details for ``Kind/wrong``.
    public var element: String

    /// `missing officials: 王小洪 (CN)`.
    public var description: String { "\(kind.rawValue) \(category.rawValue): \(element)" }
}

/// Gold, found and correct counts of one category, with precision, recall
/// and F1.
///
/// Empty sides follow one convention: precision is 1 when nothing was
/// found (no wrong answer was given) and recall is 1 when the gold holds
/// nothing (nothing was missed). So a document with no meetings and none
/// found scores 1, 1, 1; finding nothing of three gold meetings scores
/// P = 1, R = 0, F = 0; and finding two where the gold has none scores
/// P = 0, R = 1, F = 0. F is 0 whenever P + R is 0.
public struct CategoryScore: Sendable, Hashable, Codable {
    /// Elements in the gold facts.
    public var gold: Int
    /// Elements in the found facts, duplicates included.
    public var found: Int
    /// Found elements matched to a gold element.
    public var correct: Int

    /// Creates counts.
    public init(gold: Int = 0, found: Int = 0, correct: Int = 0) {
        self.gold = gold
        self.found = found
        self.correct = correct
    }

    /// `correct / found`, or 1 when nothing was found.
    public var precision: Double { found == 0 ? 1 : Double(correct) / Double(found) }
    /// `correct / gold`, or 1 when the gold is empty.
    public var recall: Double { gold == 0 ? 1 : Double(correct) / Double(gold) }
    /// The harmonic mean of precision and recall, 0 when both are 0.
    public var f: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// Adds the counts of `other` (micro-averaging).
    public mutating func add(_ other: CategoryScore) {
        gold += other.gold
        found += other.found
        correct += other.correct
    }

    private enum CodingKeys: String, CodingKey { case gold, found, correct, precision, recall, f }

    /// Reads the counts; the written precision, recall and F are ignored
    /// because they follow from the counts.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        gold = try c.decode(Int.self, forKey: .gold)
        found = try c.decode(Int.self, forKey: .found)
        correct = try c.decode(Int.self, forKey: .correct)
    }

    /// Writes the counts and, for readers of the JSON, precision, recall and F.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(gold, forKey: .gold)
        try c.encode(found, forKey: .found)
        try c.encode(correct, forKey: .correct)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f, forKey: .f)
    }
}

/// How many matched meetings have the gold's date, place, areas and mode.
///
/// Accuracies are over ``matched``, and 1 when no meeting matched (there
/// was nothing to get wrong); read them with ``matched``.
public struct MeetingMatchScore: Sendable, Hashable, Codable {
    /// Gold meetings paired with a found meeting.
    public var matched = 0
    /// Pairs with the same date (both absent counts as the same).
    public var dateCorrect = 0
    /// Pairs with the same place name.
    public var placeCorrect = 0
    /// Pairs with the same set of area keys.
    public var areasCorrect = 0
    /// Pairs with the same mode (`in-person`, `video`).
    public var modeCorrect = 0

    /// Creates zero counts.
    public init() {}

    /// `dateCorrect / matched`.
    public var dateAccuracy: Double { accuracy(dateCorrect) }
    /// `placeCorrect / matched`.
    public var placeAccuracy: Double { accuracy(placeCorrect) }
    /// `areasCorrect / matched`.
    public var areasAccuracy: Double { accuracy(areasCorrect) }
    /// `modeCorrect / matched`.
    public var modeAccuracy: Double { accuracy(modeCorrect) }

    private func accuracy(_ correct: Int) -> Double { matched == 0 ? 1 : Double(correct) / Double(matched) }

    /// Adds the counts of `other`.
    public mutating func add(_ other: MeetingMatchScore) {
        matched += other.matched
        dateCorrect += other.dateCorrect
        placeCorrect += other.placeCorrect
        areasCorrect += other.areasCorrect
        modeCorrect += other.modeCorrect
    }

    private enum CodingKeys: String, CodingKey {
        case matched, dateCorrect, placeCorrect, areasCorrect, modeCorrect
        case dateAccuracy, placeAccuracy, areasAccuracy, modeAccuracy
    }

    /// Reads the counts; written accuracies are ignored.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        matched = try c.decode(Int.self, forKey: .matched)
        dateCorrect = try c.decode(Int.self, forKey: .dateCorrect)
        placeCorrect = try c.decode(Int.self, forKey: .placeCorrect)
        areasCorrect = try c.decode(Int.self, forKey: .areasCorrect)
        modeCorrect = try c.decode(Int.self, forKey: .modeCorrect)
    }

    /// Writes the counts and the accuracies.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(matched, forKey: .matched)
        try c.encode(dateCorrect, forKey: .dateCorrect)
        try c.encode(placeCorrect, forKey: .placeCorrect)
        try c.encode(areasCorrect, forKey: .areasCorrect)
        try c.encode(modeCorrect, forKey: .modeCorrect)
        try c.encode(dateAccuracy, forKey: .dateAccuracy)
        try c.encode(placeAccuracy, forKey: .placeAccuracy)
        try c.encode(areasAccuracy, forKey: .areasAccuracy)
        try c.encode(modeAccuracy, forKey: .modeAccuracy)
    }
}

/// The score of one document, or the sum over many with ``add(_:)``
/// (micro-averaged: counts add up, ratios are computed from the sums).
public struct FactsScore: Sendable, Hashable, Codable {
    /// The categories scored, in report order.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case officials, countries, agencies, places, areas, meetings, visits, agreements, attendances

        /// Whether the category is an entity type (officials to areas)
        /// rather than an event type.
        public var isEntity: Bool {
            switch self {
            case .officials, .countries, .agencies, .places, .areas: true
            case .meetings, .visits, .agreements, .attendances: false
            }
        }
    }

    /// How many documents were scored.
    public var documents = 0
    /// Officials, matched on name and country.
    public var officials = CategoryScore()
    /// Countries, matched on ISO code.
    public var countries = CategoryScore()
    /// Agencies, matched on name and country.
    public var agencies = CategoryScore()
    /// Places, matched on name.
    public var places = CategoryScore()
    /// Cooperation areas, matched on key.
    public var areas = CategoryScore()
    /// Meetings, matched on the participant set.
    public var meetings = CategoryScore()
    /// Visits, matched on visitor and destination.
    public var visits = CategoryScore()
    /// Agreements, matched on the parties (and title when both have one).
    public var agreements = CategoryScore()
    /// Attendances, matched on attendee and event name.
    public var attendances = CategoryScore()
    /// Date, place, areas and mode of the matched meetings.
    public var meetingMatches = MeetingMatchScore()

    /// A score of nothing, to add documents' scores to.
    public init() {}

    /// The counts of `category`.
    public subscript(category: Category) -> CategoryScore {
        get {
            switch category {
            case .officials: officials
            case .countries: countries
            case .agencies: agencies
            case .places: places
            case .areas: areas
            case .meetings: meetings
            case .visits: visits
            case .agreements: agreements
            case .attendances: attendances
            }
        }
        set {
            switch category {
            case .officials: officials = newValue
            case .countries: countries = newValue
            case .agencies: agencies = newValue
            case .places: places = newValue
            case .areas: areas = newValue
            case .meetings: meetings = newValue
            case .visits: visits = newValue
            case .agreements: agreements = newValue
            case .attendances: attendances = newValue
            }
        }
    }

    /// Adds the counts of `other`, another document's score.
    public mutating func add(_ other: FactsScore) {
        documents += other.documents
        for category in Category.allCases { self[category].add(other[category]) }
        meetingMatches.add(other.meetingMatches)
    }

    /// The sum of all entity categories' counts.
    public var entities: CategoryScore { sum(Category.allCases.filter(\.isEntity)) }
    /// The sum of all event categories' counts.
    public var events: CategoryScore { sum(Category.allCases.filter { !$0.isEntity }) }

    private func sum(_ categories: [Category]) -> CategoryScore {
        var total = CategoryScore()
        for category in categories { total.add(self[category]) }
        return total
    }
}
