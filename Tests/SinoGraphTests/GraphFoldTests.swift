import Foundation
import Testing
import SinoEvaluation
@testable import SinoGraph

/// `Graph.init` sorts and merges a document's few ids by insertion on
/// integer heads, and larger graphs with `byteOrder`: both must give ids in
/// byte order, each once, with equal ids merged in the order they came.
@Suite struct GraphFoldTests {
    /// Ids that share long prefixes (ties on the first 16 bytes), differ
    /// only past them, or are prefixes of one another.
    /// Also ties on the first 32 bytes (relation ids), and zero bytes
    /// where the heads' padding would be.
    private static let names = ["王小洪", "王小", "王", "王小洪洪", "李强", "country:CN", "CN", "C", "",
                                "中华人民共和国公安部", "中华人民共和国外交部", "agency", "agency:CN:公安部",
                                "王小洪->agency:CN:公安部:部长", "王小洪->agency:CN:公安部:副部长", "王小洪->agency:CN:公安部",
                                String(repeating: "x", count: 12), String(repeating: "x", count: 12) + "\u{0}",
                                String(repeating: "x", count: 28), String(repeating: "x", count: 28) + "\u{0}",
                                String(repeating: "x", count: 27) + "\u{0}y"]

    private static func entities(_ count: Int) -> [Entity] {
        var random = SplitMix64(seed: UInt64(count))
        return (0 ..< count).map { index in
            let name = names[Int(random.next() % UInt64(names.count))]
            let id = ["official:", "agency:CN:", "a", "", "holdsTitle:official:"][Int(random.next() % 5)] + name
            return Entity(id: id, kind: .official, name: "\(index)", evidence: [
                Evidence(document: "d", start: index, end: index + 1, sentence: "")])
        }
    }

    @Test(arguments: [2, 5, 20, 64, 65, 200])
    func idsAreSortedUniqueAndMerged(count: Int) {
        let input = Self.entities(count)
        let graph = Graph(entities: input, events: [], relations: [], documents: ["d"])
        let ids = graph.entities.map(\.id)
        let expected = Set(input.map(\.id)).sorted { $0.precedes($1) }
        #expect(ids == expected)
        for entity in graph.entities {
            // Every input with this id contributed its evidence.
            let starts = input.filter { $0.id == entity.id }.map { $0.evidence[0].start }
            #expect(entity.evidence.map(\.start) == starts.sorted())
        }
    }
    /// Relations from the same tying names, some repeated, with and
    /// without details: sorted on ids they never store, equal ones merged.
    private static func relations(_ count: Int) -> [Relation] {
        var random = SplitMix64(seed: UInt64(count) + 99)
        func name() -> String { names[Int(random.next() % UInt64(names.count))] }
        return (0 ..< count).map { index in
            let kind = RelationKind.allCases[Int(random.next() % 4)]
            let detail: String? = random.next() % 3 == 0 ? nil : name()
            return Relation(kind: kind, source: "official:" + name(), target: name(), detail: detail,
                            areas: ["a\(index % 3)"], evidence: [Evidence(document: "d", start: index, end: index + 1, sentence: "")])
        }
    }

    @Test(arguments: [2, 5, 20, 64, 65, 200])
    func relationsAreSortedByTheirIdsUniqueAndMerged(count: Int) {
        let input = Self.relations(count)
        let graph = Graph(entities: [], events: [], relations: input, documents: ["d"])
        let ids = graph.relations.map(\.id)
        #expect(ids == Set(input.map(\.id)).sorted { $0.precedes($1) })
        for relation in graph.relations {
            let same = input.filter { $0.id == relation.id }
            #expect(relation.evidence.map(\.start) == same.map { $0.evidence[0].start }.sorted())
            #expect(relation.areas == Set(same.flatMap(\.areas)).sorted())
        }
    }

    /// The id is made from the fields, as a string and as the bytes the
    /// graph sorts on and JSON Lines writes; a decoded relation gets it
    /// from its fields, whatever id the input gave.
    @Test func relationIdsComeFromKindEndsAndDetail() throws {
        let titled = Relation(kind: .holdsTitle, source: "official:王小洪", target: "agency:CN:公安部", detail: "国务委员")
        #expect(titled.id == "holdsTitle:official:王小洪->agency:CN:公安部:国务委员")
        let bare = Relation(kind: .locatedIn, source: "place:哈瓦那", target: "country:CU")
        #expect(bare.id == "locatedIn:place:哈瓦那->country:CU")
        for relation in [titled, bare] + Self.relations(30) {
            #expect(relation.withIDBytes { Array($0) } == Array(relation.id.utf8))
            #expect(relation.idByteCount == relation.id.utf8.count)
        }
        let json = try JSONEncoder().encode(titled)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["id"] as? String == titled.id)
        var edited = object
        edited["id"] = "something else"
        let decoded = try JSONDecoder().decode(Relation.self, from: try JSONSerialization.data(withJSONObject: edited))
        #expect(decoded == titled)
        #expect(decoded.id == titled.id)
    }
}
