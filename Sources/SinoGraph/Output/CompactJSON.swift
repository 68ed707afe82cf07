import Foundation

/// Writes graph elements as compact JSON with sorted keys, byte for byte
/// what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes
/// (a test holds the two equal), at a fraction of its cost: JSON Lines
/// output is the hot path of a streaming corpus run.
struct CompactJSON: ~Copyable {
    private var bytes: ByteBuffer
    /// Sentences written so far, most recent last, each by the address and
    /// length of its UTF-8 and where its escaped form lies in `bytes`.
    /// Every piece of evidence repeats its sentence, and most of a line's
    /// bytes are sentences: a sentence string met again (the same storage,
    /// so the same bytes) is copied from its first writing, not scanned.
    private var sentences: [WrittenSentence] = []
    private static let sentenceMemory = 8

    private struct WrittenSentence {
        let address: UnsafePointer<UInt8>
        let count: Int
        let written: Range<Int>
    }

    init(capacity: Int = 16_384) { bytes = ByteBuffer(capacity: capacity) }

    /// What was written, as a string (which validates the bytes once more).
    consuming func string() -> String { bytes.withBytes { String(decoding: $0, as: UTF8.self) } }

    /// What was written.
    consuming func data() -> Data { bytes.withBytes { Data(buffer: $0) } }

