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
        /// The folded values of U+3000 (``tableStart``) and on, both foldings
        /// in one: a scalar is folded by one range test and one load. Values
        /// outside the table fold to themselves; nil when nothing is folded.
        let table: [UInt32]?

        /// The first value of ``table``: the ideographic space, below the
        /// Han characters and the full-width forms.
        static let tableStart: UInt32 = 0x3000

        init(_ normalization: Normalization) {
            switch (normalization.contains(.fullwidthToHalfwidth), normalization.contains(.traditionalToSimplified)) {
            case (true, true): table = Normalizer.bothTable
            case (true, false): table = Normalizer.halfwidthTable
            case (false, true): table = Normalizer.simplifiedOnlyTable
            case (false, false): table = nil
            }
        }

        @inline(__always)
        func callAsFunction(_ value: UInt32) -> UInt32 {
            guard let table else { return value }
            let offset = value &- Self.tableStart
            return offset < UInt32(table.count) ? table[Int(offset)] : value
        }
    }

    /// The folding of U+3000...U+FF5E (the last full-width form), for each
    /// normalization that folds. Full-width forms and the ideographic space
    /// become ASCII, which no simplification changes; simplification covers
    /// U+3400...U+9FFF, which have no half-width forms: the two compose.
    private static let bothTable = foldingTable(halfwidth: true, simplified: true)
    private static let halfwidthTable = foldingTable(halfwidth: true, simplified: false)
    private static let simplifiedOnlyTable = foldingTable(halfwidth: false, simplified: true)

    private static func foldingTable(halfwidth: Bool, simplified: Bool) -> [UInt32] {
        let start = Folding.tableStart
        let count = Int(0xFF5E - start) + 1
        // Built in a simple loop and a copy: the table is made on the first
        // use of its normalization, in the middle of a run.
        var table = [UInt32](unsafeUninitializedCapacity: count) { table, initialized in
            for index in 0 ..< count { table[index] = start &+ UInt32(truncatingIfNeeded: index) }
            initialized = count
        }
        if simplified {
            let simplifiedTable = Normalizer.simplified
            let offset = Int(0x3400 - start)
            table.withUnsafeMutableBufferPointer { table in
                simplifiedTable.withUnsafeBufferPointer { simplified in
                    (table.baseAddress! + offset).update(from: simplified.baseAddress!, count: simplified.count)
                }
            }
        }
        if halfwidth {
            for value in UInt32(0xFF01) ... 0xFF5E { table[Int(value - start)] = value - 0xFEE0 }
            table[Int(0x3000 - start)] = 0x20
        }
        return table
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
