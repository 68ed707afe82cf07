import Testing
@testable import SinoTokenizer

/// The folding table composes the two foldings as applying them one after
/// the other does, for every normalization and every scalar it covers.
@Suite struct TokenizerFoldingTests {
    /// The foldings one by one: full-width forms and the ideographic space
    /// to ASCII first, then traditional characters to simplified ones.
    private func reference(_ value: UInt32, _ normalization: Normalization) -> UInt32 {
        var value = value
        if normalization.contains(.fullwidthToHalfwidth) {
            if (0xFF01...0xFF5E).contains(value) {
                value -= 0xFEE0
            } else if value == 0x3000 {
                value = 0x20
            }
        }
        if normalization.contains(.traditionalToSimplified), (0x3400...0x9FFF).contains(value) {
            return Normalizer.simplifiedTable[Int(value - 0x3400)]
        }
        return value
    }

    @Test(arguments: [
        Normalization(), [.fullwidthToHalfwidth], [.traditionalToSimplified],
        [.traditionalToSimplified, .fullwidthToHalfwidth],
    ] as [Normalization])
    func foldingTableAgreesWithTheFoldingsOneByOne(_ normalization: Normalization) {
        let folding = Normalizer.Folding(normalization)
        var mismatches = 0
        // Below, across and above the table (U+3000...U+FF5E), and astral.
        for value in UInt32(0) ... 0x1_0100 where folding(value) != reference(value, normalization) {
            mismatches += 1
        }
        #expect(mismatches == 0)
        #expect(folding(0x1F600) == 0x1F600)
    }

    @Test func applyFoldsTraditionalAndFullWidthText() {
        #expect(Normalization.traditionalToSimplified.apply(to: "會見ＡＢ") == "会见ＡＢ")
        #expect(Normalization([.traditionalToSimplified, .fullwidthToHalfwidth]).apply(to: "會見ＡＢ\u{3000}１") == "会见AB 1")
        #expect(Normalization.fullwidthToHalfwidth.apply(to: "會見") == "會見")
    }
}
