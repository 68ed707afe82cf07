import Testing
@testable import SinoTokenizer

/// Transliterated names are looked for at each separator the segmenter
/// reaches, and a word straddling a name's start is found by walking the
/// backward trie: these cases pin down where names start and end, in every
/// mode that cuts with the atomic-run rules.
@Suite struct TransliterationSearchTests {
    let tokenizer = Tokenizer(
        lexicon: lexicon(["前总理", "总理", "呼吁", "会见", "并与", "举行"]),
        options: Tokenizer.Options(joinsTransliterations: true))

    /// The words of `text` in forward, backward and bidirectional mode.
    func words(_ text: String) -> [[String]] {
        [SegmentationMode.forward, .backward, .bidirectional].map { tokenizer.tokenize(text, mode: $0).words }
    }

    @Test func aWordStraddlingTheStartStaysOutOfTheName() {
        // 理 is a transliteration character: 前总理 ends inside the run before the dot.
        for cut in words("前总理巴雅尔·甘呼雅格会见") {
            #expect(cut == ["前总理", "巴雅尔·甘呼雅格", "会见"])
        }
    }

    @Test func aWordStraddlingTheEndStaysOutOfTheName() {
        // 呼 is a transliteration character: 呼吁 starts inside the last part.
        for cut in words("马里亚姆·纳瓦兹呼吁") {
            #expect(cut == ["马里亚姆·纳瓦兹", "呼吁"])
        }
    }

    @Test func namesOfSeveralPartsAndSeveralNamesInASentence() {
        for cut in words("会见巴特巴雅尔·朝克图·阿卡并与迪亚斯·卡内尔举行") {
            #expect(cut == ["会见", "巴特巴雅尔·朝克图·阿卡", "并与", "迪亚斯·卡内尔", "举行"])
        }
    }

    @Test func aSeparatorJustAfterANameOrWithoutNameCharactersJoinsNothing() {
        let tokens = tokenizer.tokenize("迪亚斯·卡内尔·")
        #expect(tokens.words == ["迪亚斯·卡内尔", "·"])
        #expect(tokens.map(\.kind) == [.transliteration, .punctuation])
        #expect(!tokenizer.tokenize("·卡内尔").contains { $0.kind == .transliteration })
        #expect(!tokenizer.tokenize("迪亚斯··卡内尔").contains { $0.kind == .transliteration })
        #expect(tokenizer.tokenize("3迪亚斯·卡内尔").words == ["3", "迪亚斯·卡内尔"])
    }
}
