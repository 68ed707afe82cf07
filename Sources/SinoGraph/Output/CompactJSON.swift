/// Writes graph elements as compact JSON with sorted keys, byte for byte
/// what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes
/// (a test holds the two equal), at a fraction of its cost: JSON Lines
/// output is the hot path of a streaming corpus run.
struct CompactJSON {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        value.withBytes { source in
            // Copy runs that need no escape in one go; most strings are one run.
            var runStart = 0
            for (index, byte) in source.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart ..< index]))
                escape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        default:
            raw("\\u00")
            let hex: StaticString = "0123456789abcdef"
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }

    private mutating func integer(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

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
            raw(",\"sentence\":"); string(value.sentence)
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
        raw(",\"id\":"); string(relation.id)
        raw(",\"kind\":"); string(relation.kind.rawValue)
        raw(",\"record\":\"relation\",\"source\":"); string(relation.source)
        raw(",\"target\":"); string(relation.target)
        raw("}\n")
    }
}
