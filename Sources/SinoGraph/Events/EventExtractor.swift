import Foundation
import SinoTokenizer

/// An event as the rules find it, before it becomes part of a graph.
struct FoundEvent: Sendable {
    var kind: EventKind
    var status: EventStatus = .held
    var date: EventDate?
    var endDate: EventDate?
    var place: String?
    var mode: MeetingMode?
    /// (entity key, role); keys are official names, country codes or
    /// conference names, by kind.
    var officials: [EventOfficial] = []
    var countries: [EventCountry] = []
    var areas = AreaKeys()
    var title: String?
    /// Analysed range of the words that state the event.
    var range: Range<Int>
    var sentence: Int
    /// An agreement signed by 双方 or witnessed by 两国元首: its parties or
    /// witnesses are those of the meeting reported just before.
    var fromPreviousMeeting = false
}

/// An official an event names, and its part. A struct, not a tuple: an
/// array of tuples is destroyed through the runtime's generic tuple
/// witness, element by element.
/// What tells an event's participants apart when two reports are compared:
/// an official's name, a country's code.
protocol EventKeyed {
    var key: String { get }
}

struct EventOfficial: Sendable {
    var name: String
    var role: Role
}

/// A country an event names, by code, and its part.
struct EventCountry: Sendable {
    var code: String
    var role: Role
}

extension EventOfficial: EventKeyed {
    var key: String { name }
}

extension EventCountry: EventKeyed {
    var key: String { code }
}

extension [EventOfficial] {
    /// Whether one of the officials is `name`, byte for byte (what
    /// `contains { $0.name.hasSameBytes(as: name) }` answers). Read in
    /// place, by index: an element handed to a closure is a copy of it, a
    /// retain and a release of its name.
    func names(_ name: String) -> Bool {
        withUnsafeBufferPointer { officials in
            for i in officials.indices where Extractor.EventKeys.sameKey(officials[i].name, name) { return true }
            return false
        }
    }
}

extension [EventCountry] {
    /// Whether one of the countries is `code` (what `contains { $0.code == code }`
    /// answers), read in place as `names(_:)`.
    func names(code: String) -> Bool {
        withUnsafeBufferPointer { countries in
            for i in countries.indices where countries[i].code == code { return true }
            return false
        }
    }
}

/// Rules over words and mentions, clause by clause, that find meetings,
/// visits, agreements, pledges and attendances. (A value made for one
/// document and read in place: as a class it was an allocation more.)
struct EventExtractor {
    /// The knowledge's places: all the rules read of it (a copy of the
    /// whole knowledge base is a retain for each of its tables).
    let places: NameTable<PlaceInfo>
    let text: AnalyzedText
    /// The recognition's mentions, sorted by start, and its official
    /// records: all the rules read of it (the whole recognition is a
    /// retain and a release for each of its tables).
    let mentions: [Mention]
    let officialRecords: NameTable<OfficialRecord>
    let dates: DateResolver
    /// The mentions that start inside word `w` are
    /// `mentions[mentionStart[w] ..< mentionStart[w + 1]]`
    /// (mentions are sorted by start; integers, so nothing to retain).
    let mentionStart: [Int32]
    /// What the knowledge's trigger entries mean, when the caller has read
    /// it once for many documents (else each trigger word's payload is read).
    let triggerMeanings: TriggerMeanings?

    init(
        knowledge: KnowledgeBase, text: AnalyzedText, recognition: Recognition, dates: DateResolver,
        triggerMeanings: TriggerMeanings? = nil
    ) {
        places = knowledge.places
        self.text = text
        mentions = recognition.mentions
        officialRecords = recognition.officials
        self.dates = dates
        self.triggerMeanings = triggerMeanings
        // Mention by mention (a document has far fewer mentions than words):
        // the first mention that starts inside word `v` or later is where
        // every word up to `v` not yet given a start begins. Each entry is
        // written once, into uninitialized storage (not filled first), a run
        // at a time (a fill of one value, which the compiler vectorizes: a
        // store per word was a third of the extractor's own cost).
        let count = text.words.count + 1
        mentionStart = recognition.mentions.withUnsafeBufferPointer { mentions in
            text.wordAt.withUnsafeBufferPointer { wordAt in
                [Int32](unsafeUninitializedCapacity: count) { mentionStart, initializedCount in
                    // (A document's mentions and words number far fewer than
                    // `Int32.max`: the arithmetic is unchecked.)
                    let base = mentionStart.baseAddress!
                    var w = 0
                    for i in mentions.indices {
                        let v = wordAt[mentions[i].range.lowerBound]
                        guard w <= v else { continue }
                        (base + w).initialize(repeating: Int32(truncatingIfNeeded: i), count: v &+ 1 &- w)
                        w = v &+ 1
                    }
                    if w < count {
                        (base + w).initialize(repeating: Int32(truncatingIfNeeded: mentions.count), count: count &- w)
                    }
                    initializedCount = count
                }
            }
        }
    }

    /// The index of the last mention that starts inside word `w` and for
    /// which `isMatch` holds, read through the mentions' buffer (a slice of
    /// them is a retain, and each word asked is one). `isMatch` reads the
    /// fields it needs in place: a mention passed by value is copied whole
    /// (a retain and a release of each of its strings).
    @inline(__always)
    private func lastMention(at w: Int, where isMatch: (UnsafePointer<Mention>) -> Bool) -> Int? {
        let start = Int(mentionStart[w])
        var i = Int(mentionStart[w + 1])
        guard i > start else { return nil }
        return mentions.withUnsafeBufferPointer { mentions in
            let base = mentions.baseAddress!
            while i > start {
                i -= 1
                if isMatch(base + i) { return i }
            }
            return nil
        }
    }

    /// The country a word names, when a country mention covers exactly it.
    private func countryCode(at w: Int) -> String? {
        guard hasMentions(at: w) else { return nil }
        let range = text.words[w].range
        return lastMention(at: w) { $0.pointee.kind == .country && $0.pointee.range == range }.map { mentions[$0].key }
    }

    private func place(at w: Int) -> String? {
        lastMention(at: w) { $0.pointee.kind == .place }.map { mentions[$0].key }
    }

    private func agencyCountry(at w: Int) -> String? {
        lastMention(at: w) { $0.pointee.kind == .agency && $0.pointee.country != nil }.flatMap { mentions[$0].country }
    }

    /// The official whose mention starts inside word `w`.
    private func official(at w: Int) -> String? {
        officialMention(at: w).map { mentions[$0].key }
    }

    /// The index of the mention `official(at:)` reads the name of.
    private func officialMention(at w: Int) -> Int? {
        lastMention(at: w) { $0.pointee.kind == .official }
    }

    /// Whether mention `i` has the key `key`, byte for byte, read in place
    /// (the key taken out of the mention is a retain and a release).
    private func mention(_ i: Int, hasKey key: String) -> Bool {
        mentions.withUnsafeBufferPointer { Extractor.EventKeys.sameKey($0[i].key, key) }
    }

    /// Whether mentions `i` and `j` have the same key, byte for byte, read in place.
    private func mentions(_ i: Int, _ j: Int) -> Bool {
        mentions.withUnsafeBufferPointer { Extractor.EventKeys.sameKey($0[i].key, $0[j].key) }
    }

    /// The mentions that start inside `words`: mentions are sorted by
    /// start, so they are one span of `mentions`.
    private func mentionSpan(_ words: Range<Int>) -> Range<Int> {
        words.isEmpty ? 0 ..< 0 : Int(mentionStart[words.lowerBound]) ..< Int(mentionStart[words.upperBound])
    }

