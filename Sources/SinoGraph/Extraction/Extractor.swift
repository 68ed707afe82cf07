import Foundation
import SinoTokenizer

/// What the extractor found in one document: its graph and the flat facts.
public struct Extraction: Sendable {
    /// The document's id.
    public let document: String
    /// Entities, events and relations, each with evidence into the document.
    public let graph: Graph
    /// The same content in the gold-fixture form, made when read (most
    /// callers want only the graph).
    public var facts: Facts {
        GraphBuilder.facts(graph: graph, recognition: recognition, document: document, documentDate: documentDate)
    }
    let recognition: Recognition
    let documentDate: EventDate?
}

/// Reads Chinese news and returns a typed graph of who met whom, when,
/// where and on what, who visited where, and what was signed.
///
/// An extractor is immutable and `Sendable`: use one from many tasks.
///
/// ```swift
/// let extractor = try Extractor()
/// let result = try extractor.extract(Document(id: "a", text: "12月5日，国务委员、公安部部长王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"))
/// for event in result.graph.events { print(event.kind, event.date?.description ?? "-") }
/// ```
public struct Extractor: Sendable {
    /// The knowledge the extractor reads with.
    public let knowledge: KnowledgeBase
    let tokenizer: Tokenizer
    /// What the lexicon's trigger entries mean to the event rules, read once.
    let triggerMeanings: EventExtractor.TriggerMeanings

    /// An extractor with the built-in resources.
    ///
    /// - Throws: ``ResourceError`` if a bundled resource is missing or bad.
    public init() throws {
        self.init(knowledge: try KnowledgeBase.builtIn())
    }

    /// An extractor with the given knowledge (built-in plus user files, or
    /// entirely the user's).
    public init(knowledge: KnowledgeBase) {
        self.knowledge = knowledge
        tokenizer = Tokenizer(lexicon: knowledge.lexicon, options: .extraction)
        triggerMeanings = EventExtractor.TriggerMeanings(knowledge: knowledge)
    }

    /// Extracts one document.
    ///
    /// - Throws: ``DocumentError`` when the document cannot be read (for
    ///   example front matter that never closes).
    public func extract(_ document: Document) throws -> Extraction {
        // The clean text moves into the analysis, which keeps it: reading
        // it there afterwards copies nothing.
        let text = AnalyzedText(clean: try DocumentReader.read(document), tokenizer: tokenizer,
                                entryTags: knowledge.entryTags)
        let recognition = EntityRecognizer(knowledge: knowledge, text: text).recognize()
        let dates = DateResolver(frontMatterDate: text.clean.frontMatter?.date)
        let found = EventExtractor(knowledge: knowledge, text: text, recognition: recognition, dates: dates,
                                   triggerMeanings: triggerMeanings).extract()
        let builder = GraphBuilder(knowledge: knowledge, document: document.id, text: text, recognition: recognition,
                                   events: Self.consolidate(found))
        let graph = builder.build()
        return Extraction(document: document.id, graph: graph, recognition: recognition, documentDate: dates.documentDate)
    }

    /// Extracts many documents on all cores; results come in input order,
    /// the same whatever the number of threads.
    ///
    /// - Parameter threads: how many documents at once (default: the number
    ///   of active processors).
    public func extract(_ documents: [Document], threads: Int? = nil) -> [Result<Extraction, DocumentError>] {
        parallelMap(documents, workers: threads) { document in
            Result { try extract(document) }.mapError {
                ($0 as? DocumentError) ?? DocumentError(source: document.id, line: nil, reason: .unreadable("\($0)"))
            }
        }
    }

    /// One report per event: restatements (a headline, `会面时`) merge into
    /// the dated report of the same event.
    static func consolidate(_ events: consuming [FoundEvent]) -> [FoundEvent] {
        // In place: the events kept move to the front (by swaps, not copies),
        // and a restatement merges into the one it restates. The events are
        // read through the buffer, field by field: passing one to a function
        // would copy it (a retain for each of its many fields).
        var events = consume events
        guard events.count > 1 else { return events }
        let kept = events.withUnsafeMutableBufferPointer { events in
            // The count kept is returned, not captured: a variable captured
            // by a nested function is checked for exclusive access at each use.
            events.count > 16 ? consolidateByBucket(events) : consolidateFew(events)
        }
        if kept < events.count { events.removeLast(events.count - kept) }
        return events
    }

    /// Moves event `index` to the front, as the `kept`-th kept one.
    @inline(__always)
    private static func keep(_ index: Int, in events: UnsafeMutableBufferPointer<FoundEvent>, kept: inout Int) {
        if kept != index { events.swapAt(kept, index) }
        kept += 1
    }

