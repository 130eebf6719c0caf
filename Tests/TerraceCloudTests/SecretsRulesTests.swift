import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// KMS and Secrets Manager rules, with their services' errors.
@Suite struct SecretsRulesTests {
    static let refusals: [Refusal] = [
        Refusal(name: "deletion window under 7 days", type: "aws_kms_key", attrs: { _ in ["deletion_window_in_days": .number(5)] },
                error: "ValidationException: 1 validation error detected: Value '5' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7"),
        Refusal(name: "deletion window over 30 days", type: "aws_kms_key", attrs: { _ in ["deletion_window_in_days": .number(31)] },
                error: "Member must have value less than or equal to 30"),
        Refusal(name: "rotating an asymmetric key", type: "aws_kms_key",
                attrs: { _ in ["customer_master_key_spec": .string("RSA_2048"), "key_usage": .string("SIGN_VERIFY"), "enable_key_rotation": .bool(true)] },
                error: "UnsupportedOperationException"),
        Refusal(name: "HMAC key for encryption", type: "aws_kms_key",
                attrs: { _ in ["customer_master_key_spec": .string("HMAC_256")] },
                error: "ValidationException: KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec HMAC_256"),
        Refusal(name: "alias for a missing key", type: "aws_kms_alias",
                attrs: { _ in ["name": .string("alias/app"), "target_key_id": .string("0b0b0b0b-0000-4000-8000-000000000000")] },
                error: "NotFoundException: Key 'arn:aws:kms:us-east-1:123456789012:key/0b0b0b0b-0000-4000-8000-000000000000' does not exist"),
        Refusal(name: "alias in AWS's namespace", type: "aws_kms_alias",
                setup: { c in ["key": try await c.make("aws_kms_key", [:])["id"]!] },
                attrs: { ["name": .string("alias/aws/mine"), "target_key_id": $0["key"]!] },
                error: "cannot begin with reserved AWS CMK prefix 'alias/aws/'"),
        Refusal(name: "alias taken", type: "aws_kms_alias",
                setup: { c in
                    let key = try await c.make("aws_kms_key", [:])["id"]!
                    _ = try await c.make("aws_kms_alias", ["name": .string("alias/app"), "target_key_id": key])
                    return ["key": key]
                },
                attrs: { ["name": .string("alias/app"), "target_key_id": $0["key"]!] },
                error: "AlreadyExistsException: An alias with the name arn:aws:kms:us-east-1:123456789012:alias/app already exists"),
        Refusal(name: "secret name with a space", type: "aws_secretsmanager_secret", attrs: { _ in ["name": .string("app secret")] },
                error: "ValidationException: Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"),
        Refusal(name: "secret name taken", type: "aws_secretsmanager_secret",
                setup: { c in _ = try await c.make("aws_secretsmanager_secret", ["name": .string("app/db")]); return [:] },
                attrs: { _ in ["name": .string("app/db")] },
                error: "ResourceExistsException: The operation failed because the secret app/db already exists."),
        Refusal(name: "version of a missing secret", type: "aws_secretsmanager_secret_version",
                attrs: { _ in ["secret_id": .string("nope"), "secret_string": .string("x")] },
                error: "ResourceNotFoundException: Secrets Manager can't find the specified secret."),
        Refusal(name: "version without a value", type: "aws_secretsmanager_secret_version",
                setup: { c in ["s": try await c.make("aws_secretsmanager_secret", ["name": .string("s")])["arn"]!] },
                attrs: { ["secret_id": $0["s"]!] },
                error: "InvalidRequestException: You must provide either SecretString or SecretBinary."),
        Refusal(name: "rotation without a schedule", type: "aws_secretsmanager_secret_rotation",
                setup: { c in ["s": try await c.make("aws_secretsmanager_secret", ["name": .string("s")])["arn"]!] },
                attrs: { ["secret_id": $0["s"]!, "rotation_rules": .list([.object([:])])] },
                error: "InvalidParameterException: You must specify either AutomaticallyAfterDays or ScheduleExpression."),
        Refusal(name: "rotation every 1001 days", type: "aws_secretsmanager_secret_rotation",
                setup: { c in ["s": try await c.make("aws_secretsmanager_secret", ["name": .string("s")])["arn"]!] },
                attrs: { ["secret_id": $0["s"]!, "rotation_rules": .list([.object(["automatically_after_days": .number(1001)])])] },
                error: "InvalidParameterException: The AutomaticallyAfterDays value must be between 1 and 1000 days (inclusive)."),
    ]

    @Test(arguments: refusals)
    func refused(_ r: Refusal) async throws { try await r.run() }

    static let invalid: [Invalid] = [
        Invalid(type: "aws_kms_key", attrs: ["deletion_window_in_days": .number(5)],
                message: "expected deletion_window_in_days to be in the range (7 - 30), got 5"),
        Invalid(type: "aws_kms_key", attrs: ["key_usage": .string("DECRYPT")], message: "expected key_usage to be one of"),
        Invalid(type: "aws_kms_alias", attrs: ["name": .string("app")],
                message: "\"name\" must begin with 'alias/' and be comprised of only [a-zA-Z0-9/_-]"),
        Invalid(type: "aws_secretsmanager_secret", attrs: ["recovery_window_in_days": .number(5)],
                message: "expected recovery_window_in_days to be in the range (7 - 30), got 5"),
        Invalid(type: "aws_secretsmanager_secret", attrs: ["name": .string("a b")],
                message: "invalid value for name (must contain only alphanumeric characters and the characters /_+=.@-)"),
        Invalid(type: "aws_secretsmanager_secret", attrs: ["name": .string(String(repeating: "a", count: 513))],
                message: "expected length of name to be in the range (1 - 512)"),
        Invalid(type: "aws_secretsmanager_secret_rotation",
                attrs: ["rotation_rules": .list([.object(["automatically_after_days": .number(0)])])],
                message: "expected rotation_rules.0.automatically_after_days to be in the range (1 - 1000), got 0"),
    ]

