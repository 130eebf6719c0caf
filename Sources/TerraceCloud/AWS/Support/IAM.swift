import TerraceBasics
import TerraceLang

/// IAM facts shared by the IAM resource types: AWS managed policies, name and path rules,
/// and principal checks in trust policies.
enum IAM {
    /// AWS managed policies the simulated account can attach (`arn:aws:iam::aws:policy/…`).
    static let managedPolicies: Set<String> = [
        "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess",
        "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "AmazonDynamoDBFullAccess", "AmazonDynamoDBReadOnlyAccess",
        "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess", "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerRegistryPowerUser",
        "AmazonEC2ContainerRegistryFullAccess", "AmazonECS_FullAccess", "AmazonRDSFullAccess", "AmazonRDSReadOnlyAccess",
        "AmazonElastiCacheFullAccess", "AmazonSNSFullAccess", "AmazonSQSFullAccess", "AmazonSSMManagedInstanceCore",
        "AmazonSSMReadOnlyAccess", "CloudWatchFullAccess", "CloudWatchReadOnlyAccess", "CloudWatchLogsFullAccess",
        "CloudWatchLogsReadOnlyAccess", "CloudWatchAgentServerPolicy", "SecretsManagerReadWrite", "AWSXRayDaemonWriteAccess",
        "AWSXrayWriteOnlyAccess", "AmazonKinesisFullAccess", "AWSKeyManagementServicePowerUser", "AmazonRoute53FullAccess",
        "service-role/AmazonECSTaskExecutionRolePolicy", "service-role/AmazonEC2ContainerServiceRole",
        "service-role/AmazonEC2ContainerServiceforEC2Role", "service-role/AmazonEC2ContainerServiceAutoscaleRole",
        "service-role/AmazonRDSEnhancedMonitoringRole", "service-role/AWSLambdaBasicExecutionRole",
        "service-role/AWSLambdaVPCAccessExecutionRole", "service-role/AmazonAPIGatewayPushToCloudWatchLogs",
        "service-role/AWSCodeDeployRoleForECS", "service-role/AmazonSSMAutomationRole", "AWSLambda_FullAccess",
        "AmazonVPCFullAccess", "AmazonVPCReadOnlyAccess", "ElasticLoadBalancingFullAccess", "AmazonCognitoPowerUser",
    ]

    static func isManaged(_ arn: String) -> Bool {
        arn.hasPrefix("arn:aws:iam::aws:policy/") && managedPolicies.contains(String(arn.dropFirst("arn:aws:iam::aws:policy/".count)))
    }

    /// Whether a policy ARN names a policy that exists: AWS managed, or one of the account's.
    static func policyExists(_ arn: String, tx: CloudTransaction, context: AWSContext) -> Bool {
        isManaged(arn) || tx.get(IAMPolicyResource.typeName, id: arn, account: context.account, region: AWSRegions.global) != nil
    }

    /// IAM's path rule: begins and ends with `/`.
    static func checkPath(_ path: String) throws {
        if !path.hasPrefix("/") || !path.hasSuffix("/") || path.count > 512 {
            throw CloudError("ValidationError", "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
        }
    }

    /// The provider's name check (`[\w+=,.@-]`, at most `max` characters).
    static func validateName(_ v: inout Validate, _ name: String, max: Int) {
        v.length(name, 1, max)
        v.matches(name, #"[\w+=,.@-]*"#, "\"\(name)\" must match [\\w+=,.@-]")
    }

    /// Principals of a trust policy must exist: services end in `.amazonaws.com`, AWS
    /// principals are account IDs, account roots or existing roles.
    static func checkPrincipals(_ text: String, tx: CloudTransaction, context: AWSContext) throws {
        guard let doc = try? JSONParser.parse(Array(text.utf8)) else { return }
        let statements = doc["Statement"]?.arrayValue ?? (doc["Statement"].map { [$0] } ?? [])
        for s in statements {
            guard let p = s["Principal"], case .object(let members) = p else { continue }
            for (kind, value) in members {
                for id in PolicyJSON.strings(value) {
                    let bad = CloudError("MalformedPolicyDocument", "Invalid principal in policy: \"\(kind)\":\"\(id)\"")
                    switch kind {
                    case "Service":
                        if !id.hasSuffix(".amazonaws.com") && !id.hasSuffix(".amazonaws.com.cn") { throw bad }
                    case "AWS":
                        if id == "*" || id.allSatisfy(\.isNumber) && id.count == 12 || id.hasSuffix(":root") { continue }
                        if id.hasPrefix("arn:aws:iam::\(context.account):role/") {
                            let name = id.split(separator: "/").last.map(String.init) ?? ""
                            if tx.get(IAMRoleResource.typeName, id: name, account: context.account, region: AWSRegions.global) == nil { throw bad }
                        }
                    default:
                        continue
                    }
                }
            }
        }
    }
}
