import Foundation
import SinoTokenizer

/// The domain knowledge the extractor reads with: countries, places,
/// agencies, titles, cooperation areas, surnames and known officials,
/// compiled into one lexicon.
///
/// The built-in knowledge ships in the package as editable tab-separated
/// files (see `Docs/Resources.md`). Extend it with files of the same names
/// and format, without recompiling:
///
/// ```swift
/// let knowledge = try KnowledgeBase.builtIn()
///     .adding(directory: URL(fileURLWithPath: "my-resources"))
/// let extractor = Extractor(knowledge: knowledge)
/// ```
///
/// A knowledge base is immutable; `adding` returns a new one.
public struct KnowledgeBase: Sendable {
    /// The resource files, by the name they have on disk.
    public enum Resource: String, Sendable, CaseIterable {
        case countries = "countries.tsv"
        case places = "places.tsv"
        case agencies = "agencies.tsv"
        case titles = "titles.tsv"
        case areas = "areas.tsv"
        case surnames = "surnames.txt"
        case officials = "officials.tsv"
    }

    /// The tables, in one immutable object: the extractor hands the
    /// knowledge to the recogniser, the event rules and the graph builder
    /// for every document, and copying a struct of a dozen tables retained
    /// (and released again) every one of them, where this is one retain.
    private let storage: Storage

    /// An immutable box for ``Tables``: shared by every copy of the
    /// knowledge. The tables the rules look names up in are held again as
    /// objects, so that reading one out of the knowledge base retains one
    /// object rather than each of its arrays.
    private final class Storage: Sendable {
        let tables: Tables
        let countries: CountryTable
        let agencies: SharedTable<AgencyInfo>
        let titles: SharedTable<TitleInfo>
        let areas: SharedTable<AreaInfo>
        let officials: SharedTable<OfficialInfo>
        /// See ``KnowledgeBase/entryRows``.
        let entryRows: [Int32]
        /// See ``KnowledgeBase/internationalAgencies``.
        let internationalAgencies: [Bool]

        init(_ tables: Tables) {
            self.tables = tables
            countries = CountryTable(tables.countries)
            agencies = SharedTable(tables.agencies)
            titles = SharedTable(tables.titles)
            areas = SharedTable(tables.areas)
            officials = SharedTable(tables.officials)
            entryRows = tables.entryRows()
            internationalAgencies = tables.agencies.values.map { agency in
                if case .international = agency.scope { true } else { false }
            }
        }
    }

    // The other tables are lent (`_read`), not returned: a getter would
    // copy them out (a retain and release of each of their arrays).
    var countries: CountryTable { storage.countries }
    var places: NameTable<PlaceInfo> { _read { yield storage.tables.places } }
    var agencies: SharedTable<AgencyInfo> { storage.agencies }
    var titles: SharedTable<TitleInfo> { storage.titles }
    var areas: SharedTable<AreaInfo> { storage.areas }
    var surnames: Set<String> { _read { yield storage.tables.surnames } }
    var officials: SharedTable<OfficialInfo> { storage.officials }
    /// Every surface form of every table and of the rules' vocabulary,
    /// tagged (`country`, `agency`, `title`, `area`...), with the canonical
    /// key as payload: the lexicon the extractor tokenizes with.
    public var lexicon: Lexicon { storage.tables.lexicon }
    /// The tag bits of each entry of `lexicon.allEntries`, by index, so that
    /// reading a token's tags hashes no strings.
    var entryTags: [TagSet] { _read { yield storage.tables.entryTags } }
    /// For each entry of `lexicon.allEntries`, by index: the row (the
    /// ``NameTable`` index) of its payload in the table its tag names:
    /// `agencies` for an agency, `officials`, `places` or `titles`, and
    /// `countries` for a country, abbreviation or side; -1 for other entries
    /// and for a payload the table lacks. The recogniser reaches a word's
    /// row at once, where a lookup by the payload's name hashes and compares
    /// its bytes (and compares country entries by row).
    var entryRows: [Int32] { storage.entryRows }
    /// Whether each agency of `agencies`, by row, is an international body:
    /// the recogniser's first question about an agency, answered without
    /// reading (and retaining) the agency's row.
    var internationalAgencies: [Bool] { storage.internationalAgencies }

