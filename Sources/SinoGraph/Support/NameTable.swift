/// A table keyed by names, hashed and compared as UTF-8 bytes: the
/// knowledge tables and the per-document official records, which the
/// rules read at every candidate. Values can also be reached by index
/// (their name's id) to change them in place, as the recogniser changes
/// its records.
///
/// The keys live in an ``Interner`` (FNV-1a, open addressing) and the
/// values in an array by key id: a lookup costs about half of a
/// `Dictionary`'s, which hashes with SipHash. Values iterate in insertion
/// order.
struct NameTable<Value: Sendable>: Sendable {
    private var names = Interner()
    private var entries: [Value] = []

    init() {}

    /// An empty table with room for `capacity` values.
    init(capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    subscript(name: String) -> Value? {
        get { names.id(of: name).map { entries[$0] } }
        set {
            guard let newValue else { return remove(name) }
            let id = names.intern(name)
            if id == entries.count { entries.append(newValue) } else { entries[id] = newValue }
        }
    }

    subscript(name: String, default value: @autoclosure () -> Value) -> Value {
        get { names.id(of: name).map { entries[$0] } ?? value() }
        _modify {
            let id = names.intern(name)
            if id == entries.count { entries.append(value()) }
            yield &entries[id]
        }
    }

    /// Whether `name` has a value (without copying the value out).
    func contains(_ name: String) -> Bool { names.id(of: name) != nil }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    /// The values, in the order their names were first added.
    var values: [Value] { entries }
    /// The names, in the order they were first added.
    var keys: [String] { names.strings }

    /// The index of the value of `name`, if there is one.
    func index(of name: String) -> Int? { names.id(of: name) }

    /// The index of the value of `name`, made by `newValue` when there is none.
    mutating func index(of name: String, orAdd newValue: () -> Value) -> Int {
        let id = names.intern(name)
        if id == entries.count { entries.append(newValue()) }
        return id
    }

    /// The value at `index`, to read or change in place. (The defaulted
    /// name subscript changes one too, but allocates a frame and boxes at
    /// every use.)
    subscript(index: Int) -> Value {
        _read { yield entries[index] }
        _modify { yield &entries[index] }
    }

    /// Drops `name`: the rest is added again (no caller removes in a hot path).
    private mutating func remove(_ name: String) {
        guard let id = names.id(of: name) else { return }
        let (keptNames, keptEntries) = (names.strings, entries)
        names = Interner()
        entries = []
        for index in keptNames.indices where index != id { self[keptNames[index]] = keptEntries[index] }
    }
}
