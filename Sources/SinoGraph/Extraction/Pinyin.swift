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
        for scalar in name.unicodeScalars {
            guard (0x4E00...0x9FFF).contains(scalar.value) else { return nil }
            let reading = table.index[Int(scalar.value - 0x4E00)]
            guard reading > 0 else { return nil }
            syllables.append(table.readings[Int(reading) - 1])
        }
        return syllables
    }

    private static func load() -> (readings: [String], index: [UInt16])? {
        guard let url = Bundle.module.url(forResource: "pinyin", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "pinyin", withExtension: "tsv"),
              let data = try? Data(contentsOf: url) else { return nil }
        var readings: [String] = []
        var index = [UInt16](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            readings.append(String(fields[0]))
            for scalar in fields[1].unicodeScalars where (0x4E00...0x9FFF).contains(scalar.value) {
                index[Int(scalar.value - 0x4E00)] = UInt16(readings.count)
            }
        }
        return (readings, index)
    }
}
