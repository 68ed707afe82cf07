import Foundation
import Testing
@testable import SinoGraph

/// The text of the original document an evidence range points at.
private func surface(_ text: String, _ evidence: Evidence) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard evidence.start >= 0, evidence.start < evidence.end, evidence.end <= scalars.count else { return nil }
    return String(String.UnicodeScalarView(scalars[evidence.start..<evidence.end]))
}

/// Every form under which `entity` may legitimately be written: its name
/// and aliases, and what the knowledge base lists for it (abbreviations and
/// 某方 side forms of countries, aliases of agencies and places, forms of
/// areas, the last part of a transliterated name).
private func surfaces(of entity: Entity, knowledge: KnowledgeBase) -> Set<String> {
    var forms = Set([entity.name] + entity.aliases)
    switch entity.kind {
    case .official:
        forms.formUnion(knowledge.officials[entity.name]?.aliases ?? [])
        for separator: Character in ["·", "-"] {
            if let last = entity.name.split(separator: separator).last, last.count < entity.name.count {
                forms.insert(String(last))
            }
        }
    case .country:
        if let info = knowledge.countries[entity.country ?? ""] {
            forms.formUnion([info.name] + info.aliases + info.abbreviations + info.abbreviations.map { $0 + "方" })
            if let formal = info.formal { forms.insert(formal) }
        }
    case .agency, .organization:
        forms.formUnion(knowledge.agencies[entity.name]?.aliases ?? [])
    case .place:
        forms.formUnion(knowledge.places[entity.name]?.aliases ?? [])
    case .area:
        forms.formUnion(knowledge.areas[String(entity.id.dropFirst("area:".count))]?.forms ?? [])
    case .conference, .document:
        break
    }
    return forms
}

/// Evidence whose range does not rebuild one of its entity's forms, as
/// `id: "rebuilt"` lines; and how many evidence ranges were checked.
private func misplacedEvidence(_ graph: Graph, in text: String, knowledge: KnowledgeBase) -> (bad: [String], checked: Int) {
    var bad: [String] = []
    var checked = 0
    for entity in graph.entities {
        let forms = surfaces(of: entity, knowledge: knowledge)
        for evidence in entity.evidence {
            checked += 1
            // Quotation marks inside a quoted area (“一带一路”安保) are not part of the form.
            guard let rebuilt = surface(text, evidence) else {
                bad.append("\(entity.id): out of range \(evidence.start)..<\(evidence.end)")
                continue
            }
            if !forms.contains(rebuilt.replacingOccurrences(of: "“", with: "").replacingOccurrences(of: "”", with: "")) {
                bad.append("\(entity.id): \(rebuilt)")
            }
        }
    }
    return (bad, checked)
}

@Suite struct RecognitionTests {
    static let extractor = try! Extractor()

    private func extract(_ text: String, id: String = "t") throws -> Extraction {
        try Self.extractor.extract(Document(id: id, text: text))
    }

    private func official(_ name: String, _ result: Extraction) -> Facts.Official? {
        result.facts.officials.first { $0.name == name }
    }

    // MARK: Officials and titles

