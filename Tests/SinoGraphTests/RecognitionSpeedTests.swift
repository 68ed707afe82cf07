import Testing
@testable import SinoGraph

/// The recogniser's shortcuts for speed (the repeated-name scan that reads
/// every other scalar, entry rows in place of name lookups) must find what
/// the plain rules find.
@Suite struct RecognitionSpeedTests {
    static let extractor = try! Extractor()

    /// Commas that shift what follows by `count` scalars: the bare name
    /// falls on odd and even positions alike.
    private func filler(_ count: Int) -> String { String(repeating: "，", count: count) }

    /// A name given with a title is found again bare, wherever it falls.
    @Test func repeatedNameIsFoundAtEveryParity() throws {
        for shift in 0 ..< 4 {
            let text = "公安部部长张三丰出席会议。\(filler(shift))张三丰表示欢迎。"
            let (recognition, analyzed) = try Self.extractor.recognized(text)
            let found = recognition.mentions.filter { $0.kind == .official && $0.key == "张三丰" }.map(\.range.lowerBound)
            #expect(found == analyzed.offsets(of: "张三丰"), "shift \(shift)")
            #expect(found.count == 2, "shift \(shift)")
        }
    }

    /// A transliterated name written again with another separator is the
    /// same official, and the form as written becomes an alias.
    @Test func separatorVariantIsFoundAtEveryParity() throws {
        for shift in 0 ..< 4 {
            let text = "古巴国家主席迪亚斯·卡内尔发表讲话。\(filler(shift))迪亚斯-卡内尔表示欢迎。"
            let (recognition, analyzed) = try Self.extractor.recognized(text)
            let found = recognition.mentions.filter { $0.kind == .official && $0.key == "迪亚斯·卡内尔" }
            #expect(found.map(\.range.lowerBound)
                == (analyzed.offsets(of: "迪亚斯·卡内尔") + analyzed.offsets(of: "迪亚斯-卡内尔")).sorted(),
                "shift \(shift)")
            let record = try #require(recognition.officials["迪亚斯·卡内尔"])
            #expect(record.aliases.contains("迪亚斯-卡内尔"), "shift \(shift)")
        }
    }

    /// The family name of a transliterated name, alone, is the same official.
    @Test func familyNameIsFoundAtEveryParity() throws {
        for shift in 0 ..< 4 {
            let text = "外交部长乌鲁克别克·托克托古洛夫出席会议。\(filler(shift))托克托古洛夫表示欢迎。"
            let (recognition, analyzed) = try Self.extractor.recognized(text)
            let name = "乌鲁克别克·托克托古洛夫"
            let found = recognition.mentions.filter { $0.kind == .official && $0.key == name }.map(\.range.lowerBound)
            let full = analyzed.offsets(of: name)
            // The family name inside the full name is the full name's mention, not one of its own.
            let bare = analyzed.offsets(of: "托克托古洛夫").filter { at in !full.contains { $0 < at && at < $0 + 12 } }
            #expect(found == (full + bare).sorted(), "shift \(shift)")
            let record = try #require(recognition.officials[name])
            #expect(record.aliases.contains("托克托古洛夫"), "shift \(shift)")
        }
    }

    /// Every entry row the knowledge keeps names the entry's payload in the
    /// table of its tag, as a lookup by the payload's name finds it.
    @Test func entryRowsAreTheTablesRows() throws {
        let knowledge = Self.extractor.knowledge
        let entries = knowledge.lexicon.allEntries
        let rows = knowledge.entryRows
        #expect(rows.count == entries.count)
        var checked = 0
        for (index, entry) in entries.enumerated() {
            guard let payload = entry.payload else {
                #expect(rows[index] == -1)
                continue
            }
            let row = rows[index] >= 0 ? Int(rows[index]) : nil
            switch entry.tag {
            case Vocabulary.Tag.agency?: #expect(row.map { knowledge.agencies[row: $0].name } == knowledge.agencies[payload]?.name)
            case Vocabulary.Tag.official?: #expect(row.map { knowledge.officials[row: $0].name } == knowledge.officials[payload]?.name)
            case Vocabulary.Tag.place?: #expect(row.map { knowledge.places[$0].name } == knowledge.places[payload]?.name)
            case Vocabulary.Tag.title?: #expect(row.map { knowledge.titles[row: $0].title } == knowledge.titles[payload]?.title)
            case Vocabulary.Tag.country?, Vocabulary.Tag.abbreviation?, Vocabulary.Tag.side?:
                #expect(row.map { knowledge.countries.values[$0].code } == knowledge.countries[payload]?.code)
            default:
                #expect(row == nil)
                continue
            }
            checked += 1
        }
        #expect(checked > 100)
    }
}
