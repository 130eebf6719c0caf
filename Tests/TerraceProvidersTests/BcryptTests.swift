import Testing
@testable import TerraceProviders

/// bcrypt against published test vectors (OpenBSD's and John the Ripper's), so a
/// `random_password`'s `bcrypt_hash` verifies with any bcrypt library.
@Suite struct BcryptTests {
    @Test func blowfishConstantsAreTheDigitsOfPi() {
        let w = PiWords.blowfish
        #expect(w.count == 1042)
        // P1, P18, the first word of S-box 1 and the last word of S-box 4.
        #expect(w[0] == 0x243F_6A88)
        #expect(w[17] == 0x8979_FB1B)
        #expect(w[18] == 0xD131_0BA6)
        #expect(w[1041] == 0x3AC3_72E6)
    }

    @Test(arguments: [
        ("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."),
        ("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
        ("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"),
        ("", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"),
    ])
    func knownHashes(_ password: String, _ expected: String) throws {
        let salt = try #require(Bcrypt.decode(String(expected.dropFirst(7).prefix(22)), count: 16))
        let cost = try #require(Int(expected.dropFirst(4).prefix(2)))
        #expect(Bcrypt.hash(password, salt: salt, cost: cost) == expected)
        #expect(Bcrypt.verify(password, hash: expected))
        #expect(!Bcrypt.verify(password + "x", hash: expected))
    }

    @Test func freshHashesVerify() {
        let h = Bcrypt.hash("correct horse", cost: 4)
        #expect(h.hasPrefix("$2a$04$") && h.count == 60)
        #expect(Bcrypt.verify("correct horse", hash: h))
        #expect(Bcrypt.hash("correct horse", cost: 4) != h)  // a new salt each time
    }
}