    @Test func titleChainGivesEveryTitleToTheOfficial() throws {
        let result = try extract("国务委员、公安部部长王小洪当天上午主持召开专题会议。")
        let wang = try #require(official("王小洪", result))
        #expect(wang.country == "CN")
        #expect(Set(wang.titles) == ["国务委员", "公安部部长"])
        #expect(result.facts.agencies.contains(Facts.Agency(name: "公安部", country: "CN")))
        let entity = try #require(result.graph.entity("official:王小洪"))
        #expect(entity.titles == ["公安部部长", "国务委员"])
        #expect(result.graph.relations.contains {
            $0.kind == .holdsTitle && $0.source == "official:王小洪" && $0.target == "agency:CN:公安部" && $0.detail == "公安部部长"
        })
    }

    @Test func contractedMinisterTitleBindsTheAgencyToTheCountry() throws {
        let result = try extract("俄罗斯内务部长科洛科利采夫当天发表讲话。")
        let minister = try #require(official("科洛科利采夫", result))
        #expect(minister.country == "RU")
        #expect(minister.titles == ["内务部长"])
        #expect(result.facts.agencies == [Facts.Agency(name: "内务部", country: "RU")])
        #expect(result.graph.relations.contains {
            $0.kind == .holdsTitle && $0.source == "official:科洛科利采夫" && $0.target == "agency:RU:内务部"
        })
        #expect(result.graph.relations.contains {
            $0.kind == .partOf && $0.source == "agency:RU:内务部" && $0.target == "country:RU"
        })
    }

    @Test func glossInHalfWidthParenthesesIsTheLatinName() throws {
        let result = try extract("老挝公安部部长维莱·蓬萨万(Vilay Phongsavanh)在万象会见了来访的代表团。")
        let entity = try #require(result.graph.entity("official:维莱·蓬萨万"))
        #expect(entity.latin == "Vilay Phongsavanh")
        #expect(entity.country == "LA")
    }

    @Test func partyAndStateChainKeepsBothTitlesAndTheLatinGloss() throws {
        let result = try extract("古共中央第一书记、古巴国家主席迪亚斯·卡内尔（Miguel Díaz-Canel）当天出席了纪念活动。")
        let president = try #require(official("迪亚斯·卡内尔", result))
        #expect(president.country == "CU")
        #expect(Set(president.titles) == ["古共中央第一书记", "国家主席"])
        #expect(result.facts.agencies.contains(Facts.Agency(name: "古共中央", country: "CU")))
        let entity = try #require(result.graph.entity("official:迪亚斯·卡内尔"))
        #expect(entity.latin == "Miguel Díaz-Canel")
        #expect(entity.evidence.count == 1)
        #expect(result.facts.countries == ["CU"])
    }

    @Test func glossOfAnUnlistedOfficialBecomesItsLatinName() throws {
        let result = try extract("老挝公安部副部长坎通·西萨万（Khamthong Sisavanh）当天接受了记者采访。")
        let entity = try #require(result.graph.entity("official:坎通·西萨万"))
        #expect(entity.latin == "Khamthong Sisavanh")
        #expect(entity.country == "LA")
    }

    @Test func hyphenAndMiddleDotSpellingsAreOneOfficial() throws {
        let result = try extract("古巴国家主席迪亚斯-卡内尔发表讲话。迪亚斯·卡内尔表示欢迎。")
        let officials = result.graph.entities(of: .official)
        #expect(officials.map(\.id) == ["official:迪亚斯·卡内尔"])
        let entity = try #require(officials.first)
        #expect(entity.evidence.count == 2)
        #expect(entity.aliases.contains("迪亚斯-卡内尔"))
        #expect(result.facts.officials.map(\.name) == ["迪亚斯·卡内尔"])
    }

    @Test func unlistedKyrgyzMinisterIsFoundFromTheTitle() throws {
        let result = try extract("吉尔吉斯斯坦内务部长乌兰·塔希罗夫当天会见了来访的记者。")
        let minister = try #require(official("乌兰·塔希罗夫", result))
        #expect(minister.country == "KG")
        #expect(minister.titles == ["内务部长"])
        #expect(result.facts.agencies == [Facts.Agency(name: "内务部", country: "KG")])
    }

    @Test func unlistedLaoDeputyMinisterBelongsToLaosNotChina() throws {
        let result = try extract("老挝公安部副部长坎通·西萨万出席了培训班结业仪式。")
        let deputy = try #require(official("坎通·西萨万", result))
        #expect(deputy.country == "LA")
        #expect(deputy.titles == ["公安部副部长"])
        #expect(result.facts.agencies == [Facts.Agency(name: "公安部", country: "LA")])
        #expect(!result.facts.countries.contains("CN"))
    }

    @Test func unlistedChineseDeputyMinisterIsFoundFromTheTitle() throws {
        let result = try extract("公安部副部长周振邦当天带队检查安保工作。")
        let deputy = try #require(official("周振邦", result))
        #expect(deputy.country == "CN")
        #expect(deputy.titles == ["公安部副部长"])
        #expect(result.graph.entity("official:周振邦")?.latin == "Zhou Zhenbang")
    }

    @Test func laterBareMentionAddsEvidenceToTheSameOfficial() throws {
        let text = "吉尔吉斯斯坦内务部长乌兰·塔希罗夫抵达北京。塔希罗夫表示，吉方愿同中方加强合作。"
        let result = try extract(text)
        #expect(result.graph.entities(of: .official).map(\.id) == ["official:乌兰·塔希罗夫"])
        let entity = try #require(result.graph.entity("official:乌兰·塔希罗夫"))
        #expect(entity.evidence.count == 2)
        #expect(entity.evidence.compactMap { surface(text, $0) } == ["乌兰·塔希罗夫", "塔希罗夫"])

        let chinese = try extract("公安部副部长周振邦率团出访。周振邦表示，此访取得了积极成果。")
        #expect(chinese.graph.entities(of: .official).map(\.id) == ["official:周振邦"])
        #expect(chinese.graph.entity("official:周振邦")?.evidence.count == 2)
    }

    @Test func honorificAfterTheNameAddsATitle() throws {
        let result = try extract("习近平主席当天向大会致贺信。")
        let xi = try #require(official("习近平", result))
        #expect(xi.country == "CN")
        #expect(xi.titles.contains("主席"))
    }

    // MARK: Countries

    @Test func compoundAbbreviationsNameBothCountries() throws {
        #expect(try extract("中俄关系正处于历史最好时期。").facts.countries == ["CN", "RU"])
        #expect(try extract("中古两国人民情谊深厚。").facts.countries == ["CN", "CU"])
    }

    @Test func centralAsiaIsNotACountry() throws {
        #expect(try extract("中亚地区安全形势总体稳定。").facts.countries == [])
        #expect(try extract("中亚国家同中国保持着友好关系。").facts.countries == ["CN"])
    }

    @Test func sideReferenceNamesItsCountry() throws {
        let text = "古方对此表示衷心感谢。"
        let result = try extract(text)
        #expect(result.facts.countries == ["CU"])
        let cuba = try #require(result.graph.entity("country:CU"))
        #expect(cuba.evidence.compactMap { surface(text, $0) } == ["古方"])
    }

    @Test func ambiguousWuSideFollowsTheCountryTheDocumentNames() throws {
        let uzbek = try extract("乌兹别克斯坦代表团当天抵达北京。乌方表示愿意深化合作。")
        #expect(uzbek.facts.countries == ["CN", "UZ"])
        #expect(uzbek.graph.entity("country:UZ")?.evidence.count == 2)

        let ukraine = try extract("乌克兰代表团当天抵达北京。乌方表示愿意深化合作。")
        #expect(ukraine.facts.countries == ["CN", "UA"])
        #expect(ukraine.graph.entity("country:UA")?.evidence.count == 2)

        // The country may be named after the side reference.
        let later = try extract("乌方表示愿意深化合作。乌兹别克斯坦代表团当天抵达北京。")
        #expect(later.facts.countries == ["CN", "UZ"])
    }

    @Test func ambiguousSideWithNoCountryNamedIsDropped() throws {
        let result = try extract("乌方表示愿意深化合作。")
        #expect(result.facts.countries == [])
        #expect(result.graph.entities(of: .country).isEmpty)
    }

    @Test func wordsStartingWithAnAbbreviationAreNotCountries() throws {
        for text in ["古代商队曾经穿越这片沙漠。", "老一辈科学家为此付出了心血。", "大家都向往美好的生活。",
                     "新时代的青年要勇于担当。", "南方多地迎来强降雨。"] {
            let result = try extract(text)
            #expect(result.facts.countries == [], "\(text)")
            #expect(result.graph.entities(of: .country).isEmpty, "\(text)")
        }
    }

    // MARK: Agencies, organizations, places

    @Test func agencyBelongsToTheCountryBeforeIt() throws {
        let result = try extract("古巴内务部与埃塞俄比亚联邦警察总署建立了联络机制。")
        #expect(Set(result.facts.agencies) == [Facts.Agency(name: "内务部", country: "CU"),
                                               Facts.Agency(name: "联邦警察总署", country: "ET")])
        #expect(result.graph.entity("agency:CU:内务部")?.country == "CU")
        #expect(result.graph.entity("agency:ET:联邦警察总署")?.country == "ET")
        #expect(result.facts.countries == ["CU", "ET"])
    }

    @Test func internationalOrganizationHasNoCountry() throws {
        let result = try extract("上海合作组织成员国代表出席会议。上合组织秘书长在会上致辞。")
        #expect(result.facts.agencies == [Facts.Agency(name: "上海合作组织", country: nil)])
        #expect(result.facts.countries == [])
        let organization = try #require(result.graph.entities.first { $0.name == "上海合作组织" })
        #expect(organization.kind == .organization)
        #expect(organization.country == nil)
        #expect(organization.evidence.count == 2)
        #expect(!result.graph.relations.contains { $0.kind == .partOf })
    }

    @Test func capitalIsAPlaceInItsCountry() throws {
        let result = try extract("代表团一行当天下午抵达哈瓦那。")
        #expect(result.facts.places == ["哈瓦那"])
        #expect(result.facts.countries == ["CU"])
        let havana = try #require(result.graph.entity("place:哈瓦那"))
        #expect(havana.kind == .place)
        #expect(havana.country == "CU")
        #expect(result.graph.relations.contains {
            $0.kind == .locatedIn && $0.source == "place:哈瓦那" && $0.target == "country:CU"
        })
    }

    // MARK: Areas

    @Test func quotedAndListedAreasAreRecognized() throws {
        #expect(try extract("双方同意联手打击“三股势力”。").facts.areas == ["threeEvils"])
        #expect(try extract("双方将加强“一带一路”安保合作。").facts.areas == ["beltAndRoadSecurity"])
        #expect(try extract("双方将共同打击电信诈骗等跨国犯罪。").facts.areas == ["telecomFraud", "transnationalCrime"])
    }

    // MARK: Evidence

    @Test func evidenceRangesRebuildTheMentionInPlainText() throws {
        let text = """
            ---
            date: 2024-12-08
            ---
            国务委员、公安部部长王小洪在北京会见古巴内务部部长拉萨罗·阿尔瓦雷斯。\
            阿尔瓦雷斯表示，古方愿同中方打击“三股势力”，深化中古执法合作。
            """
        let result = try extract(text)
        let (bad, checked) = misplacedEvidence(result.graph, in: text, knowledge: Self.extractor.knowledge)
        #expect(bad == [])
        #expect(checked >= 10)
        let alvarez = try #require(result.graph.entity("official:拉萨罗·阿尔瓦雷斯"))
        #expect(alvarez.evidence.compactMap { surface(text, $0) } == ["拉萨罗·阿尔瓦雷斯", "阿尔瓦雷斯"])
        #expect(alvarez.evidence.first?.sentence.contains("拉萨罗·阿尔瓦雷斯") == true)
    }

    @Test func evidenceRangesRebuildTheMentionThroughHTML() throws {
        let text = "<div><p>国务委员、公安部部长&nbsp;<span class=\"name\">王小洪</span>在北京会见了"
            + "俄罗斯内务部长科洛科利采夫。</p><p>王小洪表示，&nbsp;中方愿同俄方在<b>网络安全</b>领域加强合作。</p></div>"
        let result = try extract(text)
        let (bad, checked) = misplacedEvidence(result.graph, in: text, knowledge: Self.extractor.knowledge)
        #expect(bad == [])
        #expect(checked >= 8)
        let wang = try #require(result.graph.entity("official:王小洪"))
        #expect(wang.evidence.compactMap { surface(text, $0) } == ["王小洪", "王小洪"])
        let cyber = try #require(result.graph.entity("area:cybersecurity"))
        #expect(cyber.evidence.compactMap { surface(text, $0) } == ["网络安全"])
    }
}
