import Testing
import SinoTokenizer
@testable import SinoGraph

/// The reading and analysis stages take short cuts for the common case:
/// Han runs skipped four scalars at a time, no clean-offset table for text
/// that drops nothing, sources packed in one array, a sentence search that
/// starts at a guess, front matter keys taken as they are. Each answer must
/// be the one the plain way gives.
@Suite struct TextSpeedTests {
    static let extractor = try! Extractor()

    private func analyzed(_ text: String) throws -> AnalyzedText { try Self.extractor.analyzed(text, id: "speed") }

    /// Texts with and without dropped scalars (quotes, zero-width spaces),
    /// several sentences and paragraphs, markup and a sentence made only of
    /// quotation marks.
    static let texts = [
        "王小洪在北京会见了俄罗斯内务部长科洛科利采夫。双方就执法安全合作交换了意见！",
        "他说：“中方愿深化合作。”随后双方签署了《合作备忘录》。\n\n第二段：“打击‘三股势力’。”\n“”\n最后一句",
        "---\nTitle: \"会见\"\n'Date': '2024-03-02'\n---\n# 标题\n\n当地时间4月1日，王小洪抵达塔什干\u{200B}。**特约**撰稿&nbsp;韩松。",
        "<p>双方签署了[合作协议](https://example.org/a)。</p>\r\nDíaz-Canel\tvisited 😀 e\u{301}！\"quoted\" 2024-03-02",
        "",
        "。。。",
    ]

    @Test func cleanIndexIsTheOffsetOfEachKeptScalar() throws {
        for text in Self.texts {
            let analyzed = try analyzed(text)
            let clean = analyzed.clean.scalars
            // The reference: the clean offsets of the scalars the analysis keeps.
            let kept = clean.indices.filter { !AnalyzedText.isDropped(clean[$0]) } + [clean.count]
            #expect(kept.count == analyzed.scalars.count + 1)
            for position in kept.indices { #expect(analyzed.cleanIndex[position] == kept[position]) }
        }
    }

    @Test func sentenceContainingIsTheBinarySearchAnswer() throws {
        for text in Self.texts {
            let analyzed = try analyzed(text)
            for position in 0 ... analyzed.scalars.count + 2 {
                let word = analyzed.wordAt[min(position, analyzed.wordAt.count - 1)]
                // The first sentence that ends after the word, if it holds it.
                let first = analyzed.sentenceWords.firstIndex { $0.upperBound > word }
                let expected = first.flatMap { analyzed.sentenceWords[$0].contains(word) ? $0 : nil }
                #expect(analyzed.sentence(containing: position) == expected, "\(text) @ \(position)")
            }
        }
    }

    @Test func endOfRunMatchesAScalarLoop() {
        var generator = SystemRandomNumberGenerator()
        let pool: [UInt32] = [0x4E00, 0x4E01, 0x9DFF, 0x9E00, 0x4DFF, 0x3001, 0xFF0C, 0x41, 0, 0xFFFF_FFFF]
        for _ in 0 ..< 2_000 {
            let count = Int.random(in: 0 ... 24, using: &generator)
            // Mostly Han, as text is, so that runs are long.
            let values = (0 ..< count).map { _ in
                Bool.random(using: &generator) ? 0x4E00 + UInt32.random(in: 0 ..< 0x5200, using: &generator)
                    : pool.randomElement(using: &generator)!
            }
            let start = Int.random(in: 0 ... count, using: &generator)
            let end = Int.random(in: start ... count, using: &generator)
            var expected = start
            while expected < end, values[expected] &- 0x4E00 < 0x5200 { expected += 1 }
            let found = values.withUnsafeBytes { bytes in
                endOfRun(in: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 4)!, from: start, to: end,
                         lower: 0x4E00, width: 0x5200)
            }
            #expect(found == expected, "\(values) \(start)..<\(end)")
        }
    }

    @Test func packedSourcesKeepOffsetsAndLengths() throws {
        // An entity (6 scalars), a block tag (a line break from `<p>`) and
        // a collapsed run of spaces: sources of several lengths.
        let document = Document(id: "s", text: "甲&nbsp;乙<p>丙   丁")
        let clean = try DocumentReader.read(document)
        #expect(String(String.UnicodeScalarView(clean.scalars)) == "甲 乙\n丙 丁")
        #expect(clean.originalOffsets == [0, 1, 7, 8, 11, 12, 15, 16])
        #expect(clean.originalLengths == [1, 6, 1, 3, 1, 1, 1])
        #expect(clean.originalRange(1 ..< 3) == 1 ..< 8)
        #expect(clean.originalRange(3 ..< 4) == 8 ..< 11)
        #expect(clean.originalRange(2 ..< 2) == 7 ..< 7)
        // Built from offsets and lengths, clean text gives them back.
        let rebuilt = CleanText(
            scalars: clean.scalars, originalOffsets: clean.originalOffsets, frontMatter: nil,
            originalLengths: clean.originalLengths)
        #expect(rebuilt.originalOffsets == clean.originalOffsets)
        #expect(rebuilt.originalLengths == clean.originalLengths)
        #expect(CleanText(plain: "一二三").originalLengths == [1, 1, 1])
    }

    @Test func frontMatterKeysAreLowercasedAndUnquoted() throws {
        let clean = try DocumentReader.read(Document(
            id: "f", text: "---\nTitle: \"会见\"\n'Date': '2024-03-02'\nauthor: 韩松\nsource: 'x'y\n---\n正文。"))
        let matter = try #require(clean.frontMatter)
        #expect(matter.title == "会见")
        #expect(matter.date == "2024-03-02")
        #expect(matter.author == "韩松")
        #expect(matter.source == "'x'y")
        #expect(matter.fields == ["title": "会见", "date": "2024-03-02", "author": "韩松", "source": "'x'y"])
    }
}