    /// How many area mentions start inside `words`.
    private func areaCount(in words: Range<Int>) -> Int {
        let span = mentionSpan(words)
        guard !span.isEmpty else { return 0 }
        return mentions.withUnsafeBufferPointer { mentions in span.count(where: { mentions[$0].kind == .area }) }
    }

    /// Adds the areas of the mentions that start inside `words` (room for
    /// them made first, as `areaCount(in:)` tells: a set grown one by one
    /// reallocates at each doubling).
    private func addAreas(in words: Range<Int>, to areas: inout AreaKeys) {
        let span = mentionSpan(words)
        guard !span.isEmpty else { return }
        mentions.withUnsafeBufferPointer { mentions in
            for i in span where mentions[i].kind == .area { areas.insert(mentions[i].key) }
        }
    }

    /// Whether any mention starts inside word `w` (most words: none), asked
    /// before a slice of the mentions is made.
    private func hasMentions(at w: Int) -> Bool { mentionStart[w] != mentionStart[w + 1] }

    func extract() -> [FoundEvent] {
        let triggers = triggers()
        guard !triggers.isEmpty else { return [] }
        var events: [FoundEvent] = []
        var lastDate: EventDate?
        /// The last meeting held, by index into `events`.
        var lastMeeting: Int?
        /// Dates by sentence, filled on first use (by this loop, or by
        /// `areas(from:triggers:after:dates:)` reading ahead).
        var sentenceDates = SentenceDates()
        let words = text.words, folded = text.folded
        // Room for an event a trigger (a visit to several places is more
        // than one, rarely).
        events.reserveCapacity(triggers.count)
        // Sentence by sentence, those with a trigger a rule reads (the rest
        // need neither their dates nor their clauses): `triggers[first ..< next]`
        // are those of sentence `s`.
        var next = 0
        while next < triggers.count {
            let s = triggers[next].sentence
            let first = next
            while next < triggers.count, triggers[next].sentence == s { next += 1 }
            let wordRange = text.sentenceWords[s]
            // The sentence's dates, read once it has an event (most triggers
            // make none, and a sentence without events needs no dates): by
            // index in the cache (a copy of them is an allocation, and a
            // slice would share the cache's storage, which the cache's next
            // append, `areas(from:triggers:after:dates:)` reading ahead, would then copy),
            // with the date of the sentence.
            var sentenceDays: (dated: Range<Int>, date: EventDate?)?
            /// How many officials the sentence names (0, 1, or 2 for two or
            /// more), once a trigger asks: the people of meetings, visits and
            /// attendances are among them, so a rule that needs more finds
            /// nothing and is not run.
            var officialCount: Int?
            // This sentence's events go straight into `events` (appending a
            // sentence's array would copy each one).
            let sentenceStart = events.count
            // Trigger by trigger, in order, each in its clause (a trigger
            // that is itself a break between clauses is in none).
            for t in first ..< next {
                let trigger = triggers[t]
                let needed = trigger.meaning.officialsNeeded
                if needed > 0 {
                    if officialCount == nil { officialCount = self.officialCount(in: wordRange) }
                    guard officialCount! >= needed else { continue }
                }
                let found = events.count
                guard let clause = Self.clause(around: trigger.word, in: wordRange, words: words, folded: folded),
                      event(Context(sentence: wordRange, sentenceIndex: s, clause: clause, trigger: trigger.word,
                                    meaning: trigger.meaning), into: &events) else { continue }
                if sentenceDays == nil {
                    // Dates with a month or a day (a bare year dates no event).
                    let dated = dates(ofSentence: s, cache: &sentenceDates)
                    var date = dated.first { Self.isDay(sentenceDates.found[$0]) }.map { sentenceDates.found[$0].date }
                    if date == nil, let last = lastDate, let offset = relativeOffset(in: wordRange) {
                        date = DateResolver.adding(days: offset, to: last)
                    }
                    sentenceDays = (dated, date)
                }
                // The date nearest before the trigger: `据4月7日消息，当地时间4月5日…会见` is the 5th.
                let position = words[trigger.word].range.lowerBound
                var date = sentenceDays!.date, endDate: EventDate?
                if let nearest = Self.nearestDay(before: position, in: sentenceDays!.dated, of: sentenceDates.found) {
                    (date, endDate) = (sentenceDates.found[nearest].date, sentenceDates.found[nearest].end)
                }
                // Dated in place once found (only a visit, a stay, has an end).
                for index in found ..< events.count {
                    events[index].date = date
                    if events[index].kind == .visit { events[index].endDate = endDate }
                }
            }
            let sentenceEvents = sentenceStart ..< events.count
            guard !sentenceEvents.isEmpty else { continue }
            // Areas: this sentence, and what follows in the paragraph until
            // the next event or date; the same for each meeting of the
            // sentence, so read once and shared.
            var sentenceAreas: AreaKeys?
            for index in sentenceEvents where events[index].kind == .meeting {
                if sentenceAreas == nil { sentenceAreas = areas(from: s, triggers: triggers, after: next, dates: &sentenceDates) }
                events[index].areas = sentenceAreas!
            }
            // 次日, 同日, 会前 count from the previous event, not from any date in between.
            if let first = sentenceEvents.first(where: { events[$0].date != nil }) { lastDate = events[first].date }
            for index in sentenceEvents where events[index].fromPreviousMeeting {
                guard let meeting = (sentenceStart ..< index).last(where: { isHeldMeeting(events, $0) }) ?? lastMeeting else {
                    continue
                }
                if events[index].countries.count < 2 {
                    for official in events[meeting].officials {
                        guard let code = recognitionCountry(of: official.name) else { continue }
                        if !events[index].countries.names(code: code) {
                            events[index].countries.append(EventCountry(code: code, role: .party))
                        }
                    }
                }
                if events[index].officials.isEmpty, !text.reads(words[text.wordAt[events[index].range.lowerBound]], "发表") {
                    let sentenceWords = text.sentenceWords[events[index].sentence]
                    if Self.witness.firstWord(in: sentenceWords, containingOneIn: text) != nil {
                        events[index].officials = events[meeting].officials.map { EventOfficial(name: $0.name, role: .witness) }
                    }
                }
                if events[index].date == nil { events[index].date = events[meeting].date }
            }
            if let meeting = sentenceEvents.last(where: { isHeldMeeting(events, $0) }) { lastMeeting = meeting }
        }
        return events
    }

    /// A word whose trigger a rule reads: its sentence and what it means.
    private struct Trigger {
        var word: Int
        var sentence: Int
        var meaning: Meaning
    }

    /// The words of the sentences whose trigger a rule reads, in order,
    /// found in one pass over the words' tags, each meaning read once: the
    /// rules go sentence by sentence by this list, and so do the areas of a
    /// meeting, which read the sentences after it (with a scan of their
    /// words each, most sentences were read twice).
    private func triggers() -> [Trigger] {
        var triggers: [Trigger] = []
        let codes = triggerMeanings?.codes
        text.sentenceWords.withUnsafeBufferPointer { sentenceWords in
            text.words.withUnsafeBufferPointer { words in
                for s in sentenceWords.indices {
                    let range = sentenceWords[s]
                    var w = range.lowerBound
                    while true {
                        // Tags first: most words are no trigger, passed over
                        // four at a time (one test of their tags together).
                        while w &+ 4 <= range.upperBound,
                              (words[w].tags.rawValue | words[w &+ 1].tags.rawValue | words[w &+ 2].tags.rawValue
                                  | words[w &+ 3].tags.rawValue) & TagSet.trigger.rawValue == 0 {
                            w &+= 4
                        }
                        while w < range.upperBound, !words[w].has(.trigger) { w &+= 1 }
                        guard w < range.upperBound else { break }
                        if let meaning = meaning(of: words[w], codes: codes) {
                            if triggers.isEmpty { triggers.reserveCapacity(16) }
                            triggers.append(Trigger(word: w, sentence: s, meaning: meaning))
                        }
                        w &+= 1
                    }
                }
            }
        }
        return triggers
    }

