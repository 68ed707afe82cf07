import Foundation
import SinoGraph

/// `sinograph extract`: documents in, graph or facts out.
enum ExtractCommand {
    static let usage = """
        usage: sinograph extract [--format table|json|jsonl|dot|graphml|facts] [--merge]
                                 [--threads N] [--resources DIR] [--jsonl-input] PATH...

        Extracts officials, countries, agencies, places and cooperation areas, and the
        meetings, visits, agreements and attendances between them. A PATH is a file,
        a directory (its .txt .md .markdown .html .htm files, recursively, in path
        order) or `-` for standard input, read as one document named "stdin".

        options:
          --format F       table   entities and a timeline of events, for people (default)
                           json    one JSON graph of all inputs, merged
                           jsonl   JSON Lines records of each document's graph, streamed
                                   in input order (one merged graph with --merge)
                           dot     one merged GraphViz graph
                           graphml one merged GraphML graph
                           facts   one compact JSON line of facts per document (the
                                   form of the gold files; --merge does not apply)
          --merge          table: one table for all inputs instead of one per document
          --threads N      documents extracted at once (default: all cores)
          --resources DIR  add the resource files (countries.tsv, titles.tsv, ...) in DIR
                           to the built-in knowledge
          --jsonl-input    read standard input as JSON Lines, one {"id": ..., "text": ...}
                           document a line
          -h, --help       show this help

        Inputs that cannot be read are reported on standard error and skipped; the
        exit status is then 1.

        """

    enum Format: String {
        case table, json, jsonl, dot, graphml, facts

        /// How a merged graph is written; facts are never merged.
        var mergedFormat: MergedFormat? {
            switch self {
            case .table: .table
            case .json: .json
            case .jsonl: .jsonl
            case .dot: .dot
            case .graphml: .graphml
            case .facts: nil
            }
        }
    }

    /// Documents extracted together: enough to keep every core busy, few
    /// enough that a corpus never sits in memory.
    static let chunkSize = 256

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--merge", "--jsonl-input"],
                                   options: ["--format", "--threads", "--resources"])
        let format = try parsed.choice("--format", Dictionary(uniqueKeysWithValues: [Format.table, .json, .jsonl, .dot, .graphml, .facts]
            .map { ($0.rawValue, $0) }), default: .table)
        let threads = try parsed.positiveInteger("--threads")
        guard !parsed.operands.isEmpty else { throw UsageError(message: "no PATH given (use - for standard input)") }
        let jsonLinesInput = parsed.has("--jsonl-input")
        if jsonLinesInput && !parsed.operands.contains("-") {
            throw UsageError(message: "--jsonl-input reads standard input: give - as a PATH")
        }

        let extractor: Extractor
        do {
            var knowledge = try KnowledgeBase.builtIn()
            if let directory = parsed.value("--resources") {
                knowledge = try knowledge.adding(directory: URL(fileURLWithPath: directory))
            }
            extractor = Extractor(knowledge: knowledge)
        } catch {
            Console.error("\(error)")
            return 1
        }

        var output = ExtractionOutput(format: format, merge: parsed.has("--merge"))
        let sources = inputSources(parsed.operands, jsonLines: jsonLinesInput)
        let knownTotal = sources.contains { if case .standardInputLines = $0 { true } else { false } } ? nil : sources.count
        let progress = Progress(total: knownTotal)
        var failed = false

        var pending: [LoadedInput] = []
        var pendingFiles: [String] = []
        func loadPendingFiles() {
            pending += loadFiles(pendingFiles)
            pendingFiles.removeAll()
        }
        func flush() {
            loadPendingFiles()
            guard !pending.isEmpty else { return }
            let documents = pending.compactMap { input -> Document? in
                if case .document(let document, _, _) = input { document } else { nil }
            }
            // Each worker extracts a document and, for JSON Lines, renders it
            // in the same pass and lets the graph go (freed on the thread that
            // made it, and never held for the whole chunk); lines are then
            // written in input order.
            let streams = output.streamsJSONLines
            let done = parallelMap(documents, workers: threads) { document -> Outcome in
                do {
                    let extraction = try extractor.extract(document)
                    return streams ? .rendered(extraction.graph.jsonLinesData()) : .extracted(extraction)
                } catch {
                    return .failed((error as? DocumentError)
                        ?? DocumentError(source: document.id, line: nil, reason: .unreadable("\(error)")))
                }
            }
            var results = done.makeIterator()
            progress.clear()
            var bytes = 0
            for input in pending {
                switch input {
                case .failure(let message):
                    failed = true
                    Console.error(message)
                case .document(let document, let source, let size):
                    bytes += size
                    switch results.next()! {
                    case .rendered(let lines):
                        output.write(lines)
                    case .extracted(let extraction):
                        output.add(extraction)
                    case .failed(var error):
                        // The extractor names the document by its id; the user knows it by its path.
                        if error.source == document.id { error.source = source }
                        failed = true
                        Console.error("\(error)")
                    }
                }
            }
            output.flushStreamed()
            progress.advance(files: pending.count, bytes: bytes)
            pending.removeAll()
        }
        func enqueue(_ input: LoadedInput) {
            loadPendingFiles()
            pending.append(input)
            if pending.count >= chunkSize { flush() }
        }

        for source in sources {
            switch source {
            case .file(let path):
                pendingFiles.append(path)
                if pending.count + pendingFiles.count >= chunkSize { flush() }
            case .failure(let message):
                enqueue(.failure(message))
            case .standardInput:
                enqueue(loadStandardInput())
            case .standardInputLines:
                var line = 0
                LineReader(descriptor: 0).forEachLine { bytes in
                    line += 1
                    if let input = loadJSONLine(bytes, line: line) { enqueue(input) }
                }
            }
        }
        flush()
        progress.finish()
        do {
            try output.finish()
        } catch {
            Console.error("cannot write the output: \(error)")
            return 1
        }
        return failed ? 1 : 0
    }
}

