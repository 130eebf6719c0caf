import Foundation
import TerraceBasics

/// A node of a YAML document, with the position it starts at.
public struct YAMLNode: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case null
        /// A scalar's text; `quoted` when it was written in quotes (so `"10"` stays a string).
        case scalar(String, quoted: Bool)
        case mapping([YAMLEntry])
        case sequence([YAMLNode])
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public var entries: [YAMLEntry]? { if case .mapping(let e) = kind { return e }; return nil }
    public var scalar: String? { if case .scalar(let s, _) = kind { return s }; return nil }
    public subscript(key: String) -> YAMLNode? { entries?.first { $0.key == key }?.value }
}

/// `key: value` in a mapping, with the key's range for diagnostics.
public struct YAMLEntry: Sendable, Hashable {
    public var key: String
    public var keyRange: SourceRange
    public var value: YAMLNode
}

/// Reads the block-style YAML subset that usage files are written in (Infracost's
/// `infracost-usage.yml`): nested mappings by indentation, block sequences, plain, single- and
/// double-quoted scalars, `#` comments, empty `{}` / `[]` and one-line flow sequences of
/// scalars. Anchors, aliases, tags, block scalars (`|`, `>`) and multi-line flow collections
/// are reported as unsupported rather than misread. Every problem is a diagnostic at
/// file:line:column; reading continues past it where it can.
public struct YAMLReader {
    struct Line {
        var number: Int
        /// Column (1-based) where the content starts; indentation is `column - 1`.
        var column: Int
        var byte: Int
        var content: String
        var indent: Int { column - 1 }
        var isSequenceItem: Bool { content == "-" || content.hasPrefix("- ") }
    }

    let filename: String
    var lines: [Line] = []
    var index = 0
    var diags = Diagnostics()

    /// Parses `text`; nil with errors when nothing usable was read. An empty document is `.null`.
    public static func parse(_ text: String, filename: String) -> (YAMLNode?, Diagnostics) {
        var r = YAMLReader(filename: filename)
        r.split(text)
        if r.lines.isEmpty {
            return (YAMLNode(.null, range: r.range(1, 1, 0, length: 0)), r.diags)
        }
        let node = r.parseNode(minIndent: 0)
        if r.index < r.lines.count {
            let l = r.lines[r.index]
            r.error("Unexpected content", "This line is not part of the document's structure; check its indentation.", l.number, l.column, l.byte, length: l.content.count)
        }
        return (r.diags.hasErrors ? nil : node, r.diags)
    }

    init(filename: String) { self.filename = filename }

    func range(_ line: Int, _ column: Int, _ byte: Int, length: Int) -> SourceRange {
        SourceRange(filename: filename, start: SourcePos(line: line, column: column, byte: byte),
                    end: SourcePos(line: line, column: column + length, byte: byte + length))
    }

    mutating func error(_ summary: String, _ detail: String, _ line: Int, _ column: Int, _ byte: Int, length: Int = 1) {
        diags += .error(summary, detail, at: range(line, column, byte, length: max(length, 1)))
    }

    // MARK: Lines

