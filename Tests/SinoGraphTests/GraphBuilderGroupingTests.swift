import Foundation
import Testing
@testable import SinoGraph

/// The graph builder groups officials' mentions by the record the
/// recogniser gives them, and falls back to their names when a mention has
/// none: both must build the same graph.
@Suite struct GraphBuilderGroupingTests {
    @Test func officialsGroupedByRecordOrByNameGiveTheSameGraph() throws {
        let extractor = try Extractor()
        var officials = 0
        for document in try fixtureDocuments() {
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
    /// Countries are grouped by code and agencies by name and country
    /// (the same name in two countries is two agencies), each id made once:
    /// against counts made here from the recogniser's mentions and records,
    /// on every fixture and on a text that names one ministry of two
    /// countries.
    @Test func countriesAndAgenciesGetOneEntityEachWithEveryMention() throws {
        let extractor = try Extractor()
        var documents = try fixtureDocuments()
        documents.append(Document(id: "two-ministries", text: """
            11月29日，古巴内务部部长拉萨罗·阿尔瓦雷斯在哈瓦那会见了俄罗斯内务部部长科洛科利采夫。\
            古巴内务部与俄罗斯内务部签署合作协议。中方表示，愿同古方、俄方加强合作。
            """))
        var sameNameTwoCountries = false
        for document in documents {
            let recognition = EntityRecognizer(knowledge: extractor.knowledge,
                                               text: try extractor.analyzed(document.text, id: document.id)).recognize()
            let graph = try extractor.extract(document).graph
            var countryMentions: [String: Int] = [:], agencyMentions: [String: Int] = [:]
            for mention in recognition.mentions {
                switch mention.kind {
                case .country: countryMentions["country:" + mention.key, default: 0] += 1
                case .agency: agencyMentions["agency:\(mention.country ?? "INT"):\(mention.key)", default: 0] += 1
                default: break
                }
            }
            for (id, count) in countryMentions {
                #expect(graph.entity(id)?.evidence.count == count, "\(document.id): \(id)")
            }
            for (id, count) in agencyMentions {
                #expect(graph.entity(id)?.evidence.count == count, "\(document.id): \(id)")
            }
            let agencyIDs = graph.entities.filter { $0.kind == .agency || $0.kind == .organization }.map(\.id)
            #expect(Set(agencyIDs).count == agencyIDs.count)
            // Agencies that titles bind to are entities, mentioned or not.
            for record in recognition.officials.values {
                for binding in record.bindings {
                    guard let agency = binding.agency else { continue }
                    #expect(agencyIDs.contains("agency:\(agency.country ?? "INT"):\(agency.name)"), "\(document.id): \(agency)")
                }
            }
            let names = graph.entities.filter { $0.kind == .agency }.map(\.name)
            sameNameTwoCountries = sameNameTwoCountries || Set(names).count < names.count
        }
        #expect(sameNameTwoCountries)
    }
}
