import Foundation
import SinoTokenizer

/// An agency as the graph knows it: its canonical name and the country it
/// belongs to (none for international bodies).
struct AgencyRef: Sendable, Hashable, Comparable {
    var name: String
    var country: String?

    static func < (a: AgencyRef, b: AgencyRef) -> Bool { (a.name, a.country ?? "") < (b.name, b.country ?? "") }
}

/// One recognised mention, in the analysed text.
struct Mention: Sendable, Hashable {
    enum Kind: Int, Sendable, Hashable, CaseIterable { case official, country, agency, place, area }
    var kind: Kind
    /// Official name, country code, agency name, place name or area key.
    var key: String
    var range: Range<Int>
    /// For agencies: the bound country.
    var country: String?
    /// For officials: the index of their record in ``Recognition/officials``
    /// (the graph builder groups their mentions by it, without hashing the
    /// names again); -1 when not known.
    var record: Int = -1
}

/// Everything the recogniser found about one official.
struct OfficialRecord: Sendable {
    var name: String
    var country: String?
    var latin: String?
    var titles: [String] = []
    var aliases: Set<String> = []
    var bindings: [(title: String, agency: AgencyRef?, country: String?)] = []
}

/// The entities of one document.
struct Recognition: Sendable {
    var mentions: [Mention] = []
    var officials = NameTable<OfficialRecord>()
}

/// What ``EntityRecognizer/recognize()`` has found so far in one document.
private struct Findings {
    var mentions: [Mention] = []
    var officials = NameTable<OfficialRecord>(capacity: 8)
    /// Analysed scalars already claimed by an official mention, a mark per
    /// scalar: memory the caller owns while the findings are made.
    private let officialCovered: UnsafeMutableBufferPointer<Bool>

    /// Findings that mark claimed scalars in `officialCovered` (a mark per
    /// analysed scalar, all false), with room, guessed from the word count,
    /// for the mentions and officials of most documents.
    init(officialCovered: UnsafeMutableBufferPointer<Bool>, wordCount: Int) {
        self.officialCovered = officialCovered
        mentions.reserveCapacity(wordCount / 4 + 16)
    }

    /// The records of the official entries met last (see
    /// ``officialRecord(ofEntry:)``): a slot per entry index modulo 8, each
    /// the entry's index plus one above the record's index (0: empty).
    /// Inline, not an array: nothing to allocate per document.
    private var recentOfficialEntries: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    /// The record of the official that lexicon entry `entry` names, when
    /// the entry was met lately: a known official is mostly named again
    /// through the same entry, and an entry always names the same official.
    func officialRecord(ofEntry entry: Int) -> Int? {
        let slot = withUnsafeBytes(of: recentOfficialEntries) { $0.load(fromByteOffset: (entry & 7) * 8, as: UInt64.self) }
        guard slot >> 32 == UInt64(entry + 1) else { return nil }
        return Int(slot & 0xFFFF_FFFF)
    }

    /// Notes that lexicon entry `entry` names the official of `record` (see ``officialRecord(ofEntry:)``).
    mutating func noteOfficialRecord(_ record: Int, ofEntry entry: Int) {
        guard entry < 0xFFFF_FFFF, record <= 0xFFFF_FFFF else { return }
        withUnsafeMutableBytes(of: &recentOfficialEntries) {
            $0.storeBytes(of: UInt64(entry + 1) << 32 | UInt64(record), toByteOffset: (entry & 7) * 8, as: UInt64.self)
        }
    }

    /// Whether analysed scalar `position` belongs to an official mention.
    func isCoveredByOfficial(_ position: Int) -> Bool { officialCovered[position] }

    /// Adds a mention of the official `key` over `range`, unless an official
    /// mention covers any of it already; whether it was added.
    mutating func addOfficialMention(_ key: String, record: Int, _ range: Range<Int>) -> Bool {
        guard !officialCovered[range].contains(true) else { return false }
        for p in range { officialCovered[p] = true }
        mentions.append(Mention(kind: .official, key: key, range: range, record: record))
        return true
    }

    /// Adds an agency mention, or replaces the one that starts where it does.
    /// (`mention` is consumed: it moves into the list without a copy.)
    mutating func setAgency(_ mention: consuming Mention) {
        // The first pass meets each word once, in order: its agencies are new.
        guard isInOrderNoted, let index = agencyMention(startingAt: mention.range.lowerBound) else {
            mentions.append(mention)
            return
        }
        mentions[index] = mention
    }

    /// The index of the agency mention that starts at `start`, if there is
    /// one: among the first pass's mentions, which are in order, found by
    /// binary search; among the few a chain added after them, by a scan.
    private func agencyMention(startingAt start: Int) -> Int? {
        mentions.withUnsafeBufferPointer { mentions in
            var low = 0, high = mentionsInOrder
            while low < high {
                let mid = (low &+ high) &>> 1
                if mentions[mid].range.lowerBound < start { low = mid &+ 1 } else { high = mid }
            }
            // A word may be a place or an area as well as an agency: all its mentions start there.
            while low < mentionsInOrder, mentions[low].range.lowerBound == start {
                if mentions[low].kind == .agency { return low }
                low &+= 1
            }
            for index in mentionsInOrder ..< mentions.count
            where mentions[index].kind == .agency && mentions[index].range.lowerBound == start {
                return index
            }
            return nil
        }
    }

    /// How many mentions, from the first, are in the order of their ranges:
    /// the first pass adds them word by word (see ``noteMentionsInOrder()``).
    private var mentionsInOrder = 0

    /// Whether ``noteMentionsInOrder()`` was called: the first pass is over.
    private var isInOrderNoted = false

    /// Notes that the mentions so far are in order: those of the first
    /// pass, made word after word (a chain only rebinds them in place).
    mutating func noteMentionsInOrder() {
        mentionsInOrder = mentions.count
        isInOrderNoted = true
    }

    /// The recognition: the mentions sorted by range, and the records.
    mutating func recognition() -> Recognition {
        mentions.sortByRange(sortedPrefix: mentionsInOrder)
        return Recognition(mentions: mentions, officials: officials)
    }
}

extension Array where Element == Mention {
    /// Sorts the mentions by range (lower bounds, then upper bounds), keeping
    /// the order found among equal ranges. The first pass finds mentions in
    /// order, and the later passes add a few officials after them, so an
    /// insertion sort moves few: it moves mentions whole in memory, where
    /// swapping them would retain and release their strings. Past a budget
    /// of moves (a long document out of order), a general sort finishes.
    /// The first `sortedPrefix` mentions are in order already.
    mutating func sortByRange(sortedPrefix: Int = 0) {
        var budget = 8 * count + 64
        let sorted = withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            for i in buffer.indices.dropFirst(Swift.max(1, sortedPrefix)) {
                let range = buffer[i].range
                guard Self.precedes(range, buffer[i - 1].range) else { continue }
                // The mentions before `i` are sorted: the first that `range`
                // precedes, found by binary search, is where it goes (after
                // every mention of an equal range, as a stable sort puts it).
                var j = 0, high = i - 1
                while j < high {
                    let mid = (j &+ high) &>> 1
                    if Self.precedes(range, buffer[mid].range) { high = mid } else { j = mid &+ 1 }
                }
                budget -= i - j
                guard budget >= 0 else { return false }
                let moved = (base + i).move()
                (base + j + 1).moveInitialize(from: base + j, count: i - j)
                (base + j).initialize(to: moved)
            }
            return true
        }
        guard !sorted else { return }
        // Sorted through their ranges: sorting the mentions themselves copies them at every swap.
        // The index (the place each has now, which keeps the order found
        // among equal ranges) breaks ties as the stable sort of the ranges alone would.
        var order = indices.map {
            MentionOrder(lower: self[$0].range.lowerBound, upper: self[$0].range.upperBound, index: $0)
        }
        order.sort()
        permute(order.map(\.index))
    }

    /// Whether range `a` sorts before range `b`: by lower bound, then upper bound.
    private static func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.lowerBound != b.lowerBound ? a.lowerBound < b.lowerBound : a.upperBound < b.upperBound
    }

    /// A mention's place in the sorted list: by range, then as found.
    private struct MentionOrder: Comparable {
        var lower: Int
        var upper: Int
        var index: Int

        static func < (a: MentionOrder, b: MentionOrder) -> Bool {
            a.lower != b.lower ? a.lower < b.lower : a.upper != b.upper ? a.upper < b.upper : a.index < b.index
        }
    }
}

