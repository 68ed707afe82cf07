extension String {
    /// Whether the two strings are equal as `String`s are (`==`: canonical
    /// equivalence), comparing bytes first. `==` normalizes non-ASCII text
    /// on the way; names, titles and aliases are Chinese, and for text made
    /// only of scalars that normalization leaves alone the bytes decide.
    func isSameText(as other: String) -> Bool {
        if hasSameBytes(as: other) { return true }
        if isNormalizationInert && other.isNormalizationInert { return false }
        return self == other
    }

    /// Whether every scalar is one that canonical normalization never
    /// changes, decomposes or composes with a neighbour: ASCII, `·` and the
    /// CJK unified ideographs (basic block and extension A). Two such
    /// strings are `==` exactly when their bytes are the same.
    var isNormalizationInert: Bool {
        withBytes { bytes in
            var index = 0
            while index < bytes.count {
                let value = decodeUTF8(bytes, at: &index)
                switch value {
                case 0 ..< 0x80, 0xB7, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF: continue
                default: return false
                }
            }
            return true
        }
    }
}

extension AnalyzedText {
    /// Whether the folded text of `range` is `string` as `String`'s `==`
    /// would say, without making the text a string unless normalization
    /// could matter (see ``Swift/String/isSameText(as:)``).
    func folded(_ range: Range<Int>, isSameTextAs string: String) -> Bool {
        if folded(range, hasScalarsOf: string) { return true }
        let inert = folded[range].allSatisfy { value in
            switch value {
            case 0 ..< 0x80, 0xB7, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF: true
            default: false
            }
        }
        if inert && string.isNormalizationInert { return false }
        return folded(range) == string
    }

    /// Whether the folded text of `range` is `string`'s scalars, one for
    /// one: then `folded(range)` would be a string of `string`'s bytes.
    func folded(_ range: Range<Int>, hasScalarsOf string: String) -> Bool {
        string.withBytes { bytes in
            var index = 0
            var position = range.lowerBound
            while index < bytes.count {
                guard position < range.upperBound, folded[position] == decodeUTF8(bytes, at: &index) else { return false }
                position += 1
            }
            return position == range.upperBound
        }
    }
}
