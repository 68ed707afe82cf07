import Testing
import SinoEvaluation

@Suite struct SegmentationScoreTests {
    @Test func spansAreComparedAcrossLineBreaksAndOOVIsCounted() throws {
        let gold: [[Substring]] = [["公安部", "部长"], ["会见", "王小洪"]]
        // The test moves a line break and splits one word.
        let test: [[Substring]] = [["公安部"], ["部长", "会见", "王", "小洪"]]
        let score = try SegmentationScore.score(test: test, gold: gold, vocabulary: ["公安部", "部长", "会见"])
        #expect(score.goldWords == 4)
        #expect(score.testWords == 5)
        #expect(score.correctWords == 3)
        #expect(abs(score.precision - 0.6) < 1e-9)
        #expect(abs(score.recall - 0.75) < 1e-9)
        #expect(score.goldOOV == 1 && score.correctOOV == 0)
    }

    @Test func differentTextIsAnError() {
        #expect(throws: SegmentationScore.Mismatch.self) {
            try SegmentationScore.score(test: [["甲"]], gold: [["乙"]], vocabulary: [])
        }
    }
}
