import TerraceBasics

/// Terraform-style flags: `-name`, `-name=value`, `-name value`; `--name` is accepted too.
/// Flags end at the first argument that is not a flag, or at `--`.
public struct Flags {
    public enum Kind: Sendable {
        case bool
        case value
        /// A value flag that may be given several times (`-var`, `-target`).
        case repeated
    }

    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    let spec: [String: Kind]
    public private(set) var bools: [String: Bool] = [:]
    public private(set) var values: [String: String] = [:]
    public private(set) var lists: [String: [String]] = [:]
    /// Every repeated and value flag in command-line order (for `-var`/`-var-file` precedence).
    public private(set) var ordered: [(String, String)] = []
    public private(set) var positional: [String] = []

    public init(_ spec: [String: Kind], _ args: [String]) throws(Failure) {
        self.spec = spec
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg == "--" { positional += args[(i + 1)...]; break }
            guard arg.hasPrefix("-"), arg.count > 1, arg != "-" else {
                positional.append(arg)
                i += 1
                continue
            }
            var body = String(arg.dropFirst(arg.hasPrefix("--") ? 2 : 1))
            var value: String?
            if let eq = body.firstIndex(of: "=") {
                value = String(body[body.index(after: eq)...])
                body = String(body[..<eq])
            }
            guard let kind = spec[body] else {
                throw Failure(message: "flag provided but not defined: -\(body)")
            }
            switch kind {
            case .bool:
                if let v = value {
                    guard let b = ["true": true, "false": false, "1": true, "0": false][v] else {
                        throw Failure(message: "invalid boolean value \"\(v)\" for -\(body)")
                    }
                    bools[body] = b
                } else {
                    bools[body] = true
                }
            case .value, .repeated:
                if value == nil {
                    guard i + 1 < args.count else { throw Failure(message: "flag needs an argument: -\(body)") }
                    i += 1
                    value = args[i]
                }
                if kind == .value { values[body] = value! } else { lists[body, default: []].append(value!) }
                ordered.append((body, value!))
            }
            i += 1
        }
    }

    public func bool(_ name: String, default d: Bool = false) -> Bool { bools[name] ?? d }
    public func value(_ name: String) -> String? { values[name] }
    public func list(_ name: String) -> [String] { lists[name] ?? [] }
}
