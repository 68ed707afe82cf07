/// Reads dates in Chinese text and completes them from what the document
/// knows: `2024年11月30日`; `11月30日` with the year from the front-matter
/// date; `今年5月20日`, `去年11月8日`; `次日` and `同日` from the previous
/// event; `11月24日至26日` as a range. A year that cannot be known stays
/// unknown (`--11-30`), never guessed.
struct DateResolver {
    /// The document's own date, from its front matter.
    let documentDate: EventDate?

    struct Found {
        var date: EventDate
        var end: EventDate?
        /// Analysed range of the expression.
        var range: Range<Int>
    }

    init(frontMatterDate: String?) {
        documentDate = frontMatterDate.flatMap { raw in
            EventDate(iso: Self.firstTenCharacters(of: raw)).flatMap { $0.day == nil ? nil : $0 }
        }
    }

    /// `String(raw.prefix(10))`. A front-matter date is ASCII: when the
    /// first eleven bytes are ASCII other than CR (the one ASCII scalar
    /// that joins the next into a character; the eleventh is read so that
    /// no combining mark can join the tenth), its first ten characters are
    /// its first ten bytes, taken without finding character breaks.
    static func firstTenCharacters(of raw: String) -> String {
        let isPlainHead = raw.withBytes { bytes in
            !bytes.prefix(11).contains { $0 >= 0x80 || $0 == 0x0D }
        }
        guard isPlainHead else { return String(raw.prefix(10)) }
        let utf8 = raw.utf8
        // A bare date (`2024-11-30`) is the whole string; a longer stamp is
        // sliced at a byte that ends an ASCII scalar (a copy, no validation).
        guard utf8.count > 10 else { return raw }
        return String(raw[..<utf8.index(utf8.startIndex, offsetBy: 10)])
    }

    /// Every date expression in `scalars[range]`, in order.
    func dates(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Found] {
        var found: [Found] = []
        dates(in: scalars, range: range, into: &found)
        return found
    }

    /// Appends every date expression in `scalars[range]` to `found`, in
    /// order (one array for the dates of many sentences).
    func dates(in scalars: [Unicode.Scalar], range: Range<Int>, into found: inout [Found]) {
        var p = range.lowerBound
        while p < range.upperBound {
            // Dates start at a digit (after optional spaces) or at 今年, 去年…:
            // most scalars are neither, and are passed over in the buffer.
            p = scalars.withUnsafeBufferPointer { scalars in
                // One test of each scalar: a digit or a space starts here; a
                // 年 means the scalar before it may start `今年`, `2024年`
                // (any earlier start would have been found first). Eight or
                // four scalars at a time are passed over when none of them
                // can be one of those (most text, Chinese characters): a
                // vector test of four costs about what one scalar's does.
                var q = p
                while q < range.upperBound {
                    if q &+ 8 <= range.upperBound, !Self.mayHoldDateStart(Self.dateStartBits(scalars, at: q)
                                                                          | Self.dateStartBits(scalars, at: q &+ 4)) {
                        q &+= 8
                        continue
                    }
                    if q &+ 4 <= range.upperBound, !Self.mayHoldDateStart(Self.dateStartBits(scalars, at: q)) {
                        q &+= 4
                        continue
                    }
                    let groupEnd = min(q &+ 4, range.upperBound)
                    while q < groupEnd {
                        let value = scalars[q].value
                        if value < 0x3A {
                            if value >= 0x30 || value == 0x20 { return q }
                        } else if value == 0x5E74 {  // 年
                            if q > p { return q - 1 }
                        } else if value &- 0xFF10 < 10 {
                            return q
                        }
                        q &+= 1
                    }
                }
                return q
            }
            guard p < range.upperBound else { break }
            if let match = date(at: p, in: scalars, limit: range.upperBound) {
                found.append(match)
                p = match.range.upperBound
            } else {
                p += 1
            }
        }
    }

    /// For each of the four scalars from `index`, a value whose top bit is
    /// set when the scalar is below U+003A (a space, a digit, an ASCII mark
    /// or control), 年 or in U+FF10…U+FF1F (the full-width digits, colon,
    /// semicolon…): all those a date can start at or just before, and a
    /// few more. Each test leaves the top bit set when it holds (scalar
    /// values are below 2^21, so nothing else sets it); lanes of several
    /// groups can be combined with `|` before they are read.
    @inline(__always)
    private static func dateStartBits(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, at index: Int) -> SIMD4<UInt32> {
        let values = UnsafeRawPointer(scalars.baseAddress! + index).loadUnaligned(as: SIMD4<UInt32>.self)
        let below = values &- 0x3A
        let fullWidth = ((values & 0xFFFF_FFF0) ^ 0xFF10) &- 1
        let nian = (values ^ 0x5E74) &- 1
        return below | fullWidth | nian
    }

    /// Whether a lane of `bits` (from `dateStartBits`) has its top bit set:
    /// the four top bits read at once as two integers (SIMD comparison
    /// masks cost more to reduce than the tests).
    @inline(__always)
    private static func mayHoldDateStart(_ bits: SIMD4<UInt32>) -> Bool {
        let lanes = unsafeBitCast(bits, to: SIMD2<UInt64>.self)
        return (lanes[0] | lanes[1]) & 0x8000_0000_8000_0000 != 0
    }

