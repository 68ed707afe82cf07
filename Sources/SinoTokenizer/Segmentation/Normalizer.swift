import Foundation

/// Folds scalars for lookup. Traditional-to-simplified is a table made
/// from ICU's Traditional-Simplified transform (the bundled
/// `simplified.tsv`, see `scripts/make_simplified_table.swift`), read once
/// per process; ICU itself is only the fallback if the file is missing.
enum Normalizer {
    /// One normalization with its table at hand. Loops fold through one of
    /// these: reading the `static let` table per scalar pays for its lazy
    /// initialization check (and a retain) every time.
    struct Folding {
        private let halfwidth: Bool
        /// Nil unless traditional characters are folded.
        private let simplified: [UInt32]?

        init(_ normalization: Normalization) {
            halfwidth = normalization.contains(.fullwidthToHalfwidth)
            simplified = normalization.contains(.traditionalToSimplified) ? Normalizer.simplified : nil
        }

        @inline(__always)
        func callAsFunction(_ value: UInt32) -> UInt32 {
            var value = value
            if halfwidth {
                if (0xFF01...0xFF5E).contains(value) {
                    value -= 0xFEE0
                } else if value == 0x3000 {
                    value = 0x20
                }
            }
            if let simplified, (0x3400...0x9FFF).contains(value) {
                return simplified[Int(value - 0x3400)]
            }
            return value
        }

        /// Folds `source` into `target` (as long), scalar for scalar: the
        /// same as calling the folding on each, with the table read through
        /// a pointer rather than an array (no checks per scalar).
        func fold(_ source: UnsafeBufferPointer<UInt32>, into target: UnsafeMutableBufferPointer<UInt32>) {
            guard let simplified else {
                for index in source.indices { target[index] = self(source[index]) }
                return
            }
            simplified.withUnsafeBufferPointer { table in
                let halfwidth = self.halfwidth
                for index in source.indices {
                    var value = source[index]
                    if halfwidth {
                        if value &- 0xFF01 <= 0xFF5E - 0xFF01 {
                            value -= 0xFEE0
                        } else if value == 0x3000 {
                            value = 0x20
                        }
                    }
                    let offset = value &- 0x3400
                    target[index] = offset < UInt32(table.count) ? table[Int(offset)] : value
                }
            }
        }
    }

    /// Simplified forms of U+3400...U+9FFF, indexed from U+3400.
    private static let simplified: [UInt32] = bundledTable() ?? transformedTable()

    private static func bundledTable() -> [UInt32]? {
        guard let url = Bundle.module.url(forResource: "simplified", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "simplified", withExtension: "tsv"),
              let data = try? Data(contentsOf: url) else { return nil }
        var table = Array(UInt32(0x3400)...UInt32(0x9FFF))
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let scalars = Array(line.unicodeScalars)
            guard scalars.count == 3, scalars[1] == "\t", (0x3400...0x9FFF).contains(scalars[0].value) else { continue }
            table[Int(scalars[0].value - 0x3400)] = scalars[2].value
        }
        return table
    }

    /// The same table through ICU (about 40 ms).
    static func transformedTable() -> [UInt32] {
        let range: ClosedRange<UInt32> = 0x3400...0x9FFF
        var table = Array(range)
        var source = String.UnicodeScalarView()
        for value in range { source.append(Unicode.Scalar(value) ?? " ") }
        let folded = String(source).applyingTransform(StringTransform("Traditional-Simplified"), reverse: false)
        // The transform maps one character to one character; should a build
        // of ICU ever do otherwise, leave the table as the identity.
        if let folded, folded.unicodeScalars.count == table.count {
            for (index, scalar) in folded.unicodeScalars.enumerated() { table[index] = scalar.value }
        }
        return table
    }

    /// The table in use, for the test that holds it equal to ICU's.
    static var simplifiedTable: [UInt32] { simplified }
}

extension Normalization {
    /// `text` with this folding applied, scalar for scalar:
    /// `[.traditionalToSimplified].apply(to: "會見")` is `"会见"`.
    public func apply(to text: String) -> String {
        guard !isEmpty else { return text }
        let fold = Normalizer.Folding(self)
        // Most text is already folded: return it as it is.
        guard text.unicodeScalars.contains(where: { fold($0.value) != $0.value }) else { return text }
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            view.append(Unicode.Scalar(fold(scalar.value)) ?? scalar)
        }
        return String(view)
    }
}
