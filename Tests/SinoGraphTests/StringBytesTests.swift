import Foundation
import Testing
import SinoEvaluation
@testable import SinoGraph

/// The byte-level string helpers the rules and the graph use instead of
/// `String`'s normalizing operations must give `String`'s answers on NFC
/// text, or ids would sort, merge and match differently.
@Suite struct StringBytesTests {
    /// Random NFC strings from the scripts the extractor meets: ASCII, Latin
    /// with diacritics, Han (BMP and astral), CJK punctuation, separators.
    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        let pools: [[Unicode.Scalar]] = [
            Array("abcXYZ019 -:_".unicodeScalars),
            Array("éÁñüçø".unicodeScalars),
            Array("王小洪会见科洛科利采夫中国古巴公安部".unicodeScalars),
            ["\u{20000}", "\u{2A6D6}", "\u{3400}"],
            Array("《》，。、·（）“”".unicodeScalars),
        ]
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int(generator.next() % 7)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                let pool = pools[Int(generator.next() % UInt64(pools.count))]
                scalars.append(pool[Int(generator.next() % UInt64(pool.count))])
            }
            return String(scalars)
        }
    }

    @Test func byteOrderAndEqualityAgreeWithStringOnNFCText() {
        let strings = Self.randomStrings(count: 400, seed: 7)
        var random = SplitMix64(seed: 11)
        for (a, b) in zip(strings, strings.shuffled(using: &random)) {
            #expect(a.precedes(b) == (a < b), "\(a) vs \(b)")
            if a.byteHead != b.byteHead { #expect((a.byteHead < b.byteHead) == a.precedes(b), "heads of \(a) vs \(b)") }
            #expect(a.hasSameBytes(as: b) == (a == b), "\(a) vs \(b)")
            #expect(b.isEmpty || a.includes(b) == a.contains(b), "\(a) includes \(b)")
            #expect(a.begins(with: b) == a.hasPrefix(b))
            #expect(a.ends(with: b) == a.hasSuffix(b))
        }
        #expect(strings.sorted { $0.precedes($1) } == strings.sorted())
    }

    @Test func scalarsBecomeTheSameStringAsThroughTheScalarView() {
        for string in Self.randomStrings(count: 300, seed: 3) + ["", "a", "\u{10FFFF}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"] {
            let scalars = Array(string.unicodeScalars)
            #expect(String(scalars: scalars[...]) == string)
            #expect(string.scalarArray == scalars)
            #expect(Array(String(scalars: scalars.dropFirst()).unicodeScalars) == Array(scalars.dropFirst()))
        }
    }

    @Test func trimmingRemovesBlanksButNotLineBreaks() {
        #expect(" \t中国\u{3000} ".trimmingBlanks() == "中国")
        #expect("\n中国\n".trimmingBlanks() == "\n中国\n")
        #expect("   ".trimmingBlanks() == "")
        #expect("《全球安全倡议》".trimming { $0 == "《" || $0 == "》" } == "全球安全倡议")
    }

    @Test func nameTablesFindWhatWasStoredUnderTheSameBytes() {
        var table = NameTable<Int>()
        table["王小洪"] = 1
        table["科洛科利采夫", default: 0] += 2
        #expect(table["王小洪"] == 1 && table["科洛科利采夫"] == 2 && table["王小"] == nil)
        #expect(Set(table.keys) == ["王小洪", "科洛科利采夫"])
    }

    @Test func headlineConferenceNamesDropOrdinalsAndYears() {
        #expect(Extractor.bareConferenceName("国际刑警组织第九十二届全体大会") == "国际刑警组织全体大会")
        #expect(Extractor.bareConferenceName("2024年上合组织第19次安全会议秘书会议") == "上合组织安全会议秘书会议")
        // A 第 without a count stays, and so do numbers that are not years.
        #expect(Extractor.bareConferenceName("第届会议") == "第届会议")
        #expect(Extractor.bareConferenceName("12年会") == "12年会")
    }

    @Test func participantsOrderByEntityThenRole() {
        let a = Participant(entity: "official:王小洪", role: .guest)
        let b = Participant(entity: "official:王小洪", role: .host)
        let c = Participant(entity: "country:CN", role: .party)
        #expect([a, b, c].sorted() == [c, b, a].sorted())
        #expect([a, b, c].sorted().first == c)
        #expect((a < b) == (Role.guest < Role.host))
    }

    /// Graph folds and mention groups order by `byteOrder`: it must be a
    /// stable sort by group and then by the keys' bytes, also where keys
    /// share more than the 16 bytes its integer heads hold.
    @Test func byteOrderIsAStableSortByGroupThenBytes() {
        var keys = Self.randomStrings(count: 300, seed: 21)
        // Long shared prefixes (ids such as `holdsTitle:official:…`) and repeats.
        keys += keys.prefix(60).map { "holdsTitle:official:" + $0 }
        keys += keys.prefix(40)
        // Prefixes of one another, and bytes equal to the heads' zero padding.
        keys += ["a", "a\u{0}", "a\u{0}\u{0}", String(repeating: "x", count: 16), String(repeating: "x", count: 16) + "\u{0}",
                 String(repeating: "x", count: 32), String(repeating: "x", count: 33), String(repeating: "x", count: 31) + "\u{0}"]
        var random = SplitMix64(seed: 5)
        keys.shuffle(using: &random)
        let groups = keys.indices.map { _ in UInt8(random.next() % 3) }
        let expected = keys.indices.sorted { a, b in
            if groups[a] != groups[b] { return groups[a] < groups[b] }
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            return a < b
        }
        #expect(byteOrder(of: keys, groups: groups) == expected)
        #expect(byteOrder(of: keys) == keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 })
    }

    /// The graph builder's interner: dense ids in first-seen order, the
    /// same id for the same bytes, through its table's growth.
    @Test func internerGivesDenseFirstSeenIds() {
        let strings = Self.randomStrings(count: 500, seed: 33) + ["official:王小洪", "", "country:CN"]
        var interner = Interner()
        var firstSeen: [String] = []
        for string in strings {
            let id = interner.intern(string)
            if let known = firstSeen.firstIndex(of: string) {
                #expect(id == known, "\(string)")
            } else {
                #expect(id == firstSeen.count, "\(string)")
                firstSeen.append(string)
            }
        }
        #expect(interner.count == firstSeen.count)
        for (id, string) in firstSeen.enumerated() {
            #expect(interner.id(of: string) == id)
            #expect(interner[id] == string)
        }
        #expect(interner.id(of: "never added") == nil)
    }

    /// Lookups decide on length and the first 16 bytes alone for short
    /// strings: strings that agree there (zero bytes against the head's
    /// padding, a shared 16-byte prefix, equal hashes of the head) must
    /// still get ids of their own, in the linear scan and in the table.
    @Test func internerTellsApartStringsThatShareTheirHead() {
        let prefix = "official:王小洪"  // 18 bytes: the head is its first 16
        var strings = ["a", "a\u{0}", "a\u{0}\u{0}", "", "\u{0}", String(repeating: "x", count: 16),
                       String(repeating: "x", count: 15) + "\u{0}", String(repeating: "x", count: 16) + "y",
                       String(repeating: "x", count: 16) + "z", prefix, prefix + "明", prefix + "月"]
        // Past the linear limit, into the open-addressing table.
        strings += (0 ..< 40).map { "\(String(repeating: "长", count: 6))\($0)" }
        for copies in [strings, strings.reversed()] {
            var interner = Interner()
            for (expected, string) in copies.enumerated() {
                #expect(interner.intern(string) == expected, "\(string.debugDescription)")
            }
            for (expected, string) in copies.enumerated() {
                #expect(interner.intern(string) == expected, "again: \(string.debugDescription)")
                #expect(interner.id(of: String(decoding: Array(string.utf8), as: UTF8.self)) == expected)
            }
            #expect(interner.id(of: prefix + "日") == nil)
            #expect(interner.id(of: String(repeating: "x", count: 17)) == nil)
        }
    }

    /// Past 16 bytes, equal length, head and hash do not make two strings
    /// equal: a pair whose 32-bit hashes collide gets two ids.
    @Test func internerComparesTheBytesOfLongStringsWhoseHashesCollide() throws {
        let head = "agency:CN:公安"  // 16 bytes
        var seen: [UInt32: String] = [:]
        var pair: (String, String)?
        var random = SplitMix64(seed: 11)
        // Among 2^18 strings of one length and head, a 32-bit collision is
        // all but certain (the birthday bound is about 2^16).
        for _ in 0 ..< 1 << 18 {
            let tail = String(format: "%016llx", random.next())
            let string = head + tail
            let hash = Interner.hash(of: string)
            if let other = seen[hash], other != string {
                pair = (other, string)
                break
            }
            seen[hash] = string
        }
        let (first, second) = try #require(pair)
        var interner = Interner()
        #expect(interner.intern(first) == 0)
        #expect(interner.intern(second) == 1)
        #expect(interner.id(of: first) == 0)
        #expect(interner.id(of: second) == 1)
    }
    /// The interner's and the sort's partial loads: every length from 0 to
    /// 8 at every offset of a buffer, against the bytes summed one by one;
    /// nothing past the bytes may count (the buffer ends with nonzero bytes
    /// that a load too far would pick up).
    @Test func partialWordsHoldExactlyTheirBytesLittleEndian() {
        let bytes: [UInt8] = [0x01, 0x80, 0xFF, 0x7F, 0xE7, 0x8E, 0x8B, 0x00, 0x5A, 0xA5, 0xC3, 0x3C, 0x99, 0x42]
        bytes.withUnsafeBytes { raw in
            for offset in 0 ... bytes.count {
                for count in 0 ... min(8, bytes.count - offset) {
                    var expected: UInt64 = 0
                    for i in 0 ..< count { expected |= UInt64(bytes[offset + i]) << (8 * i) }
                    #expect(loadLittleEndianWord(raw.baseAddress! + offset, count: count) == expected,
                            "offset \(offset), count \(count)")
                }
            }
        }
        // Heads: big-endian words of the first 16 bytes from an offset, zero-padded.
        bytes.withUnsafeBufferPointer { buffer in
            for offset in 0 ... bytes.count + 2 {
                var high: UInt64 = 0, low: UInt64 = 0
                for i in 0 ..< 16 where offset + i < bytes.count {
                    if i < 8 { high |= UInt64(bytes[offset + i]) << (8 * (7 - i)) } else { low |= UInt64(bytes[offset + i]) << (8 * (15 - i)) }
                }
                let head = ByteHead(buffer, at: offset)
                #expect(head.high == high && head.low == low, "offset \(offset)")
            }
        }
    }
}
