import Foundation
import Testing
import SinoEvaluation
@testable import SinoTokenizer

func lexicon(_ words: [String]) -> Lexicon {
    var builder = LexiconBuilder()
    for word in words { builder.add(word) }
    return builder.build()
}

@Suite struct SegmentationTests {
    // 研究生命起源: forward takes 研究生 and leaves 命 alone.
    let words = ["研究", "研究生", "生命", "起源", "命"]

    @Test func forwardTakesTheLongestWordFromTheLeft() {
        let tokenizer = Tokenizer(lexicon: lexicon(words))
        #expect(tokenizer.tokenize("研究生命起源", mode: .forward).words == ["研究生", "命", "起源"])
    }

    @Test func backwardTakesTheLongestWordFromTheRight() {
        let tokenizer = Tokenizer(lexicon: lexicon(words))
        #expect(tokenizer.tokenize("研究生命起源", mode: .backward).words == ["研究", "生命", "起源"])
    }

    @Test func bidirectionalPrefersFewerSingleCharacterTokens() {
        let tokenizer = Tokenizer(lexicon: lexicon(words))
        // Both cuts have three tokens; forward has one single character.
        #expect(tokenizer.tokenize("研究生命起源", mode: .bidirectional).words == ["研究", "生命", "起源"])
    }

    @Test func bidirectionalPrefersFewerTokens() {
        // Two tokens each way; forward has no single character, so it wins.
        let tokenizer = Tokenizer(lexicon: lexicon(["当下", "下雨", "雨天", "下雨天"]))
        #expect(tokenizer.tokenize("当下雨天", mode: .forward).words == ["当下", "雨天"])
        #expect(tokenizer.tokenize("当下雨天", mode: .backward).words == ["当", "下雨天"])
        #expect(tokenizer.tokenize("当下雨天", mode: .bidirectional).words == ["当下", "雨天"])
        // A full tie goes to backward.
        let tie = Tokenizer(lexicon: lexicon(["结合", "合成", "成分", "分子"]))
        #expect(tie.tokenize("结合成分子", mode: .forward).words == ["结合", "成分", "子"])
        #expect(tie.tokenize("结合成分子", mode: .bidirectional).words == ["结", "合成", "分子"])
        let fewer = Tokenizer(lexicon: lexicon(["中华", "中华人民", "人民共和国", "华人"]))
        #expect(fewer.tokenize("中华人民共和国", mode: .forward).words == ["中华人民", "共", "和", "国"])
        #expect(fewer.tokenize("中华人民共和国", mode: .bidirectional).words == ["中华", "人民共和国"])
    }

    @Test func fullModeListsEveryMatch() {
        let tokenizer = Tokenizer(lexicon: lexicon(words))
        let tokens = tokenizer.tokenize("研究生命", mode: .full)
        #expect(tokens.words == ["研究", "研究生", "生命", "命"])
    }

    @Test func tokensCarryOffsetsTagsAndPayloads() {
        var builder = LexiconBuilder()
        builder.add("公安部", tag: "agency", payload: "agency:mps")
        builder.add("公安部", tag: "nt")
        builder.add("部长", tag: "title")
        let tokenizer = Tokenizer(lexicon: builder.build())
        let text = "😀公安部部长"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.words == ["😀", "公安部", "部长"])
        let agency = tokens[1]
        #expect(agency.scalarRange == 1..<4)
        #expect(agency.utf8Range == 4..<13)
        #expect(text[agency.range] == "公安部")
        #expect(agency.kind == .word)
        #expect(agency.tags == ["agency", "nt"])
        #expect(agency.entries.first?.payload == "agency:mps")
        #expect(tokens[0].kind == .symbol)
    }

    @Test func atomicRunsAreNeverCutNorGluedToHanText() {
        let tokenizer = Tokenizer(lexicon: lexicon(["合作", "作为"]))
        let tokens = tokenizer.tokenize("有3,000多人，增长75%和1.3倍 Díaz-Canel与TP-Link合作\u{3000}！")
        #expect(tokens.words == ["有", "3,000", "多", "人", "，", "增", "长", "75%", "和", "1.3", "倍", " ",
                                 "Díaz-Canel", "与", "TP-Link", "合作", "\u{3000}", "！"])
        #expect(tokens.map(\.kind).filter { $0 == .number }.count == 3)
        #expect(tokens[12].kind == .latin)
        #expect(tokens[16].kind == .whitespace)
    }

    @Test func dictionaryOnlyModeMatchesAcrossWhatRulesWouldKeepApart() {
        let tokenizer = Tokenizer(lexicon: lexicon(["3月", "G20"]), options: .dictionaryOnly)
        #expect(tokenizer.tokenize("3月G20峰会").words == ["3月", "G20", "峰", "会"])
        let withRules = Tokenizer(lexicon: lexicon(["3月", "G20"]))
        #expect(withRules.tokenize("3月G20峰会").words == ["3", "月", "G20", "峰", "会"])
    }

    @Test func transliteratedNamesJoinAcrossTheDot() {
        let options = Tokenizer.Options(joinsTransliterations: true)
        let tokenizer = Tokenizer(lexicon: lexicon(["主席", "古巴", "会见", "领导人"]), options: options)
        #expect(tokenizer.tokenize("主席迪亚斯·卡内尔会见").words == ["主席", "迪亚斯·卡内尔", "会见"])
        // A lexicon word straddling the left end stays out of the name.
        #expect(tokenizer.tokenize("古巴领导人劳尔·卡斯特罗").words == ["古巴", "领导人", "劳尔·卡斯特罗"])
        #expect(tokenizer.tokenize("领导人劳尔·卡斯特罗").last?.kind == .transliteration)
        // Off by default: the dot is punctuation of its own.
        #expect(Tokenizer(lexicon: lexicon([])).tokenize("迪亚斯·卡内尔").count == 7)
    }

    @Test func traditionalCharactersMatchSimplifiedEntriesAtOriginalOffsets() {
        let options = Tokenizer.Options(normalization: [.traditionalToSimplified, .fullwidthToHalfwidth])
        let tokenizer = Tokenizer(lexicon: lexicon(["会见", "国务委员", "G20"]), options: options)
        let text = "國務委員會見ＧＡ２０"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.words == ["國務委員", "會見", "ＧＡ２０"])
        #expect(tokens[1].entries.first?.word == "会见")
        #expect(tokens[1].scalarRange == 4..<6)
    }

    /// The bundled traditional-to-simplified table is what ICU's transform
    /// says, character for character, over the whole range it covers.
    @Test func bundledSimplifiedTableMatchesICU() {
        let table = Normalizer.simplifiedTable
        #expect(table == Normalizer.transformedTable())
        #expect(table[Int(("會" as Unicode.Scalar).value - 0x3400)] == ("会" as Unicode.Scalar).value)
    }
}

