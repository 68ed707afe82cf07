/// The classes the atomic-run rules see. Decided on the normalized scalar.
enum ScalarClass: UInt8 {
    case han, digit, letter, whitespace, punctuation, symbol, extender, other

    @inline(__always)
    static func of(_ value: UInt32) -> ScalarClass {
        // Han characters and the commonest marks of Chinese text (`，`,
        // `、`, `。`, most of its punctuation) are answered inline; the
        // rest, by the tests below, in a function of their own (the
        // compiler does not inline all of them at every call).
        if value &- 0x4E00 < 0x5200 { return .han }
        if value == 0xFF0C || value &- 0x3001 < 3 { return .punctuation }
        return ofOthers(value)
    }

    /// ``of(_:)`` for the scalars it does not answer inline.
    private static func ofOthers(_ value: UInt32) -> ScalarClass {
        // ASCII (dates' digits, Latin names) by a few tests, as the switch
        // below decides it: digits, letters, whitespace, the printable
        // rest punctuation; control characters go on to the switch.
        if value < 0x7F {
            if value &- 0x30 < 10 { return .digit }
            if (value | 0x20) &- 0x61 < 26 { return .letter }
            if value > 0x20 { return .punctuation }
        }
        // The cases are tested in order: the common ones of Chinese text
        // come first. Only the ASCII digits and letters lie inside a later
        // range (0x21...0x7E), and they stay before it.
        switch value {
        case 0x4E00...0x9FFF: return .han
        // The punctuation of Chinese text, decided without a property lookup.
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0xFF01...0xFF0F, 0xFF1A...0xFF20,
             0xFF3B...0xFF40, 0xFF5B...0xFF65, 0x2010...0x2027, 0x2030...0x205E, 0xB7:
            return .punctuation
        case 0x30...0x39, 0xFF10...0xFF19: return .digit
        case 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x20, 0x09...0x0D: return .whitespace
        case 0x21...0x7E: return .punctuation
        case 0x3400...0x4DBF, 0x3007, 0xF900...0xFAFF, 0x20000...0x3134F: return .han
        case 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0xE0100...0xE01EF: return .extender
        case 0x3000: return .whitespace
        default: return slowPath(value)
        }
    }

    /// Whether `value` is surely not ``extender``, by a few range tests:
    /// Han characters, everything below the combining marks (U+0300), the
    /// Chinese punctuation before the ideographic tone marks (U+3000...U+3029)
    /// and the half-width and full-width forms (U+FF00...U+FFEF), which hold
    /// no marks. Callers test this before ``of(_:)``.
    @inline(__always)
    static func isNeverExtender(_ value: UInt32) -> Bool {
        value &- 0x4E00 < 0x5200 || value < 0x300 || value &- 0x3000 < 0x2A || value &- 0xFF00 < 0xF0
    }

    /// Out of line: inlined, its property lookups would burden every
    /// caller of ``of(_:)`` for the sake of rare scalars.
    @inline(never)
    private static func slowPath(_ value: UInt32) -> ScalarClass {
        guard let scalar = Unicode.Scalar(value) else { return .other }
        let properties = scalar.properties
        if properties.isWhitespace { return .whitespace }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .extender
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter:
            // Alphabetic scripts written in words: Latin, Greek, Cyrillic,
            // and their full-width forms.
            if value <= 0x052F || (0x1E00...0x1FFF).contains(value) || (0xFF21...0xFF5A).contains(value) {
                return .letter
            }
            return .other
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol:
            return .punctuation
        case .otherSymbol:
            return properties.isEmoji || value >= 0x1F000 ? .symbol : .punctuation
        default:
            return .other
        }
    }
}

/// Separators that join the parts of a transliterated name.
@inline(__always)
func isNameSeparator(_ value: UInt32) -> Bool {
    // Ideographs first: most of the text, and never a separator.
    if (0x3400...0x9FFF).contains(value) { return false }
    switch value {
    case 0xB7, 0x2022, 0x2027, 0x30FB, 0xFF65, 0x2D, 0x2010, 0x2011, 0xFF0D, 0x2219, 0x22C5: return true
    default: return false
    }
}
