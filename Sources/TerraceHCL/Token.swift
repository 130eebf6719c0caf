import TerraceBasics

/// The kinds of token the HCL native-syntax scanner produces; names follow hclsyntax's.
public enum TokenKind: Sendable, Hashable {
    case oBrace, cBrace, oBrack, cBrack, oParen, cParen
    case oQuote, cQuote
    case oHeredoc, cHeredoc
    case star, slash, plus, minus, percent
    case equal, equalOp, notEqual, lessThan, lessThanEq, greaterThan, greaterThanEq
    case and, or, bang
    case dot, comma, doubleColon, ellipsis, fatArrow, question, colon
    case templateInterp, templateControl, templateSeqEnd
    /// A literal chunk of a quoted template, still escaped.
    case quotedLit
    /// A literal chunk of a heredoc template (one line, or up to an interpolation).
    case stringLit
    case numberLit
    case ident
    case comment
    case newline
    case eof
    case invalid
    case badUTF8
}

/// One token: its kind, its range and where its bytes are in the source.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var range: SourceRange
    /// Byte offsets of the token's text in the scanned buffer.
    public var bytes: Range<Int>

    public init(kind: TokenKind, range: SourceRange, bytes: Range<Int>) {
        self.kind = kind
        self.range = range
        self.bytes = bytes
    }
}
