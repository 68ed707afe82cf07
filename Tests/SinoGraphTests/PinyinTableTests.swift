import Foundation
import Testing
@testable import SinoGraph

/// The table is read from its bytes; every ideograph of every line must get
/// that line's reading, as a plain `String` parse of the file says.
@Suite struct PinyinTableTests {
    @Test func everyIdeographGetsItsLinesReading() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SinoGraph/Resources/pinyin.tsv").standardizedFileURL
        let text = try String(contentsOf: url, encoding: .utf8)
        var expected: [UInt32: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            for scalar in fields[1].unicodeScalars where (0x4E00...0x9FFF).contains(scalar.value) {
                expected[scalar.value] = String(fields[0])
            }
        }
        #expect(expected.count > 10_000)
        for value in UInt32(0x4E00)...0x9FFF {
            let name = String(Character(Unicode.Scalar(value)!))
            #expect(Pinyin.syllables(name)?.first == expected[value], "U+\(String(value, radix: 16))")
        }
    }

    @Test func latinNamesCapitalizeEachPart() {
        #expect(GraphBuilder.pinyin("王毅") == "Wang Yi")
        #expect(GraphBuilder.pinyin("司马光明") == "Sima Guangming")
        #expect(GraphBuilder.pinyin("李") == "Li")
    }
}