    /// A knowledge base of `tables` (loaded and compiled).
    private init(_ tables: Tables) {
        storage = Storage(tables)
    }

    /// The tables of a knowledge base, changed only while it is loaded.
    fileprivate struct Tables: Sendable {
        var countries = NameTable<CountryInfo>()
        var places = NameTable<PlaceInfo>()
        var agencies = NameTable<AgencyInfo>()
        var titles = NameTable<TitleInfo>()
        var areas = NameTable<AreaInfo>()
        var surnames: Set<String> = []
        /// The surnames as keys of their scalar values (see ``surnameKey(_:)``),
        /// sorted: ``isSurname(_:)`` searches them rather than hashing Chinese
        /// text, which `Set<String>` normalizes first. Used only while
        /// `surnameKeysDecide`.
        var surnameKeys: [UInt64] = []
        /// Whether every surname is one or two scalars that normalization
        /// leaves alone, so that equal scalars are what `==` on them means.
        var surnameKeysDecide = true
        var officials = NameTable<OfficialInfo>()
        /// Every surface form of every table and of the rules' vocabulary,
        /// tagged (`country`, `agency`, `title`, `area`...), with the canonical
        /// key as payload: the lexicon the extractor tokenizes with.
        var lexicon: Lexicon = .empty {
            didSet {
                entryTags = lexicon.allEntries.map { $0.tag.map(TagSet.named) ?? [] }
                officialForms = Self.officialForms(of: lexicon)
            }
        }
        /// For each word of `lexicon` with an `official` entry, the payload of
        /// its first such entry: what ``listedOfficial(_:)`` answers, looked up
        /// by the form's bytes rather than through the lexicon's trie.
        var officialForms = NameTable<String?>()
        /// The tag bits of each entry of `lexicon.allEntries`, by index, so that
        /// reading a token's tags hashes no strings.
        var entryTags: [TagSet] = []
    }

    /// An empty knowledge base: only the rules' own vocabulary.
    public init() {
        var tables = Tables()
        tables.lexicon = tables.compile()
        self.init(tables)
    }

    /// The knowledge that ships with the package. Loaded once per process.
    public static func builtIn() throws -> KnowledgeBase {
        try builtInResult.get()
    }

