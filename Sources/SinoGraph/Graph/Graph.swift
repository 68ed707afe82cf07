import Foundation

/// A typed graph of entities, events and relations, each with evidence.
///
/// Graphs from many documents merge into one with ``merged(with:)``: the
/// same official, country or agency is one node. Merging is associative,
/// commutative and deterministic, so a corpus can be processed in pieces
/// and folded in any order.
///
/// ```swift
/// let graph = try extractor.extract(documents).graph
/// for meeting in graph.meetings(involving: "official:王小洪") {
///     print(meeting.date?.description ?? "?", meeting.participants.map(\.entity))
/// }
/// ```
public struct Graph: Sendable, Hashable, Codable {
    /// Entities sorted by id.
    public private(set) var entities: [Entity]
    /// Events sorted by date, then id.
    public private(set) var events: [Event]
    /// Relations sorted by id.
    public private(set) var relations: [Relation]
    /// Ids of the documents the graph was built from, sorted.
    public private(set) var documents: [String]

    /// An empty graph.
    public init() {
        entities = []
        events = []
        relations = []
        documents = []
    }

    /// A graph of the given elements; elements with equal ids are merged.
    public init(entities: [Entity], events: [Event], relations: [Relation], documents: [String]) {
        self.init()
        self.entities = Self.fold(consume entities, keys: StoredIDs.init, Self.merge)
        var events = Self.fold(consume events, keys: StoredIDs.init, Self.merge)
        if events.count > 1 {
            let keys = events.map { (date: $0.date, id: $0.id) }
            // By insertion: a document reports a few events, and the ids are
            // unique after the fold, so any sort gives this order.
            var order = Array(keys.indices)
            order.withUnsafeMutableBufferPointer { $0.insertionSort { Self.eventOrder(keys[$0], keys[$1]) } }
            events.permute(order)
        }
        self.events = events
        // Relations' ids are not stored: they are written end to end into
        // one buffer, and sorted there.
        self.relations = Self.fold(consume relations, keys: PackedKeys.init, Self.merge)
        // One document (every extraction) needs no set.
        self.documents = documents.count <= 1 ? documents : Array(Set(documents)).sorted()
    }

    /// This graph and `other` as one.
    public func merged(with other: Graph) -> Graph {
        Graph(entities: entities + other.entities, events: events + other.events,
              relations: relations + other.relations, documents: documents + other.documents)
    }

    /// All graphs as one.
    public static func merging(_ graphs: some Sequence<Graph>) -> Graph {
        var entities: [Entity] = [], events: [Event] = [], relations: [Relation] = [], documents: [String] = []
        for graph in graphs {
            entities += graph.entities
            events += graph.events
            relations += graph.relations
            documents += graph.documents
        }
        return Graph(entities: entities, events: events, relations: relations, documents: documents)
    }

    // MARK: Queries

    /// The entity with `id`.
    public func entity(_ id: String) -> Entity? {
        var low = 0, high = entities.count
        while low < high {
            let mid = (low + high) / 2
            if entities[mid].id.precedes(id) { low = mid + 1 } else { high = mid }
        }
        return low < entities.count && entities[low].id == id ? entities[low] : nil
    }

    /// Entities of one kind, sorted by id.
    public func entities(of kind: EntityKind) -> [Entity] { entities.filter { $0.kind == kind } }

    /// Meetings in which `entity` (an id) takes part, in date order.
    public func meetings(involving entity: String) -> [Event] {
        events.filter { $0.kind == .meeting && $0.participants.contains { $0.entity == entity } }
    }

    /// Every event that involves `entity`, in date order (undated last).
    public func timeline(of entity: String) -> [Event] {
        events.filter { $0.participants.contains { $0.entity == entity } || $0.place == entity }
    }