    /// Whether a date expression names a month or a day (a bare year dates no event).
    private static func isDay(_ found: DateResolver.Found) -> Bool { found.date.day != nil || found.date.month != nil }

    /// Of the dates `found[span]`, the last with a month or a day that ends
    /// by `position`, else the first with one; nil when none has.
    private static func nearestDay(before position: Int, in span: Range<Int>, of found: [DateResolver.Found]) -> Int? {
        span.last { isDay(found[$0]) && found[$0].range.upperBound <= position } ?? span.first { isDay(found[$0]) }
    }

    /// Appends `event` to `events`; successive stops
    /// (`先后前往乌兹别克斯坦、哈萨克斯坦`) are one visit each. Split as the
    /// events are found: a pass over the whole list afterwards copies every
    /// event of a document that has such a visit.
    private static func append(_ event: consuming FoundEvent, to events: inout [FoundEvent]) {
        guard event.kind == .visit, event.countries.count > 1 else {
            events.append(event)
            return
        }
        // A copy for each stop but the last, which takes the event itself.
        var last = consume event
        let stops = last.countries
        for destination in stops.dropLast() {
            var single = last
            single.countries = [destination]
            events.append(single)
        }
        last.countries = [stops[stops.count - 1]]
        events.append(last)
    }

    /// Whether `events[index]` is a meeting held (read field by field: an
    /// event passed whole is a copy).
    private func isHeldMeeting(_ events: [FoundEvent], _ index: Int) -> Bool {
        events[index].kind == .meeting && events[index].status == .held
    }

    /// The date expressions of sentence `s` (with words), read once: their
    /// indices in `sentenceDates.found`.
    private func dates(ofSentence s: Int, cache sentenceDates: inout SentenceDates) -> Range<Int> {
        if let known = sentenceDates.dates(ofSentence: s) { return known }
        let words = text.sentenceWords[s]
        let range = text.words[words.lowerBound].range.lowerBound ..< text.words[words.upperBound - 1].range.upperBound
        let start = sentenceDates.found.count
        dates.dates(in: text.scalars, range: range, into: &sentenceDates.found)
        let dated = start ..< sentenceDates.found.count
        sentenceDates.read(s, dated)
        return dated
    }

    /// What trigger word `word` means to the rules: the meaning of its first
    /// trigger entry's payload, by `codes` (`TriggerMeanings.codes`) when
    /// given, which is a lookup rather than a comparison of strings.
    @inline(__always)
    private func meaning(of word: Word, codes: [UInt8]?) -> Meaning? {
        guard let codes else { return text.payload(word, .trigger).flatMap(Meaning.init) }
        for index in word.entries {
            let code = codes[Int(index)]
            if code != TriggerMeanings.notTrigger { return Meaning(rawValue: code) }
        }
        return nil
    }

    /// What the trigger entries of a knowledge base's lexicon mean to the
    /// rules, by entry index: read once by an `Extractor`, for all its
    /// documents (immutable, so shared by all threads), instead of
    /// comparing each trigger word's payload with the names of meanings.
    struct TriggerMeanings: Sendable {
        /// By entry index: `notTrigger` when the entry is no trigger, else
        /// the raw value of its payload's meaning, or `unread` when no rule
        /// reads it (`say`).
        fileprivate let codes: [UInt8]
        fileprivate static let notTrigger: UInt8 = 0xFF
        fileprivate static let unread: UInt8 = 0xFE

        init(knowledge: KnowledgeBase) {
            let entries = knowledge.lexicon.allEntries
            let tags = knowledge.entryTags
            codes = entries.indices.map { index in
                // As `AnalyzedText.payload(_:_:)` reads an entry: a trigger
                // when its bits are `.trigger`.
                guard index < tags.count, tags[index] == .trigger else { return Self.notTrigger }
                return entries[index].payload.flatMap(Meaning.init)?.rawValue ?? Self.unread
            }
        }
    }

    /// What a trigger word means (its lexicon payload), for the rules.
    private enum Meaning: UInt8 {
        case meet, meetCollective, meetVideo, talk, talkVideo, visit, visitChina, sign, issue, pledge, attend

        /// The meaning of a trigger payload; nil for the triggers no rule
        /// reads (`say`).
        init?(_ payload: String) {
            // By length first: a trigger's payload is compared with one or
            // two names rather than with each in turn (a `String` raw value's
            // `init?(rawValue:)` tries each name: it made the rules 16% dearer).
            switch payload.utf8.count {
            case 4:
                switch payload {
                case "meet": self = .meet
                case "talk": self = .talk
                case "sign": self = .sign
                default: return nil
                }
            case 5:
                switch payload {
                case "visit": self = .visit
                case "issue": self = .issue
                default: return nil
                }
            case 6:
                switch payload {
                case "pledge": self = .pledge
                case "attend": self = .attend
                default: return nil
                }
            case 10:
                switch payload {
                case "meet-video": self = .meetVideo
                case "talk-video": self = .talkVideo
                default: return nil
                }
            case 11:
                guard payload == "visit-china" else { return nil }
                self = .visitChina
            case 15:
                guard payload == "meet-collective" else { return nil }
                self = .meetCollective
            default:
                return nil
            }
        }

        /// `meet…`: the subject receives the others.
        var isMeet: Bool { self == .meet || self == .meetCollective || self == .meetVideo }
        /// `…-video`.
        var isVideo: Bool { self == .meetVideo || self == .talkVideo }
        /// How many distinct officials named in its sentence the event needs
        /// at least: its people are among them. A meeting has two people
        /// (a collective meeting, one host and guests described); a visit
        /// a visitor, an attendance an attendee; agreements and pledges
        /// need none.
        var officialsNeeded: Int {
            switch self {
            case .meet, .meetVideo, .talk, .talkVideo: 2
            case .meetCollective, .visit, .visitChina, .attend: 1
            case .sign, .issue, .pledge: 0
            }
        }
        /// Whether a sentence with this trigger reports another event, which
        /// ends the areas of a meeting before it (`visit-china`, agreements
        /// and pledges do not).
        var endsAreas: Bool {
            switch self {
            case .meet, .meetCollective, .meetVideo, .talk, .talkVideo, .visit, .attend: true
            case .visitChina, .sign, .issue, .pledge: false
            }
        }
    }

    /// The date expressions of each sentence, read on first use: those of
    /// all sentences in one array (an array per sentence is an allocation
    /// each), by span.
    ///
    /// A sentence is read again only after `areas(from:triggers:after:dates:)` read it
    /// ahead: the sentences after a meeting's, up to the first with a date
    /// (the others have none), which the rules come to next. So what is
    /// kept is the last sentence read, and the last run of sentences read
    /// without a date: no table with a place for every sentence.
    private struct SentenceDates {
        var found: [DateResolver.Found] = []
        /// The last sentence read and where its dates are in `found`.
        private var last: (sentence: Int, dates: Range<Int>)?
        /// Sentences read that have no date.
        private var dateless = 0 ..< 0

        init() {
            // Room for four dates (a document reads three, mostly): a small
            // block, from malloc's per-thread cache.
            found.reserveCapacity(4)
        }

