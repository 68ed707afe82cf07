import Foundation
import Testing
@testable import SinoGraph

/// Evidence the extractor makes shares the document's text: its sentence is
/// a range of that text. It must read, compare, hash, encode and write as
/// evidence holding its own copy of the sentence does.
@Suite struct EvidenceTests {
    /// Two sentences of the same UTF-8 length in one text, and one that
    /// recurs, each with a short one between them.
    static let text = "12月5日，公安部部长王小洪会见了古巴内政部长。短句。12月6日，公安部部长王小洪会见了老挝公安部长。短句。"

    /// The sentences of `text`, as (UTF-8 range, text).
    static var sentences: [(bytes: Range<Int>, text: String)] {
        var result: [(Range<Int>, String)] = []
        var start = 0
        for piece in text.split(separator: "。") {
            let sentence = String(piece) + "。"
            result.append((start ..< start + sentence.utf8.count, sentence))
            start += sentence.utf8.count
        }
        return result
    }

    static func shared(_ index: Int, start: Int) -> Evidence {
        Evidence(document: "d", start: start, end: start + 3, sentenceSource: text, sentenceBytes: sentences[index].bytes)
    }

    static func owned(_ index: Int, start: Int) -> Evidence {
        Evidence(document: "d", start: start, end: start + 3, sentence: sentences[index].text)
    }

    @Test func sharedSentenceReadsAsItsOwnCopy() throws {
        #expect(Self.sentences.count == 4)
        for index in Self.sentences.indices {
            let shared = Self.shared(index, start: 7), owned = Self.owned(index, start: 7)
            #expect(shared.sentence == Self.sentences[index].text)
            #expect(shared == owned)
            #expect(shared.hashValue == owned.hashValue)
            #expect(!(shared < owned) && !(owned < shared))
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let decoded = try JSONDecoder().decode(Evidence.self, from: encoder.encode(shared))
            #expect(decoded == owned)
            #expect(try encoder.encode(shared) == encoder.encode(owned))
        }
        // Same offsets, other sentence of the same byte length: not equal,
        // and ordered by the sentence text.
        let first = Self.shared(0, start: 7), other = Self.shared(2, start: 7)
        #expect(Self.sentences[0].bytes.count == Self.sentences[2].bytes.count)
        #expect(first != other)
        #expect(first < other)
        var changed = first
        changed.sentence = "别的句子。"
        #expect(changed.sentence == "别的句子。")
        #expect(changed != first)
    }

    /// The JSON Lines writer remembers sentences it wrote by where their
    /// bytes lie: ranges of one text that share a length, repeat, or are
    /// too short to remember must each come out as `JSONEncoder` writes
    /// them.
    @Test func sharedSentencesAreWrittenAsEncoded() {
        var evidence: [Evidence] = []
        for round in 0 ..< 12 {
            for index in [0, 2, 1, 0, 3, 2] {
                evidence.append(Self.shared(index, start: 100 * round + index))
                evidence.append(Self.owned(index, start: 100 * round + index + 50))
            }
        }
        let graph = Graph(entities: [Entity(id: "area:x", kind: .area, name: "x", evidence: evidence)],
                          events: [], relations: [], documents: ["d"])
        #expect(graph.jsonLines() == graph.jsonLinesThroughEncoder())
        #expect(graph.jsonLinesData() == Data(graph.jsonLinesThroughEncoder().utf8))
    }
}

extension EvidenceTests {
    /// Printed (in logs and failed expectations), shared evidence shows its
    /// sentence, not the whole text it lies in.
    @Test func sharedEvidencePrintsItsSentenceOnly() {
        let shared = Self.shared(1, start: 7), owned = Self.owned(1, start: 7)
        #expect(String(describing: shared) == String(describing: owned))
        #expect(String(describing: shared).contains(Self.sentences[1].text))
        #expect(!String(describing: shared).contains(Self.sentences[0].text))
    }
}
