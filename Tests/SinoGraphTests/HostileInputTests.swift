import Foundation
import Testing
import SinoEvaluation
@testable import SinoGraph
import SinoTokenizer

// Inputs a crawl really delivers: broken encodings, binaries, huge lines,
// tag soup, bad user resources, random junk and many threads at once. Each
// must give a clear error that names the input, or correct output; never a
// trap, never an offset outside the document.

/// A fresh directory under the system's temporary directory.
private func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("HostileInputTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// Writes `bytes` to a new file named `name` and returns its URL.
private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

/// The original text of a scalar range of `text`.
private func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
    String(String.UnicodeScalarView(scalars[start ..< end]))
}

/// The separators a transliterated name may be written with.
private let nameSeparators: Set<Unicode.Scalar> = ["·", "-", "－", "—", "•"]

/// `text` without name separators and without what the extractor reads
/// past on purpose: the invisible scalars the reader drops (controls, byte
/// order marks) and quotation marks, which the analysis takes out
/// (`打击“三股势力”`). Evidence of `科洛科\u{7F}利采夫` rightly spans the DEL
/// that the name 科洛科利采夫 does not have.
private func withoutSeparators(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter {
        !nameSeparators.contains($0) && !isDroppedByTheReader($0)
    }))
}

private func isDroppedByTheReader(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F ..< 0xA0).contains(scalar.value) || scalar.value == 0xFEFF
        || AnalyzedText.isDropped(scalar)
}


@Suite struct HostileInputTests {
    static let extractor: Extractor = {
        do { return try Extractor() } catch { fatalError("built-in resources do not load: \(error)") }
    }()

    // MARK: Unreadable files

