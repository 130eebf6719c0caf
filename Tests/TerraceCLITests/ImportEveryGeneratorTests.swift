import Testing
import TerraceBasics
import TerraceEngine
import TerraceLang
import TerraceProviders

/// The pieces behind generated configuration: how values are written, which object a value
/// refers to, cycles, and fitting to a provider.
@Suite struct ImportEveryGeneratorTests {
    static let schema = SchemaBlock(attributes: [
        "id": .computed(.string),
        "name": .required(.string),
        "policy": .optional(.string),
        "script": .optional(.string),
        "password": .optional(.string, sensitive: true),
        "size": .optionalComputed(.number),
        "shards": .optionalComputed(.number),
    ])

    static func object(_ attrs: [String: Value]) -> Value {
        var all: [String: Value] = [:]
        for (k, a) in schema.attributes { all[k] = attrs[k] ?? .null(a.type) }
        return .object(all)
    }

    @Test func jsonIsWrittenWithJsonencodeOnlyWhenItReadsBackTheSame() {
        let exact = ConfigGenerator().resource(type: "t", name: "x", value: Self.object([
            "name": .string("a"), "policy": .string(#"{"Action":"s3:GetObject","Effect":"Allow"}"#),
        ]), schema: Self.schema, importID: nil)
        #expect(exact.contains("  policy = jsonencode({\n    Action = \"s3:GetObject\"\n    Effect = \"Allow\"\n  })\n"), "\(exact)")
        // Spacing (or key order) that jsonencode would not reproduce stays a quoted string.
        let spaced = ConfigGenerator().resource(type: "t", name: "x", value: Self.object([
            "name": .string("a"), "policy": .string(#"{"Effect": "Allow"}"#),
        ]), schema: Self.schema, importID: nil)
        #expect(spaced.contains(#"policy = "{\"Effect\": \"Allow\"}""#), "\(spaced)")
    }

    @Test func multiLineTextIsAHeredocAndSensitiveValuesAreNeverWritten() {
        let text = ConfigGenerator().resource(type: "t", name: "x", value: Self.object([
            "name": .string("a"), "script": .string("#!/bin/sh\necho ${HOME}\n"), "password": .string("hunter2").marked(),
        ]), schema: Self.schema, importID: "x-1")
        #expect(text.contains("  script   = <<EOT\n#!/bin/sh\necho $${HOME}\nEOT\n") || text.contains("  script = <<EOT\n#!/bin/sh\necho $${HOME}\nEOT\n"), "\(text)")
        #expect(!text.contains("hunter2"))
        #expect(text.contains("password = null # sensitive"))
        #expect(text.contains("ignore_changes = [password]"))
        #expect(text.hasPrefix("# __generated__ by Terrace from \"x-1\"\nresource \"t\" \"x\" {\n"))
    }

    @Test(arguments: [
        // (value, argument, source type, expected reference)
        ("vpc-0123456789abcdef0", "vpc_id", "aws_subnet", "aws_vpc.main.id"),
        ("app-db", "db_subnet_group_name", "aws_db_instance", "aws_db_subnet_group.app_db.name"),
        ("arn:aws:sns:us-east-1:123456789012:alerts", "alarm_actions", "aws_cloudwatch_metric_alarm", "aws_sns_topic.alerts.arn"),
        ("sg-0123456789abcdef0", "security_groups", "aws_lb", "aws_security_group.web.id"),
    ])
    func referencesFitTheArgument(_ c: (String, String, String, String)) {
        let index = ReferenceIndex([
            .init(address: "aws_vpc.main", type: "aws_vpc", value: .object(["id": .string("vpc-0123456789abcdef0")])),
            .init(address: "aws_db_subnet_group.app_db", type: "aws_db_subnet_group", value: .object(["id": .string("app-db"), "name": .string("app-db")])),
            .init(address: "aws_ecs_cluster.app_db", type: "aws_ecs_cluster", value: .object(["name": .string("app-db")])),
            .init(address: "aws_sns_topic.alerts", type: "aws_sns_topic",
                  value: .object(["id": .string("arn:aws:sns:us-east-1:123456789012:alerts"), "arn": .string("arn:aws:sns:us-east-1:123456789012:alerts")])),
            .init(address: "aws_security_group.web", type: "aws_security_group", value: .object(["id": .string("sg-0123456789abcdef0")])),
        ])
        #expect(index.reference(for: c.0, key: c.1, sourceType: c.2, source: "\(c.2).self") == c.3)
    }

    @Test func namesAreNotReferencesWhereTheArgumentDoesNotFit() {
        let index = ReferenceIndex([
            .init(address: "aws_ecs_cluster.app", type: "aws_ecs_cluster", value: .object(["id": .string("arn:aws:ecs:us-east-1:1:cluster/app"), "name": .string("app")])),
            .init(address: "aws_s3_bucket.app", type: "aws_s3_bucket", value: .object(["id": .string("app")])),
            .init(address: "aws_s3_bucket_policy.app", type: "aws_s3_bucket_policy", value: .object(["id": .string("app")])),
        ])
        // A security group called "app" is not the cluster or the bucket called "app".
        #expect(index.reference(for: "app", key: "name", sourceType: "aws_security_group", source: "aws_security_group.app") == nil)
        // A bucket's own name refers to nothing (not to its policy, whose ID is the same).
        #expect(index.reference(for: "app", key: "bucket", sourceType: "aws_s3_bucket", source: "aws_s3_bucket.app") == nil)
        #expect(index.reference(for: "app", key: "bucket", sourceType: "aws_s3_bucket_policy", source: "aws_s3_bucket_policy.app") == "aws_s3_bucket.app.id")
        #expect(index.reference(for: "app", key: "bucket", sourceType: "aws_s3_bucket_policy", source: "aws_s3_bucket_policy.app",
                                excluding: ["aws_s3_bucket.app"]) == nil)
    }

