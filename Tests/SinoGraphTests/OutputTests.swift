import Foundation
import Testing
@testable import SinoGraph

/// A small graph whose strings hold what each format must escape: quotes,
/// `&`, `<`, backslashes, line breaks and a control character.
private enum Sample {
    static let wang = Entity(
        id: "official:王小洪", kind: .official, name: "王小洪", latin: "Wang Xiaohong", country: "CN",
        titles: ["公安部部长", "国务委员"],
        evidence: [Evidence(document: "f01", start: 10, end: 13, sentence: "王小洪会见拉萨罗·阿尔瓦雷斯。")])
    static let alvarez = Entity(
        id: "official:拉萨罗·阿尔瓦雷斯", kind: .official, name: "拉萨罗·\"阿尔瓦雷斯\"",
        latin: #"Lázaro "Alberto" Álvarez \ Casas"#, country: "CU",
        aliases: ["阿尔瓦雷斯"], titles: ["内务部部长 & <将军>", "O'Neill\u{7}顾问"],
        evidence: [Evidence(document: "f02", start: 0, end: 9, sentence: "他说：\"合作\n深化\" C:\\路径 & 更多")])
    static let china = Entity(id: "country:CN", kind: .country, name: "中国", latin: "China", country: "CN")
    static let cuba = Entity(id: "country:CU", kind: .country, name: "古巴", latin: "Cuba", country: "CU")
    static let havana = Entity(id: "place:哈瓦那", kind: .place, name: "哈瓦那", latin: "Havana", country: "CU")
    static let ministry = Entity(id: "agency:CN:公安部", kind: .agency, name: "公安部",
                                 latin: "Ministry of Public Security", country: "CN")

    static let meeting = Event(
        id: "meeting:2024-11-29:official:王小洪+official:拉萨罗·阿尔瓦雷斯", kind: .meeting,
        date: EventDate(year: 2024, month: 11, day: 29), place: "place:哈瓦那", mode: .inPerson,
        participants: [Participant(entity: "official:王小洪", role: .host),
                       Participant(entity: "official:拉萨罗·阿尔瓦雷斯", role: .guest)],
        areas: ["cybersecurity", "lawEnforcementCooperation"],
        evidence: [Evidence(document: "f01", start: 10, end: 30, sentence: "王小洪会见拉萨罗·阿尔瓦雷斯。")])
    static let agreement = Event(
        id: "agreement:--11-30:country:CN+country:CU", kind: .agreement, status: .planned,
        date: EventDate(year: nil, month: 11, day: 30),
        participants: [Participant(entity: "country:CN", role: .party),
                       Participant(entity: "country:CU", role: .party)],
        title: "《中古\"执法\"合作 & 备忘录》")

    static let holdsTitle = Relation(kind: .holdsTitle, source: "official:王小洪", target: "agency:CN:公安部",
                                     detail: "公安部部长")
    static let cooperates = Relation(kind: .cooperatesWith, source: "country:CN", target: "country:CU",
                                     areas: ["cybersecurity", "transnationalCrime"])
    static let locatedIn = Relation(kind: .locatedIn, source: "place:哈瓦那", target: "country:CU")

    static let entities = [wang, alvarez, china, cuba, havana, ministry]
    static let events = [meeting, agreement]
    static let relations = [holdsTitle, cooperates, locatedIn]
    static let documents = ["f02", "f01"]

    static let graph = Graph(entities: entities, events: events, relations: relations, documents: documents)

    /// Participant edges, event→place edges and relations.
    static let edgeCount = 4 + 1 + 3
}

@Suite struct OutputTests {
    @Test func formatNamesAreWhatUsersType() {
        #expect(GraphFormat.allCases.map(\.rawValue) == ["json", "jsonl", "dot", "graphml"])
    }

    // MARK: JSON

    @Test func jsonRoundTripsThroughDecodeToAnEqualGraph() throws {
        let decoded = try Graph.decode(json: Sample.graph.jsonData())
        #expect(decoded == Sample.graph)
    }

