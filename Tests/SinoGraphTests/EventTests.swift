import Foundation
import Testing
@testable import SinoGraph

/// A document with YAML front matter giving its date.
private func dated(_ date: String, _ body: String) -> String {
    "---\ndate: \(date)\n---\n" + body
}

@Suite struct EventTests {
    static let extractor = try! Extractor()

    private func extract(_ text: String, id: String = "t") throws -> Extraction {
        try Self.extractor.extract(Document(id: id, text: text))
    }

    private func meetings(_ result: Extraction) -> [Event] {
        result.graph.events.filter { $0.kind == .meeting }
    }

    private func roles(_ event: Event) -> [String: Role] {
        Dictionary(uniqueKeysWithValues: event.participants.map { ($0.entity, $0.role) })
    }

    // MARK: Meetings

    @Test func meetingNamesHostGuestPlaceAndDate() throws {
        let result = try extract(dated("2024-06-20", "6月18日，国务委员、公安部部长王小洪在北京会见了吉尔吉斯斯坦内务部长乌兰·塔希罗夫。"))
        #expect(result.facts.meetings == [Facts.Meeting(participants: ["乌兰·塔希罗夫", "王小洪"], date: "2024-06-18",
                                                        place: "北京", mode: "in-person", areas: [])])
        let meeting = try #require(meetings(result).first)
        #expect(roles(meeting) == ["official:王小洪": .host, "official:乌兰·塔希罗夫": .guest])
        #expect(meeting.place == "place:北京")
        #expect(meeting.status == .held)
        #expect(meeting.date == EventDate(year: 2024, month: 6, day: 18))
        #expect(meeting.evidence.count == 1)
    }

    @Test func talksMakeBothSidesEqualParticipants() throws {
        let result = try extract(dated("2024-06-20", "6月19日，王小洪与俄罗斯内务部长科洛科利采夫在莫斯科举行会谈。"))
        let meeting = try #require(meetings(result).first)
        #expect(meetings(result).count == 1)
        #expect(roles(meeting) == ["official:王小洪": .participant, "official:科洛科利采夫": .participant])
        #expect(meeting.place == "place:莫斯科")
        #expect(meeting.date?.description == "2024-06-19")
    }

    @Test func passiveMeetingNamesTheHost() throws {
        let result = try extract(dated("2024-05-12", "5月9日，公安部副部长周振邦在万象受到老挝国家主席通伦·西苏里的接见。"))
        let meeting = try #require(meetings(result).first)
        #expect(meetings(result).count == 1)
        #expect(roles(meeting) == ["official:通伦·西苏里": .host, "official:周振邦": .guest])
        #expect(meeting.place == "place:万象")
        #expect(meeting.date?.description == "2024-05-09")
    }

    @Test func collectiveMeetingIncludesEveryGuest() throws {
        let result = try extract(dated("2024-10-30", "10月28日，王小洪在北京集体会见了老挝公安部副部长坎通·西萨万、"
            + "吉尔吉斯斯坦内务部长乌兰·塔希罗夫和俄罗斯内务部长科洛科利采夫。"))
        #expect(meetings(result).count == 1)
        let meeting = try #require(meetings(result).first)
        #expect(roles(meeting) == ["official:王小洪": .host, "official:坎通·西萨万": .guest,
                                   "official:乌兰·塔希罗夫": .guest, "official:科洛科利采夫": .guest])
        #expect(result.facts.meetings.first?.participants == ["乌兰·塔希罗夫", "坎通·西萨万", "王小洪", "科洛科利采夫"])
    }

    @Test func videoMeetingHasVideoMode() throws {
        let result = try extract(dated("2024-03-15", "3月14日，王小洪在北京以视频方式会见了古巴内务部部长拉萨罗·阿尔瓦雷斯。"))
        let meeting = try #require(meetings(result).first)
        #expect(meeting.mode == .video)
        #expect(result.facts.meetings.first?.mode == "video")
        #expect(roles(meeting)["official:拉萨罗·阿尔瓦雷斯"] == .guest)
    }

    @Test func listOfPastMeetingsGivesOneMeetingPerLineInTheDocumentYear() throws {
        let result = try extract(dated("2024-12-08", """
            今年以来，王小洪多次会见外方执法部门负责人：
            3月4日，王小洪在北京会见俄罗斯内务部长科洛科利采夫。
            6月11日，王小洪在北京会见老挝公安部副部长坎通·西萨万。
            9月27日，王小洪在北京会见吉尔吉斯斯坦内务部长乌兰·塔希罗夫。
            """))
        #expect(result.facts.meetings.map(\.date) == ["2024-03-04", "2024-06-11", "2024-09-27"])
        #expect(result.facts.meetings.map(\.participants) == [["王小洪", "科洛科利采夫"], ["坎通·西萨万", "王小洪"],
                                                              ["乌兰·塔希罗夫", "王小洪"]])
        #expect(meetings(result).allSatisfy { roles($0)["official:王小洪"] == .host })
    }

    @Test func twoMeetingsOnOneDayStayApart() throws {
        let result = try extract(dated("2024-12-08", "12月3日上午，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"
            + "当天下午，王小洪会见了老挝公安部副部长坎通·西萨万。"))
        #expect(result.facts.meetings.count == 2)
        #expect(Set(result.facts.meetings.map(\.participants)) == [["王小洪", "科洛科利采夫"], ["坎通·西萨万", "王小洪"]])
        #expect(result.facts.meetings.allSatisfy { $0.date == "2024-12-03" })
    }

    @Test func videoTalksAreAVideoMeetingOfEquals() throws {
        let result = try extract(dated("2024-12-08", "12月3日，王小洪同俄罗斯内务部长科洛科利采夫举行视频会谈。"))
        let meeting = try #require(meetings(result).first)
        #expect(meeting.mode == .video)
        #expect(roles(meeting) == ["official:王小洪": .participant, "official:科洛科利采夫": .participant])
    }

    @Test func areasRaisedAtAMeetingBelongToIt() throws {
        let result = try extract(dated("2024-12-08", "12月2日，王小洪在北京会见俄罗斯内务部长科洛科利采夫时表示，中方愿同俄方深化禁毒合作。"))
        #expect(result.facts.meetings.map(\.areas) == [["counterNarcotics"]])
        #expect(result.graph.areas(between: "CN", and: "RU") == ["counterNarcotics"])
    }

    @Test func areasAPronounStatesInTheNextParagraphBelongToTheMeeting() throws {
        let text = dated("2024-12-08", """
            12月2日，王小洪在北京会见俄罗斯内务部长科洛科利采夫。

            他表示，中方愿同俄方在网络安全、禁毒等领域加强合作。

            另据报道，双方还讨论了打击跨国犯罪问题。
            """)
        let result = try extract(text)
        // The pronoun's paragraph counts; a paragraph that does not open with one does not.
        #expect(result.facts.meetings.map(\.areas) == [["counterNarcotics", "cybersecurity"]])
    }

    // MARK: Visits

    @Test func arrivalInACapitalIsAVisitToItsCountry() throws {
        let result = try extract(dated("2024-04-05", "4月2日，公安部副部长周振邦率团抵达哈瓦那。"))
        #expect(result.facts.visits == [Facts.Visit(visitor: "周振邦", destination: "CU", date: "2024-04-02")])
        let visit = try #require(result.graph.events.first { $0.kind == .visit })
        #expect(roles(visit) == ["official:周振邦": .visitor, "country:CU": .destination])
    }

    @Test func visitToANamedCountryHasItAsDestination() throws {
        let result = try extract(dated("2024-04-05", "4月3日，公安部副部长周振邦访问老挝。"))
        #expect(result.facts.visits == [Facts.Visit(visitor: "周振邦", destination: "LA", date: "2024-04-03")])
    }

    @Test func visitToChinaWrittenAsFangHuaHasChinaAsDestination() throws {
        let result = try extract(dated("2024-07-01", "6月25日，吉尔吉斯斯坦内务部长乌兰·塔希罗夫应邀访华。"))
        #expect(result.facts.visits == [Facts.Visit(visitor: "乌兰·塔希罗夫", destination: "CN", date: "2024-06-25")])
    }

    @Test func visitOverADateRangeStartsOnItsFirstDay() throws {
        let result = try extract(dated("2024-12-08", "俄罗斯内务部长科洛科利采夫于11月24日至26日访华。"))
        #expect(result.facts.visits == [Facts.Visit(visitor: "科洛科利采夫", destination: "CN", date: "2024-11-24")])
        let visit = try #require(result.graph.events.first { $0.kind == .visit })
        #expect(visit.date?.description == "2024-11-24")
        #expect(visit.endDate?.description == "2024-11-26")
    }

    @Test func successiveStopsGiveOneVisitEach() throws {
        let result = try extract(dated("2024-09-30", "9月10日至18日，公安部副部长周振邦先后前往塔吉克斯坦、乌兹别克斯坦进行工作访问。"))
        #expect(Set(result.facts.visits.map(\.destination)) == ["TJ", "UZ"])
        #expect(result.facts.visits.count == 2)
        #expect(result.facts.visits.allSatisfy { $0.visitor == "周振邦" && $0.date == "2024-09-10" })
    }

    @Test func announcedVisitIsPlanned() throws {
        let result = try extract(dated("2024-12-08", "吉尔吉斯斯坦内务部长乌兰·塔希罗夫将于明年访华。"))
        let visits = result.graph.events.filter { $0.kind == .visit }
        #expect(visits.count == 1)
        #expect(visits.allSatisfy { $0.status == .planned })
        #expect(visits.first.map(roles) == ["official:乌兰·塔希罗夫": .visitor, "country:CN": .destination])
    }

    // MARK: Agreements

    @Test func signingByTwoCountriesMakesThemParties() throws {
        let result = try extract(dated("2024-12-08", "12月2日，中古两国公安部门在哈瓦那签署了打击跨国犯罪合作协议。"))
        #expect(result.facts.agreements.count == 1)
        let agreement = try #require(result.facts.agreements.first)
        #expect(agreement.parties == ["CN", "CU"])
        #expect(agreement.date == "2024-12-02")
        #expect(agreement.witnesses == [])
    }

    @Test func jointWitnessingNamesTheWitnesses() throws {
        let named = try extract(dated("2024-12-08", "12月3日，王小洪与古巴内务部部长拉萨罗·阿尔瓦雷斯在北京举行会谈。"
            + "会谈后，王小洪和阿尔瓦雷斯共同见证签署了《中古禁毒合作谅解备忘录》。"))
        let agreement = try #require(named.facts.agreements.first)
        #expect(agreement.witnesses == ["拉萨罗·阿尔瓦雷斯", "王小洪"])
        #expect(agreement.parties == ["CN", "CU"])
        #expect(agreement.title == "中古禁毒合作谅解备忘录")
        #expect(agreement.date == "2024-12-03")
        let event = try #require(named.graph.events.first { $0.kind == .agreement })
        #expect(roles(event)["official:王小洪"] == .witness)

        // 双方 stands for the two who just met.
        let sides = try extract(dated("2024-12-08", "12月3日，王小洪与古巴内务部部长拉萨罗·阿尔瓦雷斯在北京举行会谈。"
            + "会谈后，双方共同见证签署了《中古禁毒合作谅解备忘录》。"))
        #expect(sides.facts.agreements.first?.witnesses == ["拉萨罗·阿尔瓦雷斯", "王小洪"])
    }

    @Test func issuedJointStatementKeepsItsTitle() throws {
        let result = try extract(dated("2024-12-08", "12月5日，中俄双方发表《中俄关于深化执法安全合作的联合声明》。"))
        let agreement = try #require(result.facts.agreements.first)
        #expect(agreement.title == "中俄关于深化执法安全合作的联合声明")
        #expect(agreement.parties == ["CN", "RU"])
        #expect(agreement.date == "2024-12-05")
        #expect(result.graph.entities.contains { $0.kind == .document && $0.name == "中俄关于深化执法安全合作的联合声明" })
    }

    // MARK: Pledges

    @Test func pledgeLinksTheCountriesWithTheirAreas() throws {
        let result = try extract("王小洪说，中方愿同俄方在禁毒、网络安全、打击跨国犯罪等领域加强合作。")
        let areas = ["counterNarcotics", "cybersecurity", "transnationalCrime"]
        let pledge = try #require(result.graph.events.first { $0.kind == .pledge })
        #expect(Set(pledge.participants.map(\.entity)) == ["country:CN", "country:RU"])
        #expect(pledge.areas == areas)
        let relation = try #require(result.graph.relations.first { $0.kind == .cooperatesWith })
        #expect(Set([relation.source, relation.target]) == ["country:CN", "country:RU"])
        #expect(relation.areas == areas)
        #expect(result.graph.areas(between: "CN", and: "RU") == areas)
        #expect(result.graph.areas(between: "country:RU", and: "country:CN") == areas)
        #expect(result.graph.areas(between: "CN", and: "CU") == [])
    }

    @Test func pledgeWithTheWuSideGoesToTheCountryTheDocumentNames() throws {
        let result = try extract("乌兹别克斯坦内务部长当天抵达北京。王小洪表示，中方愿同乌方在反恐、禁毒等领域加强合作。")
        #expect(result.graph.areas(between: "CN", and: "UZ") == ["counterNarcotics", "counterTerrorism"])
        #expect(result.graph.areas(between: "CN", and: "UA") == [])
    }

    // MARK: Attendances

    @Test func attendanceNamesTheConference() throws {
        let result = try extract(dated("2024-09-12", "9月10日，公安部副部长周振邦在北京出席第三届国际执法合作论坛并作主旨发言。"))
        #expect(result.facts.attendances == [Facts.Attendance(attendee: "周振邦", event: "第三届国际执法合作论坛",
                                                              date: "2024-09-10", place: "北京")])
        let attendance = try #require(result.graph.events.first { $0.kind == .attendance })
        #expect(attendance.title == "第三届国际执法合作论坛")
        #expect(roles(attendance)["official:周振邦"] == .attendee)
        #expect(result.facts.meetings == [])
    }

    // MARK: Negation and the future

    @Test func cancelledMeetingIsNotReported() throws {
        let result = try extract(dated("2024-12-08", "原定12月6日举行的王小洪与科洛科利采夫的会见因故未能举行。"))
        #expect(result.facts.meetings == [])
        #expect(meetings(result).isEmpty)
    }

    @Test func sidesThatCouldNotMeetHaveNoMeeting() throws {
        let result = try extract(dated("2024-12-08", "12月6日，王小洪抵达莫斯科，但由于日程原因，双方未能会面。"))
        #expect(result.facts.meetings == [])
        #expect(meetings(result).isEmpty)
    }

    @Test func announcedTalksAreNotAHeldMeeting() throws {
        let result = try extract("王小洪与俄罗斯内务部长科洛科利采夫将于明年举行会谈。")
        #expect(result.facts.meetings == [])
        #expect(!result.graph.events.contains { $0.kind == .meeting && $0.status == .held })
        for meeting in meetings(result) {
            #expect(meeting.status == .planned)
            #expect(Set(meeting.participants.map(\.entity)) == ["official:王小洪", "official:科洛科利采夫"])
        }
    }

    // MARK: Dates

    @Test func lastYearCountsFromTheDocumentDate() throws {
        let result = try extract(dated("2023-12-06", "去年11月8日，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"))
        #expect(result.facts.meetings.map(\.date) == ["2022-11-08"])
        #expect(result.facts.documentDate == "2023-12-06")
    }

    @Test func explicitYearIsKept() throws {
        let result = try extract(dated("2024-12-08", "2023年11月8日，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"))
        #expect(result.facts.meetings.map(\.date) == ["2023-11-08"])
    }

    @Test func monthDayAfterTheDocumentDateFallsInThePreviousYear() throws {
        let result = try extract(dated("2024-03-02", "12月20日，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"))
        #expect(result.facts.meetings.map(\.date) == ["2023-12-20"])
        let before = try extract(dated("2024-03-02", "2月20日，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"))
        #expect(before.facts.meetings.map(\.date) == ["2024-02-20"])
    }

    @Test func monthDayWithNoYearAnywhereStaysYearless() throws {
        let result = try extract("12月20日，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。")
        #expect(result.facts.meetings.map(\.date) == ["--12-20"])
        #expect(meetings(result).first?.date == EventDate(year: nil, month: 12, day: 20))
        #expect(result.facts.documentDate == nil)
    }

    @Test func nextDayCountsFromThePreviousEvent() throws {
        let result = try extract(dated("2024-12-08", "11月30日，王小洪抵达莫斯科。次日，王小洪在莫斯科会见了俄罗斯内务部长科洛科利采夫。"))
        #expect(result.facts.visits.map(\.date) == ["2024-11-30"])
        #expect(result.facts.meetings.map(\.date) == ["2024-12-01"])
    }

    @Test func localTimeDateIsRead() throws {
        let result = try extract(dated("2024-04-07", "当地时间4月5日，王小洪在莫斯科会见了俄罗斯内务部长科洛科利采夫。"))
        #expect(result.facts.meetings.map(\.date) == ["2024-04-05"])
        #expect(result.facts.meetings.first?.place == "莫斯科")
    }

    // MARK: Script, merging, threads

    @Test func traditionalCharactersGiveTheSameMeetingAsSimplified() throws {
        let simplified = try extract(dated("2024-12-08", "12月5日，国务委员、公安部部长王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"))
        let traditional = try extract(dated("2024-12-08", "12月5日，國務委員、公安部部長王小洪在北京會見了俄羅斯內務部長科洛科利采夫。"))
        #expect(simplified.facts.meetings.count == 1)
        #expect(traditional.facts.meetings == simplified.facts.meetings)
        #expect(traditional.facts.officials == simplified.facts.officials)
        #expect(traditional.graph.events.map(\.id) == simplified.graph.events.map(\.id))
        #expect(traditional.graph.events.map(\.participants) == simplified.graph.events.map(\.participants))
    }

    @Test func mergingGraphsDoesNotDependOnOrder() throws {
        let a = try extract(dated("2024-12-08", "12月5日，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。"
            + "王小洪表示，中方愿同俄方在禁毒领域加强合作。"), id: "a")
        let b = try extract(dated("2024-12-09", "12月6日，王小洪在北京会见了古巴内务部部长拉萨罗·阿尔瓦雷斯。"
            + "王小洪表示，中方愿同古方在网络安全领域加强合作。"), id: "b")
        let ab = a.graph.merged(with: b.graph)
        let ba = b.graph.merged(with: a.graph)
        #expect(ab == ba)
        #expect(try ab.jsonData() == ba.jsonData())
        #expect(ab.documents == ["a", "b"])
        // One node for the official both documents name, with the evidence of both.
        let wang = try #require(ab.entity("official:王小洪"))
        #expect(Set(wang.evidence.map(\.document)) == ["a", "b"])
        #expect(ab.meetings(involving: "official:王小洪").count == 2)
        #expect(ab.entities(of: .official).count == 3)
    }

    @Test func batchExtractionIsTheSameWhateverTheThreadCount() throws {
        let documents = [
            Document(id: "d1", text: dated("2024-12-08", "12月5日，王小洪在北京会见了俄罗斯内务部长科洛科利采夫。")),
            Document(id: "d2", text: "俄罗斯内务部长科洛科利采夫于11月24日至26日访华。"),
            Document(id: "d3", text: "---\ntitle: 未完\n"),
            Document(id: "d4", text: dated("2024-09-12", "9月10日，公安部副部长周振邦在北京出席第三届国际执法合作论坛并作主旨发言。")),
            Document(id: "d5", text: "<p>中方愿同古方在<b>禁毒</b>、反恐等领域加强合作。</p>"),
            Document(id: "d6", text: dated("2024-04-05", "4月2日，公安部副部长周振邦率团抵达哈瓦那。")),
        ]
        let one = Self.extractor.extract(documents, threads: 1)
        let four = Self.extractor.extract(documents, threads: 4)
        #expect(one.count == documents.count)
        #expect(four.count == documents.count)
        var extracted = 0
        for (index, (x, y)) in zip(one, four).enumerated() {
            switch (x, y) {
            case let (.success(x), .success(y)):
                extracted += 1
                #expect(x.document == documents[index].id)
                #expect(try x.graph.jsonData() == y.graph.jsonData())
                #expect(x.facts == y.facts)
            case let (.failure(x), .failure(y)):
                #expect(x.description == y.description)
                #expect(documents[index].id == "d3")
            default:
                Issue.record("document \(documents[index].id) succeeded with one thread count and failed with the other")
            }
        }
        #expect(extracted == documents.count - 1)
        let mergedOne = Graph.merging(one.compactMap { try? $0.get().graph })
        let mergedFour = Graph.merging(four.compactMap { try? $0.get().graph })
        #expect(try mergedOne.jsonData() == mergedFour.jsonData())
    }
}

