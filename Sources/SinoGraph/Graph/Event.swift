import Foundation

/// The kinds of events the extractor reports.
public enum EventKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case meeting, visit, agreement, pledge, attendance

    public static func < (a: EventKind, b: EventKind) -> Bool { a.rawValue < b.rawValue }
}

/// Whether an event took place or is only announced.
public enum EventStatus: String, Sendable, Hashable, Codable {
    /// Reported as having happened.
    case held
    /// Announced for the future (`将于明年举行`).
    case planned
}

/// How participants met.
public enum MeetingMode: String, Sendable, Hashable, Codable {
    case inPerson = "in-person"
    case video
}

/// A date as precise as the text allows: `2024-11-30`, `2024-11`, `2024`,
/// or `--11-30` when the year cannot be known.
public struct EventDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The year, if known.
    public var year: Int?
    /// The month, if known.
    public var month: Int?
    /// The day of the month, if known.
    public var day: Int?

    /// Creates a date; a day needs a month.
    public init(year: Int?, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// The ISO 8601 form.
    public var description: String {
        // Ids and every output print dates: digits straight into the bytes
        // of a small string rather than through number formatting.
        guard (year ?? 0) >= 0, (year ?? 0) <= 9999, (month ?? 0) >= 0, (month ?? 0) <= 99,
              (day ?? 0) >= 0, (day ?? 0) <= 99 else { return formatted }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            var count = 0
            func put(_ byte: UInt8) {
                buffer[count] = byte
                count += 1
            }
            func digits(_ value: Int, _ width: Int) {
                var divisor = width == 4 ? 1000 : 10
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            if let year {
                digits(year, 4)
                if month != nil { put(UInt8(ascii: "-")) }
            } else if month != nil {
                put(UInt8(ascii: "-"))
                put(UInt8(ascii: "-"))
            }
            if let month {
                digits(month, 2)
                if let day {
                    put(UInt8(ascii: "-"))
                    digits(day, 2)
                }
            }
            return count
        }
    }

    /// ``description`` for values outside the usual ranges (negative or
    /// five-digit years), through number formatting.
    private var formatted: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        let monthDay = month.map { m in day.map { padded(m, 2) + "-" + padded($0, 2) } ?? padded(m, 2) }
        switch (year, monthDay) {
        case let (year?, monthDay?): return padded(year, 4) + "-" + monthDay
        case let (year?, nil): return padded(year, 4)
        case let (nil, monthDay?): return "--" + monthDay
        case (nil, nil): return ""
        }
    }

    /// Parses the forms ``description`` prints.
    public init?(iso: String) {
        // Front matter gives every document a full date: read its ten bytes
        // directly; anything else goes through the general parse.
        if let date = Self.fullDate(iso) {
            self = date
            return
        }
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if iso.hasPrefix("--"), parts.count == 4, let m = Int(parts[2]), let d = Int(parts[3]) {
            self.init(year: nil, month: m, day: d)
        } else if parts.count >= 1, parts.count <= 3, let y = Int(parts[0]) {
            let m = parts.count > 1 ? Int(parts[1]) : nil
            let d = parts.count > 2 ? Int(parts[2].prefix(2)) : nil
            if parts.count > 1 && m == nil { return nil }
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    /// `YYYY-MM-DD` exactly, or nil.
    private static func fullDate(_ iso: String) -> EventDate? {
        iso.utf8.withContiguousStorageIfAvailable { bytes -> EventDate? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0 ..< 4), let month = number(5 ..< 7), let day = number(8 ..< 10) else { return nil }
            return EventDate(year: year, month: month, day: day)
        } ?? nil
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = EventDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (a: EventDate, b: EventDate) -> Bool {
        (a.year ?? 0, a.month ?? 0, a.day ?? 0) < (b.year ?? 0, b.month ?? 0, b.day ?? 0)
    }
}

/// What part an entity plays in an event.
public enum Role: String, Sendable, Hashable, Codable, Comparable {
    /// Receives the others (the subject of 会见).
    case host
    /// Is received.
    case guest
    /// Takes part on an equal footing (会谈, 会面).
    case participant
    /// Travels (visits).
    case visitor
    /// Is travelled to.
    case destination
    /// Signs, or is bound by, an agreement.
    case party
    /// Witnesses a signing.
    case witness
    /// Attends a conference.
    case attendee
    /// The conference attended.
    case conference
    /// The agreement document.
    case document

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// An entity taking part in an event.
public struct Participant: Sendable, Hashable, Codable, Comparable {
    /// The id of the entity taking part.
    public var entity: String
    /// Its part in the event.
    public var role: Role

    /// Creates a participant.
    public init(entity: String, role: Role) {
        self.entity = entity
        self.role = role
    }

    /// By entity id (in UTF-8 byte order, which is `String` order for NFC
    /// text), then role.
    public static func < (a: Participant, b: Participant) -> Bool {
        a.entity.hasSameBytes(as: b.entity) ? a.role < b.role : a.entity.precedes(b.entity)
    }
}

/// A meeting, visit, agreement, pledge or attendance.
public struct Event: Sendable, Hashable, Codable, Identifiable {
    // `kind` is declared first so that the memberwise initializer has other
    // labels than the public one, which calls it: an initializer that
    // assigns the fields one by one compiles to a copy of the whole event.

    /// What happened.
    public var kind: EventKind
    /// A stable id from the kind, the participants and the date, so the
    /// same event reported by two documents is one event.
    public var id: String
    /// Whether it took place or is planned.
    public var status: EventStatus
    /// When, as precise as the text allows.
    public var date: EventDate?
    /// The end of a range (`11月24日至26日`), if any.
    public var endDate: EventDate?
    /// The place entity id, if known.
    public var place: String?
    /// For meetings.
    public var mode: MeetingMode?
    /// Participants, sorted.
    public var participants: [Participant]
    /// Cooperation-area keys discussed or pledged, sorted.
    public var areas: [String]
    /// The title of a signed document or the name of a conference.
    public var title: String?
    /// Where the text states it.
    public var evidence: [Evidence]
}

extension Event {
    /// Creates an event.
    public init(id: String, kind: EventKind, status: EventStatus = .held, date: EventDate? = nil, endDate: EventDate? = nil,
                place: String? = nil, mode: MeetingMode? = nil, participants: [Participant], areas: [String] = [],
                title: String? = nil, evidence: [Evidence] = []) {
        self.init(kind: kind, id: id, status: status, date: date, endDate: endDate, place: place, mode: mode,
                  participants: participants, areas: areas, title: title, evidence: evidence)
    }

    /// The entity ids with `role`.
    public func entities(_ role: Role) -> [String] {
        participants.filter { $0.role == role }.map(\.entity)
    }
}
