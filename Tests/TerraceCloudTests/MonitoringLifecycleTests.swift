import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Create, read, update in place, replace, import and delete for the monitoring resource types.
@Suite struct MonitoringLifecycleTests {
    static func body(_ text: String) -> Value {
        .string(#"{"widgets":[{"type":"text","x":0,"y":0,"width":6,"height":3,"properties":{"markdown":"\#(text)"}}]}"#)
    }

    static let cases: [Lifecycle] = [
        Lifecycle(
            type: "aws_cloudwatch_log_group",
            create: { _ in ["name": .string("/app/web"), "retention_in_days": .number(14)] },
            update: { _ in ["retention_in_days": .number(30), "tags": .tags(["app": "web"])] },
            replace: { _ in ["name": .string("/app/api")] },
            replacePath: "name"),
        Lifecycle(
            type: "aws_cloudwatch_metric_alarm",
            create: { _ in ["alarm_name": .string("cpu-high"), "comparison_operator": .string("GreaterThanThreshold"),
                            "evaluation_periods": .number(2), "metric_name": .string("CPUUtilization"), "namespace": .string("AWS/EC2"),
                            "period": .number(300), "statistic": .string("Average"), "threshold": .number(80)] },
            update: { _ in ["threshold": .number(90), "alarm_description": .string("CPU above 90%")] },
            replace: { _ in ["alarm_name": .string("cpu-very-high")] },
            replacePath: "alarm_name"),
        Lifecycle(
            type: "aws_cloudwatch_dashboard",
            create: { _ in ["dashboard_name": .string("main"), "dashboard_body": body("hello")] },
            update: { _ in ["dashboard_body": body("hello again")] },
            replace: { _ in ["dashboard_name": .string("main-2")] },
            replacePath: "dashboard_name"),
        Lifecycle(
            type: "aws_sns_topic",
            create: { _ in ["name": .string("alerts")] },
            update: { _ in ["display_name": .string("Alerts"), "tags": .tags(["team": "ops"])] },
            replace: { _ in ["name": .string("alerts-2")] },
            replacePath: "name"),
        Lifecycle(
            type: "aws_sns_topic_subscription",
            setup: { c in ["topic": try await c.make("aws_sns_topic", ["name": .string("alerts")])["arn"]!] },
            create: { r in ["topic_arn": r["topic"]!, "protocol": .string("sqs"), "endpoint": .string("arn:aws:sqs:us-east-1:123456789012:alerts-one")] },
            update: { _ in ["raw_message_delivery": .bool(true)] },
            replace: { _ in ["endpoint": .string("arn:aws:sqs:us-east-1:123456789012:alerts-two")] },
            replacePath: "endpoint"),
    ]

    @Test(arguments: cases)
    func lifecycle(_ c: Lifecycle) async throws { try await c.run() }
}
