import Foundation
import SinoTokenizer

/// An agency as the graph knows it: its canonical name and the country it
/// belongs to (none for international bodies).
struct AgencyRef: Sendable, Hashable, Comparable {
    var name: String
    var country: String?

    static func < (a: AgencyRef, b: AgencyRef) -> Bool { (a.name, a.country ?? "") < (b.name, b.country ?? "") }
}

/// One recognised mention, in the analysed text.
struct Mention: Sendable, Hashable {
    enum Kind: Int, Sendable, Hashable, CaseIterable { case official, country, agency, place, area }
    var kind: Kind
    /// Official name, country code, agency name, place name or area key.
    var key: String
    var range: Range<Int>
    /// For agencies: the bound country.
    var country: String?
}

/// Everything the recogniser found about one official.
struct OfficialRecord: Sendable {
    var name: String
    var country: String?
    var latin: String?
    var titles: [String] = []
    var aliases: Set<String> = []
    var bindings: [(title: String, agency: AgencyRef?, country: String?)] = []
}

/// The entities of one document.
struct Recognition: Sendable {
    var mentions: [Mention] = []
    var officials = NameTable<OfficialRecord>()
    /// Agency mentions by the start of their range, into `mentions`.
    var agencyAt: [Int: Int] = [:]
    /// Analysed scalars already claimed by an official mention.
    var officialCovered: [Bool] = []

    mutating func addOfficialMention(_ key: String, _ range: Range<Int>) -> Bool {
        guard !officialCovered[range].contains(true) else { return false }
        for p in range { officialCovered[p] = true }
        mentions.append(Mention(kind: .official, key: key, range: range))
        return true
    }

    mutating func setAgency(_ mention: Mention) {
        if let at = agencyAt[mention.range.lowerBound] {
            mentions[at] = mention
        } else {
            agencyAt[mention.range.lowerBound] = mentions.count
            mentions.append(mention)
        }
    }

    func mentions(of kind: Mention.Kind) -> [Mention] { mentions.filter { $0.kind == kind } }
}

/// Finds officials, countries, agencies, places and areas in analysed text.
final class EntityRecognizer {
    typealias Tag = Vocabulary.Tag
    let knowledge: KnowledgeBase
    let text: AnalyzedText

    init(knowledge: KnowledgeBase, text: AnalyzedText) {
        self.knowledge = knowledge
        self.text = text
    }

    func recognize() -> Recognition {
        var result = Recognition()
        result.officialCovered = [Bool](repeating: false, count: text.scalars.count)
        let words = text.words
        var named = Set<String>()
        for word in words where word.has(.country) { named.formUnion(text.payloads(word, .country)) }

        // Countries, sides, compounds, places, agencies, areas, known officials.
        var i = 0
        while i < words.count {
            let word = words[i]
            if let code = text.payload(word, .country) {
                result.mentions.append(Mention(kind: .country, key: code, range: word.range))
            } else if word.has(.side), let code = resolve(text.payloads(word, .side), named) {
                result.mentions.append(Mention(kind: .country, key: code, range: word.range))
            } else if word.has(.abbreviation) {
                var j = i
                while j < words.count, words[j].has(.abbreviation), words[j].range.count == 1 { j += 1 }
                let codes = words[i..<j].compactMap { resolve(text.payloads($0, .abbreviation), named) }
                let followedByHead = j < words.count && (words[j].has(.head) || words[j].has(.side))
                if j - i >= 2, codes.count == j - i, Set(codes).count == codes.count,
                   followedByHead || codes.allSatisfy(named.contains) {
                    for (offset, code) in codes.enumerated() {
                        result.mentions.append(Mention(kind: .country, key: code, range: words[i + offset].range))
                    }
                    i = j
                    continue
                }
            }
            if let place = text.payload(word, .place), !word.has(.country) {
                result.mentions.append(Mention(kind: .place, key: place, range: word.range))
            }
            if let agency = text.payload(word, .agency) {
                result.setAgency(Mention(kind: .agency, key: agency, range: word.range,
                                         country: agencyCountry(agency, at: i, chainCountry: nil)))
            }
            if word.has(.area) {
                let areas = text.payloads(word, .area)
                for area in areas.count <= 1 ? areas : Set(areas).sorted() {
                    result.mentions.append(Mention(kind: .area, key: area, range: word.range))
                }
            }
            if let name = text.payload(word, .official) {
                addOfficial(name, range: word.range, surface: text.reads(word, name) ? name : text.folded(word), to: &result)
            }
            i += 1
        }

        findTitleChains(&result)
        findTitlesAfterNames(&result)
        findRepeatedNames(&result)
        // Sorted through their ranges: sorting the mentions themselves copies them at every swap.
        let ranges = result.mentions.map(\.range)
        let order = ranges.indices.sorted {
            (ranges[$0].lowerBound, ranges[$0].upperBound) < (ranges[$1].lowerBound, ranges[$1].upperBound)
        }
        result.mentions.permute(order)
        return result
    }

