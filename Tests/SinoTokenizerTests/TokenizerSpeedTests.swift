import Testing
@testable import SinoTokenizer

/// The tokenizer folds and codes text through one table per tokenizer
/// (`foldedCodes`) rather than the folding table and the alphabet's: the
/// values and the words found must be theirs.
@Suite struct TokenizerSpeedTests {
    static let normalizations: [Normalization] = [
        Normalization(), [.fullwidthToHalfwidth], [.traditionalToSimplified],
        [.traditionalToSimplified, .fullwidthToHalfwidth],
    ]

    @Test(arguments: normalizations)
    func foldedValuesAreTheFoldingOfEachScalar(_ normalization: Normalization) {
        let tokenizer = Tokenizer(
            lexicon: lexicon(["会见", "公安部", "ＡＢ"]), options: Tokenizer.Options(normalization: normalization))
        // Every scalar of the plane, and some above it.
        let scalars = (UInt32(0) ... 0x1_0000).compactMap(Unicode.Scalar.init) + ["\u{1F600}", "\u{20000}", "\u{2A6D6}"]
        var folded: [UInt32] = []
        _ = tokenizer.scalarTokens(inScalars: scalars, mode: .forward, folded: &folded)
        let folding = Normalizer.Folding(normalization)
        #expect(folded == scalars.map { folding($0.value) })
    }

    @Test func wordsAreFoundThroughTheirFoldedCodes() {
        let simplifying = Tokenizer(
            lexicon: lexicon(["会见", "公安部", "AB", "𠀀中"]),
            options: Tokenizer.Options(atomicRuns: false, normalization: [.traditionalToSimplified, .fullwidthToHalfwidth]))
        #expect(simplifying.tokenize("會見公安部ＡＢ𠀀中", mode: .forward).words == ["會見", "公安部", "ＡＢ", "𠀀中"])
        #expect(simplifying.tokenize("會見公安部ＡＢ𠀀中", mode: .forward).map(\.kind) == [.word, .word, .word, .word])
        // Without folding, the traditional and full-width forms are no words.
        let plain = Tokenizer(lexicon: lexicon(["会见", "AB", "𠀀中"]), options: .dictionaryOnly)
        #expect(plain.tokenize("會見𠀀中", mode: .forward).map(\.kind) == [.unknown, .unknown, .word])
    }
}