        /// Where the dates of sentence `s` are in `found`, when known.
        func dates(ofSentence s: Int) -> Range<Int>? {
            if let last, last.sentence == s { return last.dates }
            return dateless.contains(s) ? found.count ..< found.count : nil
        }

        /// Records that sentence `s`, just read, has its dates at `dates` in `found`.
        mutating func read(_ s: Int, _ dates: Range<Int>) {
            last = (s, dates)
            guard dates.isEmpty else { return }
            dateless = dateless.upperBound == s ? dateless.lowerBound ..< s + 1 : s ..< s + 1
        }
    }

    /// A trigger and where it stands: its sentence and the clause that
    /// holds it (word ranges; the sentence's other clauses are found when a
    /// rule asks, which few do: cutting each sentence into a list of
    /// clauses first cost more than all the rules' reading of them).
    private struct Context {
        var sentence: Range<Int>
        var sentenceIndex: Int
        var clause: Range<Int>
        var trigger: Int
        var meaning: Meaning
    }

    /// The clause that holds word `w` of `sentence`: the words around it
    /// up to a comma, colon or semicolon; nil when `w` is one of those.
    /// (`words` and `folded` are the text's, which the caller holds: read
    /// from the text at each call, they are two retains and releases.)
    private static func clause(around w: Int, in sentence: Range<Int>, words: [Word], folded: [UInt32]) -> Range<Int>? {
        words.withUnsafeBufferPointer { words in
            folded.withUnsafeBufferPointer { folded in
                guard !Self.isClauseBreak(words[w], folded) else { return nil }
                var start = w, end = w + 1
                while start > sentence.lowerBound, !Self.isClauseBreak(words[start - 1], folded) { start -= 1 }
                while end < sentence.upperBound, !Self.isClauseBreak(words[end], folded) { end += 1 }
                return start ..< end
            }
        }
    }

    /// The first clause of `sentence` (the runs between commas, colons
    /// and semicolons) that starts at `start` or after it.
    private func clause(from start: Int, in sentence: Range<Int>) -> Range<Int>? {
        text.words.withUnsafeBufferPointer { words in
            text.folded.withUnsafeBufferPointer { folded in
                var start = start
                while start < sentence.upperBound, Self.isClauseBreak(words[start], folded) { start += 1 }
                guard start < sentence.upperBound else { return nil }
                var end = start + 1
                while end < sentence.upperBound, !Self.isClauseBreak(words[end], folded) { end += 1 }
                return start ..< end
            }
        }
    }

    /// Commas, colons and semicolons, half- or full-width: one scalar.
    @inline(__always)
    private static func isClauseBreak(_ word: Word, _ folded: UnsafeBufferPointer<UInt32>) -> Bool {
        guard word.isPunctuation, word.range.count == 1 else { return false }
        switch folded[word.range.lowerBound] {
        case 0x2C, 0xFF0C, 0x3A, 0xFF1A, 0x3B, 0xFF1B: return true
        default: return false
        }
    }

    /// Whether `name` is the official of a word of `words` (as
    /// `official(at:)` reads each word).
    private func isOfficial(_ name: String, in words: Range<Int>) -> Bool {
        guard hasMention(in: words) else { return false }
        return words.contains { w in officialMention(at: w).map { mention($0, hasKey: name) } ?? false }
    }

    /// The official whose first mention in `words` comes last (of each
    /// word, its last official mention, as `official(at:)`). Mentions are
    /// compared by index: the one name taken out is the answer.
    private func lastOfficial(in words: Range<Int>) -> String? {
        lastOfficialMention(in: words).map { mentions[$0].key }
    }

    /// The mention `lastOfficial(in:)` reads the name of.
    private func lastOfficialMention(in words: Range<Int>) -> Int? {
        guard hasMention(in: words) else { return nil }
        var last: Int?
        for w in words {
            guard let found = officialMention(at: w) else { continue }
            let named = (words.lowerBound ..< w).contains { v in officialMention(at: v).map { mentions($0, found) } ?? false }
            if !named { last = found }
        }
        return last
    }

    /// How many distinct officials' mentions start inside `words`: 0, 1, or
    /// 2 for two or more (names compared as bytes, as the rules keep them).
    private func officialCount(in words: Range<Int>) -> Int {
        let span = mentionSpan(words)
        guard !span.isEmpty else { return 0 }
        return mentions.withUnsafeBufferPointer { mentions in
            var first: Int?
            for i in span where mentions[i].kind == .official {
                guard let first else {
                    first = i
                    continue
                }
                if !Extractor.EventKeys.sameKey(mentions[i].key, mentions[first].key) { return 2 }
            }
            return first == nil ? 0 : 1
        }
    }

    /// Whether an official's mention starts inside `words`.
    private func hasOfficial(in words: Range<Int>) -> Bool {
        guard hasMention(in: words) else { return false }
        let span = mentionSpan(words)
        return mentions.withUnsafeBufferPointer { mentions in span.contains { mentions[$0].kind == .official } }
    }

    /// Whether any mention starts inside `words`.
    private func hasMention(in words: Range<Int>) -> Bool {
        !words.isEmpty && mentionStart[words.lowerBound] != mentionStart[words.upperBound]
    }


    private func relativeOffset(in words: Range<Int>) -> Int? {
        var w = words.lowerBound
        while w < words.upperBound {
            // Tags first, through the buffer: few words are relative.
            w = text.words.withUnsafeBufferPointer { all in
                var w = w
                while w < words.upperBound, !all[w].has(.relative) { w += 1 }
                return w
            }
            guard w < words.upperBound else { return nil }
            if let value = text.payload(text.words[w], .relative), let offset = Int(value) { return offset }
            w += 1
        }
        return nil
    }

    /// The first official of the sentence outside this clause: the subject
    /// of `与敏昂莱会面时，王小洪表示` or `应习近平邀请，…访华`.
    /// Passed over are the officials already `named` and those of the
    /// words `namedIn` (searched in place: no list of their names is made).
    private func sentenceSubject(
        _ context: Context, excluding named: [EventOfficial] = [], andOfficialsOf namedIn: Range<Int> = 0 ..< 0
    ) -> String? {
        var from = context.sentence.lowerBound
        while let clause = self.clause(from: from, in: context.sentence) {
            from = clause.upperBound
            guard clause != context.clause, hasMention(in: clause) else { continue }
            for w in clause {
                guard let name = official(at: w) else { continue }
                if !named.names(name) && !isOfficial(name, in: namedIn) { return name }
            }
        }
        return nil
    }

    /// Whether the words before the trigger hold no subject of their own
    /// (only dates, places, prepositions): `在11月24日至26日访华` borrows the
    /// sentence's subject, `中国高级官员访问` does not.
    private func lacksSubject(_ context: Context, before end: Int? = nil) -> Bool {
        (context.clause.lowerBound ..< (end ?? context.trigger)).allSatisfy { w in
            let word = text.words[w]
            return word.isSpace || word.isPunctuation || word.kind == .number || word.has(.function)
                || word.has(.relative) || word.has(.place) || word.has(.negation) || word.has(.future)
                || text.reads(word, anyOf: Self.dateParts) || official(at: w) != nil
        }
    }