    /// An abbreviation or side form that several countries share (乌: UZ,
    /// UA, UY) means the one the document names; none when it names none
    /// or several of them.
    private func resolve(_ codes: [String], _ named: Set<String>) -> String? {
        if let first = codes.first, codes.allSatisfy({ $0.hasSameBytes(as: first) }) { return first }
        // The one named candidate, if exactly one is.
        var found: String?
        for code in codes where named.contains(code) {
            if let found, !found.hasSameBytes(as: code) { return nil }
            found = code
        }
        return found
    }

    /// The country an agency word belongs to: a country right before it,
    /// the chain's country, else its own scope.
    private func agencyCountry(_ agency: String, at index: Int, chainCountry: String?) -> String? {
        guard let info = knowledge.agencies[agency] else { return chainCountry }
        if case .international = info.scope { return nil }
        if index > 0 {
            var k = index - 1
            while k > 0, text.words[k].isSpace { k -= 1 }
            let before = text.words[k]
            if let code = text.payload(before, .country) ?? text.payload(before, .abbreviation) ?? text.payload(before, .side) {
                return code
            }
        }
        if let chainCountry { return chainCountry }
        switch info.scope {
        case .country(let code): return code
        case .generic(let fallback): return fallback
        case .international: return nil
        }
    }

    // MARK: Officials

    private func addOfficial(_ name: String, range: Range<Int>, surface: String, to result: inout Recognition) {
        // In place: copying a record out and back retains and releases all of it.
        if !result.officials.contains(name) {
            let known = knowledge.officials[name]
            result.officials[name] = OfficialRecord(name: name, country: known?.country, latin: known?.latin)
        }
        if surface != name {
            result.officials[name, default: OfficialRecord(name: name)].aliases.insert(surface)
        }
        _ = result.addOfficialMention(name, range)
    }

