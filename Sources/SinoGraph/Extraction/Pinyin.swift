import Foundation

/// Toneless pinyin of CJK Unified Ideographs, from the bundled
/// `pinyin.tsv` (made from ICU's Han-Latin transform by
/// `scripts/make_pinyin_table.swift`). A lookup instead of a transform:
/// building an ICU transliterator costs over 100 ms per process.
enum Pinyin {
    /// Reading index (1-based; 0 = none) of U+4E00 + i.
    private static let table: (readings: [String], index: [UInt16])? = load()

    /// The readings of `name`'s characters, or nil when one has none here.
    static func syllables(_ name: String) -> [String]? {
        guard let table else { return nil }
        var syllables: [String] = []
        // Names have two to four characters: one allocation, not one per doubling.
        syllables.reserveCapacity(4)
        for scalar in name.unicodeScalars {
            guard (0x4E00...0x9FFF).contains(scalar.value) else { return nil }
            let reading = table.index[Int(scalar.value - 0x4E00)]
            guard reading > 0 else { return nil }
            syllables.append(table.readings[Int(reading) - 1])
        }
        return syllables
    }

    /// Reads the table's bytes in place: lines of `reading<TAB>characters`,
    /// `#` comments. (Splitting the file as a `String` into lines and
    /// fields cost more than every lookup of a run.)
    private static func load() -> (readings: [String], index: [UInt16])? {
        guard let url = Bundle.module.url(forResource: "pinyin", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "pinyin", withExtension: "tsv"),
              let data = try? Data(contentsOf: url) else { return nil }
        var readings: [String] = []
        readings.reserveCapacity(512)
        var index = [UInt16](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        let bytes = [UInt8](data)
        bytes.withUnsafeBufferPointer { bytes in
            let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != newline { end += 1 }
                defer { start = end + 1 }
                guard end > start, bytes[start] != UInt8(ascii: "#") else { continue }
                // Exactly two fields, as `split(separator: "\t")` counts
                // them: non-empty runs between tabs.
                var fields: [Range<Int>] = []
                var field = start
                for i in start ... end where i == end || bytes[i] == tab {
                    if i > field { fields.append(field ..< i) }
                    field = i + 1
                }
                guard fields.count == 2 else { continue }
                readings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[0]]), as: UTF8.self))
                let reading = UInt16(readings.count)
                // The characters' UTF-8 decoded in place (the generated file
                // is valid UTF-8); the ideographs sought are all 3 bytes long.
                var i = fields[1].lowerBound
                let fieldEnd = fields[1].upperBound
                while i < fieldEnd {
                    let lead = bytes[i]
                    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    guard i + length <= fieldEnd else { break }
                    if length == 3 {
                        let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        if (0x4E00...0x9FFF).contains(value) { index[Int(value - 0x4E00)] = reading }
                    }
                    i += length
                }
            }
        }
        return (readings, index)
    }
}