    /// The cooperation areas between two countries (ids or ISO codes),
    /// from pledges, cooperation relations and their meetings, sorted.
    public func areas(between first: String, and second: String) -> [String] {
        let a = first.hasPrefix("country:") ? first : "country:\(first)"
        let b = second.hasPrefix("country:") ? second : "country:\(second)"
        var areas = Set<String>()
        for relation in relations where relation.kind == .cooperatesWith
            && Set([relation.source, relation.target]) == Set([a, b]) {
            areas.formUnion(relation.areas)
        }
        for event in events where event.kind == .pledge {
            let countries = Set(event.participants.map(\.entity))
            if countries.contains(a) && countries.contains(b) { areas.formUnion(event.areas) }
        }
        return areas.sorted()
    }

    /// Ids of the entities one edge or one shared event away from `entity`, sorted.
    public func neighbours(of entity: String) -> [String] {
        var result = Set<String>()
        for relation in relations {
            if relation.source == entity { result.insert(relation.target) }
            if relation.target == entity { result.insert(relation.source) }
        }
        for event in events where event.participants.contains(where: { $0.entity == entity }) {
            for participant in event.participants { result.insert(participant.entity) }
            if let place = event.place { result.insert(place) }
        }
        result.remove(entity)
        return result.sorted()
    }

    // MARK: Merging

