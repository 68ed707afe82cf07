/// Where bad bytes are, for errors that name a line and an offset: shared
/// by the dictionary reader here and the document reader of `SinoGraph`.
package enum ByteDiagnostics {
    /// The 1-based line of byte `offset` (lines end at `\n`).
    package static func line<Bytes: Collection<UInt8>>(ofByte offset: Int, in bytes: Bytes) -> Int {
        1 + bytes.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The offset, from the start of `bytes`, of the first byte that does
    /// not continue a valid UTF-8 sequence; nil when all of them do.
    package static func firstInvalidUTF8Offset<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