/// Finds officials, countries, agencies, places and areas in analysed text.
final class EntityRecognizer {
    typealias Tag = Vocabulary.Tag
    let knowledge: KnowledgeBase
    let text: AnalyzedText
    /// The tag bit of each lexicon entry (``KnowledgeBase/entryTags``).
    private let entryTags: [TagSet]
    /// The knowledge's tables the rules look names up in, held once per
    /// document: read through `knowledge` at each lookup, a table is
    /// retained and released again every time.
    private let agencies: SharedTable<AgencyInfo>
    private let officials: SharedTable<OfficialInfo>
    private let titles: SharedTable<TitleInfo>
    private let places: NameTable<PlaceInfo>
    /// The row of each lexicon entry's payload in its tag's table
    /// (``KnowledgeBase/entryRows``).
    private let entryRows: [Int32]
    /// Whether each agency, by row, is international
    /// (``KnowledgeBase/internationalAgencies``).
    private let internationalAgencies: [Bool]
    /// The knowledge's surname keys, when they decide (``KnowledgeBase/surnameKeys``).
    private let surnameKeys: [UInt64]?
    /// The text's arrays the rules read, held once per document: read
    /// through `text` in a method, each is retained and released again.
    private let words: [Word]
    private let scalars: [Unicode.Scalar]
    private let folded: [UInt32]
    private let wordAt: [Int]

    init(knowledge: KnowledgeBase, text: AnalyzedText) {
        self.knowledge = knowledge
        self.text = text
        entryTags = knowledge.entryTags
        entryRows = knowledge.entryRows
        internationalAgencies = knowledge.internationalAgencies
        agencies = knowledge.agencies
        officials = knowledge.officials
        titles = knowledge.titles
        places = knowledge.places
        surnameKeys = knowledge.surnameKeys
        words = text.words
        scalars = text.scalars
        folded = text.folded
        wordAt = text.wordAt
    }

    /// ``KnowledgeBase/isSurname(_:_:)``, searched in the keys held for the
    /// document when they decide.
    private func isSurname(_ first: Unicode.Scalar, _ second: Unicode.Scalar?) -> Bool {
        guard let surnameKeys, let key = KnowledgeBase.surnameKey(first, second) else {
            return knowledge.isSurname(first, second)
        }
        return KnowledgeBase.surnameKeys(surnameKeys, contain: key)
    }

    /// The tags of words that name a country: countries, abbreviations, sides.
    private static let countryTags: TagSet = [.country, .abbreviation, .side]
    /// Tags of the words the first pass of ``recognize()`` makes mentions of.
    private static let entityTags: TagSet = [.country, .side, .abbreviation, .place, .agency, .area, .official]
    /// `entityTags` and titles: the words the first pass stops at.
    private static let entityOrTitleTags: TagSet = entityTags.union(.title)

