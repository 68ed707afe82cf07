import Foundation
import Testing
import SinoEvaluation
@testable import SinoGraph

/// The accuracy bars of the entity and event issues, on the gold fixtures:
/// a change that costs accuracy fails here with the differences listed.
@Suite struct FixtureAccuracyTests {
    static let root = packageRoot

    static func score() throws -> (FactsScore, [String]) {
        let extractor = try Extractor()
        let goldDirectory = root.appendingPathComponent("Fixtures/gold")
        let documents = try FileManager.default.contentsOfDirectory(
            at: root.appendingPathComponent("Fixtures/documents"), includingPropertiesForKeys: nil)
        var total = FactsScore()
        var differences: [String] = []
        let golds = try FileManager.default.contentsOfDirectory(at: goldDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        for goldURL in golds {
            let name = goldURL.deletingPathExtension().lastPathComponent
            let gold = try JSONDecoder().decode(Facts.self, from: Data(contentsOf: goldURL))
            let url = try #require(documents.first { $0.deletingPathExtension().lastPathComponent == name })
            let found = try extractor.extract(Document(contentsOf: url)).facts
            total.add(FactsEvaluation.compare(found: found, gold: gold))
            differences += FactsEvaluation.differences(found: found, gold: gold).map { "\(name): \($0)" }
        }
        return (total, differences)
    }

    @Test func fixturesMeetTheAccuracyBars() throws {
        let (score, differences) = try Self.score()
        #expect(score.documents >= 16)
        for category in FactsScore.Category.allCases {
            let value = score[category]
            let bar = category.isEntity ? 0.95 : ([.meetings, .visits, .agreements].contains(category) ? 0.9 : 0)
            #expect(value.precision >= bar && value.recall >= bar,
                    "\(category.rawValue): P \(value.precision) R \(value.recall)\n\(differences.joined(separator: "\n"))")
        }
        #expect(score.meetingMatches.dateAccuracy >= 0.9)
        #expect(score.meetingMatches.matched >= 30)
    }
}
