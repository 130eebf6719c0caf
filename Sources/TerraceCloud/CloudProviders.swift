import Foundation
import TerraceProviders

/// Registers the aws provider, over a simulated cloud in `cloudDir`, beside the built-ins.
/// Every aws provider configuration (default and aliased) gets its own `AWSProvider` over the
/// one store, so two aliases can apply into two regions at once.
public enum CloudProviders {
    /// The aws provider's version: the Terraform AWS provider major version whose schemas it follows.
    public static let awsVersion = "5.0.0"

    /// Throws `Faults.SpecError` for a malformed `TERRACE_SIM_FAULTS`.
    public static func registry(cloudDir: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProviderRegistry {
        var r = ProviderRegistry.builtins()
        let store = try CloudStore(dir: cloudDir)
        let faults = try Faults.parseStrict(environment["TERRACE_SIM_FAULTS"])
        let account = environment["TERRACE_ACCOUNT_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? AWSRegions.defaultAccount
        r.register("aws", source: "registry.terraform.io/hashicorp/aws", version: awsVersion) {
            AWSProvider(store: store, account: account, faults: faults, environment: environment)
        }
        return r
    }
}