    func recognize() -> Recognition {
        // The marks of the scalars that official mentions claim are a
        // temporary allocation (on the stack for most documents), not an
        // array made and freed per document.
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: text.scalars.count) { covered in
            covered.initialize(repeating: false)
            var result = Findings(officialCovered: covered, wordCount: text.words.count)
            // A bit per word marks the words a title chain may end at: on the stack.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: text.words.count / 64 + 1) { bits in
                bits.initialize(repeating: 0)
                findEntities(&result, chainEnds: WordMarks(bits: bits))
            }
            return result.recognition()
        }
    }

    /// The passes of ``recognize()``, into `result`; `chainEnds` has room
    /// for a mark per word, none set.
    private func findEntities(_ result: inout Findings, chainEnds: WordMarks) {
        let words = self.words
        // The countries the document names (see ``NamedCountries``), read
        // only when a shared abbreviation or side needs them.
        var named = NamedCountries()

        // Countries, sides, compounds, places, agencies, areas, known officials.
        // The words a title chain may end at (see ``findTitleChains(_:at:)``)
        // are marked in `chainEnds` in this pass, so that the chain pass reads only them.
        /// Whether word `k` is a `长` that contracts the agency before it
        /// (the agency tested by the caller) rather than a title of its own.
        func contracts(_ k: Int) -> Bool {
            k < words.count && !words[k].has(.title) && text.reads(words[k], character: "长")
        }
        let entityOrTitleTags = Self.entityOrTitleTags
        var i = 0
        while i < words.count {
            // Most words are none of these: nothing below would find anything
            // in them. They are passed over in a loop that reads their tags
            // alone, through a pointer (not each word whole, bounds-checked).
            i = words.withUnsafeBufferPointer { words in
                var next = i
                while next < words.count, words[next].tags.isDisjoint(with: entityOrTitleTags) { next += 1 }
                return next
            }
            guard i < words.count else { break }
            let word = words[i]
            if word.has(.title) { chainEnds.mark(i) }
            guard !word.tags.isDisjoint(with: Self.entityTags) else {
                i += 1
                continue
            }
            if let code = payload(word, .country) {
                result.mentions.append(Mention(kind: .country, key: code, range: word.range))
            } else if word.has(.side), let entry = resolve(word, .side, &named) {
                result.mentions.append(Mention(kind: .country, key: text.entries[entry].payload!, range: word.range))
            } else if word.has(.abbreviation) {
                var j = i
                while j < words.count, words[j].has(.abbreviation), words[j].range.count == 1 { j += 1 }
                // A run of countries: the entries that give their codes, a
                // word's each, in temporary memory (a run is a few words).
                // The closure reads constants: a variable it captured would
                // live in memory, and the loop that passes over words would
                // store its index at every word.
                let (runStart, runEnd) = (i, j)
                let isCountryRun = runEnd - runStart >= 2
                    && withUnsafeTemporaryAllocation(of: Int.self, capacity: runEnd - runStart) { codes in
                        var count = 0
                        for k in runStart ..< runEnd {
                            guard let entry = resolve(words[k], .abbreviation, &named) else { continue }
                            codes[count] = entry
                            count += 1
                        }
                        guard count == runEnd - runStart, allDistinct(UnsafeBufferPointer(codes)) else { return false }
                        let followedByHead = runEnd < words.count && (words[runEnd].has(.head) || words[runEnd].has(.side))
                        guard followedByHead || codes.allSatisfy({ isNamed($0, &named) }) else { return false }
                        for offset in codes.indices {
                            result.mentions.append(Mention(kind: .country, key: text.entries[codes[offset]].payload!,
                                                           range: words[runStart + offset].range))
                        }
                        return true
                    }
                if isCountryRun {
                    // The words of the run are passed over: note the chain ends among them.
                    for k in i ..< j {
                        if k > i, words[k].has(.title) { chainEnds.mark(k) }
                        if words[k].has(.agency), contracts(k + 1) { chainEnds.mark(k + 1) }
                    }
                    i = j
                    continue
                }
            }
            if let place = payload(word, .place), !word.has(.country) {
                result.mentions.append(Mention(kind: .place, key: place, range: word.range))
            }
            if word.has(.agency), contracts(i + 1) { chainEnds.mark(i + 1) }
            if let entry = firstEntry(of: word, .agency), let agency = text.entries[entry].payload {
                result.setAgency(Mention(kind: .agency, key: agency, range: word.range,
                                         country: agencyCountry(agencyRow(entry: entry), at: i, chainCountry: nil)))
            }
            if word.has(.area) {
                // Mostly one area: its mention, without an array; several are deduplicated and sorted.
                // (Counted by entry: the one payload is read once, for its mention.)
                var count = 0
                var only = 0
                for index in word.entries where entry(Int(index), has: .area) && text.entries[Int(index)].payload != nil {
                    count += 1
                    only = Int(index)
                }
                if count == 1, let area = text.entries[only].payload {
                    result.mentions.append(Mention(kind: .area, key: area, range: word.range))
                } else if count > 1 {
                    for area in Set(text.payloads(word, .area)).sorted() {
                        result.mentions.append(Mention(kind: .area, key: area, range: word.range))
                    }
                }
            }
            if let entry = firstEntry(of: word, .official), let name = text.entries[entry].payload {
                // A word that reads as the name is no other form of it: its text is made only otherwise.
                addOfficial(name, entry: entry, range: word.range, surface: reads(word, name) ? nil : text.folded(word),
                            to: &result)
            }
            i += 1
        }

        result.noteMentionsInOrder()
        findTitleChains(&result, at: chainEnds)
        findTitlesAfterNames(&result)
        findRepeatedNames(&result)
    }

    /// ``AnalyzedText/payload(_:_:)``, made here, inline: most words asked
    /// have no such tag, and a call per question adds up over the words of
    /// a document.
    @inline(__always)
    private func payload(_ word: Word, _ tag: TagSet) -> String? {
        guard word.tags.contains(tag) else { return nil }
        for index in word.entries where entry(Int(index), has: tag) { return text.entries[Int(index)].payload }
        return nil
    }

    /// Whether `word`'s folded text is `name`, scalar for scalar
    /// (``AnalyzedText/reads(_:_:)``): the scalars compared in one loop,
    /// without the general matcher's setup, for every official word.
    @inline(__always)
    private func reads(_ word: Word, _ name: String) -> Bool {
        text.folded(word.range, hasScalarsOf: name)
    }

    /// The index of `word`'s first entry with `tag` (one bit): the entry
    /// whose payload ``payload(_:_:)`` answers.
    @inline(__always)
    private func firstEntry(of word: Word, _ tag: TagSet) -> Int? {
        guard word.tags.contains(tag) else { return nil }
        for index in word.entries where entry(Int(index), has: tag) { return Int(index) }
        return nil
    }

    /// The index of `word`'s first entry with `tag`, when that entry has a
    /// payload: the entry whose payload ``payload(_:_:)`` answers, when it
    /// answers one.
    @inline(__always)
    private func entryWithPayload(_ word: Word, _ tag: TagSet) -> Int? {
        guard let entry = firstEntry(of: word, tag), text.entries[entry].payload != nil else { return nil }
        return entry
    }

    /// The row, in the table of its tag, of the payload of entry `index`
    /// (an agency, official, place or title entry): read from
    /// ``KnowledgeBase/entryRows``, or for an entry the knowledge does not
    /// have, found by `lookUp` from the payload. Nil when the table lacks it.
    @inline(__always)
    private func row(ofEntry index: Int, lookUp: (String) -> Int?) -> Int? {
        guard index < entryRows.count else { return text.entries[index].payload.flatMap(lookUp) }
        let row = entryRows[index]
        return row >= 0 ? Int(row) : nil
    }

    /// The row of agency entry `index`'s agency in the table (see ``row(ofEntry:lookUp:)``).
    private func agencyRow(entry index: Int) -> Int? {
        row(ofEntry: index) { agencies.row(of: $0) }
    }

    /// Whether entry `index` of the text's lexicon has `tag` (one bit): the
    /// entry's bit in the knowledge's entry tags, which the words' tags are
    /// made of, rather than a comparison of tag names.
    @inline(__always)
    private func entry(_ index: Int, has tag: TagSet) -> Bool {
        index < entryTags.count ? entryTags[index].contains(tag) : text.entries[index].tag == tag.name
    }

    /// The country row of entry `index` (a country, abbreviation or side
    /// entry) in ``KnowledgeBase/entryRows``: nil when its payload is no
    /// code of the countries table (or the entry is not the knowledge's).
    /// Two entries with rows have payloads that are `==` exactly when their
    /// rows are the same: the table's codes are distinct ASCII strings.
    @inline(__always)
    private func countryRow(entry index: Int) -> Int32? {
        guard index < entryRows.count else { return nil }
        let row = entryRows[index]
        return row >= 0 ? row : nil
    }

    /// Whether the payloads of entries `a` and `b` (both with one) are `==`:
    /// by their country rows when both have one, else as strings.
    private func samePayload(_ a: Int, _ b: Int) -> Bool {
        if let rowA = countryRow(entry: a), let rowB = countryRow(entry: b) { return rowA == rowB }
        return text.entries[a].payload == text.entries[b].payload
    }

    /// Whether no two of the payloads of `entries` (country codes) are the same.
    private func allDistinct(_ entries: UnsafeBufferPointer<Int>) -> Bool {
        for i in entries.indices {
            for j in entries.indices where j > i && samePayload(entries[i], entries[j]) { return false }
        }
        return true
    }

    /// The countries a document names: the payloads of its country
    /// entries. Read once, when a shared abbreviation or side first needs
    /// them, as country rows; as code strings only if some payload has no
    /// row (none in the built-in knowledge).
    private struct NamedCountries {
        /// The country rows of the named codes, once read (see `isRead`).
        var rows = RowSet()
        /// Whether `rows` were read.
        var isRead = false
        /// Whether every named code has a row, so that `rows` decides.
        var rowsDecide = true
        /// The named codes, read only when `rows` do not decide: a few short
        /// ASCII strings (`==` compares them without normalizing), fewer
        /// than a `Set` pays for.
        var codes: [String]?
    }

    /// Whether the payload of entry `entry` (a country code) is a code the
    /// document names (see ``NamedCountries``), read into `named` as needed.
    private func isNamed(_ entry: Int, _ named: inout NamedCountries) -> Bool {
        if !named.isRead { readNamedRows(into: &named) }
        if named.rowsDecide, let row = countryRow(entry: entry) { return named.rows.contains(row) }
        if named.codes == nil { named.codes = namedCodes() }
        guard let code = text.entries[entry].payload else { return false }
        return named.codes!.contains(code)
    }

    /// Calls `body` with the index of each country entry of the document's
    /// words, word after word. The words are passed over through a buffer,
    /// reading their tags alone: few are countries.
    private func forEachCountryEntry(_ body: (Int) -> Void) {
        let country = TagSet.country
        words.withUnsafeBufferPointer { words in
            var index = 0
            while true {
                index = words.firstWord(from: index, withAnyOf: country)
                guard index < words.count else { break }
                for entry in words[index].entries where self.entry(Int(entry), has: country) { body(Int(entry)) }
                index += 1
            }
        }
    }

    /// Reads the rows of the codes the document names into `named`.
    private func readNamedRows(into named: inout NamedCountries) {
        var rows = RowSet()
        var rowsDecide = true
        forEachCountryEntry { entry in
            if let row = countryRow(entry: entry) {
                rows.insert(row)
            } else if text.entries[entry].payload != nil {
                rowsDecide = false
            }
        }
        named.rows = rows
        named.isRead = true
        named.rowsDecide = rowsDecide
    }

    /// The country codes the document names, as strings, in order.
    private func namedCodes() -> [String] {
        var codes: [String] = []
        codes.reserveCapacity(8)
        forEachCountryEntry { entry in
            if let code = text.entries[entry].payload, !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// An abbreviation or side form that several countries share (乌: UZ,
    /// UA, UY) means the one the document names; none when it names none
    /// or several of them. The candidates are `word`'s entries with `tag`
    /// and a payload; the answer is the entry whose payload is the code.
    /// `named` keeps the named countries once read (see ``NamedCountries``).
    private func resolve(_ word: Word, _ tag: TagSet, _ named: inout NamedCountries) -> Int? {
        guard word.tags.contains(tag) else { return nil }
        // The first candidate, and whether all share its code: compared by
        // country rows, or as strings where an entry has none.
        var first: Int?
        var sharedByAll = true
        for index in word.entries where entry(Int(index), has: tag) {
            let candidate = Int(index)
            guard countryRow(entry: candidate) != nil || text.entries[candidate].payload != nil else { continue }
            guard let first else {
                first = candidate
                continue
            }
            if !samePayload(candidate, first) {
                sharedByAll = false
                break
            }
        }
        guard let first else { return nil }
        if sharedByAll { return first }
        // The one named candidate, if exactly one is.
        var found: Int?
        for index in word.entries where entry(Int(index), has: tag) {
            let candidate = Int(index)
            guard countryRow(entry: candidate) != nil || text.entries[candidate].payload != nil,
                  isNamed(candidate, &named) else { continue }
            if let found, !samePayload(found, candidate) { return nil }
            found = candidate
        }
        return found
    }

    /// The country an agency word belongs to: a country right before it,
    /// the chain's country, else its own scope (`row` is the agency's row
    /// in the table, nil when the table lacks it).
    private func agencyCountry(_ row: Int?, at index: Int, chainCountry: String?) -> String? {
        guard let row else { return chainCountry }
        // The agency itself is read only when its scope decides (below).
        if internationalAgencies[row] { return nil }
        if index > 0 {
            let words = self.words
            var k = index - 1
            while k > 0, words[k].isSpace { k -= 1 }
            let before = words[k]
            // Most agencies follow no country: one test of the word's tags says so.
            if !before.tags.isDisjoint(with: Self.countryTags),
               let code = payload(before, .country) ?? payload(before, .abbreviation) ?? payload(before, .side) {
                return code
            }
        }
        if let chainCountry { return chainCountry }
        // Read in place: the agency's scope is not copied out.
        switch agencies[row: row].scope {
        case .country(let code): return code
        case .generic(let fallback): return fallback
        case .international: return nil
        }
    }

    // MARK: Officials

    /// Adds a mention of the official `name`, written `surface` when that
    /// is not the name's own scalars (nil when it is).
    /// (`entry` is the lexicon entry that tags it.)
    private func addOfficial(_ name: String, entry: Int, range: Range<Int>, surface: String?, to result: inout Findings) {
        // A name met again through the same entry finds its record without hashing the name.
        let record = result.officialRecord(ofEntry: entry) ?? result.officials.index(of: name) { newRecord(name, entry: entry) }
        result.noteOfficialRecord(record, ofEntry: entry)
        // In place: copying a record out and back retains and releases all of it.
        if let surface, !surface.isSameText(as: name) { result.officials[record].insertAlias(surface) }
        _ = result.addOfficialMention(name, record: record, range)
    }

    /// A first record for a name the text tags as an official (through
    /// lexicon entry `entry`): what the table knows of it.
    private func newRecord(_ name: String, entry: Int) -> OfficialRecord {
        guard let row = row(ofEntry: entry, lookUp: { officials.row(of: $0) }) else { return OfficialRecord(name: name) }
        let known = officials[row: row]
        return OfficialRecord(name: name, country: known.country, latin: known.latin)
    }

    /// `国务委员、公安部部长王小洪`, `俄罗斯内务部长科洛科利采夫`,
    /// `古共中央第一书记、古巴国家主席迪亚斯·卡内尔（Miguel Díaz-Canel）`.
    /// `ends` marks every title word and every `长` right after an agency:
    /// the only words a chain can end at.
    private func findTitleChains(_ result: inout Findings, at ends: WordMarks) {
        let words = self.words
        let folded = self.folded
        // Per-document buffers, refilled for each chain.
        var segments: [Segment] = []
        segments.reserveCapacity(4)
        var i = ends.first(from: 0)
        while i < words.count {
            defer { i = ends.first(from: i + 1) }
            let isTitle = words[i].has(.title)
            // `…部` + `长`: the agency's last folded scalar is 部 (what `ends(with: "部")` tests on its string).
            // (The cheap tests first: this runs for every word.)
            let contracted = !isTitle && i > 0 && words[i - 1].has(.agency) && text.reads(words[i], character: "长")
                && !words[i - 1].range.isEmpty && folded[words[i - 1].range.upperBound - 1] == Self.bu
            guard isTitle || contracted else { continue }
            var j = i + 1
            while j < words.count, words[j].isSpace { j += 1 }
            guard j < words.count, mayStartName(words[j]) else { continue }
            let chainStart = chainStart(endingAt: i)
            fillSegments(chainStart ... i, into: &segments)
            var chainCountry: String?
            var agencyOfChain: Int?
            for s in segments.indices {
                if chainCountry == nil { chainCountry = countryCode(segments[s].country) }
                if segments[s].agency != nil { agencyOfChain = s }
            }
            let hint = chainCountry
                ?? agencyOfChain.flatMap { agencyCountry(segments[$0].agency!.row, at: segments[$0].agency!.word, chainCountry: nil) }
                ?? titleCountry(of: segments)
            guard let name = findName(at: j, countryHint: hint) else { continue }
            // The key alone, for the record's default below: a closure that
            // reads `name` would copy all of it.
            let canonical = name.canonical

            let entry = name.entry

            // The table's entry is needed for a country the chain does not
            // give, or for a new record (in the default, made only then).
            let known = hint == nil ? knownOfficial(canonical, entry: entry) : nil
            let country = hint ?? known?.country ?? (name.isChinese ? "CN" : nil)
            for s in segments.indices {
                guard let agency = segments[s].agency else { continue }
                let bound = AgencyRef(
                    name: text.entries[agency.entry].payload!,
                    country: agencyCountry(agency.row, at: agency.word, chainCountry: countryCode(segments[s].country) ?? country))
                segments[s].boundAgency = bound
                // The chain decides the agency's country: rebind its mention
                // (now: the record below reads the segments, not the mentions).
                result.setAgency(Mention(kind: .agency, key: bound.name, range: words[agency.word].range, country: bound.country))
            }
            // A known official's word finds its record by entry, without hashing the name.
            let record = entry.flatMap { result.officialRecord(ofEntry: $0) } ?? result.officials.index(of: canonical) {
                OfficialRecord(name: canonical, country: country,
                               latin: hint == nil ? known?.latin : knownOfficial(canonical, entry: entry)?.latin)
            }
            if let entry { result.noteOfficialRecord(record, ofEntry: entry) }
            result.officials[record].add(name, country: country, segments: segments, from: self)
            _ = result.addOfficialMention(canonical, record: record, name.range)
        }
    }

    /// The table's entry for the official `name`: through the row of its
    /// lexicon entry `entry` when the name is a known official's word (the
    /// entry's payload), without hashing the name; else looked up by name.
    private func knownOfficial(_ name: String, entry: Int?) -> OfficialInfo? {
        guard let entry else { return officials[name] }
        return row(ofEntry: entry) { officials.row(of: $0) }.map { officials[row: $0] }
    }

    /// `部`, which ends agency names that `长` contracts with (`外交部长`).
    private static let bu = ("部" as Unicode.Scalar).value

    /// The country the first title of the chain that has one belongs to.
    private func titleCountry(of segments: [Segment]) -> String? {
        for segment in segments.indices {
            let info: TitleInfo?
            if let entry = segments[segment].titleEntry {
                info = row(ofEntry: entry) { titles.row(of: $0) }.map { titles[row: $0] }
            } else {
                info = titles[Self.buzhang]
            }
            if let country = info?.country { return country }
        }
        return nil
    }

    /// The title of a contracted `长` (`外交部长`), and of a title word
    /// whose entry has no payload.
    private static let buzhang = "部长"

    /// The title of a segment whose title entry is `entry` (see
    /// ``Segment/titleEntry``), as the title table names it. (Of the
    /// segment's field, not of the segment: a copy of it is retained whole.)
    fileprivate func title(ofEntry entry: Int?) -> String {
        entry.flatMap { text.entries[$0].payload } ?? Self.buzhang
    }

    /// The country code `source` gives (a segment's ``Segment/country``).
    fileprivate func countryCode(_ source: CountrySource?) -> String? {
        switch source {
        case .entry(let entry)?: text.entries[entry].payload
        case .place(let row)?: places[row].country
        case nil: nil
        }
    }

    /// Walks back from a title over the words a title chain is made of.
    private func chainStart(endingAt end: Int) -> Int {
        let words = self.words
        var start = end
        while start > 0 {
            let word = words[start - 1]
            if word.has(.title) || word.has(.agency) || word.has(.country) || word.has(.qualifier)
                || word.has(.place)
                || (word.has(.abbreviation) && word.range.count == 1) || text.reads(word, character: "驻") {
                start -= 1
            } else if text.reads(word, character: "、") || word.isSpace, start >= 2 {
                let before = words[start - 2]
                guard before.has(.title) || before.has(.country) || before.has(.agency) else { break }
                if word.isSpace && !before.has(.country) { break }
                start -= 1
            } else {
                break
            }
        }
        // A chain starts at a title, agency, country or qualifier, never at 、.
        while start < end, text.reads(words[start], character: "、") || words[start].isSpace { start += 1 }
        return start
    }

    /// A part of a title chain. It holds indices, not strings: chains are
    /// cut for every title, and strings held here were retained at every
    /// step and released when the next chain refills the buffer.
    struct Segment {
        /// The analysed range of the segment's text (its folded text): made
        /// a string only when a record takes it as a new title.
        var written: Range<Int>
        /// The lexicon entry whose payload is the segment's title; nil for
        /// `部长` (see ``title(ofEntry:)``).
        var titleEntry: Int?
        /// Where the segment's country comes from (see ``countryCode(_:)``).
        var country: CountrySource?
        /// The segment's last agency word, its agency entry, and the
        /// agency's row in the table (nil when the table lacks it).
        var agency: (word: Int, entry: Int, row: Int?)?
        /// The agency with the country the chain binds it to, once the
        /// chain's official is found.
        var boundAgency: AgencyRef? = nil
    }

    /// Where a segment's country code is: the payload of a country or
    /// abbreviation entry, or the country of a place in the table (its row).
    enum CountrySource {
        case entry(Int)
        case place(Int)
    }

    /// The chain cut at 、, each part with its country, agency and title
    /// text as written without the country in front; into `segments`,
    /// which is emptied first.
    private func fillSegments(_ range: ClosedRange<Int>, into segments: inout [Segment]) {
        segments.empty()
        let words = self.words
        // The words between two 、 are a run of consecutive indices.
        var partStart = range.lowerBound
        for index in range where text.reads(words[index], character: "、") {
            appendSegment(partStart ..< index, to: &segments)
            partStart = index + 1
        }
        appendSegment(partStart ..< range.upperBound + 1, to: &segments)
    }

    /// The segment of the words `part` (none when it has only countries and spaces).
    private func appendSegment(_ part: Range<Int>, to segments: inout [Segment]) {
        guard !part.isEmpty else { return }
        let words = self.words
        let last = part.upperBound - 1
        var country: CountrySource?
        var firstKept = part.lowerBound
        while firstKept < part.upperBound {
            let word = words[firstKept]
            if let entry = entryWithPayload(word, .country) ?? (word.range.count == 1 ? entryWithPayload(word, .abbreviation) : nil) {
                country = country ?? .entry(entry)
                firstKept += 1
            } else if word.isSpace {
                firstKept += 1
            } else {
                break
            }
        }
        let kept = firstKept ..< part.upperBound
        guard !kept.isEmpty else { return }
        let agency = kept.last { words[$0].has(.agency) }.map { word in
            let entry = firstEntry(of: words[word], .agency)!
            return (word: word, entry: entry, row: agencyRow(entry: entry))
        }
        // 旁遮普省首席部长: a province or city fixes the country too.
        if country == nil {
            for index in kept {
                guard let entry = entryWithPayload(words[index], .place) else { continue }
                country = row(ofEntry: entry) { places.index(of: $0) }.map { .place($0) }
                break
            }
        }
        let titleEntry = text.reads(words[last], character: "长") ? nil : entryWithPayload(words[last], .title)
        // Kept words start after any space; a space before 、 is dropped too.
        // Words are contiguous: the folded text of the span is theirs one after another.
        let lastKept = kept.last { !words[$0].isSpace } ?? kept.lowerBound
        let written = words[kept.lowerBound].range.lowerBound ..< words[lastKept].range.upperBound
        segments.append(Segment(written: written, titleEntry: titleEntry, country: country, agency: agency))
    }

    struct FoundName {
        var canonical: String
        var surface: String
        var range: Range<Int>
        var gloss: String?
        var isChinese: Bool
        /// Whether `surface` is `canonical` itself (known without comparing them).
        var surfaceIsCanonical = false
        /// The lexicon entry that names the official, for a known official's
        /// word (see ``Findings/officialRecord(ofEntry:)``).
        var entry: Int? = nil
    }

    /// The name right after a title: a transliterated name, a known
    /// official, or a run of characters that ends at a word the lexicon
    /// knows (a trigger, particle, preposition) or at punctuation.
    /// Whether a name may start at `word`: what ``findName(at:countryHint:)``
    /// tries, tested before a chain is cut into segments.
    private func mayStartName(_ word: Word) -> Bool {
        word.kind == .transliteration || word.has(.official) || word.kind == .unknown
            || (word.kind == .word && word.tags.isDisjoint(with: .stops))
    }

    private func findName(at index: Int, countryHint: String?) -> FoundName? {
        let word = words[index]
        // Each kind returns its name at once: a name held in an optional and
        // copied out retains and releases its three strings again.
        if word.kind == .transliteration {
            // A listed official may be written with any separator.
            // The folded values are the surface's scalars: most names need no canonical copy.
            let surface = text.folded(word)
            let values = folded[word.range]
            let changes = values.contains { Self.changesInCanonicalName(Unicode.Scalar($0)!) }
            let canonical = changes ? Self.canonicalName(values: values) : surface
            var listed = knowledge.listedOfficial(surface)
            // The canonical form is looked up only when it is another string.
            if listed == nil, !canonical.hasSameBytes(as: surface) { listed = knowledge.listedOfficial(canonical) }
            return FoundName(canonical: listed ?? canonical, surface: surface, range: word.range,
                             gloss: gloss(after: word.range.upperBound), isChinese: false,
                             surfaceIsCanonical: listed == nil && !changes)
        } else if let entry = firstEntry(of: word, .official), let name = text.entries[entry].payload {
            // When the word reads as the name, its folded string would be the name's bytes.
            let readsName = reads(word, name)
            return FoundName(canonical: name, surface: readsName ? name : text.folded(word), range: word.range,
                             gloss: gloss(after: word.range.upperBound), isChinese: false, surfaceIsCanonical: readsName,
                             entry: entry)
        } else if word.kind == .unknown || (word.kind == .word && word.tags.isDisjoint(with: .stops)) {
            guard var name = unknownName(from: word.range.lowerBound, countryHint: countryHint) else { return nil }
            name.gloss = gloss(after: name.range.upperBound)
            return name
        }
        return nil
    }

    /// Single characters that end even a Chinese name of three characters,
    /// as scalar values (the folded text is compared scalar for scalar).
    static let strongStops: [UInt32] = "在和与同的了是说等时对向为将已并及也都就还又则曾于以从到被把由因会率应一"
        .unicodeScalars.map(\.value)

    private func unknownName(from start: Int, countryHint: String?) -> FoundName? {
        let scalars = self.scalars
        let words = self.words, wordAt = self.wordAt, folded = self.folded
        // Where a run of unknown characters ends: at a word the lexicon knows
        // (only a strong stop when the name may be Chinese, whose given
        // names are often such characters: 姜再冬).
        func runEnd(lenient: Bool) -> Int {
            var end = start
            while end < scalars.count, end - start < 10, Self.isHan(scalars[end]) {
                let word = words[wordAt[end]]
                let isStop = !word.tags.isDisjoint(with: .stops)
                if word.range.lowerBound == end, end > start || word.kind == .word, isStop {
                    let single = word.range.count == 1
                    if !(lenient && single && end > start && !Self.strongStops.contains(folded[word.range.lowerBound])) { break }
                }
                end += 1
            }
            return end
        }
        let compound = start + 2 <= scalars.count && isSurname(scalars[start], scalars[start + 1])
        let hasSurname = compound || isSurname(scalars[start], nil)
        let foreignCountry = countryHint.map { !Vocabulary.chineseNameCountries.contains($0) } ?? false
        func chinese() -> FoundName? {
            let end = runEnd(lenient: true)
            let length = min(end - start, compound ? 4 : 3)
            guard length >= 2 else { return nil }
            let range = start ..< start + length
            let name = text.string(range)
            return FoundName(canonical: name, surface: name, range: range, isChinese: true, surfaceIsCanonical: true)
        }
        func foreign() -> FoundName? {
            let end = runEnd(lenient: false)
            var foreignEnd = start
            while foreignEnd < end, foreignEnd - start < 8, Transliteration.isNameCharacter(scalars[foreignEnd]) {
                foreignEnd += 1
            }
            guard foreignEnd - start >= 2 else { return nil }
            let name = text.string(start ..< foreignEnd)
            return FoundName(canonical: name, surface: name, range: start ..< foreignEnd, isChinese: false, surfaceIsCanonical: true)
        }
        if hasSurname && !foreignCountry {
            let strictEnd = runEnd(lenient: false)
            if strictEnd - start <= (compound ? 4 : 3) || countryHint == "CN" || countryHint == nil {
                return chinese() ?? foreign()
            }
        }
        // Vietnamese and Korean names read like Chinese ones.
        return foreign() ?? (hasSurname ? chinese() : nil)
    }

    /// A Latin gloss in parentheses right after a name: `(Miguel Díaz-Canel)`.
    /// (Inline: most names have none, and the next scalar tells.)
    @inline(__always)
    private func gloss(after position: Int) -> String? {
        let scalars = self.scalars
        var p = position
        while p < scalars.count, scalars[p] == " " { p += 1 }
        guard p < scalars.count, scalars[p] == "(" || scalars[p] == "（" else { return nil }
        return gloss(inParenthesisAt: p)
    }

    /// The gloss in the parenthesis that opens at `p`, if it is one.
    private func gloss(inParenthesisAt p: Int) -> String? {
        let scalars = self.scalars
        var q = p + 1
        while q < scalars.count, q - p < 80, scalars[q] != ")", scalars[q] != "）" { q += 1 }
        guard q < scalars.count, q - p < 80 else { return nil }
        // The text inside, without blanks at either end (what `trimmingBlanks()`
        // drops), is read as scalars: it is made a string only when it is a gloss.
        var lower = p + 1, upper = q
        while lower < upper, Self.isBlank(scalars[lower]) { lower += 1 }
        while upper > lower, Self.isBlank(scalars[upper - 1]) { upper -= 1 }
        // Letters, none of them CJK, and only the marks names are written with.
        var hasLetter = false
        for scalar in scalars[lower ..< upper] {
            if Self.isAlphabetic(scalar) {
                guard scalar.value < 0x2E80 else { return nil }
                hasLetter = true
            } else {
                switch scalar {
                case " ", "-", ".", "'", "’", "·": continue
                default: return nil
                }
            }
        }
        return hasLetter ? text.string(lower ..< upper) : nil
    }

    /// A blank that ``Swift/String/trimmingBlanks()`` trims: a tab or a space separator.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        // In ASCII, the space is the only space separator.
        guard scalar.value >= 0x80 else { return scalar == " " || scalar == "\t" }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// `scalar.properties.isAlphabetic`, answered for ASCII without the
    /// property lookup (the ASCII letters are its only alphabetic scalars).
    private static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x80 else { return (0x41 ... 0x5A).contains(scalar.value) || (0x61 ... 0x7A).contains(scalar.value) }
        return scalar.properties.isAlphabetic
    }

    /// `习近平主席`, `普京总统`: a title right after a known name.
    private func findTitlesAfterNames(_ result: inout Findings) {
        let words = self.words
        for m in result.mentions.indices where result.mentions[m].kind == .official {
            let end = result.mentions[m].range.upperBound
            let next = wordAt[end]
            guard next < words.count, words[next].range.lowerBound == end, words[next].has(.title) else { continue }
            // Every official mention carries its record: the name is not hashed again.
            let known = result.mentions[m].record
            guard let record = known >= 0 ? known : result.officials.index(of: result.mentions[m].key) else { continue }
            // Not when the title starts a chain for the next name.
            if next + 1 < words.count, findName(at: next + 1, countryHint: nil) != nil { continue }
            result.officials[record].addTitle(text.folded(words[next]))
        }
    }

    /// A name seen with a title once is the same person wherever it appears
    /// bare: `王小洪表示` after `公安部部长王小洪`. One pass over the text,
    /// trying the forms that start with each character, longest first.
    private func findRepeatedNames(_ result: inout Findings) {
        guard !result.officials.isEmpty else { return }
        // The forms are made in temporary memory (on the stack for most
        // documents), not in two arrays made and freed per document.
        let room = CandidateForms.room(for: result.officials)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: room.scalars) { scalarRoom in
            withUnsafeTemporaryAllocation(of: CandidateForms.Form.self, capacity: room.forms) { formRoom in
                var candidates = CandidateForms(result.officials, scalarRoom: scalarRoom, formRoom: formRoom)
                findRepeatedNames(&result, candidates: &candidates)
            }
        }
    }

    /// ``findRepeatedNames(_:)``, looking for `candidates`.
    private func findRepeatedNames(_ result: inout Findings, candidates: inout CandidateForms) {
        guard !candidates.forms.isEmpty else { return }
        let scalars = self.scalars
        // By first scalar, then longest first, so a family name never claims
        // the middle of a full name; the order is fixed, so output is too.
        // (A record's forms differ, and records differ by name: no two forms
        // tie.) The forms hold no strings: sorting moves them as plain values.
        let records = result.officials
        candidates.sort { records[$0].name.precedes(records[$1].name) }
        let (formScalars, forms) = (candidates.formScalars, candidates.forms)
        // A byte per scalar value modulo 1024 says whether a scalar of that
        // value may start a form (`mayStart`), and whether it may start or
        // follow the first scalar of one (`mayPair`). Every form has two
        // scalars or more, so a form written at `p` covers `p` and `p + 1`,
        // one of them odd: the scan reads only the odd positions, and where
        // one may hold the start or the second scalar of a form, it tries the
        // two positions that end there. (A byte, not a bit: the scan reads
        // every other scalar of the text, and a byte is tested in fewer
        // instructions. The table is on the stack.)
        let mayStart: UInt8 = 1, mayPair: UInt8 = 2
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { table in
            table.initialize(repeating: 0)
            func set(_ flag: UInt8, _ value: UInt32) {
                table[Int(value & 1023)] |= flag
            }
            for form in forms {
                set(mayStart | mayPair, form.first)
                let second = formScalars[form.scalars.lowerBound + 1]
                set(mayPair, second)
                // A dotted name's dot may be written with any of its separators.
                if form.dotted, second == 0xB7 {
                    for separator: UInt32 in [0x2D, 0xFF0D, 0x2014, 0x2022] { set(mayPair, separator) }
                }
            }
            scalars.withUnsafeBufferPointer { scalars in
                /// Whether form `c` is written at `position`; for a dotted
                /// name, the separator its dots are written with (none when
                /// written with `·`), else nil.
                func matches(_ c: Int, at position: Int) -> (Bool, separator: Unicode.Scalar?) {
                    let form = forms[c].scalars, dotted = forms[c].dotted
                    guard position + form.count <= scalars.count else { return (false, nil) }
                    var separator: Unicode.Scalar?
                    for k in 0 ..< form.count {
                        let expected = formScalars[form.lowerBound + k], actual = scalars[position + k]
                        guard dotted, expected == 0xB7 else {
                            if actual.value != expected { return (false, nil) }
                            continue
                        }
                        // Every dot written with the same separator: the name or one of its variants.
                        guard actual == "·" || Self.isVariantSeparator(actual), separator == nil || separator == actual else {
                            return (false, nil)
                        }
                        separator = actual
                    }
                    return (true, separator == "·" ? nil : separator)
                }
                // Positions before `next` are passed over: a form found claims its scalars.
                var next = 0
                /// Tries the forms that start with the scalar at `p`, longest first.
                func tryForms(at p: Int) {
                    let value = scalars[p].value
                    guard p >= next, table[Int(value & 1023)] & mayStart != 0,
                          !result.isCoveredByOfficial(p) else { return }
                    var index = forms.partitioningIndex { $0.first >= value }
                    while index < forms.count, forms[index].first == value {
                        let c = index
                        index += 1
                        let range = p ..< p + forms[c].scalars.count
                        let (found, separator) = matches(c, at: p)
                        let record = forms[c].record
                        guard found, result.addOfficialMention(result.officials[record].name, record: record, range) else { continue }
                        next = range.upperBound
                        // The form as written is made only when it is found, and only when it may be
                        // a new alias: the name itself and the record's aliases are not.
                        let name = result.officials[record].name
                        let written: String?
                        if let separator {
                            written = Self.separatorVariants(name, with: [separator])[0]
                        } else if forms[c].isAliasOrName {
                            written = nil
                        } else {
                            written = String(utf32: ArraySlice(formScalars[forms[c].scalars]))
                        }
                        if let written, !written.isSameText(as: name) { result.officials[record].insertAlias(written) }
                        return
                    }
                }
                /// The first odd position from `odd` on whose scalar may pair,
                /// or one past the text: the scan's inner loop, kept apart
                /// so that it holds nothing but the position in registers.
                func nextPairing(from odd: Int) -> Int {
                    var odd = odd
                    while odd < scalars.count, table[Int(scalars[odd].value & 1023)] & mayPair == 0 { odd &+= 2 }
                    return odd
                }
                var odd = nextPairing(from: 1)
                while odd < scalars.count {
                    tryForms(at: odd - 1)
                    tryForms(at: odd)
                    odd = nextPairing(from: odd + 2)
                }
            }
        }
    }

    /// The forms ``findRepeatedNames(_:)`` looks for: every form's scalar
    /// values one after another in `formScalars`, and each form's place
    /// there and official in `forms`.
    /// A separate type passed inout: arrays that a nested function appends
    /// to are boxed, and every access to them is checked at run time.
    private struct CandidateForms {
        /// Room for the forms' scalar values, and how many are written.
        private let scalarRoom: UnsafeMutableBufferPointer<UInt32>
        private var scalarCount = 0
        /// Room for the forms, and how many are written.
        private let formRoom: UnsafeMutableBufferPointer<Form>
        private var formCount = 0

        /// Every form's scalar values, one after another.
        var formScalars: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(rebasing: scalarRoom[..<scalarCount]) }
        /// The forms.
        var forms: UnsafeBufferPointer<Form> { UnsafeBufferPointer(rebasing: formRoom[..<formCount]) }

        /// The most scalar values and forms the officials' forms take: a
        /// name has no more scalars than bytes; a name with `·` adds its
        /// family name (no longer) and, when the dot leads it, four separator
        /// variants (as long); each alias adds its own. Close enough that the
        /// room of most documents fits on the stack.
        static func room(for officials: NameTable<OfficialRecord>) -> (scalars: Int, forms: Int) {
            var scalars = 0, forms = 0
            for record in 0 ..< officials.count {
                officials[record].name.withBytes { bytes in
                    // `·` is C2 B7 in UTF-8: no B7 byte, no dot.
                    let hasDot = bytes.count > 0 && memchr(bytes.baseAddress!, 0xB7, bytes.count) != nil
                    let leadingDot = hasDot && bytes.count >= 2 && bytes[0] == 0xC2 && bytes[1] == 0xB7
                    let copies = leadingDot ? 6 : hasDot ? 2 : 1
                    scalars &+= bytes.count &* copies
                    forms &+= copies
                }
                if !officials[record].aliases.isEmpty {
                    for alias in officials[record].aliases {
                        scalars &+= alias.utf8.count
                        forms &+= 1
                    }
                }
            }
            return (scalars, forms)
        }

        /// A form of an official's name. It holds no string: its text is its
        /// scalars, made a string only when it is found and may be a new alias.
        struct Form {
            /// Its first scalar value, which the scan looks forms up by.
            var first: UInt32
            /// Its scalar values, in `formScalars`.
            var scalars: Range<Int>
            /// The official's record, in the findings.
            var record: Int
            /// Whether the form is the official's name or one of the record's
            /// aliases: found, it adds no alias.
            var isAliasOrName: Bool
            /// Whether the form is a name with `·`, which stands for each of
            /// its separator variants too (`-`, `－`, `—`, `•` for every dot).
            var dotted = false
        }

        /// Each official's name (with its separator variants), aliases and
        /// family name.
        /// (In `scalarRoom` and `formRoom`, at least as large as ``room(for:)`` says.)
        init(_ officials: NameTable<OfficialRecord>, scalarRoom: UnsafeMutableBufferPointer<UInt32>,
             formRoom: UnsafeMutableBufferPointer<Form>) {
            self.scalarRoom = scalarRoom
            self.formRoom = formRoom
            for record in 0 ..< officials.count {
                let recordStart = formCount
                // `·` is C2 B7 in UTF-8: no B7 byte, no dot (a quick test before the scalar search).
                // (The name is read in place, not copied out and released.)
                let hasDot = officials[record].name.withBytes { bytes in
                    add(bytes, of: record, after: recordStart, isAliasOrName: true)
                    return bytes.count > 0 && memchr(bytes.baseAddress!, 0xB7, bytes.count) != nil
                }
                var leadingDot = false
                if hasDot, formCount > recordStart {
                    let form = scalarRoom[formRoom[recordStart].scalars]
                    // A variant of a name that starts with its dot starts with another
                    // scalar, so it is sorted elsewhere: such names keep explicit variants.
                    leadingDot = form.first == 0xB7
                    formRoom[recordStart].dotted = !leadingDot && form.contains(0xB7)
                }
                if !officials[record].aliases.isEmpty {
                    for alias in officials[record].aliases {
                        alias.withBytes { add($0, of: record, after: recordStart, isAliasOrName: true) }
                    }
                }
                if leadingDot {
                    for variant in EntityRecognizer.separatorVariants(officials[record].name) {
                        variant.withBytes { add($0, of: record, after: recordStart, isAliasOrName: false) }
                    }
                }
                // 托克托古洛夫 after 乌鲁克别克·托克托古洛夫: the family name alone.
                if hasDot {
                    officials[record].name.withBytes { bytes in
                        if let family = EntityRecognizer.familyName(bytes) {
                            add(family, of: record, after: recordStart, isAliasOrName: false)
                        }
                    }
                }
            }
        }

        /// Adds the form of UTF-8 `bytes` of the official `record`, unless
        /// the official's forms (from `recordStart` on) have its scalars
        /// already, or it has fewer than two scalars. A short form is never a
        /// candidate, so its duplicates are short too: skipping them is all
        /// the same.
        private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, of record: Int, after recordStart: Int,
                                  isAliasOrName: Bool) {
            // Decoded past the written values; kept only if new.
            let start = scalarCount
            var end = start
            var index = 0
            while index < bytes.count {
                scalarRoom[end] = decodeUTF8(bytes, at: &index)
                end &+= 1
            }
            let count = end - start
            guard count >= 2 else { return }
            // The official's forms so far, compared as memory.
            let base = scalarRoom.baseAddress!
            for form in formRoom[recordStart ..< formCount] where form.scalars.count == count
                && memcmp(base + form.scalars.lowerBound, base + start, count &* 4) == 0 {
                return
            }
            formRoom.initializeElement(at: formCount, to: Form(first: scalarRoom[start], scalars: start ..< end, record: record,
                                                               isAliasOrName: isAliasOrName))
            formCount &+= 1
            scalarCount = end
        }

        /// Sorts the forms by first scalar, then longest first, then by
        /// official (`recordPrecedes` orders two records) and by scalars.
        /// (No two forms tie, so any sort orders them the same: a document's
        /// few forms are sorted by insertion, without the general sort's setup.)
        func sort(recordPrecedes: (Int, Int) -> Bool) {
            let formScalars = self.formScalars
            func precedes(_ a: Form, _ b: Form) -> Bool {
                if a.first != b.first { return a.first < b.first }
                if a.scalars.count != b.scalars.count { return a.scalars.count > b.scalars.count }
                if a.record != b.record { return recordPrecedes(a.record, b.record) }
                return formScalars[a.scalars].lexicographicallyPrecedes(formScalars[b.scalars])
            }
            var forms = UnsafeMutableBufferPointer(rebasing: formRoom[..<formCount])
            guard forms.count <= 32 else { return forms.sort(by: precedes) }
            forms.insertionSort(by: precedes)
        }
    }

    /// The separators a transliterated name's `·` may be written with
    /// (the variants ``findRepeatedNames(_:)`` knows): `-`, `－`, `—`, `•`.
    private static func isVariantSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0xFF0D, 0x2014, 0x2022: true
        default: false
        }
    }

    /// The part of a transliterated name after its last `·` when it has
    /// three scalars or more: `托克托古洛夫` of `乌鲁克别克·托克托古洛夫`.
    /// (Of the name's UTF-8 bytes, the family name's bytes.)
    private static func familyName(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        // `·` is C2 B7; C2 only ever leads a scalar, so the pair is the dot.
        var end = bytes.count
        while end >= 2, !(bytes[end - 2] == 0xC2 && bytes[end - 1] == 0xB7) { end -= 1 }
        guard end >= 2 else { return nil }
        let family = UnsafeBufferPointer(rebasing: bytes[end...])
        // Scalars are the bytes that are not continuation bytes.
        var scalarCount = 0
        for byte in family where byte & 0xC0 != 0x80 { scalarCount += 1 }
        return scalarCount >= 3 ? family : nil
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// Marks that join the parts of a transliterated name.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0xB7, 0x2010, 0x2011, 0x2014, 0x2022, 0x2027, 0x22C5, 0x2219, 0x30FB, 0xFF0D, 0xFF65: true
        default: false
        }
    }

    /// Transliterated names join their parts with `·`.
    static func canonicalName(_ surface: String) -> String {
        // Most names are already canonical: test before building a copy.
        guard surface.unicodeScalars.contains(where: changesInCanonicalName) else { return surface }
        var scalars: [Unicode.Scalar] = []
        var changed = false
        for scalar in surface.unicodeScalars {
            if isSeparator(scalar) {
                scalars.append("·")
                changed = changed || scalar != "·"
                continue
            }
            if (0x4E00 ... 0x9FFF).contains(scalar.value) {
                scalars.append(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                changed = true  // a stray mark is not part of a name
            default:
                scalars.append(scalar)
            }
        }
        return changed ? String(scalars: scalars[...]) : surface
    }

    /// ``canonicalName(_:)`` of the string of scalar `values` when some
    /// scalar changes (see ``changesInCanonicalName(_:)``): made from the
    /// values, without the string of them first.
    private static func canonicalName(values: ArraySlice<UInt32>) -> String {
        var kept: [UInt32] = []
        kept.reserveCapacity(values.count)
        for value in values {
            let scalar = Unicode.Scalar(value)!
            if isSeparator(scalar) {
                kept.append(0xB7)
            } else if (0x4E00 ... 0x9FFF).contains(value) {
                kept.append(value)
            } else {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark, .format: continue  // a stray mark is not part of a name
                default: kept.append(value)
                }
            }
        }
        return String(utf32: kept[...])
    }

    /// Whether `canonicalName(_:)` replaces or drops `scalar`: a separator
    /// other than `·`, or a stray mark.
    private static func changesInCanonicalName(_ scalar: Unicode.Scalar) -> Bool {
        if isSeparator(scalar) { return scalar != "·" }
        // Neither ASCII nor the ideographs hold marks.
        if scalar.value < 0x80 || (0x4E00 ... 0x9FFF).contains(scalar.value) { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    static func separatorVariants(_ name: String, with separators: [Unicode.Scalar] = ["-", "－", "—", "•"]) -> [String] {
        name.withBytes { bytes in
            // `·` is C2 B7; C2 only ever leads a scalar, so the pair is the dot.
            var dots = 0
            for i in bytes.indices.dropLast() where bytes[i] == 0xC2 && bytes[i + 1] == 0xB7 { dots += 1 }
            guard dots > 0 else { return [] }
            return separators.map { separator in
                let width = UTF8.width(separator)
                // Written byte for byte, each dot replaced.
                return String(unsafeUninitializedCapacity: bytes.count + dots * (width - 2)) { buffer in
                    var count = 0
                    var i = 0
                    while i < bytes.count {
                        if i + 1 < bytes.count, bytes[i] == 0xC2, bytes[i + 1] == 0xB7 {
                            for byte in UTF8.encode(separator)! {
                                buffer[count] = byte
                                count += 1
                            }
                            i += 2
                        } else {
                            buffer[count] = bytes[i]
                            count += 1
                            i += 1
                        }
                    }
                    return count
                }
            }
        }
    }
}

/// A set of table rows (the countries a document names): a bit per row
/// below 256, inline, so that a document's set allocates nothing (the
/// built-in countries are fewer); a list for the rows above.
private struct RowSet {
    private var low: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var high: [Int32] = []

    /// Adds `row` (not negative).
    mutating func insert(_ row: Int32) {
        guard row < 256 else {
            if !high.contains(row) { high.append(row) }
            return
        }
        withUnsafeMutableBytes(of: &low) { bytes in
            let words = bytes.bindMemory(to: UInt64.self)
            words[Int(row >> 6)] |= 1 << UInt64(row & 63)
        }
    }

    /// Whether `row` was added.
    func contains(_ row: Int32) -> Bool {
        guard row < 256 else { return high.contains(row) }
        return withUnsafeBytes(of: low) { bytes in
            bytes.load(fromByteOffset: Int(row >> 6) * 8, as: UInt64.self) & (1 << UInt64(row & 63)) != 0
        }
    }
}

/// A mark per word (the words a title chain may end at), a bit each, in
/// memory the caller owns.
private struct WordMarks {
    let bits: UnsafeMutableBufferPointer<UInt64>

    /// Marks word `index`.
    func mark(_ index: Int) {
        bits[index &>> 6] |= 1 &<< UInt64(index & 63)
    }

    /// The first marked word from `start` on; `Int.max` when there is none.
    func first(from start: Int) -> Int {
        var slot = start &>> 6
        guard slot < bits.count else { return .max }
        var word = bits[slot] & (~0 &<< UInt64(start & 63))
        while word == 0 {
            slot &+= 1
            guard slot < bits.count else { return .max }
            word = bits[slot]
        }
        return slot &<< 6 | word.trailingZeroBitCount
    }
}

extension UnsafeBufferPointer where Element == Word {
    /// The index of the first word from `start` on with any of `tags`, or
    /// the word count when there is none. For tags few words have (countries):
    /// their tags are read four words at a time, and tested once for the four.
    /// (Not for the first pass's tags: a word in four or five has one.)
    @inline(__always)
    fileprivate func firstWord(from start: Int, withAnyOf tags: TagSet) -> Int {
        let mask = tags.rawValue
        var index = start
        while index &+ 4 <= count {
            let any = self[index].tags.rawValue | self[index &+ 1].tags.rawValue
                | self[index &+ 2].tags.rawValue | self[index &+ 3].tags.rawValue
            if any & mask != 0 { break }
            index &+= 4
        }
        while index < count, self[index].tags.rawValue & mask == 0 { index &+= 1 }
        return index
    }
}

extension AnalyzedText {
    /// Whether `word`'s folded text is the one scalar `scalar`: what
    /// `reads(word, "、")` answers for a one-character literal, without
    /// decoding the literal.
    @inline(__always)
    fileprivate func reads(_ word: Word, character scalar: Unicode.Scalar) -> Bool {
        word.range.count == 1 && folded[word.range.lowerBound] == scalar.value
    }
}

extension Array {
    /// Removes the elements, keeping the storage: `removeAll(keepingCapacity:)`
    /// goes through the general `replaceSubrange`, which costs more than
    /// dropping the few elements of a per-document buffer one by one.
    fileprivate mutating func empty() {
        while !isEmpty { removeLast() }
    }
}

extension RandomAccessCollection where Index == Int {
    /// The first index whose element satisfies `isAfter`, by binary search;
    /// the elements are partitioned: those that fail it come first.
    func partitioningIndex(where isAfter: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = (low &+ high) &>> 1
            if isAfter(self[mid]) { high = mid } else { low = mid &+ 1 }
        }
        return low
    }
}

