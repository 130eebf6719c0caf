import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Create, read, update in place, replace, import and delete for every secrets resource type.
@Suite struct SecretsLifecycleTests {
    static let twoSecrets: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        let a = try await c.make("aws_secretsmanager_secret", ["name": .string("app/one"), "recovery_window_in_days": .number(0)])
        let b = try await c.make("aws_secretsmanager_secret", ["name": .string("app/two"), "recovery_window_in_days": .number(0)])
        return ["a": a["arn"]!, "b": b["arn"]!]
    }

    static let cases: [Lifecycle] = [
        Lifecycle(
            type: "aws_kms_key",
            create: { _ in ["description": .string("app key"), "deletion_window_in_days": .number(7)] },
            update: { _ in ["description": .string("application key"), "enable_key_rotation": .bool(true)] },
            replace: { _ in ["customer_master_key_spec": .string("RSA_2048"), "key_usage": .string("SIGN_VERIFY"), "enable_key_rotation": .bool(false)] },
            replacePath: "customer_master_key_spec",
            importIgnore: ["deletion_window_in_days"]),
        Lifecycle(
            type: "aws_kms_alias",
            setup: { c in
                let a = try await c.make("aws_kms_key", ["description": .string("a")])
                let b = try await c.make("aws_kms_key", ["description": .string("b")])
                return ["a": a["key_id"]!, "b": b["arn"]!]
            },
            create: { r in ["name": .string("alias/app"), "target_key_id": r["a"]!] },
            update: { r in ["target_key_id": r["b"]!] },
            replace: { _ in ["name": .string("alias/app-2")] },
            replacePath: "name"),
        Lifecycle(
            type: "aws_secretsmanager_secret",
            create: { _ in ["name": .string("app/db-password"), "description": .string("one"), "recovery_window_in_days": .number(0)] },
            update: { _ in ["description": .string("two")] },
            replace: { _ in ["name": .string("app/db-password-2")] },
            replacePath: "name",
            importIgnore: ["recovery_window_in_days"]),
        Lifecycle(
            type: "aws_secretsmanager_secret_version",
            setup: twoSecrets,
            create: { r in ["secret_id": r["a"]!, "secret_string": .string("s3cret-one")] },
            update: { _ in ["version_stages": .strings(["AWSCURRENT", "blue"])] },
            replace: { _ in ["secret_string": .string("s3cret-two")] },
            replacePath: "secret_string",
            replacedIsGone: false,
            // The version holding AWSCURRENT stays; only its other stages go.
            deleted: { $0?["version_stages"] == .set([.string("AWSCURRENT")], element: .string) }),
        Lifecycle(
            type: "aws_secretsmanager_secret_rotation",
            setup: twoSecrets,
            create: { r in ["secret_id": r["a"]!, "rotation_lambda_arn": .string("arn:aws:lambda:us-east-1:123456789012:function:rotate"),
                            "rotation_rules": .list([.object(["automatically_after_days": .number(30)])])] },
            update: { _ in ["rotation_rules": .list([.object(["automatically_after_days": .number(60)])])] },
            replace: { r in ["secret_id": r["b"]!] },
            replacePath: "secret_id"),
    ]

    @Test(arguments: cases)
    func lifecycle(_ c: Lifecycle) async throws { try await c.run() }
}
