import Foundation
import Testing
import SinoEvaluation
import SinoGraph

/// Facts built from the gold files' JSON form, the only public way to make
/// their elements.
private func facts(_ json: String) throws -> Facts {
    try JSONDecoder().decode(Facts.self, from: Data(json.utf8))
}

/// A meeting in gold-file JSON.
private func meeting(_ participants: [String], date: String? = nil, place: String? = nil,
                     mode: String? = "in-person", areas: [String] = []) -> String {
    func quoted(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "null" }
    return #"{"participants": [\#(participants.map { quoted($0) }.joined(separator: ","))], "date": \#(quoted(date)), "#
        + #""place": \#(quoted(place)), "mode": \#(quoted(mode)), "areas": [\#(areas.map { quoted($0) }.joined(separator: ","))]}"#
}

private func meetings(_ items: String...) throws -> Facts {
    try facts(#"{"doc": "t", "meetings": [\#(items.joined(separator: ","))]}"#)
}

@Test func participantSetsMatchWhateverTheirOrder() throws {
    let gold = try meetings(meeting(["赵立新", "安娜·彼得罗娃"], date: "2023-04-02"))
    let found = try meetings(meeting(["安娜·彼得罗娃", "赵立新"], date: "2023-04-02"))
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.meetings == CategoryScore(gold: 1, found: 1, correct: 1))
    #expect(score.meetingMatches.matched == 1)
    #expect(score.meetingMatches.dateAccuracy == 1)
}

@Test func aDifferentParticipantSetIsNoMatch() throws {
    let gold = try meetings(meeting(["赵立新", "安娜·彼得罗娃"]))
    let found = try meetings(meeting(["赵立新", "安娜·彼得罗娃", "马丁"]))
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.meetings.correct == 0)
    #expect(score.meetings.precision == 0 && score.meetings.recall == 0 && score.meetings.f == 0)
}

@Test func aMeetingOnTheWrongDateStillMatchesButCostsDateAccuracy() throws {
    let gold = try meetings(meeting(["赵立新", "马丁"], date: "2023-04-02", place: "里昂"),
                            meeting(["赵立新", "安娜·彼得罗娃"], date: "2023-04-03", place: "巴黎"))
    let found = try meetings(meeting(["马丁", "赵立新"], date: "2023-04-01", place: "里昂"),
                             meeting(["安娜·彼得罗娃", "赵立新"], date: "2023-04-03", place: "巴黎"))
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.meetings == CategoryScore(gold: 2, found: 2, correct: 2))
    #expect(score.meetingMatches.matched == 2)
    #expect(score.meetingMatches.dateCorrect == 1)
    #expect(score.meetingMatches.dateAccuracy == 0.5)
    #expect(score.meetingMatches.placeAccuracy == 1)
    let wrong = FactsEvaluation.differences(found: found, gold: gold).filter { $0.kind == .wrong }
    #expect(wrong.count == 1)
    #expect(wrong.first?.element.contains("date 2023-04-01, gold 2023-04-02") == true)
}

@Test func matchingPrefersTheFoundMeetingOfTheSameDate() throws {
    // Two meetings of the same pair: each gold meeting must take the found
    // one of its own date, not the first one listed.
    let gold = try meetings(meeting(["赵立新", "马丁"], date: "2023-04-02"),
                            meeting(["赵立新", "马丁"], date: "2023-06-09"))
    let found = try meetings(meeting(["赵立新", "马丁"], date: "2023-06-09"),
                             meeting(["赵立新", "马丁"], date: "2023-04-02"))
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.meetings.correct == 2)
    #expect(score.meetingMatches.dateCorrect == 2)
}

@Test func areasMustMatchAsASetAndModeExactly() throws {
    let gold = try meetings(meeting(["赵立新", "马丁"], mode: "video", areas: ["cybercrime", "counterNarcotics"]))
    let found = try meetings(meeting(["赵立新", "马丁"], mode: "in-person", areas: ["counterNarcotics", "cybercrime"]))
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.meetingMatches.areasCorrect == 1)
    #expect(score.meetingMatches.modeCorrect == 0)
}

@Test func duplicatesInTheFoundFactsCountAsFalsePositives() throws {
    let gold = try facts(#"{"doc": "t", "countries": ["FR"], "places": ["里昂"],"#
        + #" "officials": [{"name": "赵立新", "country": "CN", "titles": []}]}"#)
    let found = try facts(#"{"doc": "t", "countries": ["FR", "FR"], "places": ["里昂", "里昂", "里昂"],"#
        + #" "officials": [{"name": "赵立新", "country": "CN", "titles": []},"#
        + #" {"name": "赵立新", "country": "CN", "titles": ["部长"]}]}"#)
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.countries == CategoryScore(gold: 1, found: 2, correct: 1))
    #expect(score.countries.precision == 0.5 && score.countries.recall == 1)
    #expect(score.places == CategoryScore(gold: 1, found: 3, correct: 1))
    #expect(score.officials == CategoryScore(gold: 1, found: 2, correct: 1))
    let extra = FactsEvaluation.differences(found: found, gold: gold).filter { $0.kind == .extra }
    #expect(extra.count == 4)
}

@Test func duplicateMeetingsMatchOnlyOnce() throws {
    let gold = try meetings(meeting(["赵立新", "马丁"], date: "2023-04-02"))
    let found = try meetings(meeting(["赵立新", "马丁"], date: "2023-04-02"),
                             meeting(["马丁", "赵立新"], date: "2023-04-02"))
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.meetings == CategoryScore(gold: 1, found: 2, correct: 1))
    #expect(score.meetingMatches.matched == 1)
}