    /// Bytes that are not a document, and the reason the reader must give.
    struct UnreadableCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var reason: DocumentError.Reason
        var line: Int?
        var testDescription: String { name }
    }

    static let unreadable: [UnreadableCase] = [
        // 0xC3 opens a two-byte sequence that 0x28 does not continue.
        UnreadableCase(name: "latin1.txt", bytes: Array("公安部\n会见".utf8) + [0xC3, 0x28] + Array("。".utf8),
                       reason: .invalidUTF8(offset: 16), line: 2),
        UnreadableCase(name: "image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
                       reason: .binary(offset: 8), line: 3),
        UnreadableCase(name: "empty.md", bytes: [], reason: .empty, line: nil),
        // Ideographic space, no-break space and a byte order mark are whitespace too.
        UnreadableCase(name: "blank.html", bytes: Array("  \n\t\r\n\u{3000}\u{A0}\n".utf8), reason: .empty, line: nil),
        UnreadableCase(name: "bom-only.txt", bytes: [0xEF, 0xBB, 0xBF, 0x20, 0x0A], reason: .empty, line: nil),
    ]

    @Test(arguments: unreadable)
    func unreadableFileThrowsADocumentErrorNamingThePath(_ input: UnreadableCase) throws {
        let url = try temporaryFile(input.name, input.bytes)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let error = try #require(throws: DocumentError.self) { try Document(contentsOf: url) }
        #expect(error.reason == input.reason)
        #expect(error.source == url.path)
        #expect(error.line == input.line)
        #expect(error.description.hasPrefix(url.path + (input.line.map { ":\($0)" } ?? "") + ": "))
    }

    // MARK: Batches

    @Test func unterminatedFrontMatterFailsOnlyItsOwnDocumentInABatch() throws {
        let documents = [
            Document(id: "first", text: "3月14日，国务委员、公安部部长王小洪在北京会见白俄罗斯总统卢卡申科。"),
            Document(id: "open-matter", text: "---\ntitle: 王毅在北京会见拉夫罗夫\ndate: 2024-05-06\ntags:\n  - 外交\n\n"),
            Document(id: "third", text: "<p>6月2日，外交部长王毅在上海会见俄罗斯外长拉夫罗夫。</p>"),
            Document(id: "fourth", text: "# 标题\n\n7月9日，国家主席习近平在北京会见哈萨克斯坦总统托卡耶夫。"),
        ]
        for threads in [1, 3] {
            let results = Self.extractor.extract(documents, threads: threads)
            #expect(results.count == documents.count)
            for (document, result) in zip(documents, results) {
                switch result {
                case .success(let extraction):
                    #expect(document.id != "open-matter", "the open front matter was read as a document")
                    #expect(extraction.document == document.id)
                    #expect(extraction.graph.events.contains { $0.kind == .meeting }, "\(document.id): no meeting")
                case .failure(let error):
                    #expect(document.id == "open-matter", "\(document.id) failed: \(error)")
                    #expect(error.reason == .unterminatedFrontMatter)
                    #expect(error.source == "open-matter")
                    #expect(error.description.hasPrefix("open-matter:"))
                }
            }
        }
    }

    // MARK: Size

    @Test func twoMegabyteSingleLineDocumentYieldsEveryMeeting() throws {
        // Two pairs of officials meet on many dates; the same pair on the same
        // date is one meeting however often it is told.
        let pairs: [(host: String, guest: String, sentence: (Int, Int) -> String)] = [
            ("王小洪", "科洛科利采夫", { "\($0)月\($1)日，王小洪在北京会见俄罗斯内务部长科洛科利采夫。" }),
            ("王毅", "托卡耶夫", { "\($0)月\($1)日，外交部长王毅在阿斯塔纳会见哈萨克斯坦总统托卡耶夫。" }),
        ]
        let fillers = [
            "双方一致同意进一步深化禁毒执法合作。",
            "代表团一行参观了当地一所警察学院。",
            "Delegates exchanged views on border security 2024.",
            "王小洪一行随后乘车离开。",
        ]
        var text = ""
        var expected = Set<String>()
        var sentence = 0
        while text.utf8.count < 2_000_000 {
            let month = sentence % 12 + 1
            let day = (sentence / 12) % 28 + 1
            let pair = (sentence / 97) % pairs.count
            text += pairs[pair].sentence(month, day)
            expected.insert("\(pair) \(month)-\(day)")
            text += fillers[sentence % fillers.count]
            sentence += 1
        }
        #expect(!text.contains("\n"))

        let document = Document(id: "long", text: text)
        let graph = try Self.extractor.extract(document).graph
        let meetings = graph.events.filter { $0.kind == .meeting }
        #expect(meetings.count == expected.count)
        var found = Set<String>()
        for meeting in meetings {
            let officials = Set(meeting.participants.map(\.entity).filter { $0.hasPrefix("official:") })
            let pair = pairs.firstIndex { officials == ["official:\($0.host)", "official:\($0.guest)"] }
            guard let pair, let month = meeting.date?.month, let day = meeting.date?.day else {
                Issue.record("unexpected meeting \(meeting.id)")
                continue
            }
            found.insert("\(pair) \(month)-\(day)")
        }
        #expect(found == expected)
        let scalarCount = text.unicodeScalars.count
        for entity in graph.entities {
            for evidence in entity.evidence { #expect(evidence.end <= scalarCount) }
        }
    }

    // MARK: Tag soup

    @Test func deeplyNestedDivsKeepTheTextAndItsOffsets() throws {
        let sentence = "11月5日，国务委员、公安部部长王小洪在北京会见白俄罗斯内务部长库宾。"
        let depth = 20_000
        let text = String(repeating: "<div class=\"x\">", count: depth) + sentence + String(repeating: "</div>", count: depth)
        let extraction = try Self.extractor.extract(Document(id: "nested", text: text))
        let official = try #require(extraction.graph.entity("official:王小洪"))
        let scalars = Array(text.unicodeScalars)
        for evidence in official.evidence {
            #expect(slice(scalars, evidence.start, evidence.end) == "王小洪")
        }
        #expect(extraction.graph.events.contains { $0.kind == .meeting && $0.date == EventDate(year: nil, month: 11, day: 5) })
    }

    @Test func unterminatedScriptDropsOnlyWhatFollowsIt() throws {
        let text = "<p>8月1日，外交部长王毅在北京会见俄罗斯外长拉夫罗夫。</p><script>var s = '<p>';\n if (a < b) {"
        let extraction = try Self.extractor.extract(Document(id: "script", text: text))
        #expect(extraction.graph.entity("official:王毅") != nil)
        #expect(extraction.graph.events.contains { $0.kind == .meeting })
        for entity in extraction.graph.entities {
            for evidence in entity.evidence {
                #expect(!evidence.sentence.contains("var"), "script text leaked: \(evidence.sentence)")
            }
        }
        // `<script` without its `>` either.
        let bare = try Self.extractor.extract(Document(id: "bare", text: "王毅在北京会见拉夫罗夫。<script"))
        #expect(bare.graph.entity("official:王毅") != nil)
    }

    @Test func textAfterAnUnterminatedTagIsNotLost() throws {
        let text = "<p>开幕。</p><span class=\"a 12月9日，外交部长王毅在北京会见俄罗斯外长拉夫罗夫。"
        let extraction = try Self.extractor.extract(Document(id: "open-tag", text: text))
        let scalars = Array(text.unicodeScalars)
        let official = try #require(extraction.graph.entity("official:拉夫罗夫"))
        let evidence = try #require(official.evidence.first)
        #expect(slice(scalars, evidence.start, evidence.end) == "拉夫罗夫")
        let meeting = try #require(extraction.graph.events.first { $0.kind == .meeting })
        #expect(meeting.date == EventDate(year: nil, month: 12, day: 9))
        #expect(Set(meeting.participants.map(\.entity)).isSuperset(of: ["official:王毅", "official:拉夫罗夫"]))
    }

    // MARK: Bad resources

    @Test func dictionaryWithABadLineNamesTheFileAndLine() throws {
        let url = try temporaryFile("user.dict", Array("# 用户词典\n网络安全 30 n\n执法合作 2x1 n\n".utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var builder = LexiconBuilder()
        let error = try #require(throws: LexiconError.self) { try builder.addDictionary(at: url) }
        #expect(error.reason == .badFrequency("2x1"))
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("\(url.path):3: "))
        #expect(builder.entryCount == 0, "a dictionary with a bad line must add nothing")
    }

    @Test func dictionaryWithAHugeWordNamesTheLine() throws {
        let word = String(repeating: "长", count: 10_000)
        let url = try temporaryFile("long.dict", Array("公安部 10 nt\n\(word) 5 n\n部长\n".utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var builder = LexiconBuilder()
        let error = try #require(throws: LexiconError.self) { try builder.addDictionary(at: url) }
        #expect(error.reason == .wordTooLong(10_000))
        #expect(error.line == 2)
        #expect(error.description.hasPrefix("\(url.path):2: "))
    }

    @Test func badTitlesRowNamesTheResourceFileAndLine() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let titles = directory.appendingPathComponent("titles.tsv")
        try Data("# 自定义职务\n督察长\tpolice\t-\tInspector General\n\n副督察长\n".utf8).write(to: titles)
        let error = try #require(throws: ResourceError.self) {
            try KnowledgeBase.builtIn().adding(directory: directory)
        }
        #expect(error.source == titles.path)
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("\(titles.path):4: "))
    }

    // MARK: Fuzz

    static let fuzzPieces: [String] = [
        // Han text and real constructions.
        "国务委员、公安部部长", "王小洪", "会见", "在北京", "俄罗斯内务部长", "科洛科利采夫", "迪亚斯·卡内尔",
        "迪亚斯-卡内尔", "迪亚斯－卡内尔", "古巴国家主席", "11月30日", "3月", "至5日", "，", "。", "举行会谈",
        "签署了", "《网络安全合作备忘录》", "出席", "访问", "哈瓦那", "双方", "愿同", "禁毒", "执法合作",
        "外交部长王毅", "拉夫罗夫", "托卡耶夫", "(Miguel Díaz-Canel)", "中方", "古方", "将于", "未能",
        // Emoji sequences.
        "👩‍👩‍👧", "🇨🇳", "👍🏽", "❤️", "🏳️‍🌈",
        // Combining marks, alone and on Han and Latin.
        "\u{301}", "e\u{301}", "王\u{308}", "长\u{20DD}", "\u{302}\u{303}\u{304}",
        // Controls and invisible characters.
        "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\t", "\n", "\r", "\r\n", "\u{2028}", "\u{FEFF}",
        "\u{200B}", "\u{200D}", "\u{3000}", "\u{A0}",
        // Right-to-left text and overrides.
        "שלום", "مرحبا", "\u{202E}", "\u{202C}", "\u{200F}",
        // Lone punctuation.
        "《", "》", "“", "”", "·", "-", "－", "—", "•", "、", "（", "）",
        // Long runs of one character.
        String(repeating: "长", count: 500), String(repeating: "·", count: 40), String(repeating: "部", count: 70),
        // HTML-ish and Markdown-ish fragments.
        "<p>", "</p>", "<b>", "&amp;", "&#", "&#x4E2D;", "&#99999999999;", "<", ">", "<!--", "<script>", "[", "](", "*",
        "**", "`", "#", "---", "http://", "![",
    ]

    @Test func randomTextNeverTrapsAndEveryOffsetPointsIntoTheDocument() throws {
        var random = SplitMix64(seed: 0x5EED_2024)
        let tokenizer = Tokenizer(lexicon: try KnowledgeBase.builtIn().lexicon, options: .extraction)
        var checkedOfficialEvidence = 0
        var documentsWithEvents = 0
        for iteration in 0 ..< 300 {
            var text = ""
            for _ in 0 ..< Int.random(in: 1 ... 40, using: &random) {
                text += Self.fuzzPieces.randomElement(using: &random)!
            }
            let document = Document(id: "fuzz\(iteration)", text: text)
            let scalars = Array(text.unicodeScalars)
            let context = "iteration \(iteration): \(text.debugDescription)"

            checkPartition(tokenizer.tokenize(text), of: scalars, context)

            let graph: Graph
            do {
                graph = try Self.extractor.extract(document).graph
            } catch let error as DocumentError {
                // `---` and a line break can open front matter: a clear error is right.
                #expect(error.reason == .unterminatedFrontMatter || error.reason.isMalformedFrontMatter, "\(context)")
                #expect(error.source == document.id, "\(context)")
                continue
            }
            if !graph.events.isEmpty { documentsWithEvents += 1 }
            var evidence: [Evidence] = graph.events.flatMap(\.evidence) + graph.relations.flatMap(\.evidence)
            for entity in graph.entities {
                evidence += entity.evidence
                for item in entity.evidence {
                    #expect(!item.sentence.isEmpty, "\(entity.id) has evidence without a sentence; \(context)")
                }
            }
            for item in evidence {
                #expect(item.document == document.id, "\(context)")
                #expect(0 <= item.start && item.start <= item.end && item.end <= scalars.count,
                        "evidence \(item.start)..<\(item.end) outside 0..<\(scalars.count); \(context)")
            }
            for entity in graph.entities where entity.kind == .official {
                var forms = Set(([entity.name] + entity.aliases).map(withoutSeparators))
                forms.formUnion(EntityRecognizer.separatorVariants(entity.name).map(withoutSeparators))
                for item in entity.evidence where 0 <= item.start && item.start <= item.end && item.end <= scalars.count {
                    checkedOfficialEvidence += 1
                    let surface = slice(scalars, item.start, item.end)
                    #expect(forms.contains(withoutSeparators(surface)),
                            "\(entity.id) evidence \(item.start)..<\(item.end) is \(surface.debugDescription); \(context)")
                }
            }
        }
        // The checks above must have had something to check.
        #expect(checkedOfficialEvidence > 150, "only \(checkedOfficialEvidence) official mentions checked")
        #expect(documentsWithEvents >= 5, "only \(documentsWithEvents) documents with events")
    }

    /// The tokens are adjacent, in order, cover every scalar and byte, and
    /// each token's text is its slice of the input.
    private func checkPartition(_ tokens: Tokenization, of scalars: [Unicode.Scalar], _ context: String) {
        #expect(tokens.text.unicodeScalars.elementsEqual(scalars), "\(context)")
        var scalarEnd = 0
        var utf8End = 0
        for token in tokens {
            guard token.scalarRange.lowerBound == scalarEnd, token.utf8Range.lowerBound == utf8End,
                  !token.scalarRange.isEmpty, token.scalarRange.upperBound <= scalars.count else {
                Issue.record("token \(token.scalarRange) after \(scalarEnd) in \(scalars.count) scalars; \(context)")
                return
            }
            #expect(token.text.unicodeScalars.elementsEqual(scalars[token.scalarRange]), "\(context)")
            scalarEnd = token.scalarRange.upperBound
            utf8End = token.utf8Range.upperBound
        }
        #expect(scalarEnd == scalars.count, "\(context)")
        #expect(utf8End == tokens.text.utf8.count, "\(context)")
    }

    // MARK: Concurrency

    static let concurrentDocuments: [Document] = [
        Document(id: "c1", text: "---\ndate: 2024-03-20\n---\n3月18日，国务委员、公安部部长王小洪在北京会见俄罗斯内务部长科洛科利采夫，双方就禁毒和网络安全合作交换意见。"),
        Document(id: "c2", text: "<html><body><p>应古巴内务部邀请，公安部副部长率团于4月2日抵达哈瓦那进行工作访问。</p></body></html>"),
        Document(id: "c3", text: "# 签约\n\n5月6日，中俄两国代表在莫斯科签署了《执法安全合作协定》，外交部长王毅和拉夫罗夫共同见证。"),
        Document(id: "c4", text: "9月10日，古巴国家主席迪亚斯-卡内尔在哈瓦那会见中国代表团。迪亚斯·卡内尔表示，古方愿同中方加强反恐合作。"),
        Document(id: "c5", text: "哈萨克斯坦总统托卡耶夫将于明年访华。\n\n外交部长王毅10月8日出席上海合作组织外长理事会会议。"),
        Document(id: "c6", text: "---\ntitle: 会谈\n---\n11月30日，习近平同普京举行视频会谈。两国元首一致同意深化执法合作。"),
    ]

    @Test func oneExtractorGivesTheSameGraphsFromManyTasksAsSerially() async throws {
        let extractor = Self.extractor
        let documents = Self.concurrentDocuments
        let serial = try documents.map { try extractor.extract($0).graph.jsonData() }
        // The documents must give a varied workload, or the comparison proves little.
        let events = try documents.map { try extractor.extract($0).graph.events.count }
        #expect(events.filter { $0 > 0 }.count >= 4)

        let concurrent = try await withThrowingTaskGroup(of: (Int, [Data]).self) { group in
            for task in 0 ..< 8 {
                group.addTask {
                    // Each task starts at another document, so different documents overlap.
                    let order = (0 ..< documents.count).map { ($0 + task) % documents.count }
                    var graphs = [Data](repeating: Data(), count: documents.count)
                    for index in order { graphs[index] = try extractor.extract(documents[index]).graph.jsonData() }
                    return (task, graphs)
                }
            }
            var results: [(Int, [Data])] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == 8)
        for (task, graphs) in concurrent {
            for index in documents.indices {
                #expect(graphs[index] == serial[index], "task \(task), document \(documents[index].id)")
            }
        }
    }
}

extension DocumentError.Reason {
    fileprivate var isMalformedFrontMatter: Bool {
        if case .malformedFrontMatter = self { true } else { false }
    }
}
