/// A mistake on the command line: exit status 2, with the usage.
struct UsageError: Error {
    var message: String
}

/// Help was asked for: print the usage on standard output, exit 0.
struct HelpRequested: Error {}

/// A command line split into flags, options with values and operands.
///
/// `--name value` and `--name=value` both give a value; `-` is an operand
/// (standard input); `--` ends the options.
struct Arguments {
    private(set) var flags: Set<String> = []
    private(set) var values: [String: [String]] = [:]
    private(set) var operands: [String] = []

    /// Parses `arguments` against the flags and the options taking a value
    /// a subcommand knows.
    init(_ arguments: [String], flags known: Set<String>, options: Set<String>) throws {
        var index = 0
        var onlyOperands = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyOperands || argument == "-" || !argument.hasPrefix("-") {
                operands.append(argument)
                continue
            }
            if argument == "--" {
                onlyOperands = true
                continue
            }
            if argument == "--help" || argument == "-h" { throw HelpRequested() }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if options.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else if index < arguments.count {
                    values[name, default: []].append(arguments[index])
                    index += 1
                } else {
                    throw UsageError(message: "\(name) needs a value")
                }
            } else if known.contains(name), inlineValue == nil {
                flags.insert(name)
            } else if known.contains(name) {
                throw UsageError(message: "\(name) takes no value")
            } else {
                throw UsageError(message: "unknown option \(name)")
            }
        }
    }

    /// Whether `flag` was given.
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The last value of `option`, if given.
    func value(_ option: String) -> String? { values[option]?.last }

    /// Every value of a repeatable `option`, in order.
    func all(_ option: String) -> [String] { values[option] ?? [] }

    /// The value of `option` as one of `choices`.
    func choice<T>(_ option: String, _ choices: [String: T], default fallback: T) throws -> T {
        guard let text = value(option) else { return fallback }
        guard let choice = choices[text] else {
            throw UsageError(message: "\(option) must be one of \(choices.keys.sorted().joined(separator: ", ")), not \"\(text)\"")
        }
        return choice
    }

    /// The value of `option` as a positive whole number.
    func positiveInteger(_ option: String) throws -> Int? {
        guard let text = value(option) else { return nil }
        guard let number = Int(text), number > 0 else {
            throw UsageError(message: "\(option) must be a positive whole number, not \"\(text)\"")
        }
        return number
    }

    /// The value of `option` as a fraction between 0 and 1.
    func fraction(_ option: String) throws -> Double? {
        guard let text = value(option) else { return nil }
        guard let number = Double(text), number >= 0, number <= 1 else {
            throw UsageError(message: "\(option) must be a number from 0 to 1, not \"\(text)\"")
        }
        return number
    }
}