    private func status(_ context: Context) -> EventStatus? {
        // One pass: a negation anywhere in the clause rules the event out;
        // a future word before the trigger, or 明年 anywhere, plans it.
        // The words before the trigger, then the rest; once planned, only
        // negations are looked for (a test of the tags alone).
        text.words.withUnsafeBufferPointer { words in
            text.folded.withUnsafeBufferPointer { folded in
                var w = context.clause.lowerBound
                var planned = false
                while w < context.trigger, !planned {
                    let word = words[w]
                    if word.has(.negation) { return nil }
                    planned = word.has(.future) || Self.readsNextYear(word, folded)
                    w &+= 1
                }
                while w < context.clause.upperBound, !planned {
                    let word = words[w]
                    if word.has(.negation) { return nil }
                    planned = Self.readsNextYear(word, folded)
                    w &+= 1
                }
                while w < context.clause.upperBound {
                    if words[w].has(.negation) { return nil }
                    w &+= 1
                }
                return planned ? .planned : .held
            }
        }
    }

    /// Whether `word` reads 明年, tested in place: the one literal a status
    /// reads in every word of a clause.
    /// (Its first scalar first: words are never empty, and most words of
    /// two scalars do not start with 明.)
    @inline(__always)
    private static func readsNextYear(_ word: Word, _ folded: UnsafeBufferPointer<UInt32>) -> Bool {
        folded[word.range.lowerBound] == 0x660E && word.range.upperBound &- word.range.lowerBound == 2
            && folded[word.range.lowerBound &+ 1] == 0x5E74
    }

    /// Appends the event the trigger of `context` states, when its rule
    /// finds one: the rules append what they make (an event returned, as an
    /// optional, was copied twice more on its way into the list).
    private func event(_ context: Context, into events: inout [FoundEvent]) -> Bool {
        switch context.meaning {
        case .meet, .meetCollective, .meetVideo, .talk, .talkVideo: meeting(context, into: &events)
        case .visit, .visitChina: visit(context, into: &events)
        case .sign, .issue: agreement(context, into: &events)
        case .pledge: pledge(context, into: &events)
        case .attend: attendance(context, into: &events)
        }
    }

    // MARK: Meetings

    private func meeting(_ context: Context, into events: inout [FoundEvent]) -> Bool {
        let words = text.words
        let clause = context.clause
        // Each official once, in the order named, with the first role given
        // (names straight from the mentions, word by word: `add` keeps each
        // once, so no list of a range's officials is made first).
        var people: [EventOfficial] = []
        func add(_ name: String, as role: Role) {
            guard !people.names(name) else { return }
            if people.isEmpty { people.reserveCapacity(4) }
            people.append(EventOfficial(name: name, role: role))
        }
        func addOfficials(in words: Range<Int>, as role: Role) {
            guard hasMention(in: words) else { return }
            for w in words { if let name = official(at: w) { add(name, as: role) } }
        }
        let passiveAt = Self.passive.firstWord(in: clause.lowerBound ..< context.trigger, readingOneIn: text)
        if let passiveAt {
            // B受到A的接见: the hosts, then the guests (else the sentence's
            // subject, who is no host).
            let guestWords = clause.lowerBound ..< passiveAt
            addOfficials(in: passiveAt + 1 ..< context.trigger, as: .host)
            if !hasOfficial(in: guestWords), let subject = sentenceSubject(context, excluding: people) { add(subject, as: .guest) }
            addOfficials(in: guestWords, as: .guest)
        } else {
            let beforeWords = clause.lowerBound ..< context.trigger
            let afterWords = context.trigger + 1 ..< clause.upperBound
            if context.meaning.isMeet && hasOfficial(in: afterWords) {
                if !hasOfficial(in: beforeWords),
                   let subject = sentenceSubject(context, andOfficialsOf: afterWords) {
                    add(subject, as: .host)
                }
                addOfficials(in: beforeWords, as: .host)
                addOfficials(in: afterWords, as: .guest)
            } else {
                addOfficials(in: beforeWords, as: .participant)
                addOfficials(in: afterWords, as: .participant)
                // 与敏昂莱会面时，王小洪表示: the subject stands in another clause.
                let opensWithPartner = (context.clause.lowerBound ..< context.trigger).prefix(2)
                    .contains { w in text.reads(words[w], anyOf: Self.conjunctions) }
                if people.count == 1, opensWithPartner, let subject = sentenceSubject(context, excluding: people) {
                    add(subject, as: .participant)
                }
            }
        }
        // The status (a pass over the clause) once there are people to speak
        // of: most meetings without them have no official in the clause.
        guard people.count >= 2 || (people.count == 1 && context.meaning == .meetCollective),
              let status = status(context) else { return false }
        // 托卡耶夫集体会见各国代表团团长: a meeting whose guests go unnamed is
        // kept with its host and the guests as described.
        var guests: String?
        if people.count == 1, context.meaning == .meetCollective, context.trigger + 1 < clause.upperBound {
            people[0].role = .host
            var last = clause.upperBound - 1
            while last > context.trigger + 1, words[last].isPunctuation || words[last].isSpace { last -= 1 }
            let range = words[context.trigger + 1].range.lowerBound ..< words[last].range.upperBound
            guests = written(range, sentence: context.sentenceIndex).trimmingBlanks()
        }
        guard people.count >= 2 || guests != nil else { return false }
        let video = context.meaning.isVideo || Self.video.firstWord(in: clause, containingOneIn: text) != nil
        // Made whole, in one initializer: an event filled in afterwards is
        // copied on its way out (its date is set by `extract`, in place in
        // the list).
        Self.append(FoundEvent(kind: .meeting, status: status, place: place(before: context),
                               mode: video ? .video : .inPerson, officials: people, title: guests,
                               range: words[context.trigger].range, sentence: context.sentenceIndex), to: &events)
        return true
    }

    /// Where it happened: a place after 在 before the trigger in the
    /// sentence; a city rather than the site in it.
    private func place(before context: Context) -> String? {
        // (From the sentence's start: the breaks before its first clause
        // are no 在 or 于.)
        let start = context.sentence.lowerBound
        // The candidates as `preferCity` ranks them, as they come: the first
        // of the best rank (ranked only once there are two).
        var best: (name: String, rank: Int?)?
        // Nothing counts before the first 在 or 于 (most sentences have none).
        guard let zai = text.firstWord(in: start ..< context.trigger, whereScalar: { $0 == Self.zai || $0 == Self.yu }) else {
            return nil
        }
        var afterZai = false
        let words = text.words
        for w in zai ..< context.trigger {
            let word = words[w]
            if text.reads(word, scalar: "在") || text.reads(word, scalar: "于") { afterZai = true; continue }
            if word.isPunctuation && !text.reads(word, scalar: "（") && !text.reads(word, scalar: "(") { afterZai = false }
            guard afterZai, let name = text.payload(word, .place) else { continue }
            guard let current = best else {
                best = (name, nil)
                continue
            }
            let currentRank = current.rank ?? Self.cityRank(current.name, places)
            let rank = Self.cityRank(name, places)
            best = rank < currentRank ? (name, rank) : (current.name, currentRank)
        }
        return best?.name
    }

    static func preferCity(_ names: [String], _ places: NameTable<PlaceInfo>) -> String? {
        names.enumerated().min { (cityRank($0.element, places), $0.offset) < (cityRank($1.element, places), $1.offset) }?.element
    }

    /// How a place ranks as where an event happened: a city first, then a
    /// site, then the rest.
    static func cityRank(_ name: String, _ places: NameTable<PlaceInfo>) -> Int {
        switch places[name]?.kind {
        case "capital", "city": 0
        case "site": 1
        default: 2
        }
    }

    // MARK: Visits

