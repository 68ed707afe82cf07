/// Maps Unicode scalars to the dense, 1-based codes the tries walk on.
///
/// Frequent characters get small codes, which keeps the double array dense.
/// Code 0 means "no lexicon word contains this scalar", which stops a walk
/// at once.
struct Alphabet: Sendable {
    /// Codes of the Basic Multilingual Plane, indexed by scalar value.
    private let bmp: [UInt32]
    /// Codes of the scalars above the BMP (emoji, rare Han extensions).
    private let astral: [UInt32: UInt32]
    let count: Int

    static let empty = Alphabet(bmp: [], astral: [:], count: 0)

    private init(bmp: [UInt32], astral: [UInt32: UInt32], count: Int) {
        self.bmp = bmp
        self.astral = astral
        self.count = count
    }

    /// An alphabet over `scalars` (the lexicon's words back to back), most
    /// frequent first; ties go to the smaller scalar so builds are repeatable.
    init(scalars: [UInt32]) {
        var bmpCounts = [Int32](repeating: 0, count: 0x1_0000)
        var astralCounts: [UInt32: Int32] = [:]
        for scalar in scalars {
            if scalar < 0x1_0000 { bmpCounts[Int(scalar)] += 1 } else { astralCounts[scalar, default: 0] += 1 }
        }
        var ranked: [(scalar: UInt32, count: Int32)] = []
        for (scalar, count) in bmpCounts.enumerated() where count > 0 { ranked.append((UInt32(scalar), count)) }
        for (scalar, count) in astralCounts { ranked.append((scalar, count)) }
        ranked.sort { $0.count != $1.count ? $0.count > $1.count : $0.scalar < $1.scalar }
        var bmp = [UInt32](repeating: 0, count: 0x1_0000)
        var astral: [UInt32: UInt32] = [:]
        for (rank, entry) in ranked.enumerated() {
            let code = UInt32(rank + 1)
            if entry.scalar < 0x1_0000 { bmp[Int(entry.scalar)] = code } else { astral[entry.scalar] = code }
        }
        self.init(bmp: bmp, astral: astral, count: ranked.count)
    }

    /// The codes of a string's scalars, one by one.
    struct Codes: Sequence, IteratorProtocol {
        let alphabet: Alphabet
        var scalars: String.UnicodeScalarView.Iterator

        mutating func next() -> UInt32? {
            guard let scalar = scalars.next() else { return nil }
            return alphabet.code(scalar.value)
        }
    }

    @inline(__always)
    func code(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x1_0000 { return bmp.isEmpty ? 0 : bmp[Int(scalar)] }
        return astral[scalar] ?? 0
    }
}
