/// CSV records as Go's `encoding/csv` reads them with its defaults: comma separated, `"`
/// quoting with `""` for a quote, `\r\n` read as `\n`, blank lines skipped, and its errors.
struct CSVReader {
    struct ParseError: Error {
        var line: Int
        var message: String
    }

    static let fieldCount = "wrong number of fields"
    static let quote = "extraneous or missing \" in quoted-field"
    static let bareQuote = "bare \" in non-quoted-field"

    private var scalars: [Unicode.Scalar]
    private var i = 0
    private var line = 0
    /// Records must have this many fields (0: any).
    var fieldsPerRecord = 0

    init(_ text: String) {
        var s: [Unicode.Scalar] = []
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        while let c = pending ?? it.next() {
            pending = nil
            if c == "\r" {
                if let n = it.next() {
                    if n == "\n" { s.append("\n") } else { s.append("\r"); pending = n }
                } else {
                    s.append("\r")
                }
            } else {
                s.append(c)
            }
        }
        scalars = s
    }

    /// The next record, or nil at the end.
    mutating func read() throws(ParseError) -> [String]? {
        // Skip blank lines.
        while i < scalars.count, scalars[i] == "\n" { i += 1; line += 1 }
        guard i < scalars.count else { return nil }
        line += 1
        let recordLine = line
        var fields: [String] = []
        while true {
            var field = String.UnicodeScalarView()
            if i < scalars.count, scalars[i] == "\"" {
                i += 1
                while true {
                    // Go reads one more (empty) line before it finds the field unterminated.
                    guard i < scalars.count else { throw ParseError(line: line + 1, message: Self.quote) }
                    let c = scalars[i]
                    i += 1
                    if c == "\"" {
                        if i < scalars.count, scalars[i] == "\"" {
                            field.append("\"")
                            i += 1
                        } else if i >= scalars.count || scalars[i] == "," || scalars[i] == "\n" {
                            break
                        } else {
                            throw ParseError(line: line, message: Self.quote)
                        }
                    } else {
                        if c == "\n" { line += 1 }
                        field.append(c)
                    }
                }
            } else {
                while i < scalars.count, scalars[i] != ",", scalars[i] != "\n" {
                    if scalars[i] == "\"" { throw ParseError(line: line, message: Self.bareQuote) }
                    field.append(scalars[i])
                    i += 1
                }
            }
            fields.append(String(field))
            if i < scalars.count, scalars[i] == "," {
                i += 1
                continue
            }
            if i < scalars.count { i += 1 }
            break
        }
        if fieldsPerRecord > 0 && fields.count != fieldsPerRecord {
            throw ParseError(line: recordLine, message: Self.fieldCount)
        }
        return fields
    }
}
