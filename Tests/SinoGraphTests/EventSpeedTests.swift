import Foundation
import SinoEvaluation
import SinoTokenizer
import Testing
@testable import SinoGraph

/// The event stage's shortcuts (trigger meanings read once from the
/// lexicon, dates passed over four scalars at a time, literals found by a
/// pass over scalars, strings judged by their bytes) must answer as what
/// they replace.
@Suite struct EventSpeedTests {
    static let extractor = try! Extractor()
    static let root = packageRoot

    /// The events of `analyzed` before consolidation, with or without the
    /// extractor's table of trigger meanings.
    private func found(_ analyzed: AnalyzedText, table: Bool) -> [FoundEvent] {
        let knowledge = Self.extractor.knowledge
        let recognition = EntityRecognizer(knowledge: knowledge, text: analyzed).recognize()
        let dates = DateResolver(frontMatterDate: analyzed.clean.frontMatter?.date)
        return EventExtractor(knowledge: knowledge, text: analyzed, recognition: recognition, dates: dates,
                              triggerMeanings: table ? Self.extractor.triggerMeanings : nil).extract()
    }

    /// Everything the graph builder reads of an event, as text.
    private func summary(_ event: FoundEvent) -> String {
        let officials = event.officials.map { "\($0.name)/\($0.role)" }.joined(separator: ",")
        let countries = event.countries.map { "\($0.code)/\($0.role)" }.joined(separator: ",")
        return [
            "\(event.kind)", "\(event.status)", event.date?.description ?? "-", event.endDate?.description ?? "-",
            event.place ?? "-", event.mode.map { "\($0)" } ?? "-", officials, countries,
            event.areas.sorted().joined(separator: ","), event.title ?? "-", "\(event.range)", "\(event.sentence)",
            "\(event.fromPreviousMeeting)",
        ].joined(separator: "|")
    }

    @Test func triggerMeaningsFromTheTableAreThoseOfThePayloads() throws {
        let directory = Self.root.appendingPathComponent("Fixtures/documents")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
        #expect(!files.isEmpty)
        var total = 0
        for file in files {
            let document = try Document(contentsOf: file)
            let analyzed = try Self.extractor.analyzed(document.text, id: document.id)
            let byTable = found(analyzed, table: true).map(summary)
            #expect(byTable == found(analyzed, table: false).map(summary), "\(file.lastPathComponent)")
            total += byTable.count
        }
        #expect(total > 0)
    }

