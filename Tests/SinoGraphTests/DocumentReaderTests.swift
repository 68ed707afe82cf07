import Foundation
import Testing
@testable import SinoGraph

/// Reads a document and returns its clean text as a String.
private func clean(_ text: String, id: String = "t") throws -> String {
    try DocumentReader.read(Document(id: id, text: text)).text
}

/// The original text a clean range maps back to.
private func original(_ document: Document, _ clean: CleanText, _ range: Range<Int>) -> String {
    let scalars = Array(document.text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[clean.originalRange(range)]))
}

/// The clean range of the first occurrence of `needle`.
private func range(of needle: String, in clean: CleanText) -> Range<Int>? {
    let target = Array(needle.unicodeScalars)
    guard !target.isEmpty, clean.scalars.count >= target.count else { return nil }
    for start in 0...(clean.scalars.count - target.count)
    where Array(clean.scalars[start..<(start + target.count)]) == target {
        return start..<(start + target.count)
    }
    return nil
}

private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("DocumentReaderTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

@Suite struct DocumentReaderTests {
    // MARK: Front matter

    @Test func frontMatterFieldsAreParsedAndBodyOffsetsPointIntoTheOriginal() throws {
        let text = """
            ---
            title: "部长会见来访代表团"
            date: 2024-03-02T08:15:00.000Z
            Author: '李青'
            from: https://example.org/a/b
            tags: [ 国际 ]
            ---
            昨天，王小洪在北京会见了来访的代表团。
            """
        let document = Document(id: "fm", text: text)
        let cleanText = try DocumentReader.read(document)
        let matter = try #require(cleanText.frontMatter)
        #expect(matter.title == "部长会见来访代表团")
        #expect(matter.date == "2024-03-02T08:15:00.000Z")
        #expect(matter.author == "李青")
        #expect(matter.source == "https://example.org/a/b")
        #expect(matter.fields["tags"] == "[ 国际 ]")
        #expect(cleanText.text == "昨天，王小洪在北京会见了来访的代表团。")
        let name = try #require(range(of: "王小洪", in: cleanText))
        #expect(original(document, cleanText, name) == "王小洪")
        let bodyStart = text.unicodeScalars.count - "王小洪在北京会见了来访的代表团。".unicodeScalars.count
        #expect(cleanText.originalRange(name) == bodyStart..<(bodyStart + 3))
    }

    @Test func frontMatterAcceptsDotsClosingListsAndComments() throws {
        let text = "---   \n# a comment\ntitle: 标题\nkeywords:\n  - 合作\n  - 安全\n\n...\n正文。"
        let cleanText = try DocumentReader.read(Document(id: "d", text: text))
        #expect(cleanText.frontMatter?.fields["keywords"] == "合作, 安全")
        #expect(cleanText.frontMatter?.title == "标题")
        #expect(cleanText.text == "正文。")
    }

    @Test func byteOrderMarkIsSkippedBeforeFrontMatter() throws {
        let document = try Document(id: "b", data: Data([0xEF, 0xBB, 0xBF] + Array("---\ntitle: 甲\n---\n乙丙".utf8)), source: "b")
        let cleanText = try DocumentReader.read(document)
        #expect(cleanText.frontMatter?.title == "甲")
        #expect(cleanText.text == "乙丙")
    }

    @Test func unterminatedFrontMatterNamesTheLastLine() {
        let text = "---\ntitle: 未完\nauthor: 某人\n"
        #expect {
            _ = try DocumentReader.read(Document(id: "news/a", text: text))
        } throws: { error in
            guard let error = error as? DocumentError else { return false }
            return error.reason == .unterminatedFrontMatter && error.line == 3
                && error.description == "news/a:3: front matter opened on line 1 never closes"
        }
    }

    @Test func malformedFrontMatterLineIsReportedWithItsNumber() {
        let text = "---\ntitle: 好\n这一行没有冒号\n---\n正文"
        #expect(throws: DocumentError(source: "m", line: 3, reason: .malformedFrontMatter("这一行没有冒号"))) {
            _ = try DocumentReader.read(Document(id: "m", text: text))
        }
    }

    @Test func documentWithoutFrontMatterHasNone() throws {
        let cleanText = try DocumentReader.read(Document(id: "x", text: "只有正文。"))
        #expect(cleanText.frontMatter == nil)
        #expect(cleanText.text == "只有正文。")
    }

    // MARK: HTML

    @Test func htmlTagsAreDroppedAndBlockTagsBreakLines() throws {
        let text = "<div class=\"a\"><p><span>第一段文字。</span></p><p>第二段<b>文字</b>。</p></div>"
        #expect(try clean(text) == "第一段文字。\n第二段文字。\n")
    }

    @Test func quotedAttributeMayHoldAngleBracket() throws {
        #expect(try clean("<img alt=\"a > b\" src='x>y'>图片后的文字") == "图片后的文字")
        // A quote left open ends the tag at its first `>`.
        #expect(try clean("<a title=It's>链接</a>") == "链接")
    }

    @Test func entitiesDecodeAndMapToTheirAmpersand() throws {
        let text = "<p>&#20013;方&amp;外方&nbsp;&nbsp;合作&ldquo;深化&rdquo;&#x4E2D;&#1114112;&foo;</p>"
        let document = Document(id: "e", text: text)
        let cleanText = try DocumentReader.read(document)
        #expect(cleanText.text == "中方&外方 合作“深化”中\u{FFFD}&foo;\n")
        // 中 is clean scalar 0; it comes from `&#20013;` at original offset 3.
        #expect(cleanText.originalOffsets[0] == 3)
        #expect(cleanText.originalRange(0..<1) == 3..<11)
        #expect(original(document, cleanText, 0..<2) == "&#20013;方")
        let amp = try #require(range(of: "&外", in: cleanText))
        #expect(original(document, cleanText, amp) == "&amp;外")
    }

    @Test func scriptStyleAndCommentsAreDroppedWhole() throws {
        let text = """
            <p>前文。</p><script type="text/javascript">var s = "<p>不该出现</p>";</script>\
            <!-- 注释 <p>也不该出现</p> --><STYLE>p { color: red; }</STYLE><p>后文。</p>
            """
        #expect(try clean(text) == "前文。\n后文。\n")
    }

    @Test func angleBracketThatStartsNoTagIsText() throws {
        #expect(try clean("如果 a < b 且 3<5，则成立") == "如果 a < b 且 3<5，则成立")
        #expect(try clean("书名<人民>在此") == "书名<人民>在此")
    }

    @Test func unterminatedTagIsKeptAsText() throws {
        let long = String(repeating: "字", count: 1_200)
        #expect(try clean("前<span" + long + ">后") == "前<span" + long + ">后")
    }

    @Test func whitespaceRunsCollapseAndCRLFBecomesLineBreak() throws {
        #expect(try clean("甲  \t 乙\r\n\r\n\r\n丙\u{3000}丁 \n") == "甲 乙\n丙 丁\n")
    }

    // MARK: Markdown

    @Test func markdownLinkTextIsKeptImageAndBoldMarkersDropped() throws {
        let text = """
            # 标题在这里

            ![配图](https://example.org/pic-
            part2.jpg)**加粗的话**见[这篇报道](https://example.org/r)和[旧文][1]。

            - 第一项
            * 第二项
            1. 第三项
            > 引用的话
            ------
            结尾用`代码`和*强调*，变量 snake_case 保留。
            """
        #expect(try clean(text) == """
            标题在这里
            加粗的话见这篇报道和旧文。
            第一项
            第二项
            第三项
            引用的话
            结尾用代码和强调，变量 snake_case 保留。
            """)
    }

    @Test func markdownLinkOffsetsPointAtTheLinkText() throws {
        let document = Document(id: "l", text: "请看[部长讲话](https://example.org/x)全文")
        let cleanText = try DocumentReader.read(document)
        #expect(cleanText.text == "请看部长讲话全文")
        let speech = try #require(range(of: "部长讲话", in: cleanText))
        #expect(original(document, cleanText, speech) == "部长讲话")
        let rest = try #require(range(of: "全文", in: cleanText))
        #expect(original(document, cleanText, rest) == "全文")
    }

    @Test func bareURLsAreDropped() throws {
        #expect(try clean("原文见https://example.org/a?b=1&amp;c=2。另见 http://x.org/y 页面") == "原文见。另见 页面")
    }

    @Test func linkedImageIsDroppedWhole() throws {
        #expect(try clean("前[![图](https://e.org/i.jpg)](https://e.org/p)后") == "前后")
    }

    // MARK: Byte validation

    @Test func invalidUTF8NamesByteOffsetAndLine() {
        let bytes = Array("第一行\n第二".utf8) + [0xFF] + Array("行".utf8)
        #expect(throws: DocumentError(source: "in", line: 2, reason: .invalidUTF8(offset: 16))) {
            _ = try Document(id: "in", data: Data(bytes), source: "in")
        }
        let error = DocumentError(source: "in", line: 2, reason: .invalidUTF8(offset: 16))
        #expect(error.description == "in:2: invalid UTF-8 at byte 16")
    }

    @Test func binaryFileIsRefused() throws {
        let url = try temporaryFile("blob.bin", [0x41, 0x0A, 0x42, 0x00, 0x43])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(throws: DocumentError(source: url.relativePath, line: 2, reason: .binary(offset: 3))) {
            _ = try Document(contentsOf: url)
        }
    }

    @Test func emptyAndWhitespaceOnlyFilesAreRefused() throws {
        let empty = try temporaryFile("empty.md", [])
        defer { try? FileManager.default.removeItem(at: empty.deletingLastPathComponent()) }
        #expect(throws: DocumentError(source: empty.relativePath, line: nil, reason: .empty)) {
            _ = try Document(contentsOf: empty)
        }
        #expect(throws: DocumentError(source: "stdin", line: nil, reason: .empty)) {
            _ = try Document(id: "s", data: Data(" \n\t\r\n".utf8), source: "stdin")
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect {
            _ = try Document(contentsOf: URL(fileURLWithPath: "/nonexistent/dir/none.md"))
        } throws: { error in
            guard let error = error as? DocumentError, case .unreadable = error.reason else { return false }
            return error.source == "/nonexistent/dir/none.md"
        }
    }

    @Test func fileIdentifierIsTheNameWithoutExtension() throws {
        let url = try temporaryFile("visit-2024.md", Array("访问。".utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let document = try Document(contentsOf: url)
        #expect(document.id == "visit-2024")
        #expect(document.text == "访问。")
    }

    // MARK: Linear time on hostile input

    @Test func fiveMegabyteSingleLineDocumentIsCleaned() throws {
        let unit = "双方同意加强合作 &amp; <b>交流</b>，"
        let text = String(repeating: unit, count: 5_000_000 / unit.utf8.count)
        let cleanText = try DocumentReader.read(Document(id: "big", text: text))
        let expected = "双方同意加强合作 & 交流，"
        #expect(cleanText.scalars.count == expected.unicodeScalars.count * (5_000_000 / unit.utf8.count))
        #expect(cleanText.string(0..<expected.unicodeScalars.count) == expected)
    }

    @Test func twentyThousandNestedDivsAreCleaned() throws {
        let text = String(repeating: "<div>", count: 20_000) + "核心内容" + String(repeating: "</div>", count: 20_000)
        #expect(try clean(text) == "核心内容\n")
    }

    @Test func unterminatedScriptDropsToTheEnd() throws {
        let tail = String(repeating: "<p>x</p> < y ", count: 100_000)
        #expect(try clean("保留的开头<script" + tail) == "保留的开头")
        #expect(try clean("保留的开头<script>" + tail) == "保留的开头")
    }

    @Test func manyUnterminatedTagsStayText() throws {
        let text = String(repeating: "<a", count: 200_000)
        #expect(try clean(text) == text)
    }

    @Test func manyOpenBracketsAndCommentsStayText() throws {
        let brackets = String(repeating: "[x", count: 100_000) + "](y"
        #expect(try clean(brackets) == brackets)
        let comments = String(repeating: "<!--", count: 100_000)
        #expect(try clean(comments) == comments)
    }

    // MARK: Sentences

    @Test func sentencesSplitOnTerminatorsAndKeepQuotesWhole() throws {
        let cleanText = try DocumentReader.read(Document(
            id: "s", text: "他说：“今天下雨。明天晴！”随后离开。你来吗？我来！（备注。）最后一句"))
        let sentences = SentenceSplitter.split(cleanText).map { cleanText.string($0.range) }
        #expect(sentences == ["他说：“今天下雨。明天晴！”随后离开。", "你来吗？", "我来！", "（备注。）", "最后一句"])
    }

    @Test func closingQuoteAfterTerminatorStaysWithItsSentence() throws {
        // The quote opened on an earlier line, so depth was reset; the closing quote stays.
        let cleanText = try DocumentReader.read(Document(id: "q", text: "“第一行\n会议结束了。”下一句。"))
        let sentences = SentenceSplitter.split(cleanText).map { cleanText.string($0.range) }
        #expect(sentences == ["“第一行", "会议结束了。”", "下一句。"])
    }

    @Test func unbalancedQuoteDoesNotSwallowLaterLines() throws {
        let cleanText = try DocumentReader.read(Document(id: "u", text: "他说：“没有结束。还在说。\n新的一行。又一句。"))
        let sentences = SentenceSplitter.split(cleanText).map { cleanText.string($0.range) }
        #expect(sentences == ["他说：“没有结束。还在说。", "新的一行。", "又一句。"])
    }

    @Test func paragraphsCountNonEmptyLinesAndSentencesAreTrimmed() throws {
        let text = "<p>  第一段第一句。 第一段第二句。</p>\n\n<p> </p>\n第二段。\n\n# 第三段\n"
        let cleanText = try DocumentReader.read(Document(id: "p", text: text))
        let sentences = SentenceSplitter.split(cleanText)
        #expect(sentences.map { cleanText.string($0.range) } == ["第一段第一句。", "第一段第二句。", "第二段。", "第三段"])
        #expect(sentences.map(\.paragraph) == [0, 0, 1, 2])
        #expect(sentences.map(\.index) == [0, 1, 2, 3])
    }

    @Test func sentenceRangesMapBackToTheOriginal() throws {
        let document = Document(id: "r", text: "<p>甲方&amp;乙方会谈。</p><p>&#20013;方表示欢迎！</p>")
        let cleanText = try DocumentReader.read(document)
        let sentences = SentenceSplitter.split(cleanText)
        #expect(sentences.map { original(document, cleanText, $0.range) } == ["甲方&amp;乙方会谈。", "&#20013;方表示欢迎！"])
    }
}

/// The splitter trims sentences with a shortcut for ASCII and CJK; it must
/// agree with Unicode's White_Space everywhere.
@Suite struct SentenceSplitterTests {
    @Test func whitespaceShortcutAgreesWithUnicodeProperties() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if SentenceSplitter.isWhitespace(scalar) != scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16, uppercase: true))")
                return
            }
        }
    }
}