@Suite struct PartitionProperty {
    /// Scalars from every kind of trouble: Han, emoji with modifiers and
    /// joiners, flags, combining marks, controls, right-to-left text,
    /// punctuation, digits, Latin, separators.
    static let pool: [String] = [
        "公", "安", "部", "长", "会", "见", "中", "俄", "·", "-", "迪", "亚", "斯", "卡", "内", "尔",
        "😀", "👍🏽", "👩‍👩‍👧", "🇨🇳", "\u{0301}", "\u{200D}", "\u{FE0F}", "\u{0000}", "\u{0007}", "\n", "\r\n", "\t",
        "שלום", "مرحبا", "\u{202E}", "，", "。", "《", "》", "“", "”", "1", "２", ",", ".", "%", "a", "Z", "é",
        "\u{3000}", " ", "𠀀", "國", "會", "ｱ", "한", "Ω", "ж", "\u{E000}",
    ]

    @Test(arguments: [SegmentationMode.forward, .backward, .bidirectional])
    func tokensPartitionAnyInput(mode: SegmentationMode) {
        var builder = LexiconBuilder()
        for word in ["公安部", "部长", "会见", "中俄", "安部", "😀", "a", "1,2"] { builder.add(word) }
        let lexicon = builder.build()
        let tokenizers = [
            Tokenizer(lexicon: lexicon),
            Tokenizer(lexicon: lexicon, options: .dictionaryOnly),
            Tokenizer(lexicon: lexicon, options: .extraction),
        ]
        var generator = SplitMix64(seed: 2005)
        for _ in 0..<1500 {
            let length = Int.random(in: 0...40, using: &generator)
            var text = (0..<length).map { _ in Self.pool.randomElement(using: &generator)! }.joined()
            if Int.random(in: 0..<20, using: &generator) == 0 {
                text += String(repeating: "长", count: 500)
            }
            let scalarCount = text.unicodeScalars.count
            for tokenizer in tokenizers {
                let tokens = tokenizer.tokenize(text, mode: mode)
                var position = 0
                var utf8 = 0
                for token in tokens {
                    #expect(token.scalarRange.lowerBound == position)
                    #expect(token.utf8Range.lowerBound == utf8)
                    #expect(!token.scalarRange.isEmpty)
                    #expect(token.text.unicodeScalars.count == token.scalarRange.count)
                    position = token.scalarRange.upperBound
                    utf8 = token.utf8Range.upperBound
                }
                #expect(position == scalarCount)
                #expect(tokens.map { String($0.text) }.joined() == text)
                // The extraction layer's path gives the same tokens.
                var folded: [UInt32] = []
                let scalarTokens = tokenizer.scalarTokens(inScalars: Array(text.unicodeScalars), mode: mode, folded: &folded)
                #expect(scalarTokens.map { Int($0.start) ..< Int($0.end) } == tokens.map(\.scalarRange))
                #expect(scalarTokens.map(\.kind) == tokens.map(\.kind))
                #expect(scalarTokens.map { Int($0.entryStart) ..< Int($0.entryEnd) } == tokens.map(\.entries.indices))
                #expect(folded.count == scalarCount)
            }
        }
    }

    @Test func fullModeCoversEveryCharacter() {
        let tokenizer = Tokenizer(lexicon: lexicon(["公安部", "公安", "部长"]))
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in Self.pool.randomElement(using: &generator)! }.joined()
            var covered = Set<Int>()
            for token in tokenizer.tokenize(text, mode: .full) { covered.formUnion(token.scalarRange) }
            #expect(covered == Set(0..<text.unicodeScalars.count))
        }
    }
}
