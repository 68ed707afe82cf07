import Foundation
import SinoTokenizer
import Testing
@testable import SinoGraph

/// The event rules' shortcuts (titles simplified from the folded text,
/// characters counted as scalars, visits split as they are found, literals
/// searched word by word) must answer as what they replace.
@Suite struct EventsRulesTests {
    static let extractor = try! Extractor()

    /// The events the rules find in `text`, before consolidation.
    private func found(_ text: String) throws -> [FoundEvent] {
        let knowledge = Self.extractor.knowledge
        let analyzed = try Self.extractor.analyzed(text, id: "r")
        let recognition = EntityRecognizer(knowledge: knowledge, text: analyzed).recognize()
        let dates = DateResolver(frontMatterDate: analyzed.clean.frontMatter?.date)
        return EventExtractor(knowledge: knowledge, text: analyzed, recognition: recognition, dates: dates).extract()
    }

    @Test func agreementTitlesAreSimplifiedAsNormalizationDoes() throws {
        let titles = [
            "中俄执法安全合作议定书",        // simplified already
            "中俄執法安全合作議定書",        // traditional
            "關於打擊跨國犯罪（２０２４）的協定",  // traditional with full-width forms
            "打击犯罪合作备忘录（２０２４）",      // full-width forms only
        ]
        for title in titles {
            let events = try found("12月5日，双方在北京签署《\(title)》。")
            let agreement = try #require(events.first { $0.kind == .agreement }, "\(title)")
            #expect(agreement.title == Normalization.traditionalToSimplified.apply(to: title))
        }
    }

    @Test func namedConferencesCountCharactersAsCharacters() {
        let titles = ["上合组织", "上合组织成员国", "执法会议", "会议", "第三次执法安全工作会议", "执法安全工作会议",
                      "上述会议", "e\u{301}e\u{301}e\u{301}e\u{301}", "e\u{301}e\u{301}e\u{301}", "中俄\u{301}会", "中俄会议"]
        for title in titles {
            // The rule as it reads before its shortcut: no generic opening,
            // no bare working meeting, four characters at least.
            let generic = EventExtractor.genericConferenceOpenings.contains { title.hasPrefix($0) }
                || (title.hasSuffix("工作会议") && !title.contains("第"))
            #expect(EventExtractor.isNamedConference(title) == (!generic && title.count >= 4), "\(title)")
        }
    }

    @Test func successiveStopsAreOneVisitEachInOrder() throws {
        let events = try found("11月24日，王小洪先后访问乌兹别克斯坦、哈萨克斯坦。")
        let visits = events.filter { $0.kind == .visit }
        #expect(visits.map { $0.countries.map(\.code) } == visits.indices.map { [visits[$0].countries[0].code] })
        #expect(visits.count >= 2)
        #expect(Set(visits.map { $0.date?.description ?? "-" }).count == 1)
    }

    @Test func wordSearchesForLiteralsAnswerAsOccurrenceWordByWord() throws {
        let text = try Self.extractor.analyzed("双方举行视频会晤，两国元首见证了签约；会见视 频连线。", id: "w")
        for list in [WordList(["视频"]), WordList(["见证"]), WordList(["签约", "会晤", "视"])] {
            for start in 0 ... text.words.count {
                for end in start ... min(text.words.count, start + 6) {
                    let byWord = (start ..< end).first { list.occurs(inFolded: text.words[$0].range, of: text) }
                    #expect(list.firstWord(in: start ..< end, containingOneIn: text) == byWord)
                }
            }
        }
    }
}
