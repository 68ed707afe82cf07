import Foundation
import SinoEvaluation
import SinoGraph

/// `extract`: extraction throughput on a generated corpus, streamed in
/// chunks as `sinograph extract --format jsonl` does.
enum ExtractionBench {
    /// Documents made from the fixtures' sentences, recombined and with
    /// their dates moved, so that no document repeats another verbatim.
    struct Corpus: Sequence, IteratorProtocol {
        /// Sentences cut at `12月5日`, so each use can move the date.
        let sentences: [[String]]
        let targetBytes: Int
        var produced = 0
        var index = 0
        var generator = SplitMix64(seed: 2024)

        init(fixtures: URL, megabytes: Double) throws {
            var sentences: [[String]] = []
            let files = try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
                .sorted { $0.path < $1.path }
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                // Plain sentences of the body: split on the full stop, drop markup lines.
                for piece in text.components(separatedBy: "。") {
                    let line = piece.split(separator: "\n").last.map(String.init) ?? ""
                    if line.count >= 12, !line.contains("<"), !line.contains("---") {
                        sentences.append((line + "。").components(separatedBy: "12月5日"))
                    }
                }
            }
            self.sentences = sentences
            targetBytes = Int(megabytes * 1_000_000)
        }

        mutating func next() -> Document? {
            guard produced < targetBytes, !sentences.isEmpty else { return nil }
            let count = Int(generator.next() % 12) + 4
            var body = ""
            for _ in 0..<count {
                let pieces = sentences[Int(generator.next() % UInt64(sentences.count))]
                let month = Int(generator.next() % 12) + 1, day = Int(generator.next() % 28) + 1
                body += pieces.joined(separator: "\(month)月\(day)日")
            }
            let year = 2015 + Int(generator.next() % 10)
            let text = "---\ndate: \(year)-\(String(format: "%02d", Int(generator.next() % 12) + 1))-15\n---\n\(body)\n"
            produced += text.utf8.count
            index += 1
            return Document(id: "g\(index)", text: text)
        }
    }

    static func run(_ arguments: [String]) throws {
        var arguments = arguments
        let megabytes = Double(option("--mb", &arguments) ?? "50") ?? 50
        let fixtures = URL(fileURLWithPath: option("--fixtures", &arguments) ?? "Fixtures/documents")
        let threadCounts = (option("--threads", &arguments) ?? "1,2").split(separator: ",").compactMap { Int($0) }
        let encodes = (option("--output", &arguments) ?? "jsonl") == "jsonl"
        if let directory = option("--write-corpus", &arguments) {
            // The same documents as files, for timing the `sinograph` process.
            let folder = URL(fileURLWithPath: directory)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var corpus = try Corpus(fixtures: fixtures, megabytes: megabytes)
            var count = 0
            while let document = corpus.next() {
                try Data(document.text.utf8).write(to: folder.appendingPathComponent("\(document.id).md"))
                count += 1
            }
            print("wrote \(count) documents to \(folder.path)")
            return
        }

        // Ready: the resources loaded and the extractor made (its tokenizer
        // builds its table of folded values), all a caller waits for.
        let (knowledge, knowledgeSeconds) = try measure { try KnowledgeBase.builtIn() }
        let (extractor, extractorSeconds) = measure { Extractor(knowledge: knowledge) }
        print("built-in resources: \(knowledge.lexicon.count) lexicon words, extractor ready in \(format((knowledgeSeconds + extractorSeconds) * 1000, 1)) ms (resources \(format(knowledgeSeconds * 1000, 1)), extractor \(format(extractorSeconds * 1000, 1)))")
        // The first document also pays for what is built on first use (the
        // traditional-to-simplified table, the pinyin table).
        let first = Document(id: "first", text: "2024年5月3日，公安部副部長張三豐在北京會見了俄罗斯内务部长科洛科利采夫。")
        let (_, firstSeconds) = measure { _ = try? extractor.extract(first) }
        print("first document (traditional text, a name that needs pinyin) extracted in \(format(firstSeconds * 1000, 1)) ms")
        print("corpus: \(format(megabytes, 0)) MB generated from \(fixtures.path), streamed in chunks of 256 documents"
              + (threadCounts.count > 1 ? ", each chunk extracted with every thread count in turn" : ""))
        /// What one thread count did: the documents' bytes are the same for all.
        struct Run {
            var seconds = 0.0
            var events = 0
            var outputBytes = 0
            // FNV-1a over the JSON Lines: equal digests for every thread
            // count show the output is byte-identical.
            var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        }
        var runs = [Run](repeating: Run(), count: threadCounts.count)
        var corpus = try Corpus(fixtures: fixtures, megabytes: megabytes)
        var bytes = 0, documents = 0, chunks = 0
        var chunk: [Document] = []
        /// Extracts `chunk` with each thread count, timed, in an order that
        /// turns with each chunk: the thread counts meet the same moments of
        /// a noisy machine, so their ratio holds where a run of each after
        /// the other would compare different minutes.
        func flush() {
            guard !chunk.isEmpty else { return }
            for turn in threadCounts.indices {
                let run = (turn + chunks) % threadCounts.count
                // Timed: extraction and, as `sinograph extract --format jsonl`
                // does, encoding on the same threads.
                let (done, elapsed) = measure { process(threads: threadCounts[run]) }
                runs[run].seconds += elapsed
                // Untimed: counting and the digest.
                for (eventCount, line) in done {
                    runs[run].events += eventCount
                    runs[run].outputBytes += line.count
                    line.withUnsafeBytes { for byte in $0 { runs[run].digest = (runs[run].digest ^ UInt64(byte)) &* 0x100_0000_01b3 } }
                }
            }
            chunks += 1
            chunk.removeAll(keepingCapacity: true)
        }
        func process(threads: Int) -> [(events: Int, lines: Data)] {
            // As `sinograph extract` streams: each worker extracts a
            // document, renders it and lets its graph go, so a graph is
            // freed on the thread that made it.
            parallelMap(chunk, workers: threads) { document in
                guard let graph = try? extractor.extract(document).graph else { return (0, Data()) }
                return (graph.events.count, encodes ? graph.jsonLinesData() : Data())
            }
        }
        // Documents are generated outside the timed part.
        while let document = corpus.next() {
            bytes += document.text.utf8.count
            documents += 1
            chunk.append(document)
            if chunk.count == 256 { flush() }
        }
        flush()
        for (index, threads) in threadCounts.enumerated() {
            let run = runs[index]
            let rate = Double(bytes) / 1e6 / run.seconds
            let baseline = Double(bytes) / 1e6 / runs[0].seconds
            let speedup = index > 0 ? " (\(format(rate / baseline, 2))x)" : ""
            print("threads \(threads): \(documents) documents, \(format(Double(bytes) / 1e6, 1)) MB in \(format(run.seconds, 2)) s = \(format(rate, 2)) MB/s\(speedup); \(run.events) events, \(format(Double(run.outputBytes) / 1e6, 1)) MB of JSON Lines" + (encodes ? ", digest \(String(run.digest, radix: 16))" : ""))
        }
        print("peak memory: \(format(peakMemoryMiB(), 1)) MiB")
    }
}
