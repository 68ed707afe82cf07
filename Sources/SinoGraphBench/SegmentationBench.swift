import Foundation
import SinoEvaluation
import SinoTokenizer

/// `segment`: SIGHAN 2005 accuracy; `throughput`: speed on the PKU test text.
enum SegmentationBench {
    struct Corpus {
        var name: String
        var lexicon: Lexicon
        var vocabulary: Set<Substring>
        var test: [Substring]
        var gold: [[Substring]]
        var buildSeconds: Double
        var words: Int
    }

    static func load(_ name: String, from directory: URL) throws -> Corpus {
        let wordsText = try readText(directory.appendingPathComponent("gold/\(name)_training_words.utf8"))
        let words = lines(wordsText).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let (lexicon, seconds) = measure { () -> Lexicon in
            var builder = LexiconBuilder()
            for word in words { builder.add(word) }
            return builder.build()
        }
        let test = lines(try readText(directory.appendingPathComponent("testing/\(name)_test.utf8")))
        let gold = lines(try readText(directory.appendingPathComponent("gold/\(name)_test_gold.utf8")))
            .map(SegmentationScore.words(of:))
        return Corpus(name: name, lexicon: lexicon, vocabulary: Set(words.map { Substring($0) }),
                      test: test, gold: gold, buildSeconds: seconds, words: words.count)
    }

    static func segment(_ corpus: Corpus, mode: SegmentationMode, options: Tokenizer.Options) throws -> SegmentationScore {
        let tokenizer = Tokenizer(lexicon: corpus.lexicon, options: options)
        var output: [[Substring]] = []
        output.reserveCapacity(corpus.test.count)
        for line in corpus.test {
            let tokens = tokenizer.tokenize(String(line), mode: mode)
            output.append(tokens.filter { $0.kind != .whitespace }.map { Substring($0.text) })
        }
        return try SegmentationScore.score(test: output, gold: corpus.gold, vocabulary: corpus.vocabulary)
    }

    static func runAccuracy(_ arguments: [String]) throws {
        var arguments = arguments
        let directory = sighanDirectory(&arguments)
        let names = arguments.isEmpty ? ["pku", "msr"] : arguments
        print("SIGHAN 2005 closed-track word lists as the only lexicon; scored on character spans")
        print("corpus  rules  mode            P      R      F      OOV-R  IV-R")
        for name in names {
            let corpus = try load(name, from: directory)
            for (label, options) in [("off", Tokenizer.Options.dictionaryOnly), ("on", Tokenizer.Options.standard)] {
                for mode in [SegmentationMode.forward, .backward, .bidirectional] {
                    let score = try segment(corpus, mode: mode, options: options)
                    print([name.padding(toLength: 7, withPad: " ", startingAt: 0),
                           label.padding(toLength: 6, withPad: " ", startingAt: 0),
                           mode.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0),
                           format(score.precision), format(score.recall), format(score.f),
                           format(score.oovRecall), format(score.ivRecall)].joined(separator: " "))
                }
            }
        }
    }

    static func runThroughput(_ arguments: [String]) throws {
        var arguments = arguments
        let directory = sighanDirectory(&arguments)
        let repeats = Int(option("--repeat", &arguments) ?? "20") ?? 20
        let corpus = try load("pku", from: directory)
        let lines = Array(repeatElement(corpus.test.map(String.init), count: repeats).joined())
        let bytes = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        print("PKU test text x\(repeats): \(format(Double(bytes) / 1e6, 1)) MB, \(lines.count) lines; single thread, best of 3 runs")
        print("lexicon: \(corpus.words) words built in \(format(corpus.buildSeconds * 1000, 1)) ms")
        print("mode            rules  MB/s     Mtokens/s")
        for (label, options) in [("off", Tokenizer.Options.dictionaryOnly), ("on", Tokenizer.Options.standard)] {
            let tokenizer = Tokenizer(lexicon: corpus.lexicon, options: options)
            for mode in SegmentationMode.allCases {
                // Best of three: this machine's neighbours make single runs noisy.
                var tokens = 0
                var seconds = Double.infinity
                for _ in 0..<3 {
                    tokens = 0
                    let (_, elapsed) = measure {
                        for line in lines { tokens &+= tokenizer.tokenize(line, mode: mode).count }
                    }
                    seconds = min(seconds, elapsed)
                }
                print([mode.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0),
                       label.padding(toLength: 6, withPad: " ", startingAt: 0),
                       format(Double(bytes) / 1e6 / seconds, 1).padding(toLength: 8, withPad: " ", startingAt: 0),
                       format(Double(tokens) / 1e6 / seconds, 2)].joined(separator: " "))
            }
        }
        print("peak memory: \(format(peakMemoryMiB(), 1)) MiB")
    }

    /// Lexicon build time at general-dictionary size: the two training word
    /// lists plus compounds of their words, to `count` distinct words.
    static func runLexicon(_ arguments: [String]) throws {
        var arguments = arguments
        let directory = sighanDirectory(&arguments)
        let target = Int(option("--words", &arguments) ?? "350000") ?? 350_000
        var words: [String] = []
        var seen = Set<String>()
        for name in ["pku", "msr"] {
            let text = try readText(directory.appendingPathComponent("gold/\(name)_training_words.utf8"))
            for line in lines(text) {
                let word = line.trimmingCharacters(in: .whitespaces)
                if !word.isEmpty, seen.insert(word).inserted { words.append(word) }
            }
        }
        let base = words
        var generator = SplitMix64(seed: 2005)
        while words.count < target {
            let word = base[Int(generator.next() % UInt64(base.count))] + base[Int(generator.next() % UInt64(base.count))]
            if word.unicodeScalars.count <= 8, seen.insert(word).inserted { words.append(word) }
        }
        let (lexicon, seconds) = measure { () -> Lexicon in
            var builder = LexiconBuilder()
            for word in words { builder.add(word, tag: "n") }
            return builder.build()
        }
        print("lexicon of \(lexicon.count) words built in \(format(seconds * 1000, 1)) ms; peak memory \(format(peakMemoryMiB(), 1)) MiB")
        let (text, readSeconds) = measure { words.map { "\($0) 1 n" }.joined(separator: "\n") }
        _ = readSeconds
        let (_, parseSeconds) = measure { () -> Lexicon in
            var builder = LexiconBuilder()
            try? builder.addDictionary(text, source: "generated")
            return builder.build()
        }
        print("same words from jieba-format text (parse + build): \(format(parseSeconds * 1000, 1)) ms")
    }
}