    @Test func jsonIsByteIdenticalWhateverTheInputOrder() throws {
        let shuffled = Graph(entities: Sample.entities.reversed(), events: Sample.events.reversed(),
                             relations: [Sample.locatedIn, Sample.holdsTitle, Sample.cooperates],
                             documents: Sample.documents.reversed())
        #expect(try shuffled.jsonData() == Sample.graph.jsonData())
    }

    @Test func jsonWritesChineseAndSlashesUnescaped() throws {
        let graph = Graph(entities: [Sample.wang, Sample.ministry], events: [], relations: [Sample.holdsTitle],
                          documents: ["news/2024/f01"])
        let text = String(decoding: try graph.jsonData(), as: UTF8.self)
        #expect(text.contains("\"name\" : \"王小洪\""))
        #expect(!text.contains("\\u"))
        #expect(!text.contains("\\/"))
    }

    @Test func jsonOmitsAbsentOptionalsAndKeepsEmptyLists() throws {
        let text = String(decoding: try Graph(entities: [Sample.china], events: [], relations: [], documents: [])
            .jsonData(), as: UTF8.self)
        #expect(text.contains("\"aliases\" : ["))
        #expect(!text.contains("null"))
    }

    @Test func decodeSortsAndMergesAHandEditedFragment() throws {
        let fragment = """
        {"documents": ["f2", "f1", "f2"], "events": [], "relations": [],
         "entities": [
           {"id": "country:CU", "kind": "country", "name": "古巴", "aliases": [], "titles": [], "evidence": []},
           {"id": "country:CN", "kind": "country", "name": "中国", "aliases": [], "titles": [], "evidence": []},
           {"id": "country:CU", "kind": "country", "name": "古巴", "latin": "Cuba", "aliases": [], "titles": [], "evidence": []}
         ]}
        """
        let graph = try Graph.decode(json: Data(fragment.utf8))
        #expect(graph.entities.map(\.id) == ["country:CN", "country:CU"])
        #expect(graph.entity("country:CU")?.latin == "Cuba")
        #expect(graph.documents == ["f1", "f2"])
    }

    @Test func decodeRejectsADateThatIsNotISO() {
        let fragment = """
        {"documents": [], "entities": [], "relations": [], "events": [
          {"id": "e", "kind": "meeting", "status": "held", "date": "29 Nov", "participants": [], "areas": [], "evidence": []}
        ]}
        """
        #expect(throws: DecodingError.self) { try Graph.decode(json: Data(fragment.utf8)) }
    }

    // MARK: JSON Lines