    /// Splits into content lines without comments, skipping blank lines and document markers.
    mutating func split(_ text: String) {
        var byte = 0
        var number = 0
        // By byte, not by Character: "\r\n" is one Character and would not split.
        for raw in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let lineStart = byte
            byte += raw.count + 1
            let s = String(decoding: raw.last == 0x0D ? raw.dropLast() : raw, as: UTF8.self)
            var indent = 0
            var sawTab = false
            for c in s {
                if c == " " { indent += 1 } else if c == "\t" { sawTab = true; break } else { break }
            }
            let body = stripComment(String(s.dropFirst(indent)))
            if sawTab {
                if !body.trimmingCharacters(in: .whitespaces).isEmpty {
                    error("Tab in indentation", "YAML indentation must use spaces; this line is indented with a tab.", number, indent + 1, lineStart + indent)
                }
                continue
            }
            let content = body.trimmingTrailingSpaces()
            if content.isEmpty { continue }
            if indent == 0 && (content == "---" || content == "...") { continue }
            lines.append(Line(number: number, column: indent + 1, byte: lineStart + indent, content: content))
        }
    }

    /// Removes a `#` comment: one at the start or after a space, outside quotes.
    func stripComment(_ s: String) -> String {
        var out = ""
        var quote: Character?
        var previous: Character = " "
        var it = s.makeIterator()
        while let c = it.next() {
            if let q = quote {
                out.append(c)
                if c == "\\" && q == "\"" { if let n = it.next() { out.append(n) }; continue }
                if c == q { quote = nil }
            } else if c == "#" && (previous == " " || out.isEmpty) {
                break
            } else {
                if (c == "\"" || c == "'") && (previous == " " || previous == ":" || previous == "-" || previous == "[" || previous == "," || out.isEmpty) { quote = c }
                out.append(c)
            }
            previous = c
        }
        return out
    }

    // MARK: Structure

    mutating func parseNode(minIndent: Int) -> YAMLNode {
        guard index < lines.count, lines[index].indent >= minIndent else {
            let l = index < lines.count ? lines[index] : lines[lines.count - 1]
            return YAMLNode(.null, range: range(l.number, l.column, l.byte, length: 0))
        }
        return lines[index].isSequenceItem ? parseSequence(indent: lines[index].indent) : parseMapping(indent: lines[index].indent)
    }

    mutating func parseMapping(indent: Int) -> YAMLNode {
        let first = lines[index]
        var entries: [YAMLEntry] = []
        var seen: [String: SourceRange] = [:]
        while index < lines.count {
            let l = lines[index]
            if l.indent < indent { break }
            if l.indent > indent {
                error("Bad indentation", "This line is indented more than the mapping entries before it, but the entry above it already has a value.", l.number, l.column, l.byte, length: l.content.count)
                index += 1
                continue
            }
            if l.isSequenceItem { break }
            guard let (key, keyLength, rest, restOffset) = splitKey(l) else {
                index += 1
                continue
            }
            let keyRange = range(l.number, l.column, l.byte, length: keyLength)
            index += 1
            var value: YAMLNode
            if rest.isEmpty {
                if index < lines.count && (lines[index].indent > indent || lines[index].indent == indent && lines[index].isSequenceItem) {
                    value = parseNode(minIndent: lines[index].indent)
                } else {
                    value = YAMLNode(.null, range: keyRange)
                }
            } else {
                value = scalarOrFlow(rest, line: l.number, column: l.column + restOffset, byte: l.byte + restOffset)
            }
            if let earlier = seen[key] {
                diags += .error("Duplicate mapping key", "The key \"\(key)\" was already given at line \(earlier.start.line); each key may appear once.", at: keyRange)
            } else {
                seen[key] = keyRange
                entries.append(YAMLEntry(key: key, keyRange: keyRange, value: value))
            }
        }
        return YAMLNode(.mapping(entries), range: range(first.number, first.column, first.byte, length: 0))
    }

    mutating func parseSequence(indent: Int) -> YAMLNode {
        let first = lines[index]
        var items: [YAMLNode] = []
        while index < lines.count, lines[index].indent == indent, lines[index].isSequenceItem {
            let l = lines[index]
            let rest = String(l.content.dropFirst(1)).drop { $0 == " " }
            let offset = l.content.count - rest.count
            if rest.isEmpty {
                index += 1
                if index < lines.count && lines[index].indent > indent {
                    items.append(parseNode(minIndent: indent + 1))
                } else {
                    items.append(YAMLNode(.null, range: range(l.number, l.column, l.byte, length: 1)))
                }
            } else if splitKeyProbe(String(rest)) {
                // `- key: value` starts a mapping whose entries sit at the column after "- ".
                lines[index] = Line(number: l.number, column: l.column + offset, byte: l.byte + offset, content: String(rest))
                items.append(parseMapping(indent: indent + offset))
            } else {
                index += 1
                items.append(scalarOrFlow(String(rest), line: l.number, column: l.column + offset, byte: l.byte + offset))
            }
        }
        return YAMLNode(.sequence(items), range: range(first.number, first.column, first.byte, length: 0))
    }

    /// Whether a string starts with a mapping key (`key:` followed by space or end).
    func splitKeyProbe(_ s: String) -> Bool {
        if s.hasPrefix("\"") || s.hasPrefix("'") {
            guard let q = s.first, let close = s.dropFirst().firstIndex(of: q) else { return false }
            return s[s.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix(":")
        }
        guard let colon = keyColon(s) else { return false }
        return colon != s.startIndex
    }

    func keyColon(_ s: String) -> String.Index? {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == ":" {
                let next = s.index(after: i)
                if next == s.endIndex || s[next] == " " { return i }
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// Splits `key: rest`; returns the key, the key's length in the source, the rest and the
    /// offset of the rest in the line's content.
    mutating func splitKey(_ l: Line) -> (String, Int, String, Int)? {
        let s = l.content
        var key: String
        var afterKey: String.Index
        if let q = s.first, q == "\"" || q == "'" {
            guard let (text, end) = quoted(s, quote: q, line: l) else { return nil }
            key = text
            afterKey = end
            while afterKey < s.endIndex && s[afterKey] == " " { afterKey = s.index(after: afterKey) }
            guard afterKey < s.endIndex, s[afterKey] == ":" else {
                error("Missing colon", "A mapping key must be followed by a colon, as in \"key: value\".", l.number, l.column, l.byte, length: s.count)
                return nil
            }
        } else {
            guard let colon = keyColon(s), colon != s.startIndex, !s.hasPrefix("{"), !s.hasPrefix("[") else {
                let detail = s.hasPrefix("{") || s.hasPrefix("[")
                    ? "Flow collections spanning the document are not supported by Terrace's YAML reader; write the mapping in block style, one \"key: value\" per line."
                    : "Expected \"key: value\" here. A mapping key must be followed by a colon and a space."
                error("Missing colon", detail, l.number, l.column, l.byte, length: s.count)
                return nil
            }
            key = String(s[..<colon]).trimmingTrailingSpaces()
            afterKey = colon
        }
        let keyLength = s.distance(from: s.startIndex, to: afterKey)
        var restStart = s.index(after: afterKey)
        while restStart < s.endIndex && s[restStart] == " " { restStart = s.index(after: restStart) }
        let rest = String(s[restStart...])
        return (key, keyLength, rest, s.distance(from: s.startIndex, to: restStart))
    }

    /// A quoted scalar at the start of `s`: its text and the index after the closing quote.
    mutating func quoted(_ s: String, quote: Character, line l: Line, column: Int? = nil, byte: Int? = nil) -> (String, String.Index)? {
        var out = ""
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            let c = s[i]
            if c == quote {
                let next = s.index(after: i)
                if quote == "'" && next < s.endIndex && s[next] == "'" { out.append("'"); i = s.index(after: next); continue }
                return (out, next)
            }
            if c == "\\" && quote == "\"" {
                let next = s.index(after: i)
                guard next < s.endIndex else { break }
                switch s[next] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                default:
                    error("Unsupported escape sequence", "Only \\n, \\t, \\\", \\\\ and \\/ are understood inside double quotes.", l.number, column ?? l.column, byte ?? l.byte, length: 2)
                }
                i = s.index(after: next)
                continue
            }
            out.append(c)
            i = s.index(after: i)
        }
        error("Unterminated string", "This quoted string has no closing \(quote) on the same line; multi-line strings are not supported.", l.number, column ?? l.column, byte ?? l.byte, length: s.count)
        return nil
    }

    mutating func scalarOrFlow(_ text: String, line: Int, column: Int, byte: Int) -> YAMLNode {
        let r = range(line, column, byte, length: text.count)
        let l = Line(number: line, column: column, byte: byte, content: text)
        if let q = text.first, q == "\"" || q == "'" {
            guard let (s, end) = quoted(text, quote: q, line: l, column: column, byte: byte) else { return YAMLNode(.null, range: r) }
            if !text[end...].trimmingCharacters(in: .whitespaces).isEmpty {
                error("Unexpected text after string", "Nothing may follow a quoted value on the same line except a comment.", line, column, byte, length: text.count)
            }
            return YAMLNode(.scalar(s, quoted: true), range: r)
        }
        let compact = text.filter { $0 != " " }
        if compact == "{}" { return YAMLNode(.mapping([]), range: r) }
        if compact == "[]" { return YAMLNode(.sequence([]), range: r) }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else {
                error("Unsupported flow sequence", "A flow sequence must close on the same line: [a, b, c].", line, column, byte, length: text.count)
                return YAMLNode(.null, range: r)
            }
            let inner = text.dropFirst().dropLast()
            let items = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return YAMLNode(.sequence(items.map { YAMLNode(.scalar(unquote($0), quoted: $0.hasPrefix("\"") || $0.hasPrefix("'")), range: r) }), range: r)
        }
        if let c = text.first, "{&*!|>%@`".contains(c) {
            let what: String
            switch c {
            case "{": what = "Flow mappings"
            case "&": what = "Anchors"
            case "*": what = "Aliases"
            case "!": what = "Tags"
            case "|", ">": what = "Block scalars"
            default: what = "Values starting with \"\(c)\""
            }
            error("Unsupported YAML", "\(what) are not supported by Terrace's YAML reader (usage files need only mappings, numbers and strings). Quote the value if it is a string.", line, column, byte, length: text.count)
            return YAMLNode(.null, range: r)
        }
        if text == "~" || text == "null" || text == "Null" || text == "NULL" { return YAMLNode(.null, range: r) }
        return YAMLNode(.scalar(text, quoted: false), range: r)
    }

    func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
        return s
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
