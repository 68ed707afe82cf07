import SinoEvaluation
import Testing
@testable import SinoGraph

/// The recogniser's own shortcuts must answer as the general code would.
@Suite struct RecognitionInternalsTests {
    /// `sortByRange` is the stable sort of the mentions by range, whether
    /// the mentions come nearly in order (the insertion sort) or scrambled
    /// (past its budget, the general sort).
    @Test func sortByRangeIsTheStableSortByRange() {
        var random = SplitMix64(seed: 29)
        for trial in 0 ..< 200 {
            let count = Int(random.next() % 120)
            var mentions: [Mention] = (0 ..< count).map { index in
                let lower = trial % 2 == 0 ? index / 2 : Int(random.next() % 40)
                let upper = lower + Int(random.next() % 3)
                // The key tells apart mentions of equal ranges.
                return Mention(kind: .country, key: "m\(index)", range: lower ..< upper)
            }
            // A few mentions added after the rest, as the later passes add officials.
            for index in 0 ..< Int(random.next() % 6) {
                let lower = Int(random.next() % UInt64(count / 2 + 1))
                mentions.append(Mention(kind: .official, key: "王\(index)", range: lower ..< lower + 2))
            }
            let expected = mentions.enumerated().sorted { a, b in
                let x = a.element.range, y = b.element.range
                if x.lowerBound != y.lowerBound { return x.lowerBound < y.lowerBound }
                if x.upperBound != y.upperBound { return x.upperBound < y.upperBound }
                return a.offset < b.offset
            }.map(\.element.key)
            mentions.sortByRange()
            #expect(mentions.map(\.key) == expected)
        }
    }

    /// With a prefix known to be in order (the first pass's mentions),
    /// `sortByRange` still sorts as the stable sort of all of them.
    @Test func sortByRangeAfterASortedPrefix() {
        var random = SplitMix64(seed: 37)
        func stableOrder(_ mentions: [Mention]) -> [Mention] {
            mentions.enumerated().sorted { a, b in
                let x = a.element.range, y = b.element.range
                if x.lowerBound != y.lowerBound { return x.lowerBound < y.lowerBound }
                if x.upperBound != y.upperBound { return x.upperBound < y.upperBound }
                return a.offset < b.offset
            }.map(\.element)
        }
        for _ in 0 ..< 200 {
            let count = Int(random.next() % 80)
            let prefix = stableOrder((0 ..< count).map { index in
                let lower = Int(random.next() % 60)
                return Mention(kind: .place, key: "p\(index)", range: lower ..< lower + Int(random.next() % 3))
            })
            var mentions = prefix
            for index in 0 ..< Int(random.next() % 8) {
                let lower = Int(random.next() % 60)
                mentions.append(Mention(kind: .official, key: "王\(index)", range: lower ..< lower + 2))
            }
            let expected = stableOrder(mentions).map(\.key)
            mentions.sortByRange(sortedPrefix: prefix.count)
            #expect(mentions.map(\.key) == expected)
        }
    }

    /// `isSurname` answers as `surnames.contains` on the string of the
    /// scalars, also for text that normalization changes.
    @Test func isSurnameIsSetMembership() throws {
        let builtIn = try KnowledgeBase.builtIn()
        // 金 as a CJK compatibility ideograph, and 金 with a combining mark: one character each.
        let extended = try builtIn.adding(.surnames, text: "金\u{301}\n")
        for knowledge in [builtIn, extended] {
            for surname in knowledge.surnames {
                #expect(knowledge.isSurname(Array(surname.unicodeScalars)[...]))
            }
            var random = SplitMix64(seed: 31)
            var probes: [[Unicode.Scalar]] = [["\u{F90A}"], ["金", "\u{301}"], ["司", "马"], ["王"], ["a"], ["·"]]
            for _ in 0 ..< 2000 {
                let length = Int(random.next() % 2) + 1
                probes.append((0 ..< length).map { _ in Unicode.Scalar(0x4E00 + UInt32(random.next() % 0x5200))! })
            }
            for probe in probes {
                let string = String(String.UnicodeScalarView(probe))
                #expect(knowledge.isSurname(probe[...]) == knowledge.surnames.contains(string), "\(string)")
            }
        }
        #expect(builtIn.isSurname(["\u{F90A}"]) == builtIn.surnames.contains("金"))
    }

    /// `listedOfficial` answers as the lexicon's first `official` entry
    /// for the form, for every word of the lexicon and for other text.
    @Test func listedOfficialIsTheLexiconsFirstOfficialEntry() throws {
        let builtIn = try KnowledgeBase.builtIn()
        // Two officials sharing an alias: the lexicon adds officials in name
        // order (丁 U+4E01 before 丙 U+4E19) and lists the first added first.
        let shared = try builtIn.adding(.officials, text: "甲乙丙\tCN\t-\t共名\t-\n甲乙丁\tCN\t-\t共名\t-\n")
        for knowledge in [builtIn, shared] {
            func expected(_ form: String) -> String? {
                knowledge.lexicon.entries(for: form).first { $0.tag == Vocabulary.Tag.official }?.payload
            }
            var forms = knowledge.lexicon.allEntries.map(\.word)
            forms += ["共名", "习近平主席", "迪亚斯-卡内尔", "", "a"]
            for form in forms {
                #expect(knowledge.listedOfficial(form) == expected(form), "\(form)")
            }
        }
        #expect(shared.listedOfficial("共名") == "甲乙丁")
    }
}
