import Foundation

/// Toneless pinyin of CJK Unified Ideographs, from the bundled
/// `pinyin.tsv` (made from ICU's Han-Latin transform by
/// `scripts/make_pinyin_table.swift`). A lookup instead of a transform:
/// building an ICU transliterator costs over 100 ms per process.
enum Pinyin {
    /// The readings' lowercase ASCII letters end to end; reading `r`
    /// (1-based) ends at `ends[r]` and starts at `ends[r - 1]`.
    /// `index[i]` is the reading of U+4E00 + i, 0 for none.
    private struct Table {
        var letters: [UInt8] = []
        var ends: [Int32] = [0]
        var index: [UInt16] = []

        func reading(_ value: UInt32) -> Int? {
            guard (0x4E00...0x9FFF).contains(value) else { return nil }
            let reading = Int(index[Int(value - 0x4E00)])
            return reading > 0 ? reading : nil
        }
    }

    private static let table: Table? = load()

    /// The readings of `name`'s characters, or nil when one has none here.
    static func syllables(_ name: String) -> [String]? {
        guard let table else { return nil }
        var syllables: [String] = []
        for scalar in name.unicodeScalars {
            guard let reading = table.reading(scalar.value) else { return nil }
            let letters = table.letters[Int(table.ends[reading - 1]) ..< Int(table.ends[reading])]
            syllables.append(String(decoding: letters, as: UTF8.self))
        }
        return syllables
    }

    /// `Wang Xiaohong` for 王小洪: the surname's syllables (two in a name of
    /// four characters or more), a space, then the given name's as one word,
    /// each part capitalized; one character gives one capitalized word.
    /// Nil when a character has no reading here. Written straight from the
    /// table's letters into the string: officials' names are read for every
    /// document that names them.
    static func latinName(_ name: String) -> String? {
        guard let table else { return nil }
        return name.withBytes { bytes -> String? in
            // Ideographs are three UTF-8 bytes each.
            guard bytes.count % 3 == 0 else { return nil }
            let count = bytes.count / 3
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { readings -> String? in
                var letters = 0
                for position in 0 ..< count {
                    let i = 3 * position
                    let lead = UInt32(bytes[i])
                    guard lead & 0xF0 == 0xE0 else { return nil }
                    let value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    guard let reading = table.reading(value) else { return nil }
                    readings[position] = reading
                    letters += Int(table.ends[reading] - table.ends[reading - 1])
                }
                let surnameLength = count >= 4 ? 2 : 1
                return table.letters.withUnsafeBufferPointer { source in
                    String(unsafeUninitializedCapacity: letters + (count >= 2 ? 1 : 0)) { buffer in
                        var written = 0
                        for position in 0 ..< count {
                            // Each part's first letter is capitalized.
                            var startsPart = position == 0
                            if position == surnameLength {
                                buffer[written] = UInt8(ascii: " ")
                                written += 1
                                startsPart = true
                            }
                            let reading = readings[position]
                            for offset in Int(table.ends[reading - 1]) ..< Int(table.ends[reading]) {
                                buffer[written] = startsPart ? source[offset] - 32 : source[offset]
                                written += 1
                                startsPart = false
                            }
                        }
                        return written
                    }
                }
            }
        }
    }

    /// Reads the table's bytes in place: lines of `reading<TAB>characters`,
    /// `#` comments. (Splitting the file as a `String` into lines and
    /// fields cost more than every lookup of a run.)
    private static func load() -> Table? {
        guard let url = Bundle.module.url(forResource: "pinyin", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "pinyin", withExtension: "tsv"),
              let data = try? Data(contentsOf: url) else { return nil }
        var table = Table()
        table.ends.reserveCapacity(512)
        table.index = [UInt16](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
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
                // Readings are lowercase ASCII letters (the names written from
                // them capitalize by subtracting 32); a line with anything else
                // is skipped, and its characters get no reading.
                guard fields.count == 2,
                      bytes[fields[0]].allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else { continue }
                table.letters.append(contentsOf: bytes[fields[0]])
                table.ends.append(Int32(table.letters.count))
                let reading = UInt16(table.ends.count - 1)
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
                        if (0x4E00...0x9FFF).contains(value) { table.index[Int(value - 0x4E00)] = reading }
                    }
                    i += length
                }
            }
        }
        return table
    }
}