    private static let builtInResult: Result<KnowledgeBase, ResourceError> = Result {
        var tables = Tables()
        for resource in Resource.allCases {
            let name = (resource.rawValue as NSString).deletingPathExtension
            let ext = (resource.rawValue as NSString).pathExtension
            guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: ext) else {
                throw ResourceError(source: resource.rawValue, line: nil, message: "missing from the package bundle")
            }
            try tables.load(resource, text: Self.read(url), source: resource.rawValue)
        }
        tables.lexicon = tables.compile()
        return KnowledgeBase(tables)
    }.mapError { ($0 as? ResourceError) ?? ResourceError(source: "resources", line: nil, message: "\($0)") }

    /// This knowledge plus every resource file found in `directory` (files
    /// named as ``Resource`` names them; others are ignored).
    ///
    /// - Throws: ``ResourceError`` naming the file and line of a bad row.
    public func adding(directory: URL) throws -> KnowledgeBase {
        var tables = storage.tables
        var found = false
        for resource in Resource.allCases {
            let url = directory.appendingPathComponent(resource.rawValue)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            found = true
            try tables.load(resource, text: Self.read(url), source: url.path)
        }
        guard found else {
            throw ResourceError(source: directory.path, line: nil, message: "no resource files (countries.tsv, titles.tsv, ...) here")
        }
        tables.lexicon = tables.compile()
        return KnowledgeBase(tables)
    }

    /// This knowledge plus the rows of `text`, in the format of `resource`.
    public func adding(_ resource: Resource, text: String, source: String = "inline") throws -> KnowledgeBase {
        var tables = storage.tables
        try tables.load(resource, text: text, source: source)
        tables.lexicon = tables.compile()
        return KnowledgeBase(tables)
    }

    /// The number of entries per resource, for reports.
    public var counts: [Resource: Int] {
        [.countries: countries.count, .places: places.count, .agencies: agencies.count, .titles: titles.count,
         .areas: areas.count, .surnames: surnames.count, .officials: officials.count]
    }

    /// The cooperation-area keys, sorted.
    public var areaKeys: [String] { areas.keys.sorted() }

    /// The official a form names: the payload of the lexicon's first
    /// `official` entry for `form` (`lexicon.entries(for: form)`), if any.
    func listedOfficial(_ form: String) -> String? {
        storage.tables.officialForms[form] ?? nil
    }

    /// Whether `scalars` are a surname: `surnames.contains` of their string.
    func isSurname(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        switch scalars.count {
        case 1: isSurname(scalars[scalars.startIndex], nil)
        case 2: isSurname(scalars[scalars.startIndex], scalars[scalars.startIndex + 1])
        default: storage.tables.surnames.contains(String(scalars: scalars))
        }
    }

    /// Whether `first`, followed by `second` when there is one, are a
    /// surname: `surnames.contains` of their string, mostly answered from
    /// their values.
    func isSurname(_ first: Unicode.Scalar, _ second: Unicode.Scalar?) -> Bool {
        // The tables' fields are read one by one: binding the tables to a
        // name would copy them all.
        guard storage.tables.surnameKeysDecide, let key = Self.surnameKey(first, second) else {
            let scalars = second.map { [first, $0] } ?? [first]
            return storage.tables.surnames.contains(String(scalars: scalars[...]))
        }
        return Self.surnameKeys(storage.tables.surnameKeys, contain: key)
    }

    /// The sorted keys ``isSurname(_:_:)`` searches, when they decide alone
    /// (every surname is one or two normalization-inert scalars); nil
    /// otherwise. The recogniser holds them once per document, rather than
    /// reaching them through the knowledge (and retaining them) per question.
    var surnameKeys: [UInt64]? {
        storage.tables.surnameKeysDecide ? storage.tables.surnameKeys : nil
    }

    /// The key of the surname `first` (followed by `second` when there is
    /// one) in ``surnameKeys``, when both scalars are normalization-inert
    /// (so that equal keys are what `==` on their strings means); else nil.
    @inline(__always)
    static func surnameKey(_ first: Unicode.Scalar, _ second: Unicode.Scalar?) -> UInt64? {
        guard isNormalizationInert(first), second.map(isNormalizationInert) ?? true else { return nil }
        return UInt64(first.value) << 32 | UInt64(second?.value ?? 0)
    }

    /// Whether the sorted `keys` (``surnameKeys``) hold `key`, by binary search.
    @inline(__always)
    static func surnameKeys(_ keys: [UInt64], contain key: UInt64) -> Bool {
        keys.withUnsafeBufferPointer { keys in
            // The first key not below `key`.
            var low = 0, high = keys.count
            while low < high {
                let mid = (low &+ high) &>> 1
                if keys[mid] < key { low = mid &+ 1 } else { high = mid }
            }
            return low < keys.count && keys[low] == key
        }
    }

    /// The key of a surname of one or two scalars: the first scalar's value,
    /// above the second's (zero for none); nil for other lengths.
    fileprivate static func surnameKey<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> UInt64? {
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return nil }
        let second = iterator.next()
        guard iterator.next() == nil else { return nil }
        return UInt64(first.value) << 32 | UInt64(second?.value ?? 0)
    }

    /// Whether canonical normalization never changes, decomposes or composes
    /// `scalar` with a neighbour: ASCII, `·` and the CJK unified ideographs
    /// (basic block and extension A). Strings of such scalars are `==`
    /// exactly when their scalars are the same.
    fileprivate static func isNormalizationInert(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0 ..< 0x80, 0xB7, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF: true
        default: false
        }
    }

    /// `CU`, or a subdivision such as `CN-XJ`.
    static func isCountryCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        let upper = { (b: UInt8) in (0x41...0x5A).contains(b) }
        let upperOrDigit = { (b: UInt8) in upper(b) || (0x30...0x39).contains(b) }
        guard bytes.count >= 2, upper(bytes[0]), upper(bytes[1]) else { return false }
        if bytes.count == 2 { return true }
        return bytes.count <= 6 && bytes[2] == UInt8(ascii: "-") && bytes[3...].allSatisfy(upperOrDigit)
    }

    fileprivate static func read(_ url: URL) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ResourceError(source: url.path, line: nil, message: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ResourceError(source: url.path, line: nil, message: "not UTF-8")
        }
        return text
    }
}