    private func visit(_ context: Context, into events: inout [FoundEvent]) -> Bool {
        let words = text.words
        let clause = context.clause
        // The visitor, and the mention it was read from while that is known.
        var visitorMention = lastOfficialMention(in: clause.lowerBound ..< context.trigger)
        var visitor = visitorMention.map { mentions[$0].key }
        // 同赴华进行国事访问的迪亚斯-卡内尔: the visitor follows 的.
        if let de = text.firstWord(in: context.trigger + 1 ..< clause.upperBound, reading: "的"),
           let name = officialAfterModifier(de, in: clause, context) {
            (visitor, visitorMention) = (name, nil)
        }
        if visitor == nil, lacksSubject(context) { visitor = sentenceSubject(context) }
        // (The status, which reads the whole clause, once there is a visitor.)
        guard let visitor, let status = status(context) else { return false }
        // The destinations named, each once and in order, but the visitor's
        // own country; made straight into the event's list.
        // (The list is passed to `add`, not captured by a nested function:
        // a captured variable is checked for exclusive access at each use.)
        // (Through a closure: the method passed as a function copies the
        // extractor, a retain a field.)
        let own = visitorMention.map { country(ofOfficialMention: $0) } ?? recognitionCountry(of: visitor)
        var destinations: [EventCountry] = []
        var named = false
        if context.meaning == .visitChina {
            named = true
            Self.add(destination: "CN", except: own, to: &destinations)
        }
        var w = context.trigger + 1
        while w < clause.upperBound {
            let word = words[w]
            if word.has(.trigger) && !text.reads(word, anyOf: Self.visitWords) { break }
            if text.reads(word, scalar: "的") { break }  // 来华访问的俄罗斯内务部长: what follows is the visitor
            if let code = countryCode(at: w) ?? text.payload(word, .place).flatMap({ places[$0]?.country }) {
                named = true
                Self.add(destination: code, except: own, to: &destinations)
            }
            w += 1
        }
        if !named, let dui = (clause.lowerBound ..< context.trigger).last(where: { text.reads(words[$0], scalar: "对") }) {
            for v in dui + 1 ..< context.trigger {
                if let code = countryCode(at: v) { Self.add(destination: code, except: own, to: &destinations) }
            }
        }
        guard !destinations.isEmpty else { return false }
        Self.append(FoundEvent(kind: .visit, status: status,
                               officials: [EventOfficial(name: visitor, role: .visitor)], countries: destinations,
                               range: words[context.trigger].range, sentence: context.sentenceIndex), to: &events)
        return true
    }

    /// Adds destination `code` to `destinations`, once, unless it is the
    /// visitor's own country `own`.
    private static func add(destination code: String, except own: String?, to destinations: inout [EventCountry]) {
        guard code != own && !destinations.names(code: code) else { return }
        // Mostly one destination: made as a one-element list, which costs
        // less than an empty list's first append.
        if destinations.isEmpty { destinations = [EventCountry(code: code, role: .destination)] } else { destinations.append(EventCountry(code: code, role: .destination)) }
    }

    /// The official a `的` phrase describes: `来华访问的俄罗斯内务部长科洛科利采夫`.
    private func officialAfterModifier(_ de: Int, in clause: Range<Int>, _ context: Context) -> String? {
        let words = text.words
        var w = de + 1
        while w < clause.upperBound {
            if let name = official(at: w) { return name }
            let word = words[w]
            guard word.has(.country) || word.has(.agency) || word.has(.title) || word.has(.qualifier)
                || word.has(.abbreviation) || word.isSpace || text.reads(word, scalar: "、") || text.reads(word, scalar: "长") else { return nil }
            w += 1
        }
        return nil
    }

    private func recognitionCountry(of official: String) -> String? {
        officialRecords[official]?.country
    }

    /// `recognitionCountry(of:)` of the official of mention `i`. The mention
    /// names its record by index: when that record is the official's (its
    /// name the same bytes as the mention's key, as the recogniser makes
    /// them), it is read there, without hashing the name to find it.
    private func country(ofOfficialMention i: Int) -> String? {
        mentions.withUnsafeBufferPointer { mentions in
            let record = mentions[i].record
            guard record >= 0, record < officialRecords.count,
                  Extractor.EventKeys.sameKey(officialRecords[record].name, mentions[i].key) else {
                return recognitionCountry(of: mentions[i].key)
            }
            return officialRecords[record].country
        }
    }

    // MARK: Agreements

    static let agreementNouns = WordList(["协议", "协定", "备忘录", "文件", "声明", "条约", "合同", "计划", "纪要", "宣言", "公报", "议定书", "安排"])

    private func agreement(_ context: Context, into events: inout [FoundEvent]) -> Bool {
        let words = text.words
        guard let status = status(context) else { return false }
        let clause = context.clause
        let sentence = context.sentence
        let title = bookTitle(in: context.trigger + 1 ..< sentence.upperBound)
        if context.meaning == .issue {
            guard let title, Self.declarationKinds.endsAny(title, of: text) else { return false }
        } else {
            // The words are contiguous: their folded text is that of their span.
            let after = context.trigger + 1 ..< clause.upperBound
            let object = after.isEmpty ? 0 ..< 0
                : words[after.lowerBound].range.lowerBound ..< words[after.upperBound - 1].range.upperBound
            guard Self.agreementNouns.occurs(inFolded: object, of: text) || title != nil else { return false }
        }
        // The parties, each once and in order, made straight into the
        // event's list: the countries named, the countries of the officials
        // who sign (not those who witness), of the agencies, of the witnesses.
        var parties: [EventCountry] = []
        func add(_ code: String?) {
            if let code, !parties.names(code: code) { parties.append(EventCountry(code: code, role: .party)) }
        }
        for w in clause.lowerBound ..< context.trigger { add(countryCode(at: w)) }
        let witnessAt = Self.witness.firstWord(in: clause.lowerBound ..< context.trigger, containingOneIn: text)
        // The officials before the trigger (before 见证, when it is there):
        // the witnesses, each once and in order, made straight into the
        // event's list; else the signers, whose countries are parties (a
        // name met again adds its country again, which `add` keeps once).
        var witnesses: [EventOfficial] = []
        let named = clause.lowerBound ..< (witnessAt ?? context.trigger)
        if hasMention(in: named) {
            for w in named {
                guard let mention = officialMention(at: w) else { continue }
                if witnessAt == nil {
                    add(country(ofOfficialMention: mention))
                    continue
                }
                let name = mentions[mention].key
                if !witnesses.names(name) {
                    witnesses.append(EventOfficial(name: name, role: .witness))
                }
            }
        }
        for w in clause.lowerBound ..< context.trigger { add(agencyCountry(at: w)) }
        for witness in witnesses { add(recognitionCountry(of: witness.name)) }
        // 双方 / 两国元首: the parties and heads of the meeting just reported.
        let collective = Self.bothSides.firstWord(in: sentence.lowerBound ..< context.trigger, readingOneIn: text) != nil
        // (The title through a closure: the method `simplified(analysed:)`
        // passed as a function copies the extractor, a retain a field.)
        Self.append(FoundEvent(kind: .agreement, status: status,
                               officials: witnesses, countries: parties,
                               title: title.map { simplified(analysed: $0, sentence: context.sentenceIndex) },
                               range: words[context.trigger].range, sentence: context.sentenceIndex,
                               fromPreviousMeeting: collective && (parties.count < 2 || (witnessAt != nil && witnesses.isEmpty))), to: &events)
        return true
    }

    /// The analysed range of the text inside the first 《》 among `words`
    /// (marks are tokens of their own; the string is made only for an
    /// event that has the title).
    private func bookTitle(in words: Range<Int>) -> Range<Int>? {
        guard let open = text.firstWord(in: words, reading: "《"),
              let close = text.firstWord(in: open + 1 ..< words.upperBound, reading: "》"),
              close > open + 1 else { return nil }
        return text.words[open + 1].range.lowerBound ..< text.words[close].range.lowerBound
    }

