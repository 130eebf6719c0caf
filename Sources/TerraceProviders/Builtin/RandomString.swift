import Foundation

/// The random provider's string generator (`internal/random/string.go`): first the minimum
/// number of characters from each class, then the rest from every enabled class, then shuffled.
/// Uses the system's cryptographic generator, as the provider does.
public struct RandomString: Sendable {
    public static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    public static let lower = Array("abcdefghijklmnopqrstuvwxyz")
    public static let numeric = Array("0123456789")
    public static let special = Array("!@#$%&*()-_=+[]{}<>:?")

    public var length: Int
    public var upper = true, lower = true, numeric = true, special = true
    public var minUpper = 0, minLower = 0, minNumeric = 0, minSpecial = 0
    public var overrideSpecial: String?

    public init(length: Int) { self.length = length }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public func generate<G: RandomNumberGenerator>(using rng: inout G) throws(Failure) -> String {
        let specials = overrideSpecial.map(Array.init) ?? Self.special
        var pool: [Character] = []
        if upper { pool += Self.upper }
        if lower { pool += Self.lower }
        if numeric { pool += Self.numeric }
        if special { pool += specials }
        var out: [Character] = []
        for (chars, minimum) in [(Self.numeric, minNumeric), (Self.lower, minLower), (Self.upper, minUpper), (specials, minSpecial)] where minimum > 0 {
            guard !chars.isEmpty else { throw Failure(description: "the character set for a minimum count is empty") }
            for _ in 0..<minimum { out.append(chars[Int.random(in: 0..<chars.count, using: &rng)]) }
        }
        let rest = length - out.count
        if rest > 0 {
            guard !pool.isEmpty else {
                throw Failure(description: "no characters to choose from: at least one of upper, lower, numeric and special must be true")
            }
            for _ in 0..<rest { out.append(pool[Int.random(in: 0..<pool.count, using: &rng)]) }
        }
        out.shuffle(using: &rng)
        return String(out)
    }

    public func generate() throws(Failure) -> String {
        var rng = SystemRandomNumberGenerator()
        return try generate(using: &rng)
    }
}
