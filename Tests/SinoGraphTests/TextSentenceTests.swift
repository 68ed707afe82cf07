import Testing
@testable import SinoGraph

/// Sentence texts are sliced from the original when the clean text copies
/// it verbatim, and encoded from the clean scalars when it does not: either
/// way they are the clean text of the sentence.
@Suite struct TextSentenceTests {
    static let extractor = try! Extractor()

    private func analyzed(_ text: String) throws -> AnalyzedText { try Self.extractor.analyzed(text, id: "s") }

    @Test func sentenceTextsAreTheCleanTextOfEachSentence() throws {
        let text = try analyzed("""
            ---
            title: 会见
            date: 2024-03-02
            ---
            # 标题：王小洪会见来宾

            当地时间4月1日，王小洪抵达塔什干。他说：“中方愿深化合作。”**特约**撰稿&nbsp;韩松。
            <p>双方签署了[合作协议](https://example.org/a)。</p>\r
            Díaz-Canel\tvisited 😀👍🏽 e\u{301}！最后一句
            """)
        #expect(text.sentences.count >= 5)
        for index in text.sentences.indices {
            #expect(text.sentenceText(index) == text.clean.string(text.sentences[index].range))
            #expect(text.sentenceText(index).utf8.elementsEqual(text.clean.string(text.sentences[index].range).utf8))
        }
    }

    @Test func verbatimRangesAreFoundOnlyForVerbatimCopies() throws {
        let clean = try DocumentReader.read(Document(id: "v", text: "甲乙。&amp;丙。丁\t戊。"))
        // 甲乙。 is copied as it is; &amp; becomes &; the tab becomes a space.
        let ranges = clean.verbatimByteRanges(of: [0 ..< 3, 3 ..< 6, 6 ..< 9], count: 3)
        #expect(ranges.count == 3)
        #expect(clean.originalText(bytes: ranges[0]) == "甲乙。")
        #expect(ranges[1].isEmpty)
        #expect(ranges[2].isEmpty)
        // A plain text maps to itself.
        let plain = CleanText(plain: "一二三四")
        #expect(plain.originalText(bytes: plain.verbatimByteRanges(of: [1 ..< 3], count: 1)[0]) == "二三")
    }
}

/// The folded text of a range is the same string whether it is shared from
/// the lexicon (a whole lexicon word) or encoded from the folded values.
@Suite struct TextFoldedTests {
    @Test func foldedTextsAreTheFoldedValuesOfEachWord() throws {
        let clean = try DocumentReader.read(Document(id: "f", text: "王小洪在北京會見了俄罗斯内务部长科洛科利采夫，会见\u{301}ＡＢＣ。"))
        let text = AnalyzedText(
            clean: clean, tokenizer: TextSentenceTests.extractor.tokenizer,
            entryTags: TextSentenceTests.extractor.knowledge.entryTags)
        var lexiconWords = 0
        for word in text.words {
            let expected = String(utf32: text.folded[word.range])
            #expect(text.folded(word.range).utf8.elementsEqual(expected.utf8), "\(expected)")
            #expect(text.folded(word).utf8.elementsEqual(expected.utf8))
            if word.kind == .word { lexiconWords += 1 }
        }
        #expect(lexiconWords >= 3)
        #expect(text.folded(0 ..< text.folded.count).utf8.elementsEqual(String(utf32: text.folded[...]).utf8))
    }
}