    /// The analysed text of `range` (as written) with traditional
    /// characters simplified: what `Normalization.traditionalToSimplified.apply(to:)`
    /// makes of it, without decoding it again. The analysed text is folded
    /// already, with the same table, which covers U+3400…U+9FFF (half-width
    /// folding, the other one, changes only scalars outside it): a scalar
    /// in that range is simplified to its folded value, any other stays as
    /// written. Most titles have no traditional character: the string of
    /// the analysed text itself (`written(_:sentence:)`; `range` is in
    /// sentence `sentence`).
    private func simplified(analysed range: Range<Int>, sentence: Int) -> String {
        text.scalars.withUnsafeBufferPointer { scalars in
            text.folded.withUnsafeBufferPointer { folded in
                func isTraditional(_ i: Int) -> Bool {
                    scalars[i].value &- 0x3400 <= 0x9FFF - 0x3400 && folded[i] != scalars[i].value
                }
                guard range.contains(where: isTraditional) else { return written(range, sentence: sentence) }
                let values = range.map { isTraditional($0) ? folded[$0] : scalars[$0].value }
                return String(utf32: values[...])
            }
        }
    }

    /// The analysed text of `range`, a non-empty range of sentence `s`, as
    /// written: `text.string(range)`. When the sentence is a verbatim copy
    /// of the original and no scalar was dropped from `range` (a quotation
    /// mark), that text is the original's, and is sliced from it: a copy of
    /// its bytes, where a string encoded from the scalars is encoded and
    /// then validated again.
    private func written(_ range: Range<Int>, sentence s: Int) -> String {
        let clean = text.cleanIndex[range.lowerBound] ..< text.cleanIndex[range.upperBound - 1] + 1
        let sentence = text.sentences[s].range
        guard let bytes = text.verbatimSentenceBytes(s), clean.count == range.count,
              sentence.lowerBound <= clean.lowerBound, clean.upperBound <= sentence.upperBound else {
            return text.string(range)
        }
        // The sentence's scalars are the original's, one for one: each
        // takes as many bytes there as its UTF-8 does.
        let (before, length) = text.clean.scalars.withUnsafeBufferPointer { scalars in
            (Self.utf8Count(scalars, sentence.lowerBound ..< clean.lowerBound), Self.utf8Count(scalars, clean))
        }
        let start = bytes.lowerBound + before
        return text.clean.originalText(bytes: start ..< start + length)
    }

