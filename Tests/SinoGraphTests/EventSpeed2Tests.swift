import Foundation
import Testing
@testable import SinoGraph

/// The shortcuts of the event rules and of the consolidation must answer
/// as the plain ways they replace: titles sliced from the original text,
/// countries read through a mention's record, keys compared by their bits,
/// length or bytes, restatements taken out of the list when merged.
@Suite struct EventSpeed2Tests {
    static let extractor = try! Extractor()

    private func extract(_ text: String) throws -> Extraction {
        try Self.extractor.extract(Document(id: "t", text: text))
    }

    private func titles(_ text: String) throws -> [String] {
        try extract(text).graph.events.compactMap(\.title)
    }

    /// A string with the bytes of `string` in storage of its own (not the
    /// literal's, nor a small string when it is longer than 15 bytes).
    private func copy(_ string: String) -> String {
        String(decoding: Array(string.utf8), as: UTF8.self)
    }

    /// A title in a sentence the original holds verbatim is sliced from the
    /// original, at the UTF-8 offset of the scalars before it in the
    /// sentence (one to four bytes each); the same sentence with markup in
    /// it, or a quotation mark dropped inside the title, is read as before,
    /// from the analysed scalars. Both must give the same titles.
    @Test func titlesAreTheWrittenTextWhereverTheSentenceComesFrom() throws {
        let title = "中俄执法安全合作议定书"
        let prefixes = ["12月5日，双方", "12月5日，Díaz-Canel 与王小洪 👍 见证双方", "据 Reuters 报道，中俄双方"]
        for prefix in prefixes {
            let verbatim = try titles(prefix + "签署了《\(title)》。")
            #expect(verbatim == [title], "\(prefix)")
            #expect(try titles("<p>" + prefix + "<b>签署</b>了《\(title)》。</p>") == verbatim, "\(prefix)")
            #expect(try titles(prefix + "签署了《中俄执法“安全”合作议定书》。") == verbatim, "\(prefix)")
        }
        // Not only Chinese characters in the title itself.
        let mixed = "中古Díaz-Canel合作备忘录"
        #expect(try titles("12月3日，双方签署了《\(mixed)》。") == [mixed])
        #expect(try titles("<p>12月3日，双方<i>签署</i>了《\(mixed)》。</p>") == [mixed])

        // A conference's name and a collective meeting's guests, the same
        // verbatim or not.
        for text in ["9月10日，公安部副部长周振邦在北京出席第三届国际执法合作论坛并作主旨发言。",
                     "12月5日，托卡耶夫集体会见了前来出席会议的各国代表团团长。"] {
            let plain = try titles(text)
            let marked = try titles("<p>" + text.replacingOccurrences(of: "，", with: "，<b></b>") + "</p>")
            #expect(plain == marked, "\(text)")
        }
        #expect(try titles("9月10日，公安部副部长周振邦在北京出席第三届国际执法合作论坛并作主旨发言。") == ["第三届国际执法合作论坛"])
    }

    /// The visitor's own country is no destination, and the signers'
    /// countries are the parties: both read through the record each
    /// official's mention names.
    @Test func officialsCountriesComeFromTheirRecords() throws {
        let visit = try extract("---\ndate: 2024-06-20\n---\n6月18日，俄罗斯内务部长科洛科利采夫访问中国和俄罗斯。")
        #expect(visit.facts.visits.map(\.destination) == ["CN"])
        let signed = try extract("---\ndate: 2024-12-08\n---\n12月3日，王小洪与俄罗斯内务部长科洛科利采夫签署了《中俄执法安全合作议定书》。")
        #expect(signed.facts.agreements.first?.parties == ["CN", "RU"])
    }

    @Test func keysAreTheSameExactlyWhenTheirBytesAre() {
        typealias Keys = Extractor.EventKeys
        let long = "古共中央第一书记迪亚斯·卡内尔"
        #expect(long.utf8.count > 15)
        #expect(Keys.sameKey(long, long))
        #expect(Keys.sameKey(long, copy(long)))
        #expect(Keys.sameKey("王小洪", copy("王小洪")))
        #expect(!Keys.sameKey("王小洪", "王小红"))
        #expect(!Keys.sameKey("王小洪", "王小洪洪"))
        #expect(!Keys.sameKey(long, copy(long + "。")))
        #expect(!Keys.sameKey(copy(long), String(long.dropLast()) + "洪"))
    }

    /// Restatements merge by their officials and countries as sets of byte
    /// strings, whatever storage each name has; the merged one is taken
    /// out of the list, and the lead keeps what it had and gains the rest.
    @Test func consolidationComparesNamesByTheirBytes() {
        let a = "古共中央第一书记迪亚斯·卡内尔", b = "王小洪"
        func meeting(_ officials: [String], day: Int?, place: String? = nil, sentence: Int) -> FoundEvent {
            var event = FoundEvent(kind: .meeting, date: day.map { EventDate(year: 2024, month: 6, day: $0) },
                                   range: sentence ..< sentence + 1, sentence: sentence)
            event.officials = officials.map { EventOfficial(name: $0, role: .participant) }
            event.place = place
            return event
        }
        func visit(_ visitor: String, to codes: [String], sentence: Int) -> FoundEvent {
            FoundEvent(kind: .visit, officials: [EventOfficial(name: visitor, role: .visitor)],
                       countries: codes.map { EventCountry(code: $0, role: .destination) },
                       range: sentence ..< sentence + 1, sentence: sentence)
        }
        let events = [
            meeting([a, b], day: nil, place: "北京", sentence: 0),
            meeting([copy(b), copy(a)], day: 18, sentence: 1),
            meeting([copy(a)], day: 18, sentence: 2),
            visit(a, to: ["CN"], sentence: 3),
            visit(copy(a), to: [copy("CN")], sentence: 4),
            visit(copy(a), to: ["RU"], sentence: 5),
        ]
        let merged = Extractor.consolidate(events)
        #expect(merged.map(\.sentence) == [1, 2, 3, 5])
        #expect(merged[0].date == EventDate(year: 2024, month: 6, day: 18))
        #expect(merged[0].place == "北京")
        #expect(merged[0].officials.map(\.name) == [b, a])
        #expect(merged[2].countries.map(\.code) == ["CN"])
    }

    /// Area keys of their own storage are the keys a set would hold, in order.
    @Test func areaKeysOfAnyStorageHoldWhatASetHolds() {
        let keys = ["transnationalCrime", "counterTerrorism", "cybersecurity", "counterNarcotics", "lawEnforcementCooperation"]
        var areas = AreaKeys(), set = Set<String>()
        for (index, key) in (keys + keys.reversed().map(copy) + keys).enumerated() {
            areas.insert(index % 2 == 0 ? key : copy(key))
            set.insert(key)
            #expect(areas.sorted() == set.sorted())
        }
        var other = AreaKeys(minimumCapacity: 2)
        other.insert(copy("zeta"))
        other.insert("alpha")
        areas.formUnion(other)
        #expect(areas.sorted() == set.union(["zeta", "alpha"]).sorted())
    }
}
