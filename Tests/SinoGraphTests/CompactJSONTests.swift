import Foundation
import Testing
@testable import SinoGraph

/// The hand-written JSON Lines writer against `JSONEncoder`, on the gold
/// fixtures and on text full of characters JSON must escape.
@Suite struct CompactJSONTests {
    @Test func jsonLinesMatchJSONEncoderByteForByte() throws {
        let extractor = try Extractor()
        var documents = try fixtureDocuments()
        documents.append(Document(id: "esc\"a\\pe/\t", text: """
            ---
            date: 2024-05-06
            ---
            5月5日，国务委员、公安部部长王小洪在北京会见俄罗斯内务部长科洛科利采夫。\u{1}\u{7F}“引号”\\反斜杠/斜杠\t制表
            王小洪表示，中方愿同俄方在禁毒、网络安全等领域加强合作。
            """))
        var lines = 0
        for document in documents {
            let graph = try extractor.extract(document).graph
            let fast = graph.jsonLines()
            #expect(fast == graph.jsonLinesThroughEncoder(), "\(document.id)")
            lines += fast.split(separator: "\n").count
        }
        #expect(lines > 500)
    }

    /// The writer finds escapes eight bytes at a time: put every character
    /// JSON escapes at every position around those words, between ASCII
    /// and Chinese text, and compare with `JSONEncoder`.
    @Test func escapesAreFoundAtEveryOffset() {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "/", " "]
        var names: [String] = []
        for special in specials {
            for offset in 0 ..< 20 {
                names.append(String(repeating: "a", count: offset) + String(special) + "部长王小洪")
                names.append(String(repeating: "中", count: offset) + String(special) + String(repeating: "x", count: 9))
            }
        }
        let entities = names.enumerated().map { index, name in
            Entity(id: "official:\(index)", kind: .official, name: name, aliases: [name + name],
                   evidence: [Evidence(document: "d", start: index, end: index + 12_345, sentence: name)])
        }
        let graph = Graph(entities: entities, events: [], relations: [], documents: ["d"])
        #expect(graph.jsonLines() == graph.jsonLinesThroughEncoder())
        #expect(graph.jsonLinesData() == Data(graph.jsonLines().utf8))
    }

    /// Evidence repeats its sentence, and the writer copies a sentence it
    /// met before instead of escaping it again. Sentences shared by many
    /// elements, equal sentences made separately, more distinct sentences
    /// than the writer remembers (so that old ones are forgotten and come
    /// back), short ones kept inline in the string and ones with escapes
    /// must all come out as `JSONEncoder` writes them.
    @Test func repeatedSentencesAreWrittenAsEncoded() {
        let shared = (0 ..< 12).map { index in
            // Most have the same length and differ in one character only.
            "第\(index % 10)句：公安部部长王小洪会见了\"外宾\"\n并举行会谈\\" + "甲乙丙丁戊己庚辛壬癸子丑".map(String.init)[index]
        }
        var entities: [Entity] = []
        for index in 0 ..< 60 {
            // Cycles through all twelve, so the writer's memory of eight is
            // overrun, and every fifth sentence is an equal copy made anew.
            let sentence = index % 5 == 0 ? String(decoding: Array(shared[index % 12].utf8), as: UTF8.self)
                : shared[index % 12]
            let short = "短句\(index % 3)"
            entities.append(Entity(
                id: "official:\(index)", kind: .official, name: "名\(index)",
                evidence: [Evidence(document: "d", start: index, end: index + 3, sentence: sentence),
                           Evidence(document: "d", start: index + 5, end: index + 6, sentence: short),
                           Evidence(document: "d", start: index + 7, end: index + 9, sentence: shared[(index * 7) % 12])]))
        }
        let graph = Graph(entities: entities, events: [], relations: [], documents: ["d"])
        #expect(graph.jsonLines() == graph.jsonLinesThroughEncoder())
        #expect(graph.jsonLinesData() == Data(graph.jsonLinesThroughEncoder().utf8))
    }

    /// Offsets are printed without number formatting, two digits at a time:
    /// every length from one digit to `Int.max`'s nineteen, at the powers of
    /// ten and just below them, must read as `JSONEncoder` prints them.
    @Test func offsetsOfEveryLengthArePrintedAsEncoded() {
        var values = [0, 1, 9, Int.max]
        for exponent in 1 ... 18 {
            let power = (1 ..< exponent).reduce(10) { value, _ in value * 10 }
            values += [power - 1, power, power + 1, power + power / 2]
        }
        let evidence = values.map { Evidence(document: "d", start: $0, end: $0, sentence: "句") }
        let graph = Graph(entities: [Entity(id: "area:x", kind: .area, name: "x", evidence: evidence)],
                          events: [], relations: [], documents: ["d"])
        #expect(graph.jsonLines() == graph.jsonLinesThroughEncoder())
    }
}