    /// The UTF-8 length of `scalars[range]`: a branch-free sum in 32 bits,
    /// which vectorizes. (Scalar values are below 2^21, compared as signed
    /// values, which vector instructions compare directly; a document has
    /// far fewer than 2^29 scalars, so the sum fits.)
    private static func utf8Count(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int {
        scalars.withMemoryRebound(to: Int32.self) { values in
            var count: Int32 = 0
            for index in range {
                let value = values[index]
                count &+= 1 &+ (value > 0x7F ? 1 : 0) &+ (value > 0x7FF ? 1 : 0) &+ (value > 0xFFFF ? 1 : 0)
            }
            return Int(count)
        }
    }

    // MARK: Pledges

    private func pledge(_ context: Context, into events: inout [FoundEvent]) -> Bool {
        let words = text.words
        let sentence = context.sentence
        // The other side: the first country right after 愿同/愿与.
        var other: String?
        var w = context.trigger + 1
        if text.reads(words[context.trigger], scalar: "愿"), w < sentence.upperBound, text.reads(words[w], anyOf: Self.conjunctions) { w += 1 }
        if w < sentence.upperBound { other = countryCode(at: w) }
        guard let other else { return false }
        // (The status, which reads the whole clause, once there is a pledge to speak of.)
        guard status(context) == .held else { return false }
        // The speaker: a country or side before, else the speaking official's country.
        var speaker: String?
        for v in (sentence.lowerBound ..< context.trigger).reversed() {
            if let code = countryCode(at: v) { speaker = code; break }
            if let mention = officialMention(at: v) { speaker = country(ofOfficialMention: mention); break }
        }
        guard let speaker, speaker != other else { return false }
        let rest = context.trigger + 1 ..< max(context.trigger + 1, sentence.upperBound)
        let count = areaCount(in: rest)
        guard count > 0 else { return false }
        var areas = AreaKeys(minimumCapacity: count)
        addAreas(in: rest, to: &areas)
        Self.append(FoundEvent(kind: .pledge, countries: [EventCountry(code: speaker, role: .party), EventCountry(code: other, role: .party)], areas: areas,
                               range: words[context.trigger].range, sentence: context.sentenceIndex), to: &events)
        return true
    }

    // MARK: Attendance

    private func attendance(_ context: Context, into events: inout [FoundEvent]) -> Bool {
        let words = text.words
        let clause = context.clause
        var attendee = lastOfficial(in: clause.lowerBound ..< context.trigger)
        if attendee == nil, lacksSubject(context) { attendee = sentenceSubject(context) }
        // (The status, which reads the whole clause, once there is an attendee.)
        guard var attendee, let status = status(context) else { return false }
        var name: (String, Range<Int>)?
        // 出席X会议: the name runs from after the trigger to the last conference word.
        var start = context.trigger + 1
        while start < clause.upperBound, text.reads(words[start], anyOf: Self.leadingParticles) { start += 1 }
        var lastHead: Int?
        var w = start
        while w < clause.upperBound {
            let word = words[w]
            if word.has(.conference) { lastHead = w }
            if word.has(.trigger) || text.reads(word, scalar: "并") || (word.has(.function) && lastHead != nil && !word.has(.conference)) { break }
            w += 1
        }
        if let lastHead { name = conferenceName(start ... lastHead, sentence: context.sentenceIndex) }
        // X在Y举行，A出席: the conference of the clause before.
        if name == nil {
            // The last clause before this one with a conference word.
            var previous: (clause: Range<Int>, head: Int)?
            var from = context.sentence.lowerBound
            while let clause = self.clause(from: from, in: context.sentence), clause.upperBound <= context.clause.lowerBound {
                from = clause.upperBound
                if let head = clause.last(where: { words[$0].has(.conference) }) { previous = (clause, head) }
            }
            if let (clause, head) = previous {
                var from = clause.lowerBound
                while from < head, dates.dates(in: text.scalars, range: words[from].range).isEmpty == false
                        || words[from].has(.relative) || words[from].kind == .number
                        || text.reads(words[from], anyOf: Self.dateWords) {
                    from += 1
                }
                name = conferenceName(from ... head, sentence: context.sentenceIndex)
            }
        }
        guard let (title, range) = name, Self.isNamedConference(title) else { return false }
        // 会见前来参加…大会的格罗多夫: the attendee follows 的.
        let afterName = text.wordAt[range.upperBound]
        if afterName + 1 < clause.upperBound, text.reads(words[afterName], scalar: "的"),
           let name = officialAfterModifier(afterName, in: clause, context) {
            attendee = name
        }
        Self.append(FoundEvent(kind: .attendance, status: status,
                               place: place(before: context) ?? placeInside(range), officials: [EventOfficial(name: attendee, role: .attendee)],
                               title: title, range: range, sentence: context.sentenceIndex), to: &events)
        return true
    }

    private func conferenceName(_ words: ClosedRange<Int>, sentence: Int) -> (String, Range<Int>) {
        let range = text.words[words.lowerBound].range.lowerBound ..< text.words[words.upperBound].range.upperBound
        let clean = text.cleanIndex[range.lowerBound] ..< (text.cleanIndex[range.upperBound - 1] + 1)
        // The clean text of the span is the analysed text of `range` when
        // no scalar was dropped from it (a quotation mark): then simplified
        // as the analysed text tells.
        let title = clean.count == range.count ? simplified(analysed: range, sentence: sentence)
            : Normalization.traditionalToSimplified.apply(to: text.clean.string(clean))
        return (Self.trimmedTitle(title), range)
    }

    /// `title` without blanks and 《》 at either end, as
    /// `trimmingBlanks().trimming { 《》 }`; when neither end has one (most
    /// titles), `title` itself, after reading only its two end scalars.
    private static func trimmedTitle(_ title: String) -> String {
        func isEdge(_ scalar: Unicode.Scalar) -> Bool {
            // A Chinese character (most ends) is none, known without looking
            // up its general category, which costs more than the rest.
            guard scalar.value &- 0x4E00 > 0x9FFF - 0x4E00 else { return false }
            return scalar == "\t" || scalar == "《" || scalar == "》" || scalar.properties.generalCategory == .spaceSeparator
        }
        if let (first, last) = endScalars(of: title), !isEdge(first), !isEdge(last) { return title }
        return title.trimmingBlanks().trimming { $0 == "《" || $0 == "》" }
    }

    /// The first and last scalars of `string`, decoded from its UTF-8 in
    /// place (the scalar view's `last` decodes backwards through generic
    /// code); nil when it is empty.
    static func endScalars(of string: String) -> (first: Unicode.Scalar, last: Unicode.Scalar)? {
        string.withBytes { bytes in
            guard !bytes.isEmpty else { return nil }
            var index = 0
            let first = decodeUTF8(bytes, at: &index)
            // The last scalar starts at the last byte that is no continuation byte.
            var start = bytes.count - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            let last = decodeUTF8(bytes, at: &start)
            return (Unicode.Scalar(first)!, Unicode.Scalar(last)!)
        }
    }

    private func placeInside(_ range: Range<Int>) -> String? {
        let first = text.wordAt[range.lowerBound], last = text.wordAt[max(range.lowerBound, range.upperBound - 1)]
        let names = (first ... last).compactMap { place(at: $0) }
        return Self.preferCity(names, places)
    }

    static let genericConferenceOpenings = ["上述", "此次", "这次", "该", "本次", "会议", "这一", "相关", "有关", "上次", "下次"]

    /// The first scalars of `genericConferenceOpenings`: a title that
    /// starts with none of them (most) is compared with no opening.
    static let genericOpeningFirsts = genericConferenceOpenings.map { $0.unicodeScalars.first!.value }

    static func isNamedConference(_ title: String) -> Bool {
        // One pass over the bytes, in place: the openings (compared as bytes),
        // the end, and the first four scalars.
        let verdict = title.withBytes { bytes -> Bool? in
            guard !bytes.isEmpty else { return nil }
            var index = 0
            let first = decodeUTF8(bytes, at: &index)
            if genericOpeningFirsts.contains(first) {
                let generic = genericConferenceOpenings.contains { opening in
                    opening.withBytes { opening in
                        opening.count <= bytes.count && memcmp(bytes.baseAddress!, opening.baseAddress!, opening.count) == 0
                    }
                }
                if generic { return false }
            }
            if Self.endsWorkingMeeting(bytes) && !title.includes("第") { return false }
            // At least four characters (counting only as far as four). Four
            // Chinese characters in a row are four characters, whatever
            // follows (nothing joins one to the one before): the usual case,
            // read as scalars; else character by character.
            index = 0
            var ideographs = 0
            while index < bytes.count {
                guard decodeUTF8(bytes, at: &index) &- 0x4E00 <= 0x9FFF - 0x4E00 else { break }
                ideographs += 1
                if ideographs == 4 { return true }
            }
            return nil
        }
        return verdict ?? (title.index(title.startIndex, offsetBy: 4, limitedBy: title.endIndex) != nil)
    }

    /// The UTF-8 of 工作会议.
    private static let workingMeeting: [UInt8] = Array("工作会议".utf8)

    /// Whether `bytes` end with 工作会议 (`String.ends(with:)`, in place).
    private static func endsWorkingMeeting(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let suffix = workingMeeting
        guard bytes.count >= suffix.count else { return false }
        let start = bytes.count - suffix.count
        return suffix.indices.allSatisfy { bytes[start + $0] == suffix[$0] }
    }

    // MARK: Areas

    /// Areas of the meeting in sentence `s`: that sentence and the following
    /// ones of its paragraph, up to the next sentence that reports another
    /// event or a new date. `triggers[after...]` are those of the sentences
    /// after `s`.
    private func areas(from s: Int, triggers: [Trigger], after: Int, dates sentenceDates: inout SentenceDates) -> AreaKeys {
        // The sentences first, then their areas, in a set made once.
        var paragraph = text.sentences[s].paragraph
        var t = s
        var next = after
        while t < text.sentences.count {
            if text.sentences[t].paragraph != paragraph {
                // `他说，愿同俄方在…领域加强合作` in the next paragraph still reports the meeting.
                guard text.sentences[t].paragraph == paragraph + 1, continuesSpeech(t) else { break }
                paragraph += 1
            }
            let words = text.sentenceWords[t]
            if t > s {
                // Its triggers, from the list (sentences come in order).
                while next < triggers.count, triggers[next].sentence < t { next += 1 }
                var hasEvent = false
                while next < triggers.count, triggers[next].sentence == t {
                    if triggers[next].meaning.endsAreas {
                        hasEvent = true
                        break
                    }
                    next += 1
                }
                if hasEvent || (!words.isEmpty && !dates(ofSentence: t, cache: &sentenceDates).isEmpty) { break }
            }
            t += 1
        }
        let sentences = s ..< t
        let count = sentences.reduce(0) { $0 + areaCount(in: text.sentenceWords[$1]) }
        guard count > 0 else { return [] }
        var result = AreaKeys(minimumCapacity: count)
        for t in sentences { addAreas(in: text.sentenceWords[t], to: &result) }
        return result
    }

    /// Whether sentence `t` opens with a pronoun speaking: 他说, 她表示.
    private func continuesSpeech(_ t: Int) -> Bool {
        let words = text.sentenceWords[t]
        guard words.count >= 2 else { return false }
        let first = text.words[words.lowerBound], second = text.words[words.lowerBound + 1]
        return text.reads(first, anyOf: Self.pronouns) && text.payload(second, .trigger) == "say"
    }

    // Word lists the rules test words against, made once (a literal in a
    // rule is an array allocated at every call) and decoded once.
    static let dateParts = WordList(["年", "月", "日", "号", "至", "到"])
    static let dateWords = WordList(["年", "月", "日", "当地时间", "北京时间", "号"])
    static let conjunctions = WordList(["与", "同", "和"])
    static let visitWords = WordList(["访问", "国事访问", "正式访问", "工作访问", "进行国事访问"])
    static let declarationKinds = WordList(["声明", "宣言", "公报"])
    static let bothSides = WordList(["双方", "两国", "两国元首", "双方元首", "元首", "两人", "二人"])
    static let leadingParticles = WordList(["了", "在"])
    static let pronouns = WordList(["他", "她"])
    static let zai = ("在" as Unicode.Scalar).value
    static let yu = ("于" as Unicode.Scalar).value
    static let passive = WordList(["受到"])
    static let video = WordList(["视频"])
    static let witness = WordList(["见证"])
}