    static func eventOrder(_ a: (date: EventDate?, id: String), _ b: (date: EventDate?, id: String)) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.id.precedes(b.id)
        }
    }

    /// Elements with equal ids merged, in input order, and sorted by id
    /// (`keys` gives the ids of the elements, by index). One stable sort of
    /// indices does both: equal ids end up side by side in the order they
    /// came.
    private static func fold<T, Keys: SortKeys>(_ items: consuming [T], keys makeKeys: ([T]) -> Keys,
                                                _ merge: (T, T) -> T) -> [T] {
        var items = consume items
        guard items.count > 1 else { return items }
        // The order first, from keys that are gone before the elements move
        // (keys that read the elements hold their array, which would be
        // copied when the elements are swapped).
        let (order, repeats) = Self.order(of: makeKeys(items))
        // In place, with swaps: no element is copied.
        items.permute(order)
        var kept = 0
        items.withUnsafeMutableBufferPointer { items in
            for index in items.indices {
                if index > 0 && repeats[index] {
                    items[kept - 1] = merge(items[kept - 1], items[index])
                } else {
                    if kept != index { items.swapAt(kept, index) }
                    kept += 1
                }
            }
        }
        if kept < items.count { items.removeLast(items.count - kept) }
        return items
    }

    /// The indices of `keys` in byte order of their ids, equal ids in index
    /// order, and which sorted positions repeat the id before them.
    private static func order(of keys: some SortKeys) -> (order: [Int], repeats: Repeats) {
        if keys.count <= 64 {
            let (order, repeats) = smallByteOrder(of: keys)
            return (order, .bits(repeats))
        }
        let order = keys.largeOrder()
        return (order, .flags(order.indices.map { $0 > 0 && keys.same(order[$0 - 1], order[$0]) }))
    }

    /// The order of the few dozen ids of one document's graph: an insertion
    /// sort of indices that compares each id's first 32 bytes as four
    /// integers, loaded once, and the bytes only where those tie. Equal ids
    /// keep their order; bit `i` of `repeats` is set when sorted position
    /// `i` holds the same id as position `i - 1` (found from the heads, so
    /// most neighbours' bytes are never read again).
    private static func smallByteOrder(of keys: some SortKeys) -> (order: [Int], repeats: UInt64) {
        precondition(keys.count <= 64, "one bit per key")
        var order = Array(0 ..< keys.count)
        var repeats: UInt64 = 0
        // The first 16 bytes, and the 16 after them: ids of a kind share
        // a prefix (`holdsTitle:official:` is 20 bytes), so the first
        // alone tie often, and a tie reads the two ids' bytes again.
        withUnsafeTemporaryAllocation(of: ByteHead.self, capacity: keys.count) { heads in
            withUnsafeTemporaryAllocation(of: ByteHead.self, capacity: keys.count) { nextHeads in
                for index in 0 ..< keys.count {
                    keys.withBytes(at: index) { bytes in
                        heads.initializeElement(at: index, to: ByteHead(bytes, at: 0))
                        nextHeads.initializeElement(at: index, to: ByteHead(bytes, at: 16))
                    }
                }
                func precedes(_ a: Int, _ b: Int) -> Bool {
                    let x = heads[a], y = heads[b]
                    if x != y { return x < y }
                    let nextX = nextHeads[a], nextY = nextHeads[b]
                    return nextX != nextY ? nextX < nextY : keys.precedes(a, b)
                }
                order.withUnsafeMutableBufferPointer { order in
                    order.insertionSort(by: precedes)
                    for i in order.indices.dropFirst() {
                        let a = order[i - 1], b = order[i]
                        if heads[a] == heads[b], nextHeads[a] == nextHeads[b], keys.same(a, b) {
                            repeats |= 1 << i
                        }
                    }
                }
            }
        }
        return (order, repeats)
    }

    /// Unions that do not depend on order: sets are sorted, and single
    /// values keep the smallest non-nil candidate.
    private static func union<T: Comparable & Hashable>(_ a: [T], _ b: [T]) -> [T] { Array(Set(a + b)).sorted() }

    private static func pick<T: Comparable>(_ a: T?, _ b: T?) -> T? {
        switch (a, b) {
        case let (x?, y?): return min(x, y)
        default: return a ?? b
        }
    }

    static func merge(_ a: Entity, _ b: Entity) -> Entity {
        var merged = a
        merged.name = min(a.name, b.name)
        merged.latin = pick(a.latin, b.latin)
        merged.country = pick(a.country, b.country)
        merged.aliases = union(a.aliases + [a.name], b.aliases + [b.name]).filter { $0 != merged.name }
        merged.titles = union(a.titles, b.titles)
        merged.evidence = union(a.evidence, b.evidence)
        return merged
    }

    static func merge(_ a: Event, _ b: Event) -> Event {
        var merged = a
        merged.status = a.status == .held || b.status == .held ? .held : .planned
        merged.date = pick(a.date, b.date)
        merged.endDate = pick(a.endDate, b.endDate)
        merged.place = pick(a.place, b.place)
        merged.mode = pick(a.mode?.rawValue, b.mode?.rawValue).flatMap(MeetingMode.init(rawValue:))
        merged.participants = mergeParticipants(a.participants, b.participants)
        merged.areas = union(a.areas, b.areas)
        merged.title = pick(a.title, b.title)
        merged.evidence = union(a.evidence, b.evidence)
        return merged
    }

    /// One role per entity: a specific role (host, guest) beats `participant`.
    private static func mergeParticipants(_ a: [Participant], _ b: [Participant]) -> [Participant] {
        var roles: [String: Role] = [:]
        for participant in a + b {
            if let existing = roles[participant.entity] {
                if existing == .participant || (participant.role != .participant && participant.role < existing) {
                    roles[participant.entity] = participant.role
                }
            } else {
                roles[participant.entity] = participant.role
            }
        }
        return roles.map { Participant(entity: $0.key, role: $0.value) }.sorted()
    }

    static func merge(_ a: Relation, _ b: Relation) -> Relation {
        var merged = a
        merged.areas = union(a.areas, b.areas)
        merged.evidence = union(a.evidence, b.evidence)
        return merged
    }
}

/// The ids of a graph's elements, by index, read as UTF-8 bytes: what the
/// graph sorts and merges its elements on.
private protocol SortKeys {
    var count: Int { get }
    /// Calls `body` with the bytes of id `index`.
    func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    /// The indices in byte order of their ids, equal ids in index order
    /// (for more than a document's few dozen).
    func largeOrder() -> [Int]
}