    /// `consolidate` for a handful of events (most documents): each is
    /// compared with all those kept before it, nothing to allocate or hash.
    /// A restatement merges into the first kept event it restates. Returns
    /// how many are kept, at the front.
    private static func consolidateFew(_ events: UnsafeMutableBufferPointer<FoundEvent>) -> Int {
        var kept = 0
        for index in events.indices {
            let kind = events[index].kind
            if let at = (0 ..< kept).first(where: { events[$0].kind == kind && sameEvent(events, $0, index) }) {
                merge(events, index, into: at)
            } else {
                keep(index, in: events, kept: &kept)
            }
        }
        return kept
    }

    /// `consolidate` for many events: only candidates are compared. They
    /// share kind and officials (or, for agreements, kind), so long
    /// documents stay linear. Buckets go by a hash of that (events whose
    /// hashes differ are never the same event), in a small open-addressing
    /// table: `firsts` holds a bucket's first kept event plus one; `chain`
    /// the hash of each kept event and the next one kept in its bucket (plus
    /// one; 0 ends the chain). Returns how many are kept, at the front.
    private static func consolidateByBucket(_ events: UnsafeMutableBufferPointer<FoundEvent>) -> Int {
        var kept = 0
        var slotCount = 4
        while slotCount < events.count * 2 { slotCount *= 2 }
        var firsts = [Int32](repeating: 0, count: slotCount)
        var chain = [(hash: UInt64, next: Int32)](repeating: (0, 0), count: events.count)
        for index in events.indices {
            let hash = EventKeys.bucket(kind: events[index].kind, officials: events[index].officials)
            var slot = Int(truncatingIfNeeded: hash) & (slotCount - 1)
            while firsts[slot] != 0, chain[Int(firsts[slot]) - 1].hash != hash { slot = (slot + 1) & (slotCount - 1) }
            // The bucket's events in the order kept: the first match wins.
            var last: Int?
            var candidate = Int(firsts[slot]) - 1
            while candidate >= 0, !sameEvent(events, candidate, index) {
                last = candidate
                candidate = Int(chain[candidate].next) - 1
            }
            if candidate >= 0 {
                merge(events, index, into: candidate)
                continue
            }
            if let last { chain[last].next = Int32(kept + 1) } else { firsts[slot] = Int32(kept + 1) }
            chain[kept].hash = hash
            keep(index, in: events, kept: &kept)
        }
        return kept
    }

    /// What makes two events candidates for the same event, compared as
    /// sets of names without making any.
    enum EventKeys {
        /// A hash of the kind and, but for agreements, the distinct
        /// officials, in any order: FNV-1a of each distinct name, summed.
        static func bucket(kind: EventKind, officials: [EventOfficial]) -> UInt64 {
            var hasher = FNV1a()
            hasher.combine(kind.rawValue)
            var value = hasher.value
            if kind != .agreement {
                for (i, official) in officials.enumerated()
                    where !officials[..<i].contains(where: { $0.name.hasSameBytes(as: official.name) }) {
                    var name = FNV1a()
                    name.combine(official.name)
                    value &+= name.value &* 0x9E37_79B9_7F4A_7C15
                }
            }
            return value
        }

        /// Whether `events[i]` and `events[j]` name the same officials, as
        /// sets. The lists are read where they are: handed to a function,
        /// each was retained and released.
        @inline(__always)
        static func sameOfficials(_ events: UnsafeMutableBufferPointer<FoundEvent>, _ i: Int, _ j: Int) -> Bool {
            events[i].officials.withUnsafeBufferPointer { a in
                events[j].officials.withUnsafeBufferPointer { b in holdsAll(a, of: b) && holdsAll(b, of: a) }
            }
        }

        /// Whether `events[i]` and `events[j]` name the same countries, as sets.
        @inline(__always)
        static func sameCountries(_ events: UnsafeMutableBufferPointer<FoundEvent>, _ i: Int, _ j: Int) -> Bool {
            events[i].countries.withUnsafeBufferPointer { a in
                events[j].countries.withUnsafeBufferPointer { b in holdsAll(a, of: b) && holdsAll(b, of: a) }
            }
        }

        /// Whether each official (or country) of `b` is one of `a`, by key.
        /// Elements are read in place, by index: an element handed to a
        /// closure (`contains(where:)`) is a copy of it, a retain and a
        /// release of its string.
        private static func holdsAll<Element: EventKeyed>(_ a: UnsafeBufferPointer<Element>,
                                                          of b: UnsafeBufferPointer<Element>) -> Bool {
            for j in b.indices {
                var i = 0
                while i < a.count, !sameKey(a[i].key, b[j].key) { i += 1 }
                if i == a.count { return false }
            }
            return true
        }

        /// Whether two keys are the same bytes. Keys are mostly shared
        /// strings (the same official's name from each mention): the same
        /// representation, bit for bit, is the same string, known without
        /// reading its bytes; strings of different lengths (known from the
        /// string itself) differ, also unread. Only then are the bytes
        /// compared, which retains and releases both strings.
        @inline(__always)
        static func sameKey(_ a: String, _ b: String) -> Bool {
            unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
                || (a.utf8.count == b.utf8.count && a.hasSameBytes(as: b))
        }
    }