    /// `国务委员、公安部部长王小洪`, `俄罗斯内务部长科洛科利采夫`,
    /// `古共中央第一书记、古巴国家主席迪亚斯·卡内尔（Miguel Díaz-Canel）`.
    private func findTitleChains(_ result: inout Recognition) {
        let words = text.words
        for i in words.indices {
            let isTitle = words[i].has(.title)
            let contracted = !isTitle && text.reads(words[i], "长") && i > 0 && words[i - 1].has(.agency)
                && text.folded(words[i - 1]).ends(with: "部")
            guard isTitle || contracted else { continue }
            var j = i + 1
            while j < words.count, words[j].isSpace { j += 1 }
            guard j < words.count, mayStartName(words[j]) else { continue }
            let chainStart = chainStart(endingAt: i)
            let segments = self.segments(chainStart ... i)
            let chainCountry = segments.lazy.compactMap(\.country).first
            let agencyOfChain = segments.lazy.compactMap(\.agency).last
            let titleCountry = segments.lazy.compactMap { self.knowledge.titles[$0.title]?.country }.first
            let hint = chainCountry ?? agencyOfChain.flatMap { agencyCountry($0.name, at: $0.index, chainCountry: nil) } ?? titleCountry
            guard let name = findName(at: j, countryHint: hint) else { continue }

            let known = knowledge.officials[name.canonical]
            let country = chainCountry
                ?? agencyOfChain.flatMap { agencyCountry($0.name, at: $0.index, chainCountry: nil) }
                ?? titleCountry ?? known?.country ?? (name.isChinese ? "CN" : nil)
            var record = result.officials[name.canonical]
                ?? OfficialRecord(name: name.canonical, country: country, latin: known?.latin)
            if record.country == nil { record.country = country }
            if let gloss = name.gloss { record.latin = gloss }  // the text's own gloss beats the table
            if name.surface != name.canonical { record.aliases.insert(name.surface) }
            for segment in segments {
                let agency = segment.agency.map {
                    AgencyRef(name: $0.name, country: agencyCountry($0.name, at: $0.index, chainCountry: segment.country ?? country))
                }
                if !record.titles.contains(segment.text) {
                    record.titles.append(segment.text)
                    record.bindings.append((segment.text, agency, segment.country ?? agency?.country ?? country))
                }
                if let agency, let at = segment.agency {
                    // The chain decides the agency's country: rebind its mention.
                    result.setAgency(Mention(kind: .agency, key: agency.name, range: text.words[at.index].range,
                                             country: agency.country))
                }
            }
            result.officials[name.canonical] = record
            _ = result.addOfficialMention(name.canonical, name.range)
        }
    }

    /// Walks back from a title over the words a title chain is made of.
    private func chainStart(endingAt end: Int) -> Int {
        let words = text.words
        var start = end
        while start > 0 {
            let word = words[start - 1]
            if word.has(.title) || word.has(.agency) || word.has(.country) || word.has(.qualifier)
                || word.has(.place)
                || (word.has(.abbreviation) && word.range.count == 1) || text.reads(word, "驻") {
                start -= 1
            } else if text.reads(word, "、") || word.isSpace, start >= 2 {
                let before = words[start - 2]
                guard before.has(.title) || before.has(.country) || before.has(.agency) else { break }
                if word.isSpace && !before.has(.country) { break }
                start -= 1
            } else {
                break
            }
        }
        // A chain starts at a title, agency, country or qualifier, never at 、.
        while start < end, text.reads(words[start], "、") || words[start].isSpace { start += 1 }
        return start
    }

    struct Segment {
        var text: String
        var title: String
        var country: String?
        var agency: (name: String, index: Int)?
    }

    /// The chain cut at 、, each part with its country, agency and title
    /// text as written without the country in front.
    private func segments(_ range: ClosedRange<Int>) -> [Segment] {
        let words = text.words
        var segments: [Segment] = []
        var current: [Int] = []
        func flush() {
            defer { current.removeAll() }
            guard let last = current.last else { return }
            var country: String?
            var firstKept = current.startIndex
            while firstKept < current.endIndex {
                let word = words[current[firstKept]]
                if let code = text.payload(word, .country) ?? (word.range.count == 1 ? text.payload(word, .abbreviation) : nil) {
                    country = country ?? code
                    firstKept += 1
                } else if word.isSpace {
                    firstKept += 1
                } else {
                    break
                }
            }
            let kept = current[firstKept...]
            guard !kept.isEmpty else { return }
            let agency = kept.last { words[$0].has(.agency) }.map { (text.payload(words[$0], .agency)!, $0) }
            // 旁遮普省首席部长: a province or city fixes the country too.
            if country == nil, let place = kept.lazy.compactMap({ [text] in text.payload(words[$0], .place) }).first {
                country = knowledge.places[place]?.country
            }
            var title = text.payload(words[last], .title) ?? "部长"
            if text.reads(words[last], "长") { title = "部长" }
            // Kept words start after any space; a space before 、 is dropped too.
            // Words are contiguous: the folded text of the span is theirs one after another.
            let lastKept = kept.lastIndex { !words[$0].isSpace } ?? kept.startIndex
            let written = text.folded(words[kept[kept.startIndex]].range.lowerBound ..< words[kept[lastKept]].range.upperBound)
            segments.append(Segment(text: written, title: title, country: country, agency: agency))
        }
        for index in range {
            if text.reads(words[index], "、") { flush() } else { current.append(index) }
        }
        flush()
        return segments
    }