extension OfficialRecord {
    /// Adds `alias` to the aliases. A byte match among the
    /// few aliases spares hashing the Chinese text (`Set<String>` hashes
    /// through normalization); the set still decides the rest.
    fileprivate mutating func insertAlias(_ alias: String) {
        guard !aliases.contains(where: { $0.hasSameBytes(as: alias) }) else { return }
        aliases.insert(alias)
    }

    /// Adds a title seen right after the name, bound to the record's country.
    fileprivate mutating func addTitle(_ title: String) {
        guard !titles.contains(where: { $0.isSameText(as: title) }) else { return }
        titles.append(title)
        bindings.append((title, nil, country))
    }

    /// Adds what a title chain says of the official `name`: its country
    /// when the record has none, the text's gloss, the written form, and
    /// each segment's title with its bound agency.
    fileprivate mutating func add(_ name: EntityRecognizer.FoundName, country: String?,
                                  segments: [EntityRecognizer.Segment], from recognizer: EntityRecognizer) {
        let text = recognizer.text
        if self.country == nil { self.country = country }
        if let gloss = name.gloss { latin = gloss }  // the text's own gloss beats the table
        if !name.surfaceIsCanonical, !name.surface.isSameText(as: name.canonical) { insertAlias(name.surface) }
        for s in segments.indices where !titles.contains(where: { text.folded(segments[s].written, isSameTextAs: $0) }) {
            let agency = segments[s].boundAgency
            // A title written alone is the table's title: its string is shared rather than made again.
            let tableTitle = recognizer.title(ofEntry: segments[s].titleEntry)
            let title = text.folded(segments[s].written, hasScalarsOf: tableTitle) ? tableTitle : text.folded(segments[s].written)
            let binding = (title, agency, recognizer.countryCode(segments[s].country) ?? agency?.country ?? country)
            if titles.isEmpty, bindings.isEmpty, segments.count == 1 {
                // The first title, and the chain's only one (as most are): each
                // array made at its size at once (growing from empty, or
                // reserving room, goes through the general reallocation).
                titles = [title]
                bindings = [binding]
                continue
            }
            if titles.isEmpty {
                // Room for the chain's titles at once, rather than growing from empty.
                titles.reserveCapacity(segments.count)
                bindings.reserveCapacity(segments.count)
            }
            titles.append(title)
            bindings.append(binding)
        }
    }
}