    @Test func backEdgesBreakEveryCycle() {
        let graph: [String: Set<String>] = ["a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["d"], "e": ["a"]]
        let back = ReferenceIndex.backEdges(graph, order: ["a", "b", "c", "d", "e"])
        #expect(back.map { "\($0.0)->\($0.1)" }.sorted() == ["c->a", "d->d"])
        #expect(ReferenceIndex.backEdges(["a": ["b"], "b": []], order: ["a", "b"]).isEmpty)
    }

    /// A provider that rejects `size` together with `shards`, as AWS rejects conflicting arguments.
    final class Conflicting: Provider, @unchecked Sendable {
        let schema = ProviderSchema(provider: SchemaBlock(), resources: ["t": ResourceSchema(ImportEveryGeneratorTests.schema)])
        func validateResource(type: String, config: Value) -> Diagnostics {
            var d = Diagnostics()
            if !(config["size"]?.isNull ?? true) && !(config["shards"]?.isNull ?? true) {
                d += .error("Conflicting configuration arguments", "\"shards\": conflicts with size")
            }
            return d
        }
        func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse { ApplyResponse(newState: req.planned) }
        func readResource(type: String, state: Value) async -> ReadResponse { ReadResponse(state: state) }
    }

    @Test func fittingLeavesOutAComputedArgumentTheProviderRejects() {
        let value = Self.object(["id": .string("x-1"), "name": .string("a"), "size": .number(2), "shards": .number(1)])
        let provider = Conflicting()
        #expect(ConfigGenerator().configuration(value, schema: Self.schema)["shards"] == .number(1))
        let fitted = ConfigGenerator().fitted(type: "t", value: value, schema: Self.schema, provider: provider)
        let config = fitted.configuration(value, schema: Self.schema)
        #expect(!provider.validateResource(type: "t", config: config).hasErrors)
        #expect(fitted.omitted.count == 1)
        let text = fitted.resource(type: "t", name: "x", value: value, schema: Self.schema, importID: nil)
        #expect(text.contains("name") && (text.contains("size") != text.contains("shards")), "\(text)")
    }
}