extension SortKeys {
    /// Whether id `a` comes before id `b` in byte order.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        withBytes(at: a) { x in
            withBytes(at: b) { y in
                let common = min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// Whether ids `a` and `b` are the same bytes.
    func same(_ a: Int, _ b: Int) -> Bool {
        withBytes(at: a) { x in
            withBytes(at: b) { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }
}

/// Which sorted positions hold the same id as the position before them.
private enum Repeats {
    /// Bit `i` for position `i`: a document's few dozen ids.
    case bits(UInt64)
    case flags([Bool])

    subscript(position: Int) -> Bool {
        switch self {
        case .bits(let bits): bits >> position & 1 == 1
        case .flags(let flags): flags[position]
        }
    }
}

/// Ids that the elements store, read where they lie: no array of ids.
private struct StoredIDs<Element: Identifiable>: SortKeys where Element.ID == String {
    let elements: [Element]

    init(_ elements: [Element]) { self.elements = elements }

    var count: Int { elements.count }

    func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        elements.withUnsafeBufferPointer { $0[index].id.withBytes(body) }
    }

    func largeOrder() -> [Int] { byteOrder(of: elements.map(\.id)) }
}

/// Relations' ids, which are not stored, written end to end into one
/// buffer from the relations' fields: one allocation for a document's
/// dozen, not a string each. (For the ids entities and events store, the
/// copy costs more than reading the strings.)
private struct PackedKeys: SortKeys {
    private let bytes: [UInt8]
    /// Where each id starts, and the end of the last.
    private let starts: [Int]

    /// The ids of `count` elements: `length(i)` bytes each, which
    /// `write(i, to:)` writes and returns the position after.
    private init(count: Int, length: (Int) -> Int,
                 write: (Int, UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        var starts: [Int] = []
        starts.reserveCapacity(count + 1)
        var total = 0
        for index in 0 ..< count {
            starts.append(total)
            total += length(index)
        }
        starts.append(total)
        bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            for index in 0 ..< count {
                let end = write(index, buffer.baseAddress! + starts[index])
                precondition(end - buffer.baseAddress! == starts[index + 1], "an id is as long as was counted")
            }
            initialized = total
        }
        self.starts = starts
    }

    // Elements are read in place, through their buffer: through the array,
    // each would be copied out (a retain of each of its fields).

    init(_ relations: [Relation]) {
        self = relations.withUnsafeBufferPointer { relations in
            PackedKeys(count: relations.count, length: {
                Relation.idByteCount(relations[$0].kind, relations[$0].source, relations[$0].target, relations[$0].detail)
            }, write: {
                Relation.writeID(relations[$0].kind, relations[$0].source, relations[$0].target, relations[$0].detail, to: $1)
            })
        }
    }

    var count: Int { starts.count - 1 }

    func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[index] ..< starts[index + 1]])) }
    }

    func largeOrder() -> [Int] {
        // Merging graphs: as strings, through the sort for many.
        byteOrder(of: (0 ..< count).map { index in withBytes(at: index) { String(decoding: $0, as: UTF8.self) } })
    }
}

extension Array {
    /// Puts the elements in the order of `order` (a permutation of the
    /// indices: element `i` becomes the one at `order[i]`), in place, by
    /// swaps along the permutation's cycles.
    mutating func permute(_ order: [Int]) {
        guard count > 1 else { return }
        // Swaps in the buffer move elements; `Array.swapAt` copies them
        // (retaining every field) and checks uniqueness at each swap. The
        // marks live on the stack: a graph permutes three arrays per document.
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { done in
            done.initialize(repeating: false)
            withUnsafeMutableBufferPointer { buffer in Self.permute(buffer, order, done) }
        }
    }

    /// Follows the cycles of `order` through `buffer`, marking in `done`.
    private static func permute(_ buffer: UnsafeMutableBufferPointer<Element>, _ order: [Int],
                                _ done: UnsafeMutableBufferPointer<Bool>) {
        for start in buffer.indices where !done[start] {
            done[start] = true
            var i = start
            var j = order[i]
            while j != start {
                buffer.swapAt(i, j)
                done[j] = true
                i = j
                j = order[i]
            }
        }
    }
}
