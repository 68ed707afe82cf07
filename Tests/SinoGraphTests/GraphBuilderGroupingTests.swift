import Foundation
import Testing
@testable import SinoGraph

/// The graph builder groups officials' mentions by the record the
/// recogniser gives them, and falls back to their names when a mention has
/// none: both must build the same graph.
@Suite struct GraphBuilderGroupingTests {
    @Test func officialsGroupedByRecordOrByNameGiveTheSameGraph() throws {
        let extractor = try Extractor()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(
            at: root.appendingPathComponent("Fixtures/documents"), includingPropertiesForKeys: nil)
        var officials = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            let document = try Document(contentsOf: file)
            let text = try extractor.analyzed(document.text, id: document.id)
            let recognition = EntityRecognizer(knowledge: extractor.knowledge, text: text).recognize()
            let dates = DateResolver(frontMatterDate: text.clean.frontMatter?.date)
            let found = Extractor.consolidate(
                EventExtractor(knowledge: extractor.knowledge, text: text, recognition: recognition, dates: dates).extract())
            func graph(_ recognition: Recognition) -> Graph {
                GraphBuilder(knowledge: extractor.knowledge, document: document.id, text: text,
                             recognition: recognition, events: found).build()
            }
            #expect(recognition.mentions.allSatisfy { $0.kind != .official || $0.record >= 0 }, "\(document.id)")
            var byName = recognition
            for index in byName.mentions.indices { byName.mentions[index].record = -1 }
            let expected = graph(byName)
            #expect(graph(recognition) == expected, "\(document.id)")
            officials += expected.entities(of: .official).count
        }
        #expect(officials > 50)
    }
}