/// Dates print their digits straight into bytes; every id and output
/// depends on the ISO form being exactly right.
@Suite struct EventDateTests {
    /// The ISO form built the slow, obvious way.
    private func reference(_ date: EventDate) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var parts: [String] = []
        if let month = date.month {
            parts.append(padded(month, 2))
            if let day = date.day { parts.append(padded(day, 2)) }
        }
        guard let year = date.year else { return parts.isEmpty ? "" : "--" + parts.joined(separator: "-") }
        return ([padded(year, 4)] + parts).joined(separator: "-")
    }

    @Test func isoFormPadsEveryPartAndRoundTrips() {
        for year in [nil, 0, 7, 99, 2024, 9999, 12345, -44] as [Int?] {
            for month in [nil, 1, 12, 99, 123] as [Int?] {
                for day in [nil, 1, 9, 31] as [Int?] {
                    let date = EventDate(year: year, month: month, day: day)
                    #expect(date.description == reference(date), "\(String(describing: year)) \(String(describing: month)) \(String(describing: day))")
                    if let year, (0...9999).contains(year), (month ?? 1) <= 12 {
                        #expect(EventDate(iso: date.description) == date)
                    }
                }
            }
        }
        #expect(EventDate(year: 2024, month: 5, day: 3).description == "2024-05-03")
        #expect(EventDate(year: nil, month: 11, day: 30).description == "--11-30")
    }
}
