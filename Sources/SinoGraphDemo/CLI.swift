import Foundation

/// The `sinograph` command line: finds the subcommand and turns its
/// outcome into an exit status.
enum CLI {
    /// The version `sinograph --version` prints.
    static let version = "sinograph 0.1.0"

    static let commands: [Command] = [
        Command(name: "extract", summary: "extract entities and events from documents",
                usage: ExtractCommand.usage, run: ExtractCommand.run),
        Command(name: "merge", summary: "fold JSON graphs from extract --format json into one graph",
                usage: MergeCommand.usage, run: MergeCommand.run),
        Command(name: "tokenize", summary: "cut text into words, one input line to one output line",
                usage: TokenizeCommand.usage, run: TokenizeCommand.run),
        Command(name: "evaluate", summary: "score extraction against gold facts",
                usage: EvaluateCommand.usage, run: EvaluateCommand.run),
    ]

    static let usage = """
        usage: sinograph <command> [options] [arguments]

        commands:
        \(commands.map { "  " + $0.name.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

        Run `sinograph <command> --help` for a command's options.
        Exit status: 0 ok, 1 an input failed or a threshold was not met, 2 usage error.

        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            Console.write(usage)
            return 2
        }
        switch first {
        case "--help", "-h", "help":
            printOut(usage)
            return 0
        case "--version", "-V":
            printOut(version + "\n")
            return 0
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            Console.error("unknown command \"\(first)\"")
            Console.write(usage)
            return 2
        }
        do {
            return try command.run(Array(arguments.dropFirst()))
        } catch is HelpRequested {
            printOut(command.usage)
            return 0
        } catch let error as UsageError {
            Console.error("\(command.name): \(error.message)")
            Console.write(command.usage)
            return 2
        } catch {
            Console.error("\(error)")
            return 1
        }
    }
}

/// A subcommand: its usage text and what it does with its arguments.
struct Command: Sendable {
    var name: String
    var summary: String
    var usage: String
    var run: @Sendable ([String]) throws -> Int32
}

