import Testing
@testable import SinoGraph

@Suite struct SameTextTests {
    @Test func agreesWithStringEquality() {
        let samples = [
            "", "a", "ab", "王小洪", "王小洪表示", "乌鲁克别克·托克托古洛夫", "部长", "国务委员",
            "e\u{301}", "\u{E9}", "Díaz-Canel", "Di\u{301}az-Canel", "\u{F900}", "\u{8C48}", "K", "\u{212A}",
            "A\u{30A}", "\u{C5}", "\u{212B}",
        ]
        for a in samples {
            for b in samples {
                #expect(a.isSameText(as: b) == (a == b), "\(a) vs \(b)")
            }
        }
    }

    @Test func inertText() {
        #expect("王小洪".isNormalizationInert)
        #expect("Putin·普京".isNormalizationInert)
        #expect(!"e\u{301}".isNormalizationInert)
        #expect(!"\u{F900}".isNormalizationInert)
    }
}