/// What a worker returns for one document.
private enum Outcome: Sendable {
    /// The document's JSON Lines, when they stream.
    case rendered(Data)
    /// The extraction, for every other output.
    case extracted(Extraction)
    case failed(DocumentError)
}

/// Writes extractions in one format: streamed formats as each chunk is
/// done, merged formats at the end.
struct ExtractionOutput {
    let format: ExtractCommand.Format
    let merge: Bool
    private var writer = BufferedWriter()
    /// Graphs of the current chunk, waiting to be folded.
    private var graphs: [Graph] = []
    private var fold = GraphFold()
    private let factsEncoder = OrderedJSONEncoder()

    init(format: ExtractCommand.Format, merge: Bool) {
        self.format = format
        self.merge = merge
    }

    /// Whether the graphs are kept to be written as one at the end.
    private var merges: Bool {
        switch format {
        case .json, .dot, .graphml: true
        case .table, .jsonl: merge
        case .facts: false
        }
    }

    /// Whether each document's JSON Lines are written as soon as it is done.
    var streamsJSONLines: Bool { format == .jsonl && !merge }

    /// Writes lines rendered elsewhere (JSON Lines made in parallel).
    mutating func write(_ lines: Data) { lines.withUnsafeBytes { writer.write($0.bindMemory(to: UInt8.self)) } }

    mutating func add(_ extraction: Extraction) {
        if merges {
            graphs.append(extraction.graph)
            return
        }
        switch format {
        case .table:
            writer.write(GraphTable.render(extraction.graph, heading: extraction.document))
        case .jsonl:
            writer.write(extraction.graph.jsonLinesData())
        case .facts:
            // Facts hold only strings and arrays of them: encoding cannot fail.
            // Not JSONEncoder: its key order changes from run to run.
            writer.write((try? factsEncoder.encode(extraction.facts)) ?? Array("{}".utf8))
            writer.write(byte: 0x0A)
        case .json, .dot, .graphml:
            break
        }
    }

    /// Writes what the last chunk produced and folds its graphs.
    mutating func flushStreamed() {
        writer.flush()
        fold.add(graphs)
        graphs.removeAll()
    }

    mutating func finish() throws {
        flushStreamed()
        if merges, let merged = format.mergedFormat { try writeMerged(fold.result(), as: merged, to: &writer) }
        writer.flush()
    }
}
