/// The regions and availability zones the simulated cloud knows (the seed documents' four).
public enum AWSRegions {
    public static let defaultAccount = "123456789012"

    /// The pseudo-region global services (IAM) keep their objects in.
    public static let global = "global"

    /// The regions, sorted.
    public static var names: [String] { zones.keys.sorted() }

    public static let zones: [String: [String]] = [
        "us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c"],
        "us-west-2": ["us-west-2a", "us-west-2b", "us-west-2c"],
        "eu-west-1": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        "ap-southeast-1": ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
    ]

    /// AZ IDs as AWS shows them (`use1-az1`).
    public static func zoneID(_ zone: String) -> String {
        let prefixes = ["us-east-1": "use1", "us-west-2": "usw2", "eu-west-1": "euw1", "ap-southeast-1": "apse1"]
        let region = String(zone.dropLast())
        let letter = zone.last.map { Int($0.asciiValue ?? 97) - 96 } ?? 1
        return "\(prefixes[region] ?? region)-az\(letter)"
    }

    /// The regions' names as AWS describes them.
    public static let descriptions: [String: String] = [
        "us-east-1": "US East (N. Virginia)", "us-west-2": "US West (Oregon)",
        "eu-west-1": "Europe (Ireland)", "ap-southeast-1": "Asia Pacific (Singapore)",
    ]

    /// S3's hosted zone ID per region.
    public static let s3HostedZone: [String: String] = [
        "us-east-1": "Z3AQBSTGFYJSTF", "us-west-2": "Z3BJ6K6RIION7M",
        "eu-west-1": "Z1BKCTXD74EZPE", "ap-southeast-1": "Z3O0J2DXBE1FTB",
    ]
}
