import TerraceBasics

/// Canonical formatting of HCL native syntax, byte for byte what `terraform fmt` 1.0 writes.
///
/// Terraform parses the file (refusing one with errors), applies a few Terraform-specific
/// rewrites to the syntax tree (`"${x}"` attribute values unwrapped to `x`, legacy variable
/// types such as `"string"` or bare `list` normalised, block labels re-quoted) and then lets
/// hclwrite re-space every token: two spaces of indentation per bracket level, one space
/// between most tokens, `=` aligned across consecutive attribute lines and trailing comments
/// aligned too. Only white space between tokens changes; token text (comments, heredoc bodies,
/// strings) is kept. This type does the same from the token stream and the parse tree.
public enum Formatter {
    /// The formatted text of a configuration file, or nil with the syntax errors that prevent
    /// formatting it.
    public static func format(_ src: [UInt8], filename: String, sources: SourceFiles? = nil) -> (output: [UInt8]?, diagnostics: Diagnostics) {
        // Most files parse cleanly, so parse first with an empty file name, which keeps the many
        // source ranges of the tree free of reference counting; only a file with errors is parsed
        // again to name it in the diagnostics.
        let (file, firstDiags, tokens) = Parser.parseWithTokens(src, filename: "", buildTree: false)
        var diags = firstDiags
        if diags.hasErrors || sources != nil && !diags.isEmpty {
            let (named, namedDiags, _) = Parser.parseWithTokens(src, filename: filename, buildTree: false)
            diags = namedDiags
            sources?.register(filename, bytes: src)
            sources?.registerContexts(filename, named.body.blocks.map {
                SourceFiles.BlockContext(header: $0.header, body: $0.body.range, block: $0.range)
            })
        }
        guard !diags.hasErrors else { return (nil, diags) }
        var w = WriterTokens(src: src, tokens: tokens)
        var edits: [Edit] = []
        collectEdits(file.body, depth: 0, inVariable: false, &w, &edits)
        w.apply(edits)
        w.formatAll()
        return (w.bytes(), diags)
    }

    public static func format(_ text: String, filename: String = "<input>") -> (output: String?, diagnostics: Diagnostics) {
        let (out, d) = format(Array(text.utf8), filename: filename)
        return (out.map { String(decoding: $0, as: UTF8.self) }, d)
    }
}

/// One writer token (hclwrite's `Token`): its kind, its text (a range of the byte store) and
/// the number of spaces written before it.
struct WriterToken {
    var kind: TokenKind
    var bytes: Range<Int>
    var spacesBefore: Int
}

/// A replacement of the writer tokens `range` by `tokens`.
struct Edit {
    var range: Range<Int>
    var tokens: [WriterToken]
}

/// The token sequence being formatted, and the bytes its tokens refer to: the source followed
/// by the text of tokens the rewrites introduce.
struct WriterTokens {
    var store: [UInt8]
    var tokens: [WriterToken]
    /// Source start offset of each original token, for finding tokens by source range.
    var starts: [Int]
    /// White space before the end of the input. hclwrite never re-spaces the EOF token, so it
    /// keeps one space per byte of white space (or byte-order mark) the input ends with.
    var eofSpaces = 0

    init(src: [UInt8], tokens lexed: [Token]) {
        store = src
        tokens = []
        tokens.reserveCapacity(lexed.count)
        starts = []
        starts.reserveCapacity(lexed.count)
        var lastEnd = 0
        for t in lexed {
            if t.kind == .eof {
                eofSpaces = t.bytes.lowerBound - lastEnd
                break
            }
            tokens.append(WriterToken(kind: t.kind, bytes: t.bytes, spacesBefore: 0))
            starts.append(t.bytes.lowerBound)
            lastEnd = t.bytes.upperBound
        }
    }

    /// A new token with the given text.
    mutating func make(_ kind: TokenKind, _ text: String) -> WriterToken {
        let lo = store.count
        store.append(contentsOf: text.utf8)
        return WriterToken(kind: kind, bytes: lo..<store.count, spacesBefore: 0)
    }

    /// The indices of the original tokens whose start lies in `[from, to)`, as hclwrite
    /// partitions tokens by an AST node's range.
    func indices(from: Int, to: Int) -> Range<Int> {
        let lo = lowerBound(from)
        let hi = lowerBound(to)
        return lo..<max(lo, hi)
    }

    func lowerBound(_ offset: Int) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func text(_ t: WriterToken) -> ArraySlice<UInt8> { store[t.bytes] }

    func textEquals(_ t: WriterToken, _ s: String) -> Bool {
        text(t).elementsEqual(s.utf8)
    }

    /// Applies non-overlapping edits.
    mutating func apply(_ edits: [Edit]) {
        guard !edits.isEmpty else { return }
        var out: [WriterToken] = []
        out.reserveCapacity(tokens.count)
        var k = 0
        for e in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where e.range.lowerBound >= k {
            out.append(contentsOf: tokens[k..<e.range.lowerBound])
            out.append(contentsOf: e.tokens)
            k = e.range.upperBound
        }
        out.append(contentsOf: tokens[k...])
        tokens = out
        starts = []
    }

    func bytes() -> [UInt8] {
        var total = eofSpaces
        for t in tokens { total += t.spacesBefore + t.bytes.count }
        return [UInt8](unsafeUninitializedCapacity: total) { out, count in
            store.withUnsafeBufferPointer { src in
                var k = 0
                for t in tokens {
                    for _ in 0..<t.spacesBefore { out[k] = 0x20; k += 1 }
                    for i in t.bytes { out[k] = src[i]; k += 1 }
                }
                for _ in 0..<eofSpaces { out[k] = 0x20; k += 1 }
                count = k
            }
        }
    }
}
