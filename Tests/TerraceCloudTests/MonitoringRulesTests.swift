import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// CloudWatch and SNS rules, with their services' errors.
@Suite struct MonitoringRulesTests {
    static func alarm(_ changes: [String: Value] = [:]) -> [String: Value] {
        var a: [String: Value] = ["alarm_name": .string("cpu-high"), "comparison_operator": .string("GreaterThanThreshold"),
                                  "evaluation_periods": .number(2), "metric_name": .string("CPUUtilization"), "namespace": .string("AWS/EC2"),
                                  "period": .number(300), "statistic": .string("Average"), "threshold": .number(80)]
        for (k, v) in changes { a[k] = v }
        return a
    }

    static let topic: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        ["topic": try await c.make("aws_sns_topic", ["name": .string("alerts")])["arn"]!]
    }

    static let refusals: [Refusal] = [
        Refusal(name: "retention of 4 days", type: "aws_cloudwatch_log_group",
                attrs: { _ in ["name": .string("/app/web"), "retention_in_days": .number(4)] },
                error: "InvalidParameterException: 1 validation error detected: Value '4' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]"),
        Refusal(name: "log group name with a space", type: "aws_cloudwatch_log_group",
                attrs: { _ in ["name": .string("app logs")] }, error: "at 'logGroupName' failed to satisfy constraint"),
        Refusal(name: "log group name taken", type: "aws_cloudwatch_log_group",
                setup: { c in _ = try await c.make("aws_cloudwatch_log_group", ["name": .string("/app/web")]); return [:] },
                attrs: { _ in ["name": .string("/app/web")] }, error: "ResourceAlreadyExistsException: The specified log group already exists"),
        Refusal(name: "log group with a missing key", type: "aws_cloudwatch_log_group",
                attrs: { _ in ["name": .string("/app/web"), "kms_key_id": .string("arn:aws:kms:us-east-1:123456789012:key/0b0b0b0b-0000-4000-8000-000000000000")] },
                error: "AccessDeniedException: The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:123456789012:log-group:/app/web'"),
        Refusal(name: "alarm period of 45 seconds", type: "aws_cloudwatch_metric_alarm",
                attrs: { _ in alarm(["period": .number(45)]) }, error: "ValidationError: The parameter Period must be 10, 20, 30 or a multiple of 60."),
        Refusal(name: "alarm over more than a day", type: "aws_cloudwatch_metric_alarm",
                attrs: { _ in alarm(["period": .number(600), "evaluation_periods": .number(200)]) },
                error: "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400)"),
        Refusal(name: "more datapoints than periods", type: "aws_cloudwatch_metric_alarm",
                attrs: { _ in alarm(["datapoints_to_alarm": .number(3)]) }, error: "DatapointsToAlarm must be between 1 and EvaluationPeriods (2)."),
        Refusal(name: "alarm action that is no ARN", type: "aws_cloudwatch_metric_alarm",
                attrs: { _ in alarm(["alarm_actions": .strings(["ops-topic"])]) }, error: "ValidationError: Invalid arn syntax: ops-topic"),
        Refusal(name: "dashboard without widgets", type: "aws_cloudwatch_dashboard",
                attrs: { _ in ["dashboard_name": .string("main"), "dashboard_body": .string(#"{"start":"-PT6H"}"#)] },
                error: "InvalidParameterInput: The dashboard body is invalid, there are 1 validation errors:"),
        Refusal(name: "dashboard body that is not an object", type: "aws_cloudwatch_dashboard",
                attrs: { _ in ["dashboard_name": .string("main"), "dashboard_body": .string("[]")] },
                error: "InvalidParameterInput: The field DashboardBody must be a valid JSON object"),
        Refusal(name: "FIFO topic without .fifo", type: "aws_sns_topic",
                attrs: { _ in ["name": .string("orders"), "fifo_topic": .bool(true)] },
                error: "InvalidParameter: Invalid parameter: Fifo Topic names must end with .fifo"),
        Refusal(name: "topic name with a dot", type: "aws_sns_topic",
                attrs: { _ in ["name": .string("ops.alerts")] }, error: "InvalidParameter: Invalid parameter: Topic Name"),
        Refusal(name: "deduplication on a standard topic", type: "aws_sns_topic",
                attrs: { _ in ["name": .string("alerts"), "content_based_deduplication": .bool(true)] },
                error: "Content-based deduplication can only be set for FIFO topics"),
        Refusal(name: "subscription to a missing topic", type: "aws_sns_topic_subscription",
                attrs: { _ in ["topic_arn": .string("arn:aws:sns:us-east-1:123456789012:nope"), "protocol": .string("sqs"), "endpoint": .string("arn:aws:sqs:us-east-1:123456789012:q")] },
                error: "NotFound: Topic does not exist"),
        Refusal(name: "e-mail subscription to no address", type: "aws_sns_topic_subscription", setup: topic,
                attrs: { ["topic_arn": $0["topic"]!, "protocol": .string("email"), "endpoint": .string("ops")] },
                error: "InvalidParameter: Invalid parameter: Email address"),
        Refusal(name: "raw delivery by e-mail", type: "aws_sns_topic_subscription", setup: topic,
                attrs: { ["topic_arn": $0["topic"]!, "protocol": .string("email"), "endpoint": .string("ops@app.test"), "raw_message_delivery": .bool(true)] },
                error: "Delivery protocol [email] does not support raw message delivery."),
    ]

    @Test(arguments: refusals)
    func refused(_ r: Refusal) async throws { try await r.run() }

    static let invalid: [Invalid] = [
        Invalid(type: "aws_cloudwatch_log_group", attrs: ["retention_in_days": .number(4)],
                message: "expected retention_in_days to be one of [0 1 3 5 7 14 30 60 90 120 150 180 365 400 545 731 1096 1827 2192 2557 2922 3288 3653], got 4"),
        Invalid(type: "aws_cloudwatch_log_group", attrs: ["name": .string("app logs")],
                message: "only alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed in \"name\""),
        Invalid(type: "aws_cloudwatch_metric_alarm", attrs: alarm(["statistic": .null(.string)]),
                message: "One of `statistic` or `extended_statistic` must be set for a cloudwatch metric alarm"),
        Invalid(type: "aws_cloudwatch_metric_alarm", attrs: alarm(["comparison_operator": .string("Above")]),
                message: "expected comparison_operator to be one of"),
        Invalid(type: "aws_cloudwatch_metric_alarm", attrs: alarm(["alarm_actions": .strings((1...6).map { "arn:aws:sns:us-east-1:123456789012:t\($0)" })]),
                message: "alarm_actions: attribute supports 5 item maximum, config has 6 declared"),
        Invalid(type: "aws_cloudwatch_dashboard", attrs: ["dashboard_name": .string("main board")],
                message: "invalid value for dashboard_name (must contain only alphanumeric characters, hyphens and underscores)"),
        Invalid(type: "aws_sns_topic_subscription", attrs: ["protocol": .string("smtp")], message: "expected protocol to be one of"),
    ]

    @Test(arguments: invalid)
    func validation(_ i: Invalid) throws { try i.run() }

    @Test func topicsAreIdempotentAndTakeTheirSubscriptionsAlong() async throws {
        let c = try DataCloud()
        let t = try await c.make("aws_sns_topic", ["name": .string("alerts")])
        #expect(t["arn"] == .string("arn:aws:sns:us-east-1:123456789012:alerts"))
        #expect(t["policy"]?.stringValue?.contains("__default_statement_ID") == true)
        let again = try await c.make("aws_sns_topic", ["name": .string("alerts")])
        #expect(again["arn"] == t["arn"], "CreateTopic returns the existing topic")
        let tagged = await c.create("aws_sns_topic", ["name": .string("alerts"), "tags": .tags(["team": "ops"])])
        #expect(DataCloud.error(tagged).contains("Topic already exists with different tags"))
        let email = try await c.make("aws_sns_topic_subscription", ["topic_arn": t["arn"]!, "protocol": .string("email"), "endpoint": .string("ops@app.test")])
        #expect(email["pending_confirmation"] == .bool(true))
        #expect(email["arn"]?.stringValue?.hasPrefix("arn:aws:sns:us-east-1:123456789012:alerts:") == true)
        let queue = try await c.make("aws_sns_topic_subscription", ["topic_arn": t["arn"]!, "protocol": .string("sqs"), "endpoint": .string("arn:aws:sqs:us-east-1:123456789012:q")])
        #expect(queue["pending_confirmation"] == .bool(false))
        #expect(await c.delete("aws_sns_topic", t).diagnostics.isEmpty)
        #expect(await c.read("aws_sns_topic_subscription", email) == nil)
        #expect(await c.read("aws_sns_topic_subscription", queue) == nil)
    }

    @Test func fifoTopicsAndSkippedLogGroups() async throws {
        let c = try DataCloud()
        let fifo = try await c.make("aws_sns_topic", ["name_prefix": .string("orders-"), "fifo_topic": .bool(true), "content_based_deduplication": .bool(true)])
        #expect(fifo["name"]?.stringValue?.hasSuffix(".fifo") == true)
        let kept = try await c.make("aws_cloudwatch_log_group", ["name": .string("/app/audit"), "skip_destroy": .bool(true)])
        #expect(kept["arn"] == .string("arn:aws:logs:us-east-1:123456789012:log-group:/app/audit"))
        #expect(await c.delete("aws_cloudwatch_log_group", kept).diagnostics.isEmpty)
        #expect(await c.importID("aws_cloudwatch_log_group", "/app/audit") != nil, "skip_destroy leaves the group")
    }
}