    struct FoundName {
        var canonical: String
        var surface: String
        var range: Range<Int>
        var gloss: String?
        var isChinese: Bool
    }

    /// The name right after a title: a transliterated name, a known
    /// official, or a run of characters that ends at a word the lexicon
    /// knows (a trigger, particle, preposition) or at punctuation.
    /// Whether a name may start at `word`: what ``findName(at:countryHint:)``
    /// tries, tested before a chain is cut into segments.
    private func mayStartName(_ word: Word) -> Bool {
        word.kind == .transliteration || word.has(.official) || word.kind == .unknown
            || (word.kind == .word && word.tags.isDisjoint(with: .stops))
    }

    private func findName(at index: Int, countryHint: String?) -> FoundName? {
        let words = text.words
        let word = words[index]
        var found: FoundName?
        if word.kind == .transliteration {
            // A listed official may be written with any separator.
            let surface = text.folded(word), canonical = Self.canonicalName(surface)
            let listed = [surface, canonical].lazy
                .compactMap { self.knowledge.lexicon.entries(for: $0).first { $0.tag == Tag.official }?.payload }.first
            found = FoundName(canonical: listed ?? canonical, surface: surface, range: word.range, isChinese: false)
        } else if let name = text.payload(word, .official) {
            found = FoundName(canonical: name, surface: text.folded(word), range: word.range, isChinese: false)
        } else if word.kind == .unknown || (word.kind == .word && word.tags.isDisjoint(with: .stops)) {
            found = unknownName(from: word.range.lowerBound, countryHint: countryHint)
        }
        guard var name = found else { return nil }
        name.gloss = gloss(after: name.range.upperBound)
        return name
    }

    /// Single characters that end even a Chinese name of three characters.
    static let strongStops: Set<String> = [
        "在", "和", "与", "同", "的", "了", "是", "说", "等", "时", "对", "向", "为", "将", "已", "并", "及", "也",
        "都", "就", "还", "又", "则", "曾", "于", "以", "从", "到", "被", "把", "由", "因", "会", "率", "应", "一",
    ]

    private func unknownName(from start: Int, countryHint: String?) -> FoundName? {
        let scalars = text.scalars
        // Where a run of unknown characters ends: at a word the lexicon knows
        // (only a strong stop when the name may be Chinese, whose given
        // names are often such characters: 姜再冬).
        func runEnd(lenient: Bool) -> Int {
            var end = start
            while end < scalars.count, end - start < 10, Self.isHan(scalars[end]) {
                let word = text.words[text.wordAt[end]]
                let isStop = !word.tags.isDisjoint(with: .stops)
                if word.range.lowerBound == end, end > start || word.kind == .word, isStop {
                    let single = word.range.count == 1
                    if !(lenient && single && end > start && !Self.strongStops.contains { text.reads(word, $0) }) { break }
                }
                end += 1
            }
            return end
        }
        let first = String(scalars[start])
        let compound = start + 2 <= scalars.count && knowledge.surnames.contains(text.string(start ..< start + 2))
        let hasSurname = compound || knowledge.surnames.contains(first)
        let foreignCountry = countryHint.map { !Vocabulary.chineseNameCountries.contains($0) } ?? false
        func chinese() -> FoundName? {
            let end = runEnd(lenient: true)
            let length = min(end - start, compound ? 4 : 3)
            guard length >= 2 else { return nil }
            let range = start ..< start + length
            let name = text.string(range)
            return FoundName(canonical: name, surface: name, range: range, isChinese: true)
        }
        func foreign() -> FoundName? {
            let end = runEnd(lenient: false)
            var foreignEnd = start
            while foreignEnd < end, foreignEnd - start < 8, Transliteration.isNameCharacter(scalars[foreignEnd]) {
                foreignEnd += 1
            }
            guard foreignEnd - start >= 2 else { return nil }
            let name = text.string(start ..< foreignEnd)
            return FoundName(canonical: name, surface: name, range: start ..< foreignEnd, isChinese: false)
        }
        if hasSurname && !foreignCountry {
            let strictEnd = runEnd(lenient: false)
            if strictEnd - start <= (compound ? 4 : 3) || countryHint == "CN" || countryHint == nil {
                return chinese() ?? foreign()
            }
        }
        // Vietnamese and Korean names read like Chinese ones.
        return foreign() ?? (hasSurname ? chinese() : nil)
    }

