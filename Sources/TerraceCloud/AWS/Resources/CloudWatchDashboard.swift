import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_cloudwatch_dashboard`: a JSON body with widgets, under a name of letters, digits,
/// hyphens and underscores.
public struct CloudWatchDashboardResource: StoredResource {
    public static let typeName = "aws_cloudwatch_dashboard"
    public let serviceName = "CloudWatch Dashboard"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "dashboard_arn": .computed(.string),
        "dashboard_body": .required(.string),
        "dashboard_name": .required(.string, forceNew: true),
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.matches("dashboard_name", "^[\\-_A-Za-z0-9]+$", "must contain only alphanumeric characters, hyphens and underscores")
        v.length("dashboard_name", 1...255)
        if let body = config["dashboard_body"]?.stringValue, PolicyDocuments.parse(body) == nil {
            v.fail("\"dashboard_body\" contains an invalid JSON")
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, context: context)
        guard var attrs = r.planned.attributes else { return r }
        PolicyDocuments.keepEquivalent(&attrs, prior: req.prior, ["dashboard_body"])
        r.planned = .object(attrs)
        return r
    }

    static func check(_ f: Fields) throws {
        let name = f.string("dashboard_name") ?? ""
        guard (1...255).contains(name.count), Validation.matches(name, "^[\\-_A-Za-z0-9]+$") else {
            throw CloudError("InvalidParameterInput", "The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).")
        }
        guard let body = PolicyDocuments.parse(f.string("dashboard_body") ?? ""), case .object = body else {
            throw CloudError("InvalidParameterInput", "The field DashboardBody must be a valid JSON object")
        }
        guard let widgets = body["widgets"], case .array(let items) = widgets else {
            throw CloudError("InvalidParameterInput", "The dashboard body is invalid, there are 1 validation errors:\n[\n  {\n    \"dataPath\": \"\",\n    \"message\": \"Should have required property 'widgets'\"\n  }\n]")
        }
        for (i, w) in items.enumerated() where w["type"]?.stringValue == nil {
            throw CloudError("InvalidParameterInput", "The dashboard body is invalid, there are 1 validation errors:\n[\n  {\n    \"dataPath\": \"/widgets/\(i)\",\n    \"message\": \"Should have required property 'type'\"\n  }\n]")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        try Self.check(f)
        let name = f.string("dashboard_name") ?? ""
        return try creating(token, context) { tx in
            // PutDashboard replaces a dashboard of the same name.
            let v = filled(planned, ["id": .string(name), "dashboard_arn": .string("arn:aws:cloudwatch::\(context.account):dashboard/\(name)")])
            return try save(v, id: name, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: {
            CloudError.notFound("ResourceNotFound", "Dashboard \($0) does not exist")
        }) { _, _, v in
            try Self.check(Fields(v))
            return v
        }
    }
}