    @Test(arguments: invalid)
    func validation(_ i: Invalid) throws { try i.run() }

    @Test func deletingAKeySchedulesItsDeletion() async throws {
        let c = try DataCloud()
        let key = try await c.make("aws_kms_key", ["deletion_window_in_days": .number(10)])
        let id = try #require(key["id"]?.stringValue)
        #expect(id.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", options: .regularExpression) != nil)
        #expect(key["arn"] == .string("arn:aws:kms:us-east-1:123456789012:key/\(id)"))
        #expect(key["policy"]?.stringValue?.contains("arn:aws:iam::123456789012:root") == true)
        #expect(await c.delete("aws_kms_key", key).diagnostics.isEmpty)
        #expect(await c.read("aws_kms_key", key) == nil, "a key pending deletion reads as gone")
        let stored = try #require(c.provider.store.get("aws_kms_key", id: id, account: "123456789012", region: "us-east-1"))
        #expect(stored["key_state"] == .string("PendingDeletion"))
        let alias = await c.create("aws_kms_alias", ["name": .string("alias/late"), "target_key_id": .string(id)])
        #expect(DataCloud.error(alias).contains("KMSInvalidStateException: arn:aws:kms:us-east-1:123456789012:key/\(id) is pending deletion."))
        // A window outside 7–30 in state is refused when the deletion is scheduled.
        let other = try await c.make("aws_kms_key", [:])
        let bad = Lifecycle.without(other, "deletion_window_in_days").attributes?.merging(["deletion_window_in_days": .number(3)]) { _, b in b }
        #expect(DataCloud.error(await c.delete("aws_kms_key", .object(bad ?? [:]))).contains("at 'pendingWindowInDays' failed to satisfy constraint"))
    }

    @Test func secretNamesAreHeldThroughTheRecoveryWindow() async throws {
        let c = try DataCloud()
        let secret = try await c.make("aws_secretsmanager_secret", ["name": .string("app/db"), "recovery_window_in_days": .number(7)])
        #expect(secret["arn"]?.stringValue?.range(of: "^arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-[A-Za-z0-9]{6}$", options: .regularExpression) != nil)
        #expect(await c.delete("aws_secretsmanager_secret", secret).diagnostics.isEmpty)
        #expect(await c.read("aws_secretsmanager_secret", secret) == nil)
        let again = await c.create("aws_secretsmanager_secret", ["name": .string("app/db")])
        #expect(DataCloud.error(again).contains("InvalidRequestException: You can't create this secret because a secret with this name is already scheduled for deletion."))
        let version = await c.create("aws_secretsmanager_secret_version", ["secret_id": .string("app/db"), "secret_string": .string("x")])
        #expect(DataCloud.error(version).contains("You can't perform this operation on the secret because it was marked for deletion."))
        // Forced deletion frees the name at once.
        let forced = try await c.make("aws_secretsmanager_secret", ["name": .string("app/cache"), "recovery_window_in_days": .number(0)])
        #expect(await c.delete("aws_secretsmanager_secret", forced).diagnostics.isEmpty)
        #expect(await c.create("aws_secretsmanager_secret", ["name": .string("app/cache")]).diagnostics.isEmpty)
        // A window outside 0 or 7–30 is refused by DeleteSecret.
        let odd = try await c.make("aws_secretsmanager_secret", ["name": .string("app/odd")])
        let bad = Lifecycle.without(odd, "recovery_window_in_days").attributes?.merging(["recovery_window_in_days": .number(3)]) { _, b in b }
        #expect(DataCloud.error(await c.delete("aws_secretsmanager_secret", .object(bad ?? [:]))).contains(
            "InvalidParameterException: The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."))
    }

    @Test func newVersionsTakeAWSCURRENT() async throws {
        let c = try DataCloud()
        let secret = try await c.make("aws_secretsmanager_secret", ["name": .string("app/token")])
        let first = try await c.make("aws_secretsmanager_secret_version", ["secret_id": secret["id"]!, "secret_string": .string("one")])
        #expect(first["version_stages"] == .set([.string("AWSCURRENT")], element: .string))
        let second = try await c.make("aws_secretsmanager_secret_version", ["secret_id": .string("app/token"), "secret_binary": .string("dHdv")])
        #expect(second["arn"] == secret["arn"])
        #expect(await c.read("aws_secretsmanager_secret_version", first)?["version_stages"] == .set([.string("AWSPREVIOUS")], element: .string))
        #expect(await c.read("aws_secretsmanager_secret_version", second)?["version_stages"] == .set([.string("AWSCURRENT")], element: .string))
        let id = try #require(second["id"]?.stringValue)
        #expect(id == "\(secret["arn"]?.stringValue ?? "")|\(second["version_id"]?.stringValue ?? "")")
    }
}
