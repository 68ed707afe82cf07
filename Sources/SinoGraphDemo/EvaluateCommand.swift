import Foundation
import SinoEvaluation
import SinoGraph

/// `sinograph evaluate`: extracts each gold file's document and scores
/// the facts found against the gold.
enum EvaluateCommand {
    static let usage = """
        usage: sinograph evaluate --documents DIR --gold DIR [--json] [--verbose]
                                  [--min-entity F] [--min-event F] [--min-date F]
                                  [--resources DIR] [--threads N]

        For each gold file NAME.json in the gold directory, extracts the document
        named NAME (any extension) in the documents directory and compares its facts
        with the gold. Prints precision, recall and F per category (summed over the
        documents), then how many matched meetings have the gold's date, place,
        areas and mode.

        options:
          --documents DIR  the documents
          --gold DIR       the gold facts, one NAME.json per document
          --json           print the scores as JSON (with each document's scores)
          --verbose        list, per document, what was missed, extra or wrong
          --min-entity F   fail (exit 1) if any entity category's P or R is below F
          --min-event F    fail if meetings', visits' or agreements' P or R is below F
          --min-date F     fail if the matched meetings' date accuracy is below F
          --resources DIR  add the resource files in DIR to the built-in knowledge
          --threads N      documents extracted at once (default: all cores)
          -h, --help       show this help

        Exit status 1 when a document is missing or unreadable or a threshold is not
        met.

        """

    /// One gold file and the document it scores.
    private struct Case {
        var name: String
        var goldPath: String
        var documentPath: String
    }

    /// A document's name and score, for `--json`.
    private struct DocumentScore: Encodable {
        var document: String
        var score: FactsScore
    }

    /// What `--json` prints.
    private struct Report: Encodable {
        var documents: Int
        var failures: Int
        var score: FactsScore
        var belowThreshold: [String]
        var perDocument: [DocumentScore]
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--json", "--verbose"],
                                   options: ["--documents", "--gold", "--min-entity", "--min-event", "--min-date",
                                             "--resources", "--threads"])
        guard let documentsDirectory = parsed.value("--documents") else { throw UsageError(message: "--documents DIR is required") }
        guard let goldDirectory = parsed.value("--gold") else { throw UsageError(message: "--gold DIR is required") }
        guard parsed.operands.isEmpty else { throw UsageError(message: "unexpected argument \"\(parsed.operands[0])\"") }
        let minEntity = try parsed.fraction("--min-entity")
        let minEvent = try parsed.fraction("--min-event")
        let minDate = try parsed.fraction("--min-date")
        let threads = try parsed.positiveInteger("--threads")
        let json = parsed.has("--json"), verbose = parsed.has("--verbose")

        let extractor: Extractor
        let goldNames: [String]
        let documentNames: [String]
        do {
            var knowledge = try KnowledgeBase.builtIn()
            if let directory = parsed.value("--resources") {
                knowledge = try knowledge.adding(directory: URL(fileURLWithPath: directory))
            }
            extractor = Extractor(knowledge: knowledge)
            goldNames = try directoryEntries(goldDirectory).filter { $0.hasSuffix(".json") }
            documentNames = try directoryEntries(documentsDirectory)
        } catch {
            Console.error("\(error)")
            return 1
        }
        if goldNames.isEmpty {
            Console.error("\(goldDirectory): no gold files (NAME.json)")
            return 1
        }

        // A document's base name to its file; document extensions win over
        // others, then the first name in byte order.
        var documentsByName: [String: String] = [:]
        for file in documentNames {
            let base = (file as NSString).deletingPathExtension
            let isDocument = documentExtensions.contains((file as NSString).pathExtension.lowercased())
            if let existing = documentsByName[base],
               documentExtensions.contains((existing as NSString).pathExtension.lowercased()) || !isDocument {
                continue
            }
            documentsByName[base] = file
        }

        var failures = 0
        var cases: [Case] = []
        for goldFile in goldNames {
            let name = String(goldFile.dropLast(".json".count))
            guard let document = documentsByName[name] else {
                Console.error("\(join(goldDirectory, goldFile)): no document named \(name) in \(documentsDirectory)")
                failures += 1
                continue
            }
            cases.append(Case(name: name, goldPath: join(goldDirectory, goldFile),
                              documentPath: join(documentsDirectory, document)))
        }