    private mutating func raw(_ text: StaticString) {
        bytes.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func string(_ value: String) {
        value.withBytes { bytes.appendQuoted($0) }
    }

    /// A piece of evidence's sentence, copied from an earlier writing of the
    /// same bytes.
    ///
    /// Only sentences whose bytes lie in their string's own storage, and are
    /// longer than the 15 bytes a string can hold inline, are remembered:
    /// for those the address names the bytes for as long as the string
    /// lives, and every string written here lives as long as the graph
    /// being written.
    private mutating func sentence(of evidence: Evidence) {
        let range = evidence.sentenceBytes
        let done = evidence.sentenceSource.utf8.withContiguousStorageIfAvailable { whole -> Bool in
            guard whole.count > 15, range.count > 15, let base = whole.baseAddress else { return false }
            let address = base + range.lowerBound
            for written in sentences.reversed() where written.address == address && written.count == range.count {
                bytes.appendCopy(of: written.written)
                return true
            }
            let start = bytes.count
            bytes.appendQuoted(UnsafeBufferPointer(rebasing: whole[range]))
            if sentences.count == Self.sentenceMemory { sentences.removeFirst() }
            if sentences.isEmpty { sentences.reserveCapacity(Self.sentenceMemory) }
            sentences.append(WrittenSentence(address: address, count: range.count, written: start ..< bytes.count))
            return true
        } ?? false
        if !done { evidence.withSentenceBytes { bytes.appendQuoted($0) } }
    }

    private mutating func integer(_ value: Int) {
        guard value >= 0 else {
            var text = String(value)
            return text.withUTF8 { bytes.append($0) }
        }
        // Offsets: digits straight into the buffer, without a string.
        bytes.append(decimal: value)
    }

    private mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func evidence(_ values: [Evidence]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            raw("{\"document\":"); string(value.document)
            raw(",\"end\":"); integer(value.end)
            raw(",\"sentence\":"); sentence(of: value)
            raw(",\"start\":"); integer(value.start)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func document(_ id: String) {
        raw("{\"id\":"); string(id)
        raw(",\"record\":\"document\"}\n")
    }

    mutating func entity(_ entity: Entity) {
        raw("{\"aliases\":"); strings(entity.aliases)
        if let country = entity.country { raw(",\"country\":"); string(country) }
        raw(",\"evidence\":"); evidence(entity.evidence)
        raw(",\"id\":"); string(entity.id)
        raw(",\"kind\":"); string(entity.kind.rawValue)
        if let latin = entity.latin { raw(",\"latin\":"); string(latin) }
        raw(",\"name\":"); string(entity.name)
        raw(",\"record\":\"entity\",\"titles\":"); strings(entity.titles)
        raw("}\n")
    }

    mutating func event(_ event: Event) {
        raw("{\"areas\":"); strings(event.areas)
        if let date = event.date { raw(",\"date\":"); string(date.description) }
        if let end = event.endDate { raw(",\"endDate\":"); string(end.description) }
        raw(",\"evidence\":"); evidence(event.evidence)
        raw(",\"id\":"); string(event.id)
        raw(",\"kind\":"); string(event.kind.rawValue)
        if let mode = event.mode { raw(",\"mode\":"); string(mode.rawValue) }
        raw(",\"participants\":[")
        for (index, participant) in event.participants.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            raw("{\"entity\":"); string(participant.entity)
            raw(",\"role\":"); string(participant.role.rawValue)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        if let place = event.place { raw(",\"place\":"); string(place) }
        raw(",\"record\":\"event\",\"status\":"); string(event.status.rawValue)
        if let title = event.title { raw(",\"title\":"); string(title) }
        raw("}\n")
    }

    mutating func relation(_ relation: Relation) {
        raw("{\"areas\":"); strings(relation.areas)
        if let detail = relation.detail { raw(",\"detail\":"); string(detail) }
        raw(",\"evidence\":"); evidence(relation.evidence)
        raw(",\"id\":"); relation.withIDBytes { bytes.appendQuoted($0) }
        raw(",\"kind\":"); string(relation.kind.rawValue)
        raw(",\"record\":\"relation\",\"source\":"); string(relation.source)
        raw(",\"target\":"); string(relation.target)
        raw("}\n")
    }
}

/// A growable byte buffer written through a pointer. JSON Lines writing
/// appends a few bytes at a time, hundreds of times a document, where
/// `Array.append(contentsOf:)` checks uniqueness and capacity at each call.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends `source` as a JSON string: quoted, with `"`, `\\` and control
    /// characters escaped as `JSONEncoder` escapes them. Room for the worst
    /// case (every byte six) is made once, so the bytes are then written
    /// without a check each.
    mutating func appendQuoted(_ source: UnsafeBufferPointer<UInt8>) {
        let worst = source.count * 6 + 2
        if count + worst > capacity { grow(to: count + worst) }
        var out = base + count
        out[0] = UInt8(ascii: "\"")
        out += 1
        if let start = source.baseAddress {
            // Copy the runs between escapes in one go; most strings are one run.
            var runStart = 0
            while let index = Self.firstEscape(in: source, from: runStart) {
                out.update(from: start + runStart, count: index - runStart)
                out += index - runStart
                out = Self.escape(source[index], to: out)
                runStart = index + 1
            }
            out.update(from: start + runStart, count: source.count - runStart)
            out += source.count - runStart
        }
        out[0] = UInt8(ascii: "\"")
        count = out + 1 - base
    }

    /// The first byte at or after `start` that JSON must escape: a control
    /// character, `"` or `\\`. Eight bytes at a time: the text is mostly
    /// Chinese, whose UTF-8 bytes are all 0x80 or more.
    private static func firstEscape(in source: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        /// Whether a byte of `word` is zero (the classic bit trick; exact as
        /// a yes/no answer).
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        while index + 8 <= source.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(source.baseAddress! + index).loadUnaligned(as: UInt64.self))
            // A byte below 0x20 has none of the bits 0xE0: `word & 0xE0…` has a zero byte there.
            if hasZeroByte(word & 0xE0E0_E0E0_E0E0_E0E0) || hasZeroByte(word ^ 0x2222_2222_2222_2222)
                || hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C) {
                break
            }
            index += 8
        }
        while index < source.count {
            let byte = source[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return nil
    }

    /// Writes the escape of `byte` at `out`; returns the position after it.
    private static func escape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[1] = byte
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        case 0x08: out[1] = UInt8(ascii: "b")
        case 0x0C: out[1] = UInt8(ascii: "f")
        default:
            let hex: StaticString = "0123456789abcdef"
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hex.utf8Start[Int(byte >> 4)]
            out[5] = hex.utf8Start[Int(byte & 0x0F)]
            return out + 6
        }
        return out + 2
    }

    /// Appends the decimal digits of `value` (zero or more), written in
    /// place from the last.
    mutating func append(decimal value: Int) {
        precondition(value >= 0, "digits of a negative number")
        // Offsets are mostly below 10,000: the length from comparisons, not
        // divisions, then the digits from the last, two at a time.
        var length = 1
        var bound = 10
        while length < 19, value >= bound {
            length += 1
            bound &*= 10
        }
        if count + length > capacity { grow(to: count + length) }
        var rest = value
        var position = count + length
        while rest >= 10 {
            let pair = rest % 100
            rest /= 100
            position -= 2
            base[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: pair / 10)
            base[position + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: pair % 10)
        }
        if position > count {
            base[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
        count += length
    }

    /// Appends a copy of bytes already written.
    mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "copy of bytes not yet written")
        if count + range.count > capacity { grow(to: count + range.count) }
        (base + count).update(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    private mutating func grow(to needed: Int) {
        capacity = max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
    }
}
