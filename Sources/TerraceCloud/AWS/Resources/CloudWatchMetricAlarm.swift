import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_cloudwatch_metric_alarm`: a metric or metric-math alarm with CloudWatch's rules for
/// periods, statistics, datapoints and actions.
public struct CloudWatchMetricAlarmResource: StoredResource {
    public static let typeName = "aws_cloudwatch_metric_alarm"
    public let serviceName = "CloudWatch Metric Alarm"
    public init() {}

    static let metricBlock = NestedBlock(.list, SchemaBlock(attributes: [
        "dimensions": .optional(.map(.string)), "metric_name": .required(.string), "namespace": .optional(.string),
        "period": .required(.number), "stat": .required(.string), "unit": .optional(.string),
    ]), maxItems: 1)
    static let queryBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "account_id": .optional(.string), "expression": .optional(.string), "id": .required(.string),
        "label": .optional(.string), "period": .optional(.number), "return_data": .optional(.bool),
    ], blockTypes: ["metric": metricBlock]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "actions_enabled": .optional(.bool, default: .bool(true)),
        "alarm_actions": .optional(.set(.string)),
        "alarm_description": .optional(.string),
        "alarm_name": .required(.string, forceNew: true),
        "arn": .computed(.string),
        "comparison_operator": .required(.string),
        "datapoints_to_alarm": .optional(.number),
        "dimensions": .optional(.map(.string)),
        "evaluate_low_sample_count_percentiles": .optionalComputed(.string),
        "evaluation_periods": .required(.number),
        "extended_statistic": .optional(.string),
        "insufficient_data_actions": .optional(.set(.string)),
        "metric_name": .optional(.string),
        "namespace": .optional(.string),
        "ok_actions": .optional(.set(.string)),
        "period": .optional(.number),
        "statistic": .optional(.string),
        "threshold": .optional(.number),
        "threshold_metric_id": .optional(.string),
        "treat_missing_data": .optional(.string, default: .string("missing")),
        "unit": .optional(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: ["metric_query": queryBlock]))

    static let operators = ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
                            "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold"]
    static let statistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"]
    static let units = ["Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
                        "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
                        "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
                        "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        let f = Fields(config)
        v.length("alarm_name", 1...255)
        v.length("alarm_description", 0...1024)
        v.oneOf("comparison_operator", Self.operators)
        v.oneOf("statistic", Self.statistics)
        v.oneOf("treat_missing_data", ["missing", "ignore", "breaching", "notBreaching"])
        v.oneOf("evaluate_low_sample_count_percentiles", ["evaluate", "ignore"])
        v.oneOf("unit", Self.units)
        v.atLeast("evaluation_periods", 1)
        v.conflicts("statistic", "extended_statistic")
        v.conflicts("metric_name", "metric_query")
        for key in ["alarm_actions", "ok_actions", "insufficient_data_actions"] where f.strings(key).count > 5 {
            v.fail("\(key): attribute supports 5 item maximum, config has \(f.strings(key).count) declared")
        }
        if f.string("metric_name") != nil && f.string("statistic") == nil && f.string("extended_statistic") == nil && f.isKnown("statistic") && f.isKnown("extended_statistic") {
            v.fail("One of `statistic` or `extended_statistic` must be set for a cloudwatch metric alarm")
        }
        return v.diagnostics
    }

    static func check(_ f: Fields) throws {
        let evaluation = f.int("evaluation_periods") ?? 0
        guard evaluation >= 1 else {
            throw CloudError("ValidationError", "1 validation error detected: Value '\(evaluation)' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        guard operators.contains(f.string("comparison_operator") ?? "") else {
            throw CloudError("ValidationError", "1 validation error detected: Value '\(f.string("comparison_operator") ?? "")' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [\(operators.joined(separator: ", "))]")
        }
        let queries = f.blocks("metric_query")
        if queries.isEmpty {
            guard f.nonEmpty("metric_name") != nil, f.nonEmpty("namespace") != nil else {
                throw CloudError("ValidationError", "Exactly one element of the metrics list should return data.")
            }
            let period = f.int("period") ?? 0
            guard [10, 20, 30].contains(period) || (period >= 60 && period % 60 == 0) else {
                throw CloudError("ValidationError", "The parameter Period must be 10, 20, 30 or a multiple of 60.")
            }
            if period * evaluation > 86400 && period < 3600 {
                throw CloudError("ValidationError", "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400)")
            }
            if (f.string("statistic") == nil) == (f.string("extended_statistic") == nil) {
                throw CloudError("ValidationError", "Exactly one of Statistic or ExtendedStatistic must be specified.")
            }
        } else {
            if queries.filter({ $0.bool("return_data") == true }).count != 1 && queries.count > 1 {
                throw CloudError("ValidationError", "Exactly one element of the metrics list should return data.")
            }
            for q in queries where (q.nonEmpty("expression") == nil) == (q.block("metric") == nil) {
                throw CloudError("ValidationError", "Exactly one of Expression or MetricStat must be specified for metric query \(q.string("id") ?? "").")
            }
        }
        if let d = f.int("datapoints_to_alarm"), d > evaluation || d < 1 {
            throw CloudError("ValidationError", "DatapointsToAlarm must be between 1 and EvaluationPeriods (\(evaluation)).")
        }
        if f.value["threshold"]?.isNull ?? true, f.nonEmpty("threshold_metric_id") == nil {
            throw CloudError("ValidationError", "Threshold or ThresholdMetricId must be specified.")
        }
        for key in ["alarm_actions", "ok_actions", "insufficient_data_actions"] {
            let actions = f.strings(key)
            if actions.count > 5 { throw CloudError("ValidationError", "The maximum number of \(key) is 5.") }
            for a in actions where !Validation.isARN(a) {
                throw CloudError("ValidationError", "Invalid arn syntax: \(a)")
            }
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        try Self.check(f)
        let name = f.string("alarm_name") ?? ""
        return try creating(token, context) { tx in
            // PutMetricAlarm replaces an alarm of the same name.
            let v = filled(planned, [
                "id": .string(name), "arn": .string(context.arn("cloudwatch", "alarm:\(name)")),
                "evaluate_low_sample_count_percentiles": .string(""), "tags_all": tagsAll(planned, context),
            ])
            return try save(v, id: name, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { CloudError.notFound("ResourceNotFound", "Alarm \($0) does not exist") }) { _, _, v in
            try Self.check(Fields(v))
            return Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }
}
