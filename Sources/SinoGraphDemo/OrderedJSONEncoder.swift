import Foundation

/// Compact JSON whose object keys come in the order `encode(to:)` writes
/// them.
///
/// Foundation's `JSONEncoder` either sorts keys or writes them in an order
/// that changes from run to run; `--format facts` promises the gold files'
/// key order, which is the order `Facts.encode(to:)` writes, on every run.
/// Strings are written as UTF-8, with only `"`, `\` and control characters
/// escaped.
struct OrderedJSONEncoder {
    /// The JSON text of `value`, on one line.
    func encode(_ value: some Encodable) throws -> [UInt8] {
        let root = Node()
        try value.encode(to: TreeEncoder(node: root, codingPath: []))
        var output: [UInt8] = []
        root.write(to: &output)
        return output
    }
}

/// A JSON value under construction; containers hold a node and fill it.
private final class Node {
    enum Value {
        case unset
        case literal(String)
        case string(String)
        case array([Node])
        case object([(key: String, node: Node)])
    }

    var value: Value = .unset

    func write(to output: inout [UInt8]) {
        switch value {
        case .unset:
            output += Array("{}".utf8)
        case .literal(let text):
            output += Array(text.utf8)
        case .string(let text):
            writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.node.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0 ..< 0x20: output += Array(String(format: "\\u%04x", Int(byte)).utf8)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Makes this node an object, keeping members already set.
    func members() -> [(key: String, node: Node)] {
        if case .object(let members) = value { return members }
        value = .object([])
        return []
    }

    /// The child for `key`, replacing an earlier value of the same key in place.
    func child(forKey key: String) -> Node {
        var members = members()
        let node = Node()
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].node = node
        } else {
            members.append((key, node))
        }
        value = .object(members)
        return node
    }

    /// A new last element, making this node an array.
    func appendElement() -> Node {
        var elements: [Node] = []
        if case .array(let existing) = value { elements = existing }
        let node = Node()
        elements.append(node)
        value = .array(elements)
        return node
    }

    var elementCount: Int {
        if case .array(let elements) = value { return elements.count }
        return 0
    }
}

/// A coding key for array positions in coding paths.
private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct TreeEncoder: Encoder {
    let node: Node
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        _ = node.members()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = node.value {} else { node.value = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

/// Sets `node` to the JSON of one value; primitives are written directly,
/// everything else encodes itself into the node.
private func store(_ value: some Encodable, in node: Node, codingPath: [CodingKey]) throws {
    switch value {
    case let string as String:
        node.value = .string(string)
    case let bool as Bool:
        node.value = .literal(bool ? "true" : "false")
    case let double as Double:
        node.value = .literal(try number(double, codingPath))
    case let float as Float:
        node.value = .literal(try number(Double(float), codingPath))
    case let integer as any BinaryInteger:
        node.value = .literal("\(integer)")
    default:
        try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
    }
}

private func number(_ value: Double, _ codingPath: [CodingKey]) throws -> String {
    guard value.isFinite else {
        throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) is not a JSON number"))
    }
    return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).value = .literal("null") }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try store(value, in: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        TreeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        TreeEncoder(node: node.child(forKey: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        TreeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]
    var count: Int { node.elementCount }

    private var nextPath: [CodingKey] { codingPath + [IndexKey(count)] }

    mutating func encodeNil() throws { node.appendElement().value = .literal("null") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try store(value, in: node.appendElement(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        return TreeEncoder(node: node.appendElement(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let path = nextPath
        return TreeEncoder(node: node.appendElement(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        let path = nextPath
        return TreeEncoder(node: node.appendElement(), codingPath: path)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.value = .literal("null") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try store(value, in: node, codingPath: codingPath)
    }
}
