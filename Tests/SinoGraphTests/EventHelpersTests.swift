import Foundation
import Testing
@testable import SinoGraph

/// The helpers the event rules and the consolidation use in place of
/// strings, sets and dictionaries must answer as what they replace.
@Suite struct EventHelpersTests {
    static let extractor = try! Extractor()

    private func analyzed(_ text: String) throws -> AnalyzedText { try Self.extractor.analyzed(text, id: "w") }

    @Test func wordListsAnswerAsStringComparisons() throws {
        let text = try analyzed("""
            12月5日，双方在北京签署《中俄执法安全合作议定书》和备忘录。两国元首见证了签约，明年将举行会谈。\
            他说，愿同俄方（及其他国家）在反恐、禁毒领域加强合作；她表示：与会各方进行国事访问的安排已定。
            """)
        let literals = ["双方", "两国元首", "元首", "明年", "与", "同", "和", "（", "进行国事访问", "在", "他", "她", "说"]
        let list = WordList(literals)
        for word in text.words {
            #expect(list.matches(word, in: text) == text.reads(word, anyOf: literals), "\(text.folded(word))")
            for literal in literals where literal.unicodeScalars.count == 1 {
                #expect(text.reads(word, scalar: literal.unicodeScalars.first!) == text.reads(word, literal))
            }
        }
        // Occurrence in a span of folded text, as `includes` on its string.
        let nouns = ["协议", "备忘录", "议定书", "安排", "会谈"]
        let found = WordList(nouns)
        for start in 0 ..< text.folded.count {
            for end in start ... min(text.folded.count, start + 12) {
                let folded = text.folded(start ..< end)
                #expect(found.occurs(inFolded: start ..< end, of: text) == nouns.contains(where: folded.includes), "\(folded)")
            }
        }
    }

    @Test func wordSearchesAnswerAsTheWordsOneByOne() throws {
        let text = try analyzed("王小洪在北京会见了俄罗斯内务部长科洛科利采夫，双方未签署《合作协议》的文本。")
        for start in 0 ... text.words.count {
            let range = start ..< min(text.words.count, start + 5)
            for scalar: Unicode.Scalar in ["在", "《", "》", "的", "，", "王"] {
                #expect(text.firstWord(in: range, reading: scalar) == range.first { text.reads(text.words[$0], String(scalar)) })
            }
        }
    }

    /// A meeting of `officials` on `day` (nil: undated).
    private func meeting(_ officials: [String], day: Int?, place: String? = nil, sentence: Int) -> FoundEvent {
        var event = FoundEvent(kind: .meeting, date: day.map { EventDate(year: 2024, month: 6, day: $0) },
                               range: sentence ..< sentence + 1, sentence: sentence)
        event.officials = officials.map { EventOfficial(name: $0, role: .participant) }
        event.place = place
        return event
    }

    /// A pledge between two countries, restating no other event.
    private func pledge(_ a: String, _ b: String, sentence: Int) -> FoundEvent {
        var event = FoundEvent(kind: .pledge, range: sentence ..< sentence + 1, sentence: sentence)
        event.countries = [EventCountry(code: a, role: .party), EventCountry(code: b, role: .party)]
        event.areas = ["counterTerrorism"]
        return event
    }

    private func summary(_ events: [FoundEvent]) -> [String] {
        events.map { event in
            let officials = event.officials.map(\.name).joined(separator: ",")
            let countries = event.countries.map(\.code).joined(separator: ",")
            return "\(event.kind) \(event.sentence) \(event.date?.description ?? "-") \(event.place ?? "-") \(officials) \(countries)"
        }
    }

    /// Long documents go through the bucket table, short ones are compared
    /// directly: both must merge the same restatements into the same events.
    @Test func consolidationMergesAlikeInShortAndLongDocuments() {
        let events = [
            meeting(["王小洪", "科洛科利采夫"], day: nil, sentence: 0),              // headline
            meeting(["科洛科利采夫", "王小洪"], day: 18, place: "北京", sentence: 1),  // the dated report
            meeting(["王小洪", "科洛科利采夫", "王小洪"], day: 18, sentence: 2),       // a restatement
            meeting(["王小洪", "科洛科利采夫"], day: 19, sentence: 3),               // another meeting
            meeting(["王小洪"], day: 18, sentence: 4),
            meeting(["科洛科利采夫", "王小洪"], day: nil, sentence: 5),
        ]
        let short = Extractor.consolidate(events)
        #expect(summary(short) == [
            "meeting 1 2024-06-18 北京 科洛科利采夫,王小洪 ",
            "meeting 3 2024-06-19 - 王小洪,科洛科利采夫 ",
            "meeting 4 2024-06-18 - 王小洪 ",
        ])
        // The same events after distinct pledges that restate nothing.
        let padding = (0 ..< 20).map { pledge("C\($0)", "D\($0)", sentence: 100 + $0) }
        let long = Extractor.consolidate(padding + events)
        #expect(summary(long) == summary(padding) + summary(short))
    }
}
