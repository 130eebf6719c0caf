/// Word wrapping for diagnostic details and help text, as Terraform wraps them.
public enum TextWrap {
    /// Wraps each paragraph line of `text` at `width` columns, breaking only at spaces;
    /// lines that start with a space (preformatted) are left alone.
    public static func wrap(_ text: String, width: Int) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(" ") || line.count <= width {
                out.append(String(line))
                continue
            }
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if current.isEmpty {
                    current = String(word)
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    out.append(current)
                    current = String(word)
                }
            }
            out.append(current)
        }
        return out.joined(separator: "\n")
    }
}
