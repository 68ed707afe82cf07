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
        var keptKeys: [EventKeys] = []
        // Candidates share kind and officials (or, for agreements, kind):
        // look only among those, so long documents stay linear. Buckets go
        // by a hash of that: events that collide are never the same event.
        var buckets: [UInt64: [Int]] = [:]
        var kept = 0
        for index in events.indices {
            let keys = EventKeys(events[index])
            let bucket = keys.bucket(events[index].kind)
            if let at = buckets[bucket]?.first(where: { sameEvent(events[$0], keptKeys[$0], events[index], keys) }) {
                events[at] = merge(events[at], events[index])
                keptKeys[at] = EventKeys(events[at])
            } else {
                buckets[bucket, default: []].append(kept)
                if kept != index { events.withUnsafeMutableBufferPointer { $0.swapAt(kept, index) } }
                keptKeys.append(keys)
                kept += 1
            }
        }
        events.removeLast(events.count - kept)
        return events
    }

    /// An event's officials and countries, distinct and in byte order.
    struct EventKeys {
        let officials: [String]
        let countries: [String]

        init(_ event: borrowing FoundEvent) {
            officials = distinctSorted(event.officials.map(\.name))
            countries = distinctSorted(event.countries.map(\.code))
        }

        /// FNV-1a over the kind and, but for agreements, the officials.
        func bucket(_ kind: EventKind) -> UInt64 {
            var hasher = FNV1a()
            func add(_ string: String) {
                hasher.combine(string)
                hasher.combine(byte: 0xFF)  // no UTF-8 byte is FF: a separator
            }
            add(kind.rawValue)
            if kind != .agreement { officials.forEach(add) }
            return hasher.value
        }
    }

    static func sameEvent(_ a: FoundEvent, _ keysA: EventKeys, _ b: FoundEvent, _ keysB: EventKeys) -> Bool {
        guard a.kind == b.kind, a.status == b.status, a.date == nil || b.date == nil || a.date == b.date else { return false }
        let officialsA = keysA.officials, officialsB = keysB.officials
        let countriesA = keysA.countries, countriesB = keysB.countries
        func same(_ x: [String], _ y: [String]) -> Bool { x.elementsEqual(y) { $0.hasSameBytes(as: $1) } }
        switch a.kind {
        case .meeting:
            return same(officialsA, officialsB)
        case .visit, .pledge:
            return same(officialsA, officialsB) && same(countriesA, countriesB)
        case .agreement:
            if let x = a.title, let y = b.title { return x.hasSameBytes(as: y) }
            // An untitled report restates a titled one only when it has no
            // date of its own (a headline); dated, it is another signing.
            if (a.title == nil) != (b.title == nil), (a.title == nil ? a.date : b.date) != nil { return false }
            return same(countriesA, countriesB) && !countriesA.isEmpty
        case .attendance:
            guard same(officialsA, officialsB), let x = a.title.map(bareConferenceName), let y = b.title.map(bareConferenceName) else {
                return false
            }
            return x.hasSameBytes(as: y) || (!y.isEmpty && x.includes(y)) || (!x.isEmpty && y.includes(x))
        }
    }

    /// The distinct strings, in byte order: a set that compares without
    /// hashing Chinese text.
    static func distinctSorted(_ strings: [String]) -> [String] {
        guard strings.count > 1 else { return strings }
        var result: [String] = []
        for string in strings.sorted(by: { $0.precedes($1) }) where !(result.last?.hasSameBytes(as: string) ?? false) {
            result.append(string)
        }
        return result
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

    static func merge(_ a: FoundEvent, _ b: FoundEvent) -> FoundEvent {
        // The dated report leads; the other fills what it lacks.
        let (lead, other) = a.date == nil && b.date != nil ? (b, a) : (a, b)
        var merged = lead
        merged.endDate = lead.endDate ?? other.endDate
        merged.place = lead.place ?? other.place
        merged.mode = lead.mode ?? other.mode
        merged.areas.formUnion(other.areas)
        if let x = lead.title, let y = other.title { merged.title = y.count > x.count ? y : x } else { merged.title = lead.title ?? other.title }
        for official in other.officials where !merged.officials.contains(where: { $0.name == official.name }) {
            merged.officials.append(official)
        }
        for country in other.countries where !merged.countries.contains(where: { $0.code == country.code }) {
            merged.countries.append(country)
        }
        return merged
    }
}