    /// Whether `events[i]` and `events[j]` report the same event.
    static func sameEvent(_ events: UnsafeMutableBufferPointer<FoundEvent>, _ i: Int, _ j: Int) -> Bool {
        let kind = events[i].kind
        guard kind == events[j].kind, events[i].status == events[j].status else { return false }
        let dateA = events[i].date, dateB = events[j].date
        guard dateA == nil || dateB == nil || dateA == dateB else { return false }
        switch kind {
        case .meeting:
            return EventKeys.sameOfficials(events, i, j)
        case .visit, .pledge:
            return EventKeys.sameOfficials(events, i, j) && EventKeys.sameCountries(events, i, j)
        case .agreement:
            let titleA = events[i].title, titleB = events[j].title
            if let x = titleA, let y = titleB { return x.hasSameBytes(as: y) }
            // An untitled report restates a titled one only when it has no
            // date of its own (a headline); dated, it is another signing.
            if (titleA == nil) != (titleB == nil), (titleA == nil ? dateA : dateB) != nil { return false }
            return EventKeys.sameCountries(events, i, j) && !events[i].countries.isEmpty
        case .attendance:
            guard EventKeys.sameOfficials(events, i, j),
                  let x = events[i].title.map(bareConferenceName), let y = events[j].title.map(bareConferenceName) else {
                return false
            }
            return x.hasSameBytes(as: y) || (!y.isEmpty && x.includes(y)) || (!x.isEmpty && y.includes(x))
        }
    }

    /// 国际刑警组织第九十二届全体大会 → 国际刑警组织全体大会: a headline drops the ordinal.
    /// Drops `第…届`/`第…次` with Arabic or Chinese numerals, and `YYYY年`.
    static func bareConferenceName(_ name: String) -> String {
        // Neither 第 nor 年: nothing to drop, the name itself.
        guard name.unicodeScalars.contains(where: { $0 == "第" || $0 == "年" }) else { return name }
        let scalars = Array(name.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value &- 0x30 < 10 }
        func isNumeral(_ s: Unicode.Scalar) -> Bool {
            // 0-9 and 一二三四五六七八九十百零〇, by value (searching a literal's
            // scalars for each scalar of the name cost thousands of instructions).
            switch s.value {
            case 0x30 ... 0x39, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x96F6, 0x3007:
                return true
            default:
                return false
            }
        }
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "第" {
                var j = i + 1
                while j < scalars.count, isNumeral(scalars[j]) { j += 1 }
                if j > i + 1, j < scalars.count, scalars[j] == "届" || scalars[j] == "次" {
                    i = j + 1
                    continue
                }
            }
            if i + 4 < scalars.count, scalars[i + 4] == "年", scalars[i ..< i + 4].allSatisfy(isDigit) {
                i += 5
                continue
            }
            kept.append(scalars[i])
            i += 1
        }
        return kept.count == scalars.count ? name : String(scalars: kept[...])
    }

    /// Merges `events[index]` into `events[at]`, in place; `events[index]`
    /// is left to be dropped. The dated report leads; the other fills what
    /// it lacks.
    static func merge(_ events: UnsafeMutableBufferPointer<FoundEvent>, _ index: Int, into at: Int) {
        if events[at].date == nil && events[index].date != nil { events.swapAt(at, index) }
        // Taken out rather than copied (a copy is a retain of each of its
        // fields, and a release of each when dropped): the slot keeps an
        // empty event, which is dropped in its place.
        var other = FoundEvent(kind: events[index].kind, range: events[index].range, sentence: events[index].sentence)
        swap(&other, &events[index])
        merge(other, into: &events[at])
    }

    /// Fills what `merged` (the lead) lacks from `other`.
    private static func merge(_ other: borrowing FoundEvent, into merged: inout FoundEvent) {
        if merged.endDate == nil { merged.endDate = other.endDate }
        if merged.place == nil { merged.place = other.place }
        if merged.mode == nil { merged.mode = other.mode }
        if !other.areas.isEmpty { merged.areas.formUnion(other.areas) }
        if let x = merged.title, let y = other.title {
            if characterCount(y) > characterCount(x) { merged.title = y }
        } else if merged.title == nil {
            merged.title = other.title
        }
        for official in other.officials where !merged.officials.contains(where: { $0.name == official.name }) {
            merged.officials.append(official)
        }
        for country in other.countries where !merged.countries.contains(where: { $0.code == country.code }) {
            merged.countries.append(country)
        }
    }

    /// `string.count`. Counting characters finds every character break;
    /// a run of Chinese characters and ASCII other than CR (a title, mostly)
    /// breaks between every two scalars, so its scalars are counted instead.
    static func characterCount(_ string: String) -> Int {
        var scalars = 0
        for scalar in string.unicodeScalars {
            let value = scalar.value
            guard (value < 0x80 && value != 0x0D) || value &- 0x4E00 <= 0x9FFF - 0x4E00 else { return string.count }
            scalars += 1
        }
        return scalars
    }
}