    private func number(at p: Int, in s: [Unicode.Scalar], limit: Int, maxDigits: Int) -> (value: Int, end: Int)? {
        var q = p
        var value = 0
        while q < limit, q - p < maxDigits, let digit = Self.digit(s[q]) {
            value = value * 10 + digit
            q += 1
        }
        if q < limit, Self.digit(s[q]) != nil { return nil }  // too many digits
        return q > p ? (value, q) : nil
    }

    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }

    private func skipSpaces(_ p: Int, _ s: [Unicode.Scalar], _ limit: Int) -> Int {
        var q = p
        while q < limit, s[q] == " " { q += 1 }
        return q
    }

    private func date(at start: Int, in s: [Unicode.Scalar], limit: Int) -> Found? {
        // A number must not continue one before it (`12025年`).
        if start > 0, Self.digit(s[start - 1]) != nil { return nil }
        var p = start
        var year: Int?
        var relativeYear: Int?
        if let word = relativeYearWord(at: p, in: s, limit: limit) {
            relativeYear = word.offset
            p = word.end
        }
        if relativeYear == nil, let y = number(at: p, in: s, limit: limit, maxDigits: 4), y.end - p == 4 {
            let q = skipSpaces(y.end, s, limit)
            if q < limit, s[q] == "年" {
                year = y.value
                p = q + 1
            }
        }
        if let relativeYear, let base = documentDate?.year { year = base + relativeYear }
        let monthStart = skipSpaces(p, s, limit)
        guard let m = number(at: monthStart, in: s, limit: limit, maxDigits: 2) else {
            // A bare year (`2024年`).
            if year != nil, relativeYear == nil { return Found(date: EventDate(year: year), range: start ..< p) }
            return nil
        }
        var q = skipSpaces(m.end, s, limit)
        guard q < limit, s[q] == "月", (1...12).contains(m.value) else {
            if year != nil, relativeYear == nil { return Found(date: EventDate(year: year), range: start ..< p) }
            return nil
        }
        q += 1
        var day: Int?
        let dayStart = skipSpaces(q, s, limit)
        if let d = number(at: dayStart, in: s, limit: limit, maxDigits: 2) {
            let r = skipSpaces(d.end, s, limit)
            if r < limit, s[r] == "日" || s[r] == "号", (1...31).contains(d.value) {
                day = d.value
                q = r + 1
            }
        }
        var date = EventDate(year: year, month: m.value, day: day)
        if year == nil, relativeYear == nil { date = completeYear(date) }
        // A month with neither year nor day (`11月，…`) says too little to keep.
        if date.year == nil && date.day == nil { return nil }
        var end: EventDate?
        // A range: 至26日, 至12月2日, -26日, 到26日.
        if day != nil, q < limit, s[q] == "至" || s[q] == "到" || s[q] == "-" || s[q] == "—" || s[q] == "～" {
            let r = q + 1
            if let m2 = number(at: r, in: s, limit: limit, maxDigits: 2), m2.end < limit {
                if s[m2.end] == "日" || s[m2.end] == "号", (1...31).contains(m2.value) {
                    end = EventDate(year: date.year, month: date.month, day: m2.value)
                    q = m2.end + 1
                } else if s[m2.end] == "月", let d2 = number(at: m2.end + 1, in: s, limit: limit, maxDigits: 2),
                          d2.end < limit, s[d2.end] == "日" {
                    end = EventDate(year: date.year, month: m2.value, day: d2.value)
                    q = d2.end + 1
                }
            }
        }
        return Found(date: date, end: end, range: start ..< q)
    }

    private func relativeYearWord(at p: Int, in s: [Unicode.Scalar], limit: Int) -> (offset: Int, end: Int)? {
        guard p + 1 < limit, s[p + 1] == "年" else { return nil }
        switch s[p] {
        case "今", "本": return (0, p + 2)
        case "去": return (-1, p + 2)
        case "明": return (1, p + 2)
        case "前": return (-2, p + 2)
        default: return nil
        }
    }

    /// A month and day without a year take the document date's year, or
    /// the year before when they fall after the document date (news reports
    /// the past).
    func completeYear(_ date: EventDate) -> EventDate {
        guard date.year == nil, let document = documentDate, let year = document.year, let month = date.month else {
            return date
        }
        let isAfter = (month, date.day ?? 1) > (document.month ?? 12, document.day ?? 31)
        return EventDate(year: isAfter ? year - 1 : year, month: month, day: date.day)
    }

    /// `次日` after a known date.
    static func adding(days: Int, to date: EventDate) -> EventDate {
        guard days != 0, let month = date.month, let day = date.day else { return date }
        let lengths = [31, (date.year.map { ($0 % 4 == 0 && $0 % 100 != 0) || $0 % 400 == 0 } ?? false) ? 29 : 28,
                       31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var (y, m, d) = (date.year, month, day + days)
        while d > lengths[m - 1] {
            d -= lengths[m - 1]
            m += 1
            if m > 12 {
                m = 1
                y = y.map { $0 + 1 }
            }
        }
        return EventDate(year: y, month: m, day: d)
    }
}
