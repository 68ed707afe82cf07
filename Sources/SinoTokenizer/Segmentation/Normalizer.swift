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
        // Read line by line in the bytes: making a string of the file and of
        // each line cost more than the rest of a typical run's folding.
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                guard lineEnd > lineStart, bytes[lineStart] != UInt8(ascii: "#"),
                      let pair = tabSeparatedPair(bytes[lineStart ..< lineEnd]),
                      (0x3400...0x9FFF).contains(pair.traditional) else { continue }
                table[Int(pair.traditional - 0x3400)] = pair.simplified
            }
        }
        return table
    }

    /// The two scalars of a line that is exactly `scalar TAB scalar`, or
    /// nil. Invalid UTF-8 reads as U+FFFD, as in a string.
    private static func tabSeparatedPair(_ line: Slice<UnsafeBufferPointer<UInt8>>)
        -> (traditional: UInt32, simplified: UInt32)? {
        var iterator = line.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var values: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var count = 0
        while true {
            let value: UInt32
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): value = Unicode.UTF8.decode(encoded).value
            case .error: value = 0xFFFD
            case .emptyInput:
                guard count == 3, values.1 == 0x09 else { return nil }
                return (values.0, values.2)
            }
            switch count {
            case 0: values.0 = value
            case 1: values.1 = value
            case 2: values.2 = value
            default: return nil
            }
            count += 1
        }
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