extension KnowledgeBase.Tables {
    /// The rows of the lexicon's entries' payloads (see ``KnowledgeBase/entryRows``).
    func entryRows() -> [Int32] {
        typealias Tag = Vocabulary.Tag
        return lexicon.allEntries.map { entry in
            guard let payload = entry.payload, let tag = entry.tag else { return -1 }
            let row: Int? = switch tag {
            case Tag.agency: agencies.index(of: payload)
            case Tag.official: officials.index(of: payload)
            case Tag.place: places.index(of: payload)
            case Tag.title: titles.index(of: payload)
            case Tag.country, Tag.abbreviation, Tag.side: countries.index(of: payload)
            default: nil
            }
            return row.map { Int32($0) } ?? -1
        }
    }

    /// The forms of `lexicon` that name officials (see ``officialForms``).
    /// A word's entries are adjacent in `allEntries`, in the order the
    /// lexicon lists them, and `entries(for:)` finds a word by its scalars,
    /// which are its bytes: the first official entry of each word is kept.
    static func officialForms(of lexicon: Lexicon) -> NameTable<String?> {
        var forms = NameTable<String?>()
        for entry in lexicon.allEntries where entry.tag == Vocabulary.Tag.official && !forms.contains(entry.word) {
            forms[entry.word] = .some(entry.payload)
        }
        return forms
    }

    mutating func load(_ resource: KnowledgeBase.Resource, text: String, source: String) throws {
        switch resource {
        case .countries:
            for (line, f) in try TSVReader(source: source, columns: 8, required: 7).rows(text) {
                guard KnowledgeBase.isCountryCode(f[0]) else {
                    throw ResourceError(source: source, line: line, message: "\"\(f[0])\" is not an ISO 3166 code")
                }
                let abbreviations = f[4].values
                if let long = abbreviations.first(where: { $0.count != 1 }) {
                    throw ResourceError(source: source, line: line, message: "abbreviation \"\(long)\" is not one character")
                }
                countries[f[0]] = CountryInfo(code: f[0], name: f[1], formal: f[2].orNil, latin: f[3],
                                              abbreviations: abbreviations, aliases: f[5].values, kind: f[6], parent: f[7].orNil)
            }
        case .places:
            for (_, f) in try TSVReader(source: source, columns: 5, required: 3).rows(text) {
                places[f[0]] = PlaceInfo(name: f[0], country: f[1], kind: f[2], latin: f[3].orNil, aliases: f[4].values)
            }
        case .agencies:
            for (line, f) in try TSVReader(source: source, columns: 5, required: 3).rows(text) {
                let scope: AgencyInfo.Scope
                switch f[2] {
                case "-": scope = .international
                case "*": scope = .generic(fallback: nil)
                case let value where value.hasPrefix("*"): scope = .generic(fallback: String(value.dropFirst()))
                case let value where value.count == 2: scope = .country(value)
                default: throw ResourceError(source: source, line: line, message: "country \"\(f[2])\": use a code, *, *CODE or -")
                }
                agencies[f[0]] = AgencyInfo(name: f[0], kind: f[1], scope: scope, latin: f[3].orNil, aliases: f[4].values)
            }
        case .titles:
            for (_, f) in try TSVReader(source: source, columns: 4, required: 2).rows(text) {
                titles[f[0]] = TitleInfo(title: f[0], kind: f[1], country: f[2].orNil, latin: f[3].orNil)
            }
        case .areas:
            for (line, f) in try TSVReader(source: source, columns: 3, required: 3).rows(text) {
                guard f[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw ResourceError(source: source, line: line, message: "area key \"\(f[0])\" must be ASCII letters and digits")
                }
                let existing = areas[f[0]]?.forms ?? []
                areas[f[0]] = AreaInfo(key: f[0], latin: f[1], forms: existing + f[2].values)
            }
        case .surnames:
            for (line, f) in try TSVReader(source: source, columns: 1, required: 1).rows(text) {
                guard f[0].count <= 2 else {
                    throw ResourceError(source: source, line: line, message: "surname \"\(f[0])\" is longer than two characters")
                }
                surnames.insert(f[0])
                let scalars = f[0].unicodeScalars
                if scalars.allSatisfy(KnowledgeBase.isNormalizationInert), let key = KnowledgeBase.surnameKey(scalars[...]) {
                    surnameKeys.append(key)
                } else {
                    surnameKeysDecide = false
                }
            }
            surnameKeys.sort()
        case .officials:
            for (_, f) in try TSVReader(source: source, columns: 5, required: 2).rows(text) {
                officials[f[0]] = OfficialInfo(name: f[0], country: f[1].orNil, latin: f[2].orNil,
                                               aliases: f[3].values, titles: f[4].values)
            }
        }
    }

