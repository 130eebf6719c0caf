import Foundation
import TerraceProviders

/// Registers the aws provider, over a simulated cloud in `cloudDir`, beside the built-ins.
public enum CloudProviders {
    public static func registry(cloudDir: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProviderRegistry {
        var r = ProviderRegistry.builtins()
        let store = try CloudStore(dir: cloudDir)
        let faults = Faults.parse(environment["TERRACE_SIM_FAULTS"])
        let account = environment["TERRACE_ACCOUNT_ID"] ?? AWSRegions.defaultAccount
        r.register("aws", source: "registry.terraform.io/hashicorp/aws", version: "5.0.0") {
            AWSProvider(store: store, account: account, faults: faults)
        }
        return r
    }
}