    @Test func dateStartsAreFoundAtEveryPositionOfAGroupOfFour() throws {
        let resolver = DateResolver(frontMatterDate: "2024-12-10")
        let expressions = ["2024年11月30日", "11月24日至26日", "今年5月20日", "去年11月8日", "１２月５日", " 6月2日",
                           "2023年", "12月5日-7日", "3月", "明年1月"]
        for expression in expressions {
            let alone = Array(expression.unicodeScalars)
            let expected = resolver.dates(in: alone, range: 0 ..< alone.count)
            // Before it, 0 to 8 scalars no date starts at (Chinese text, a
            // letter, a full-width colon); after it, text again.
            for count in 0 ... 8 {
                let before = Array("会谈举行双方表示a：".unicodeScalars.prefix(count))
                let scalars = before + alone + Array("会见。".unicodeScalars)
                let dates = resolver.dates(in: scalars, range: 0 ..< scalars.count)
                #expect(dates.map(\.date) == expected.map(\.date), "\(expression) after \(count)")
                #expect(dates.map(\.end) == expected.map(\.end), "\(expression) after \(count)")
                #expect(dates.map(\.range) == expected.map { ($0.range.lowerBound + count) ..< ($0.range.upperBound + count) },
                        "\(expression) after \(count)")
            }
        }
    }

    @Test func frontMatterDateHeadsAreTheirFirstTenCharacters() {
        let raws = ["2024-11-30", "2024-12-08T09:40:12.000Z", "2024-11", "", "2024-11-3\r\nx", "2024-11-30\u{301}",
                    "2024-11-3e\u{301}", "２０２４-11-30", "2024-11-30 ", "12345678901234"]
        for raw in raws {
            #expect(DateResolver.firstTenCharacters(of: raw) == String(raw.prefix(10)), "\(raw.debugDescription)")
        }
        #expect(DateResolver(frontMatterDate: "2024-12-08T09:40:12.000Z").documentDate?.description == "2024-12-08")
    }

    @Test func titleLengthsCountCharacters() {
        for title in ["中越打击跨境电信诈骗合作谅解备忘录", "G20峰会", "e\u{301}会议", "上合组织\r\n会议", "会议🇨🇳", ""] {
            #expect(Extractor.characterCount(title) == title.count, "\(title.debugDescription)")
        }
    }

    @Test func endScalarsAreTheFirstAndLastScalars() {
        for string in ["《协定》", "a", "会议 ", "🇨🇳会议", "会e\u{301}"] {
            let ends = EventExtractor.endScalars(of: string)
            #expect(ends?.first == string.unicodeScalars.first && ends?.last == string.unicodeScalars.last)
        }
        #expect(EventExtractor.endScalars(of: "") == nil)
    }

    @Test func wordsReadingALiteralAreFoundAsWordByWord() throws {
        let text = try Self.extractor.analyzed("他受到习近平的接见，两国元首、双方元首与两人见证签约；受到。", id: "l")
        for list in [WordList(["受到"]), WordList(["双方", "两国", "两国元首", "双方元首", "元首", "两人", "二人"]), WordList(["，", "；"])] {
            for start in 0 ... text.words.count {
                for end in start ... min(text.words.count, start + 8) {
                    let byWord = (start ..< end).first { text.reads(text.words[$0], anyOf: list) }
                    #expect(list.firstWord(in: start ..< end, readingOneIn: text) == byWord)
                }
            }
        }
    }

    @Test func declarationKindsEndTitlesAsTheirStringsDo() throws {
        let text = try Self.extractor.analyzed("《联合声明》《中俄联合宣言》《公报》《声明书》", id: "d")
        let kinds = ["声明", "宣言", "公报"]
        let list = WordList(kinds)
        for start in 0 ... text.scalars.count {
            for end in start ... text.scalars.count {
                let string = text.string(start ..< end)
                #expect(list.endsAny(start ..< end, of: text) == kinds.contains(where: string.ends(with:)))
            }
        }
    }

    @Test func headlineConferenceNamesDropEveryNumeral() {
        #expect(Extractor.bareConferenceName("第一〇届论坛") == "论坛")
        #expect(Extractor.bareConferenceName("第二百零三次会议") == "会议")
        #expect(Extractor.bareConferenceName("上合组织会议") == "上合组织会议")
        #expect(Extractor.bareConferenceName("第x届会议") == "第x届会议")
        #expect(Extractor.bareConferenceName("2024年第3次会议年") == "会议年")
    }

    @Test func sentencesWithoutTheirOfficialsMakeNoMeeting() throws {
        let one = try Self.extractor.analyzed("12月5日，王小洪在北京会见了来访的代表团。", id: "o1")
        #expect(found(one, table: true).allSatisfy { $0.kind != .meeting })
        let two = try Self.extractor.analyzed("12月5日，国务委员、公安部部长王小洪在北京会见了俄罗斯内务部长科洛科利采夫。", id: "o2")
        let meetings = found(two, table: true).filter { $0.kind == .meeting }
        #expect(meetings.count == 1 && meetings.first?.officials.count == 2)
    }
}

/// An event's areas are a small sorted array, not a set: it must hold what
/// a `Set` holds, in the order `sorted()` gives, through inserts and unions.
@Suite struct AreaKeysTests {
    @Test func areaKeysHoldWhatASetHolds() {
        let pool = ["cybersecurity", "telecomFraud", "counterTerrorism", "a", "", "b", "counterNarcotics",
                    "caf\u{E9}", "cafe\u{301}", "合作", "安全"]
        var random = SplitMix64(seed: 21)
        for _ in 0 ..< 200 {
            var keys = AreaKeys(), set = Set<String>()
            var other = AreaKeys(), otherSet = Set<String>()
            for _ in 0 ..< Int(random.next() % 8) {
                let key = pool[Int(random.next() % UInt64(pool.count))]
                keys.insert(key)
                set.insert(key)
            }
            for _ in 0 ..< Int(random.next() % 4) {
                let key = pool[Int(random.next() % UInt64(pool.count))]
                other.insert(key)
                otherSet.insert(key)
            }
            keys.formUnion(other)
            set.formUnion(otherSet)
            #expect(keys.sorted() == set.sorted())
            #expect(keys.count == set.count)
            #expect(Array(keys) == set.sorted())
        }
        #expect(AreaKeys(arrayLiteral: "b", "a", "b").sorted() == ["a", "b"])
    }
}