    /// Compiles every table and the rules' vocabulary into one lexicon.
    func compile() -> Lexicon {
        typealias Tag = Vocabulary.Tag
        var builder = LexiconBuilder()
        for word in Vocabulary.generalWords { builder.add(word, tag: Tag.general) }
        for word in Vocabulary.regions { builder.add(word, tag: Tag.region) }
        for word in Vocabulary.functionWords { builder.add(word, tag: Tag.function) }
        for word in Vocabulary.negations { builder.add(word, tag: Tag.negation) }
        for word in Vocabulary.futures { builder.add(word, tag: Tag.future) }
        for word in Vocabulary.qualifiers { builder.add(word, tag: Tag.qualifier) }
        for word in Vocabulary.compoundHeads { builder.add(word, tag: Tag.head) }
        for word in Vocabulary.conferenceHeads { builder.add(word, tag: Tag.conference) }
        for (word, meaning) in Vocabulary.triggers { builder.add(word, tag: Tag.trigger, payload: meaning) }
        for (word, offset) in Vocabulary.relativeDays { builder.add(word, tag: Tag.relative, payload: String(offset)) }
        for country in countries.values.sorted(by: { $0.code < $1.code }) {
            for form in [country.name] + (country.formal.map { [$0] } ?? []) + country.aliases {
                builder.add(form, tag: Tag.country, payload: country.code)
            }
            for abbreviation in country.abbreviations {
                builder.add(abbreviation, tag: Tag.abbreviation, payload: country.code)
                let side = abbreviation + "方"
                if !Vocabulary.sideStopwords.contains(side) { builder.add(side, tag: Tag.side, payload: country.code) }
            }
        }
        builder.add("我方", tag: Tag.side, payload: "CN")
        for (word, code) in Vocabulary.countryAliases where countries[code] != nil {
            builder.add(word, tag: Tag.country, payload: code)
        }
        for place in places.values.sorted(by: { $0.name < $1.name }) {
            for form in [place.name] + place.aliases { builder.add(form, tag: Tag.place, payload: place.name) }
        }
        for agency in agencies.values.sorted(by: { $0.name < $1.name }) {
            for form in [agency.name] + agency.aliases { builder.add(form, tag: Tag.agency, payload: agency.name) }
        }
        for title in titles.values.sorted(by: { $0.title < $1.title }) {
            builder.add(title.title, tag: Tag.title, payload: title.title)
        }
        for area in areas.values.sorted(by: { $0.key < $1.key }) {
            for form in area.forms { builder.add(form, tag: Tag.area, payload: area.key) }
        }
        for official in officials.values.sorted(by: { $0.name < $1.name }) {
            for form in [official.name] + official.aliases { builder.add(form, tag: Tag.official, payload: official.name) }
        }
        return builder.build()
    }
}