    @Test func jsonLinesHoldOneParseableObjectPerLineWithTheRightRecordCounts() throws {
        let text = Sample.graph.jsonLines()
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(!lines.contains { $0.isEmpty })
        var counts: [String: Int] = [:]
        var order: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let record = try #require(object["record"] as? String)
            counts[record, default: 0] += 1
            if order.last != record { order.append(record) }
        }
        #expect(counts == ["document": 2, "entity": 6, "event": 2, "relation": 3])
        #expect(order == ["document", "entity", "event", "relation"])
        #expect(lines.first == #"{"id":"f01","record":"document"}"#)
    }

    @Test func jsonLinesRecordsCarryTheFieldsOfTheJSONForm() throws {
        let lines = Sample.graph.jsonLines().split(separator: "\n")
        let decoder = JSONDecoder()
        var entities: [Entity] = [], events: [Event] = [], relations: [Relation] = []
        for line in lines {
            let data = Data(line.utf8)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            switch object["record"] as? String {
            case "entity": entities.append(try decoder.decode(Entity.self, from: data))
            case "event": events.append(try decoder.decode(Event.self, from: data))
            case "relation": relations.append(try decoder.decode(Relation.self, from: data))
            default: continue
            }
            // Same keys as the element alone, plus `record`.
            let alone: Any = switch object["record"] as? String {
            case "entity": try JSONSerialization.jsonObject(with: JSONEncoder().encode(entities.last!))
            case "event": try JSONSerialization.jsonObject(with: JSONEncoder().encode(events.last!))
            default: try JSONSerialization.jsonObject(with: JSONEncoder().encode(relations.last!))
            }
            let keys = try #require(alone as? [String: Any]).keys
            #expect(Set(object.keys) == Set(keys).union(["record"]))
        }
        #expect(entities == Sample.graph.entities)
        #expect(events == Sample.graph.events)
        #expect(relations == Sample.graph.relations)
    }

    // MARK: DOT

    @Test func dotEscapesQuotesBackslashesAndLineBreaks() {
        let dot = Sample.graph.dot()
        #expect(dot.hasPrefix("digraph sinograph {"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains(#"label="拉萨罗·\"阿尔瓦雷斯\"\nLázaro \"Alberto\" Álvarez \\ Casas""#))
        #expect(dot.contains(#"label="王小洪\nWang Xiaohong""#))
        // Every line is one statement: no raw line break leaked from a string.
        for line in dot.split(separator: "\n").dropFirst().dropLast() {
            #expect(line.hasSuffix(";"))
        }
    }

    @Test func dotHasANodeForEveryEntityAndEventAndAnEdgeForEveryLink() {
        let dot = Sample.graph.dot()
        for entity in Sample.graph.entities {
            #expect(dot.contains("\"\(entity.id)\" [shape="))
        }
        #expect(dot.contains(#""official:王小洪" [shape=box"#))
        #expect(dot.contains(#""country:CN" [shape=doubleoctagon"#))
        #expect(dot.contains(#""place:哈瓦那" [shape=house"#))
        #expect(dot.contains(#""agreement:--11-30:country:CN+country:CU" [shape=ellipse, label="agreement\n--11-30", style=dashed]"#))
        #expect(dot.contains(#""official:王小洪" -> "meeting:2024-11-29:official:王小洪+official:拉萨罗·阿尔瓦雷斯" [label="host"]"#))
        #expect(dot.contains(#""meeting:2024-11-29:official:王小洪+official:拉萨罗·阿尔瓦雷斯" -> "place:哈瓦那" [label="at"]"#))
        #expect(dot.contains(#""country:CN" -> "country:CU" [label="cooperatesWith\ncybersecurity, transnationalCrime"]"#))
        #expect(dot.components(separatedBy: " -> ").count - 1 == Sample.edgeCount)
    }

    // MARK: GraphML

    @Test func graphMLHasANodePerElementAndAnEdgePerLinkWithUniqueIds() throws {
        let xml = Sample.graph.graphML()
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(xml.contains(#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns""#))
        #expect(xml.contains(#"<graph id="sinograph" edgedefault="directed">"#))
        #expect(xml.components(separatedBy: "<node ").count - 1 == 6 + 2)
        #expect(xml.components(separatedBy: "<edge ").count - 1 == Sample.edgeCount)
        let ids = xml.components(separatedBy: "<edge id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == Sample.edgeCount)
    }

    @Test func graphMLEscapesMarkupAndDropsWhatXMLForbids() {
        let xml = Sample.graph.graphML()
        // Every `&` starts a reference.
        let references = ["amp;", "lt;", "gt;", "quot;", "apos;", "#9;", "#10;", "#13;"]
        for piece in xml.components(separatedBy: "&").dropFirst() {
            #expect(references.contains { piece.hasPrefix($0) }, "raw & before \(piece.prefix(10))")
        }
        #expect(xml.contains("内务部部长 &amp; &lt;将军&gt;|O&apos;Neill顾问"))
        #expect(xml.contains("《中古&quot;执法&quot;合作 &amp; 备忘录》"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // `<` only opens markup: the text between tags holds none.
        for piece in xml.components(separatedBy: "<").dropFirst() {
            #expect(piece.first.map { $0.isLetter || $0 == "/" || $0 == "?" } == true)
        }
    }

    @Test func graphMLDeclaresEveryKeyItUses() {
        let xml = Sample.graph.graphML()
        let declared = Set(xml.components(separatedBy: "<key id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        let used = Set(xml.components(separatedBy: "<data key=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        #expect(used.isSubset(of: declared))
        for name in ["kind", "name", "latin", "country", "titles", "role", "detail", "areas", "date", "status", "mode"] {
            #expect(xml.contains("attr.name=\"\(name)\" attr.type=\"string\""))
        }
    }
}
