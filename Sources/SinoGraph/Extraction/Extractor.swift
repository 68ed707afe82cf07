import Foundation
import SinoTokenizer

/// What the extractor found in one document: its graph and the flat facts.
public struct Extraction: Sendable {
    /// The document's id.
    public let document: String
    /// Entities, events and relations, each with evidence into the document.
    public let graph: Graph
    /// The same content in the gold-fixture form.
    public let facts: Facts
}

/// Reads Chinese news and returns a typed graph of who met whom, when,
/// where and on what, who visited where, and what was signed.
///
/// An extractor is immutable and `Sendable`: use one from many tasks.
///
/// ```swift
/// let extractor = try Extractor()
/// let result = try extractor.extract(Document(id: "a", text: "12月5日，国务委员、公安部部长王小洪在北京会见俄罗斯内务部长科洛科利采夫。"))
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
        let text = AnalyzedText(clean: clean, tokenizer: tokenizer)
        let recognition = EntityRecognizer(knowledge: knowledge, text: text).recognize()
        let dates = DateResolver(frontMatterDate: clean.frontMatter?.date)
        let found = EventExtractor(knowledge: knowledge, text: text, recognition: recognition, dates: dates).extract()
        let builder = GraphBuilder(knowledge: knowledge, document: document.id, text: text, recognition: recognition,
                                   events: Self.consolidate(found))
        let graph = builder.build()
        return Extraction(document: document.id, graph: graph,
                          facts: builder.facts(graph: graph, documentDate: dates.documentDate))
    }

    /// Extracts many documents on all cores; results come in input order,
    /// the same whatever the number of threads.
    ///
    /// - Parameter threads: how many documents at once (default: the number
    ///   of active processors).
    public func extract(_ documents: [Document], threads: Int? = nil) -> [Result<Extraction, DocumentError>] {
        let count = documents.count
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count))
        let results = ResultBox<Result<Extraction, DocumentError>>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < count {
                results[index] = Result { try extract(documents[index]) }.mapError {
                    ($0 as? DocumentError) ?? DocumentError(source: documents[index].id, line: nil, reason: .unreadable("\($0)"))
                }
                index += workers
            }
        }
        return results.values
    }

    /// One report per event: restatements (a headline, `会面时`) merge into
    /// the dated report of the same event.
    static func consolidate(_ events: [FoundEvent]) -> [FoundEvent] {
        var result: [FoundEvent] = []
        func key(_ event: FoundEvent) -> String {
            switch event.kind {
            case .meeting: return "m|" + Set(event.officials.map(\.name)).sorted().joined(separator: "+")
            case .visit: return "v|" + event.officials.map(\.name).joined() + ">" + event.countries.map(\.code).joined()
            case .attendance: return "a|" + event.officials.map(\.name).joined() + "@" + (event.title ?? "")
            case .agreement: return "g|" + (event.title ?? Set(event.countries.map(\.code)).sorted().joined(separator: "+"))
            case .pledge: return "p|" + Set(event.countries.map(\.code)).sorted().joined(separator: "+")
            }
        }
        for event in events {
            let k = key(event)
            if let at = result.firstIndex(where: { key($0) == k && $0.status == event.status
                && ($0.date == nil || event.date == nil || $0.date == event.date) }) {
                var merged = result[at]
                merged.date = merged.date ?? event.date
                merged.endDate = merged.endDate ?? event.endDate
                merged.place = merged.place ?? event.place
                if merged.mode == nil || (merged.mode == .inPerson && event.mode == .video && merged.date == nil) {
                    merged.mode = event.mode ?? merged.mode
                }
                merged.areas.formUnion(event.areas)
                merged.title = merged.title ?? event.title
                for official in event.officials where !merged.officials.contains(where: { $0.name == official.name }) {
                    merged.officials.append(official)
                }
                for country in event.countries where !merged.countries.contains(where: { $0.code == country.code }) {
                    merged.countries.append(country)
                }
                result[at] = merged
            } else {
                result.append(event)
            }
        }
        return result
    }
}

/// Results written by concurrent workers, each to its own index.
final class ResultBox<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> T? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [T] { lock.withLock { storage.map { $0! } } }
}