    /// A Latin gloss in parentheses right after a name: `(Miguel Díaz-Canel)`.
    private func gloss(after position: Int) -> String? {
        let scalars = text.scalars
        var p = position
        while p < scalars.count, scalars[p] == " " { p += 1 }
        guard p < scalars.count, scalars[p] == "(" || scalars[p] == "（" else { return nil }
        var q = p + 1
        while q < scalars.count, q - p < 80, scalars[q] != ")", scalars[q] != "）" { q += 1 }
        guard q < scalars.count, q - p < 80 else { return nil }
        let inside = text.string(p + 1 ..< q).trimmingBlanks()
        let letters = inside.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard !letters.isEmpty, letters.allSatisfy({ $0.value < 0x2E80 }),
              inside.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || " -.'’·".unicodeScalars.contains($0) }) else {
            return nil
        }
        return inside
    }

    /// `习近平主席`, `普京总统`: a title right after a known name.
    private func findTitlesAfterNames(_ result: inout Recognition) {
        let words = text.words
        for mention in result.mentions where mention.kind == .official {
            let next = text.wordAt[mention.range.upperBound]
            guard next < words.count, words[next].range.lowerBound == mention.range.upperBound,
                  words[next].has(.title), var record = result.officials[mention.key] else { continue }
            // Not when the title starts a chain for the next name.
            if next + 1 < words.count, findName(at: next + 1, countryHint: nil) != nil { continue }
            let title = text.folded(words[next])
            if !record.titles.contains(title) {
                record.titles.append(title)
                record.bindings.append((title, nil, record.country))
            }
            result.officials[mention.key] = record
        }
    }

    /// A name seen with a title once is the same person wherever it appears
    /// bare: `王小洪表示` after `公安部部长王小洪`. One pass over the text,
    /// trying the forms that start with each character, longest first.
    private func findRepeatedNames(_ result: inout Recognition) {
        let scalars = text.scalars
        struct Candidate {
            var form: [Unicode.Scalar]
            var name: String
            var written: String
        }
        var candidates: [Candidate] = []
        // Separator variants only for the separators this text uses.
        var usedSeparators = [false, false, false, false]
        let separators: [Unicode.Scalar] = ["-", "－", "—", "•"]
        for scalar in scalars where scalar.value >= 0x2D && !Self.isHan(scalar) {
            if let index = separators.firstIndex(of: scalar) { usedSeparators[index] = true }
        }
        let variantSeparators = separators.indices.filter { usedSeparators[$0] }.map { separators[$0] }
        for record in result.officials.values {
            var forms = [record.name]
            func add(_ form: String) { if !forms.contains(where: { $0.hasSameBytes(as: form) }) { forms.append(form) } }
            record.aliases.forEach(add)
            // `·` is C2 B7 in UTF-8: no B7 byte, no dot (a quick test before the scalar search).
            let hasDot = record.name.utf8.contains(0xB7)
            if hasDot, !variantSeparators.isEmpty { Self.separatorVariants(record.name, with: variantSeparators).forEach(add) }
            // 托克托古洛夫 after 乌鲁克别克·托克托古洛夫: the family name alone.
            if hasDot, let dot = record.name.unicodeScalars.lastIndex(of: "·") {
                let family = record.name.unicodeScalars[record.name.unicodeScalars.index(after: dot)...]
                if family.count >= 3 { add(String(family)) }
            }
            for form in forms {
                let needle = form.scalarArray
                guard needle.count >= 2 else { continue }
                candidates.append(Candidate(form: needle, name: record.name, written: form))
            }
        }
        guard !candidates.isEmpty else { return }
        // By first scalar, then longest first, so a family name never claims
        // the middle of a full name; the order is fixed, so output is too.
        let order = candidates.indices.sorted { i, j in
            let a = candidates[i], b = candidates[j]
            if a.form[0] != b.form[0] { return a.form[0].value < b.form[0].value }
            if a.form.count != b.form.count { return a.form.count > b.form.count }
            if !a.name.hasSameBytes(as: b.name) { return a.name.precedes(b.name) }
            return a.written.precedes(b.written)
        }
        candidates.permute(order)
        let firsts = candidates.map { $0.form[0].value }
        // A bit per scalar value modulo 1024 says which scalars may start a
        // form, so most positions cost a shift and a mask.
        var starts = [UInt64](repeating: 0, count: 16)
        for value in firsts { starts[Int(value >> 6) & 15] |= 1 << (value & 63) }
        var p = 0
        while p < scalars.count {
            let value = scalars[p].value
            guard starts[Int(value >> 6) & 15] & (1 << (value & 63)) != 0, !result.officialCovered[p] else {
                p += 1
                continue
            }
            var advanced = false
            var index = firsts.partitioningIndex { $0 >= value }
            while index < candidates.count, firsts[index] == value {
                let candidate = candidates[index]
                index += 1
                let range = p ..< p + candidate.form.count
                guard range.upperBound <= scalars.count, scalars[range].elementsEqual(candidate.form),
                      result.addOfficialMention(candidate.name, range) else { continue }
                if candidate.written != candidate.name {
                    result.officials[candidate.name]?.aliases.insert(candidate.written)
                }
                p = range.upperBound
                advanced = true
                break
            }
            if !advanced { p += 1 }
        }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// Marks that join the parts of a transliterated name.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0xB7, 0x2010, 0x2011, 0x2014, 0x2022, 0x2027, 0x22C5, 0x2219, 0x30FB, 0xFF0D, 0xFF65: true
        default: false
        }
    }

    /// Transliterated names join their parts with `·`.
    static func canonicalName(_ surface: String) -> String {
        var scalars: [Unicode.Scalar] = []
        var changed = false
        for scalar in surface.unicodeScalars {
            if isSeparator(scalar) {
                scalars.append("·")
                changed = changed || scalar != "·"
                continue
            }
            if (0x4E00 ... 0x9FFF).contains(scalar.value) {
                scalars.append(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                changed = true  // a stray mark is not part of a name
            default:
                scalars.append(scalar)
            }
        }
        return changed ? String(scalars: scalars[...]) : surface
    }

    static func separatorVariants(_ name: String, with separators: [Unicode.Scalar] = ["-", "－", "—", "•"]) -> [String] {
        guard name.unicodeScalars.contains("·") else { return [] }
        let scalars = Array(name.unicodeScalars)
        return separators.map { separator in
            String(scalars: scalars.map { $0 == "·" ? separator : $0 }[...])
        }
    }
}

extension Array {
    /// The first index whose element satisfies `isAfter`, by binary search;
    /// the array is partitioned: the elements that fail it come first.
    func partitioningIndex(where isAfter: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isAfter(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