        var total = FactsScore()
        var perDocument: [DocumentScore] = []
        var details = ""
        for start in stride(from: 0, to: cases.count, by: ExtractCommand.chunkSize) {
            let chunk = Array(cases[start ..< min(start + ExtractCommand.chunkSize, cases.count)])
            let loaded = loadFiles(chunk.map(\.documentPath))
            let documents = loaded.compactMap { input -> Document? in
                if case .document(let document, _, _) = input { document } else { nil }
            }
            var results = extractor.extract(documents, threads: threads).makeIterator()
            for (item, input) in zip(chunk, loaded) {
                guard case .document(let document, _, _) = input else {
                    if case .failure(let message) = input { Console.error(message) }
                    failures += 1
                    continue
                }
                let found: Facts
                switch results.next()! {
                case .success(let extraction):
                    found = extraction.facts
                case .failure(var error):
                    if error.source == document.id { error.source = item.documentPath }
                    Console.error("\(error)")
                    failures += 1
                    continue
                }
                let gold: Facts
                do {
                    gold = try JSONDecoder().decode(Facts.self, from: Data(contentsOf: URL(fileURLWithPath: item.goldPath)))
                } catch {
                    Console.error("\(item.goldPath): cannot read gold facts: \(describe(error))")
                    failures += 1
                    continue
                }
                let score = FactsEvaluation.compare(found: found, gold: gold)
                total.add(score)
                perDocument.append(DocumentScore(document: item.name, score: score))
                if verbose {
                    let differences = FactsEvaluation.differences(found: found, gold: gold)
                    details += "\(item.name): \(differences.isEmpty ? "all correct" : "\(differences.count) difference\(differences.count == 1 ? "" : "s")")\n"
                    for difference in differences { details += "  \(difference)\n" }
                }
            }
        }

        let below = thresholdFailures(total, minEntity: minEntity, minEvent: minEvent, minDate: minDate)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let report = Report(documents: total.documents, failures: failures, score: total,
                                belowThreshold: below, perDocument: perDocument)
            var data = try encoder.encode(report)
            data.append(0x0A)
            writeAll(1, [UInt8](data))
            if verbose { Console.write(details) }
        } else {
            printOut(details + (details.isEmpty ? "" : "\n") + table(total, failures: failures))
        }
        for message in below { Console.error("below threshold: \(message)") }
        return failures > 0 || !below.isEmpty ? 1 : 0
    }

    /// The visible files of a directory (not its subdirectories), sorted by bytes.
    private static func directoryEntries(_ directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { name in
                    var isDirectory: ObjCBool = false
                    return !name.hasPrefix(".")
                        && FileManager.default.fileExists(atPath: join(directory, name), isDirectory: &isDirectory)
                        && !isDirectory.boolValue
                }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw CommandError(description: "\(directory): cannot list the directory: \(error.localizedDescription)")
        }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription) at \(path(context))"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return error.localizedDescription
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return path.isEmpty ? "the top level" : path
    }

    /// The thresholds not met, one message each.
    static func thresholdFailures(_ score: FactsScore, minEntity: Double?, minEvent: Double?, minDate: Double?) -> [String] {
        var messages: [String] = []
        func check(_ category: FactsScore.Category, _ minimum: Double?, _ option: String) {
            guard let minimum else { return }
            let counts = score[category]
            if counts.precision < minimum {
                messages.append("\(category.rawValue) precision \(decimal(counts.precision)) < \(option) \(decimal(minimum))")
            }
            if counts.recall < minimum {
                messages.append("\(category.rawValue) recall \(decimal(counts.recall)) < \(option) \(decimal(minimum))")
            }
        }
        for category in FactsScore.Category.allCases where category.isEntity { check(category, minEntity, "--min-entity") }
        for category in [FactsScore.Category.meetings, .visits, .agreements] { check(category, minEvent, "--min-event") }
        if let minDate, score.meetingMatches.dateAccuracy < minDate {
            messages.append("meeting date accuracy \(decimal(score.meetingMatches.dateAccuracy)) < --min-date \(decimal(minDate))")
        }
        return messages
    }

    /// The scores as a text table.
    static func table(_ score: FactsScore, failures: Int) -> String {
        var rows = [["", "gold", "found", "correct", "P", "R", "F"]]
        func row(_ name: String, _ counts: CategoryScore) -> [String] {
            [name, "\(counts.gold)", "\(counts.found)", "\(counts.correct)",
             decimal(counts.precision), decimal(counts.recall), decimal(counts.f)]
        }
        for category in FactsScore.Category.allCases {
            rows.append(row(category.rawValue, score[category]))
            if category == .areas { rows.append(row("all entities", score.entities)) }
        }
        rows.append(row("all events", score.events))
        var output = "\(score.documents) document\(score.documents == 1 ? "" : "s") scored"
        output += failures > 0 ? ", \(failures) failed\n\n" : "\n\n"
        output += layOut(rows, rightAligned: Set(1 ... 6))

        let matches = score.meetingMatches
        output += "\non the \(matches.matched) matched meeting\(matches.matched == 1 ? "" : "s"):\n"
        let accuracies = [("date", matches.dateCorrect, matches.dateAccuracy),
                          ("place", matches.placeCorrect, matches.placeAccuracy),
                          ("areas", matches.areasCorrect, matches.areasAccuracy),
                          ("mode", matches.modeCorrect, matches.modeAccuracy)]
        output += layOut(accuracies.map { ["\($0.0) accuracy", "\($0.1)/\(matches.matched)", decimal($0.2)] },
                         rightAligned: [1, 2])
        return output
    }
}

/// A failure with a message that already names what failed.
struct CommandError: Error, CustomStringConvertible {
    var description: String
}
