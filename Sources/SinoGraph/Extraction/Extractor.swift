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
    }

    /// Extracts one document.
    ///
    /// - Throws: ``DocumentError`` when the document cannot be read (for
    ///   example front matter that never closes).
    public func extract(_ document: Document) throws -> Extraction {
        let clean = try DocumentReader.read(document)
        let text = AnalyzedText(clean: clean, tokenizer: tokenizer, entryTags: knowledge.entryTags)
        let recognition = EntityRecognizer(knowledge: knowledge, text: text).recognize()
        let dates = DateResolver(frontMatterDate: clean.frontMatter?.date)
        let found = EventExtractor(knowledge: knowledge, text: text, recognition: recognition, dates: dates).extract()
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
        // and a restatement merges into the one it restates.
        var events = consume events
        guard events.count > 1 else { return events }
        // Candidates share kind and officials (or, for agreements, kind):
        // look only among those, so long documents stay linear. Buckets go
        // by a hash of that (events whose hashes differ are never the same
        // event), in a small open-addressing table: `firsts` holds a
        // bucket's first kept event plus one, `nexts` links each kept event
        // to the next one kept in its bucket (plus one; 0 ends the chain).
        var slotCount = 4
        while slotCount < events.count * 2 { slotCount *= 2 }
        var firsts = [Int32](repeating: 0, count: slotCount)
        var hashes = [UInt64](repeating: 0, count: events.count)
        var nexts = [Int32](repeating: 0, count: events.count)
        var kept = 0
        events.withUnsafeMutableBufferPointer { events in
            for index in events.indices {
                let hash = EventKeys.bucket(events[index])
                var slot = Int(truncatingIfNeeded: hash) & (slotCount - 1)
                while firsts[slot] != 0, hashes[Int(firsts[slot]) - 1] != hash { slot = (slot + 1) & (slotCount - 1) }
                // The bucket's events in the order kept: the first match wins.
                var last: Int?
                var candidate = Int(firsts[slot]) - 1
                var merged = false
                while candidate >= 0 {
                    if sameEvent(events[candidate], events[index]) {
                        merge(events, index, into: candidate)
                        merged = true
                        break
                    }
                    last = candidate
                    candidate = Int(nexts[candidate]) - 1
                }
                guard !merged else { continue }
                if let last { nexts[last] = Int32(kept + 1) } else { firsts[slot] = Int32(kept + 1) }
                hashes[kept] = hash
                if kept != index { events.swapAt(kept, index) }
                kept += 1
            }
        }
        events.removeLast(events.count - kept)
        return events
    }

    /// What makes two events candidates for the same event, compared as
    /// sets of names without making any.
    enum EventKeys {
        /// A hash of the kind and, but for agreements, the distinct
        /// officials, in any order: FNV-1a of each distinct name, summed.
        static func bucket(_ event: borrowing FoundEvent) -> UInt64 {
            var hasher = FNV1a()
            hasher.combine(event.kind.rawValue)
            var value = hasher.value
            if event.kind != .agreement {
                let officials = event.officials
                for (i, official) in officials.enumerated()
                    where !officials[..<i].contains(where: { $0.name.hasSameBytes(as: official.name) }) {
                    var name = FNV1a()
                    name.combine(official.name)
                    value &+= name.value &* 0x9E37_79B9_7F4A_7C15
                }
            }
            return value
        }

        /// Whether the two lists name the same officials, as sets.
        static func sameOfficials(_ x: borrowing FoundEvent, _ y: borrowing FoundEvent) -> Bool {
            let a = x.officials, b = y.officials
            return a.allSatisfy { o in b.contains { $0.name.hasSameBytes(as: o.name) } }
                && b.allSatisfy { o in a.contains { $0.name.hasSameBytes(as: o.name) } }
        }

        /// Whether the two lists name the same countries, as sets.
        static func sameCountries(_ x: borrowing FoundEvent, _ y: borrowing FoundEvent) -> Bool {
            let a = x.countries, b = y.countries
            return a.allSatisfy { c in b.contains { $0.code.hasSameBytes(as: c.code) } }
                && b.allSatisfy { c in a.contains { $0.code.hasSameBytes(as: c.code) } }
        }
    }

    static func sameEvent(_ a: borrowing FoundEvent, _ b: borrowing FoundEvent) -> Bool {
        guard a.kind == b.kind, a.status == b.status, a.date == nil || b.date == nil || a.date == b.date else { return false }
        switch a.kind {
        case .meeting:
            return EventKeys.sameOfficials(a, b)
        case .visit, .pledge:
            return EventKeys.sameOfficials(a, b) && EventKeys.sameCountries(a, b)
        case .agreement:
            if let x = a.title, let y = b.title { return x.hasSameBytes(as: y) }
            // An untitled report restates a titled one only when it has no
            // date of its own (a headline); dated, it is another signing.
            if (a.title == nil) != (b.title == nil), (a.title == nil ? a.date : b.date) != nil { return false }
            return EventKeys.sameCountries(a, b) && !a.countries.isEmpty
        case .attendance:
            guard EventKeys.sameOfficials(a, b), let x = a.title.map(bareConferenceName), let y = b.title.map(bareConferenceName) else {
                return false
            }
            return x.hasSameBytes(as: y) || (!y.isEmpty && x.includes(y)) || (!x.isEmpty && y.includes(x))
        }
    }

    /// 国际刑警组织第九十二届全体大会 → 国际刑警组织全体大会: a headline drops the ordinal.
    /// Drops `第…届`/`第…次` with Arabic or Chinese numerals, and `YYYY年`.
    static func bareConferenceName(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        func isNumeral(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) || "一二三四五六七八九十百零〇".unicodeScalars.contains(s) }
        var kept = String.UnicodeScalarView()
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
            if i + 4 < scalars.count, scalars[i + 4] == "年", scalars[i ..< i + 4].allSatisfy({ ("0"..."9").contains($0) }) {
                i += 5
                continue
            }
            kept.append(scalars[i])
            i += 1
        }
        return String(kept)
    }

    /// Merges `events[index]` into `events[at]`, in place; `events[index]`
    /// is left to be dropped. The dated report leads; the other fills what
    /// it lacks.
    static func merge(_ events: UnsafeMutableBufferPointer<FoundEvent>, _ index: Int, into at: Int) {
        if events[at].date == nil && events[index].date != nil { events.swapAt(at, index) }
        let other = events[index]
        merge(other, into: &events[at])
    }

    private static func merge(_ other: borrowing FoundEvent, into merged: inout FoundEvent) {
        if merged.endDate == nil { merged.endDate = other.endDate }
        if merged.place == nil { merged.place = other.place }
        if merged.mode == nil { merged.mode = other.mode }
        if !other.areas.isEmpty { merged.areas.formUnion(other.areas) }
        if let x = merged.title, let y = other.title {
            if y.count > x.count { merged.title = y }
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
}
