import Foundation
import Testing
@testable import SinoGraph

/// The recogniser's per-document memory (the chain ends as a bit per word,
/// the candidate forms of repeated names in temporary memory sized from the
/// names, the named countries as a bit set, the agency mentions a chain
/// rebinds found among the mentions) must find what the plain rules find,
/// however many words, officials or countries a document has.
@Suite struct RecognitionSpeed2Tests {
    static let extractor = try! Extractor()

    /// Single surnames of the knowledge (47), one per official below.
    static let surnames = Array("张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜谢邹窦章云苏潘葛范彭郎鲁韦马方")

    /// A chain ends at a title word far into a document: the marks of the
    /// chain ends span several 64-bit words.
    @Test func chainEndsFarIntoTheDocumentAreFound() throws {
        for commas in [0, 63, 64, 65, 130, 200] {
            let text = String(repeating: "，", count: commas) + "公安部部长张三丰出席会议。"
            let (recognition, _) = try Self.extractor.recognized(text)
            let record = try #require(recognition.officials["张三丰"], "\(commas) commas")
            #expect(record.titles.contains("公安部部长"), "\(commas) commas")
        }
    }

    /// However many officials a document names (more than the room for
    /// their forms on the stack, too), each name given with a title is
    /// found again bare, every time it is written.
    @Test func everyOfficialIsFoundAgainBare() throws {
        for count in [1, 8, 20, Self.surnames.count] {
            let names = Self.surnames.prefix(count).map { "\($0)三丰" }
            let titled = names.map { "公安部部长\($0)出席会议。" }.joined()
            let bare = names.reversed().map { "\($0)表示欢迎。" }.joined()
            let (recognition, analyzed) = try Self.extractor.recognized(titled + bare)
            #expect(recognition.officials.count == count, "\(count) officials")
            for name in names {
                let found = recognition.mentions.filter { $0.kind == .official && $0.key == name }.map(\.range.lowerBound)
                #expect(found == analyzed.offsets(of: name), "\(name) of \(count)")
                #expect(found.count == 2, "\(name) of \(count)")
            }
        }
    }

    /// A run of abbreviations names the countries it abbreviates, each
    /// word its own; a shared abbreviation (乌: UA, UG, UY, UZ) means the
    /// one the document names, and none when it names none of them.
    @Test func runsOfAbbreviationsNameTheirCountries() throws {
        let codes = { (text: String) throws -> [String] in
            try Self.extractor.recognized(text).0.mentions.filter { $0.kind == .country }.map(\.key)
        }
        #expect(try codes("中俄双方签署协议。") == ["CN", "RU"])
        #expect(try codes("乌克兰总统出席。中乌双方签署协议。") == ["UA", "CN", "UA"])
        #expect(try codes("中乌双方签署协议。乌兹别克斯坦总统出席。") == ["CN", "UZ", "UZ"])
    }

    /// Every agency a record binds (the chain decides its country) is an
    /// agency mention of the same name and country; no two agency mentions
    /// share a range; mentions are in the order of their ranges. Over the
    /// fixtures' documents, where chains rebind agencies the first pass found.
    @Test func chainsRebindTheAgencyMentions() throws {
        var bound = 0
        for document in try fixtureDocuments() {
            let analyzed = try Self.extractor.analyzed(document.text, id: document.id)
            let recognition = EntityRecognizer(knowledge: Self.extractor.knowledge, text: analyzed).recognize()
            let agencies = recognition.mentions.filter { $0.kind == .agency }
            #expect(Set(agencies.map(\.range.lowerBound)).count == agencies.count, "\(document.id)")
            let ranges = recognition.mentions.map(\.range)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { a, b in
                a.lowerBound != b.lowerBound ? a.lowerBound < b.lowerBound : a.upperBound <= b.upperBound
            }, "\(document.id)")
            for record in recognition.officials.values {
                for binding in record.bindings {
                    guard let agency = binding.agency else { continue }
                    bound += 1
                    #expect(agencies.contains { $0.key == agency.name && $0.country == agency.country },
                            "\(document.id): \(agency.name) \(agency.country ?? "-")")
                }
            }
        }
        #expect(bound > 0)
    }
}