@Test func agenciesNeedTheRightCountry() throws {
    let gold = try facts(#"{"doc": "t", "agencies": [{"name": "内政部", "country": "FR"}, {"name": "外交部", "country": "CN"}]}"#)
    let found = try facts(#"{"doc": "t", "agencies": [{"name": "内政部", "country": "CN"}, {"name": "外交部", "country": "CN"}]}"#)
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.agencies == CategoryScore(gold: 2, found: 2, correct: 1))
}

@Test func officialsNeedTheRightCountryButNotTheTitles() throws {
    let gold = try facts(#"{"doc": "t", "officials": [{"name": "马丁", "country": "FR", "titles": ["内政部长"]}]}"#)
    let found = try facts(#"{"doc": "t", "officials": [{"name": "马丁", "country": "FR", "titles": []}]}"#)
    let wrongCountry = try facts(#"{"doc": "t", "officials": [{"name": "马丁", "country": null, "titles": ["内政部长"]}]}"#)
    #expect(FactsEvaluation.compare(found: found, gold: gold).officials.correct == 1)
    #expect(FactsEvaluation.compare(found: wrongCountry, gold: gold).officials.correct == 0)
}

@Test func visitsAgreementsAndAttendancesMatchOnTheirIdentity() throws {
    let gold = try facts(#"""
        {"doc": "t",
         "visits": [{"visitor": "赵立新", "destination": "FR", "date": "2023-04-01"}],
         "agreements": [{"parties": ["CN", "FR"], "title": "警务培训合作协议", "date": null, "witnesses": []},
                        {"parties": ["CN", "DE"], "title": null, "date": null, "witnesses": []}],
         "attendances": [{"attendee": "赵立新", "event": "国际刑警组织大会", "date": null, "place": null}]}
        """#)
    let found = try facts(#"""
        {"doc": "t",
         "visits": [{"visitor": "赵立新", "destination": "FR", "date": null}],
         "agreements": [{"parties": ["FR", "CN"], "title": "另一份协议", "date": null, "witnesses": []},
                        {"parties": ["DE", "CN"], "title": "中德合作备忘录", "date": null, "witnesses": []}],
         "attendances": [{"attendee": "赵立新", "event": "国际刑警组织大会", "date": "2023-05-05", "place": "里昂"}]}
        """#)
    let score = FactsEvaluation.compare(found: found, gold: gold)
    #expect(score.visits.correct == 1)
    // A different title on both sides is another agreement; a title on one side only is not held against it.
    #expect(score.agreements == CategoryScore(gold: 2, found: 2, correct: 1))
    #expect(score.attendances.correct == 1)
}

@Test func emptyGoldAndEmptyFoundScorePerfectly() throws {
    let empty = try facts(#"{"doc": "t"}"#)
    let score = FactsEvaluation.compare(found: empty, gold: empty)
    for category in FactsScore.Category.allCases {
        #expect(score[category].precision == 1 && score[category].recall == 1 && score[category].f == 1)
    }
    #expect(score.meetingMatches.matched == 0 && score.meetingMatches.dateAccuracy == 1)
}

@Test func findingNothingHasPrecisionOneAndRecallZero() throws {
    let gold = try meetings(meeting(["赵立新", "马丁"]))
    let score = FactsEvaluation.compare(found: try facts(#"{"doc": "t"}"#), gold: gold)
    #expect(score.meetings.precision == 1 && score.meetings.recall == 0 && score.meetings.f == 0)
    let extra = FactsEvaluation.compare(found: gold, gold: try facts(#"{"doc": "t"}"#))
    #expect(extra.meetings.precision == 0 && extra.meetings.recall == 1 && extra.meetings.f == 0)
}

@Test func documentScoresAddUpBeforeRatiosAreTaken() throws {
    let gold = try meetings(meeting(["赵立新", "马丁"], date: "2023-04-02"))
    var total = FactsScore()
    total.add(FactsEvaluation.compare(found: gold, gold: gold))
    total.add(FactsEvaluation.compare(found: try facts(#"{"doc": "t"}"#), gold: gold))
    #expect(total.documents == 2)
    #expect(total.meetings == CategoryScore(gold: 2, found: 1, correct: 1))
    #expect(total.meetings.recall == 0.5)
    #expect(total.events.gold == 2)
}

@Test func scoresRoundTripThroughJSONWithTheirRatios() throws {
    let gold = try meetings(meeting(["赵立新", "马丁"], date: "2023-04-02"))
    let score = FactsEvaluation.compare(found: gold, gold: gold)
    let data = try JSONEncoder().encode(score)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let meetings = object?["meetings"] as? [String: Any]
    #expect(meetings?["f"] as? Double == 1)
    #expect(try JSONDecoder().decode(FactsScore.self, from: data) == score)
}
