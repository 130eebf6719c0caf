import Foundation
import Testing
import TerraceBasics

/// Idempotency tokens and generated IDs: random version 4 UUIDs in the lower-case form
/// Foundation writes, never repeated.
struct RandomUUIDTests {
    @Test func uuidsAreVersionFourLowerCaseAndDistinct() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let s = RandomUUID.string()
            let parsed = try #require(UUID(uuidString: s), "\(s)")
            #expect(parsed.uuidString.lowercased() == s)
            let chars = Array(s)
            #expect(chars.count == 36 && chars[14] == "4" && "89ab".contains(chars[19]), "\(s)")
            #expect(seen.insert(s).inserted)
        }
    }
}
