import Foundation
import Testing
import SinoTokenizer

@Suite struct DictionaryTests {
    @Test func jiebaFormatLinesGiveFrequencyTagAndPayload() throws {
        var builder = LexiconBuilder()
        try builder.addDictionary("""
            # comment
            会见 120 v
            公安部 nt agency:mps

            王小洪
            习近平 30
            """, source: "inline")
        let lexicon = builder.build()
        #expect(lexicon.count == 4)
        #expect(lexicon.entries(for: "会见").first == Lexicon.Entry(word: "会见", tag: "v", frequency: 120))
        #expect(lexicon.entries(for: "公安部").first?.payload == "agency:mps")
        #expect(lexicon.entries(for: "习近平").first?.frequency == 30)
        #expect(lexicon.entries(for: "王小洪").first?.tag == nil)
    }

    @Test func badFrequencyNamesTheLine() {
        var builder = LexiconBuilder()
        #expect(throws: LexiconError(source: "user.dict", line: 3, reason: .badFrequency("12x"))) {
            try builder.addDictionary("会见 1 v\n\n公安部 12x nt\n", source: "user.dict")
        }
        #expect(builder.entryCount == 0)  // nothing from a bad file is added
    }

    @Test func tooManyFieldsAndOverlongWordsAreErrors() {
        var builder = LexiconBuilder()
        #expect(throws: LexiconError(source: "d", line: 1, reason: .tooManyFields(5))) {
            try builder.addDictionary("会见 1 v x y", source: "d")
        }
        let long = String(repeating: "长", count: 10_000)
        do {
            try builder.addDictionary("好\n\(long) 3\n", source: "big.dict")
            Issue.record("a 10,000-character word must be refused")
        } catch let error as LexiconError {
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("big.dict:2:"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func invalidUTF8AndBinaryFilesAreNamedErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sinotok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.dict")
        try Data("会见 1 v\n公安".utf8 + [0xFF, 0xFE] + Data("\n".utf8)).write(to: bad)
        var builder = LexiconBuilder()
        do {
            try builder.addDictionary(at: bad)
            Issue.record("invalid UTF-8 must be refused")
        } catch let error as LexiconError {
            #expect(error.source == bad.path)
            #expect(error.line == 2)
            #expect(error.reason == .invalidUTF8(offset: 17))
        }
        let binary = directory.appendingPathComponent("binary.dict")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: binary)
        #expect(throws: LexiconError(source: binary.path, line: 1, reason: .binary)) {
            try builder.addDictionary(at: binary)
        }
        let missing = directory.appendingPathComponent("missing.dict")
        #expect(throws: LexiconError.self) { try builder.addDictionary(at: missing) }
        let empty = directory.appendingPathComponent("empty.dict")
        try Data().write(to: empty)
        try builder.addDictionary(at: empty)
        #expect(builder.build().count == 0)
    }

    @Test func builderFromLexiconAddsWordsWithoutChangingTheOriginal() {
        var builder = LexiconBuilder()
        builder.add("会见")
        let first = builder.build()
        var more = LexiconBuilder(first)
        more.add("会谈")
        let second = more.build()
        #expect(!first.contains("会谈"))
        #expect(second.contains("会谈") && second.contains("会见"))
    }

    @Test func duplicateEntriesCollapseButDistinctTagsStay() {
        var builder = LexiconBuilder()
        builder.add("乌", tag: "abbreviation", payload: "UZ")
        builder.add("乌", tag: "abbreviation", payload: "UA")
        builder.add("乌", tag: "abbreviation", payload: "UZ")
        let lexicon = builder.build()
        #expect(lexicon.entries(for: "乌").map(\.payload) == ["UZ", "UA"])
    }
}
