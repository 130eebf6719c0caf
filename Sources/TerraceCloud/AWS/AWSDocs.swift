import TerraceLang
import TerraceProviders

/// `docs/providers/aws.md`, generated from `AWSCatalog`: the provider's configuration, regions,
/// then every resource type and data source with its arguments and attributes, which force
/// replacement, what import takes, and the AWS rules the simulated cloud enforces. Sorted by
/// name, so the file changes only when a schema or rule does.
public enum AWSDocs {
    public static func markdown() -> String {
        var out = """
        # The `aws` provider (simulated)

        <!-- Generated from the schemas by AWSDocs.markdown(); re-record with
             TERRACE_RECORD=1 swift test --filter AWSDocsTests. Do not edit by hand. -->

        Terrace's `aws` provider applies to the embedded simulated cloud (see
        [README.md](README.md)). Its resource types follow the Terraform AWS provider
        \(CloudProviders.awsVersion.split(separator: ".").first ?? "5").x: the same argument and attribute names, defaults and
        replacement rules, with IDs and ARNs as AWS makes them, and the rules AWS enforces,
        reported with AWS's error codes (`creating EC2 Subnet (aws_subnet): InvalidSubnet.Conflict: …`).


        """
        out += providerSection()
        let resources = AWSCatalog.resources.sorted { type(of: $0).typeName < type(of: $1).typeName }
        let dataSources = AWSCatalog.dataSources.sorted { type(of: $0).typeName < type(of: $1).typeName }
        out += "## Resource types\n\n| type | service | import ID |\n|---|---|---|\n"
        for r in resources {
            let name = type(of: r).typeName
            out += "| [`\(name)`](#\(name)) | \(r.serviceName) | \(r.importID) |\n"
        }
        out += "\n## Data sources\n\n"
        out += dataSources.map { "[`\(type(of: $0).typeName)`](#data-\(type(of: $0).typeName))" }.joined(separator: ", ") + "\n\n"
        for r in resources {
            let name = type(of: r).typeName
            out += "## \(name)\n\n"
            out += "\(r.serviceName)\(type(of: r).isGlobal ? " (global: not tied to a region)" : ""). Import: `terraform import \(name).NAME ID` with \(r.importID).\n\n"
            out += table(r.schema.block, computedBlocks: r.computedBlocks)
            out += "\nSimulated rules:\n\n"
            out += r.rules.isEmpty ? "- None beyond the schema.\n" : r.rules.map { "- \($0)\n" }.joined()
            out += "\n"
        }
        for s in dataSources {
            let name = type(of: s).typeName
            out += "## data \(name)\n\n"
            out += table(s.schema.block, computedBlocks: [])
            out += "\n"
        }
        return out
    }

    static func providerSection() -> String {
        var out = "## Provider configuration\n\n"
        out += """
        ```hcl
        provider "aws" {
          region = "us-east-1"            # or AWS_REGION / AWS_DEFAULT_REGION
          default_tags {
            tags = { Project = "social-flow" }
          }
        }

        provider "aws" {
          alias  = "west"                 # resources choose it with provider = aws.west
          region = "us-west-2"
        }
        ```

        `default_tags` are merged into every taggable resource's `tags_all` (the resource's own
        `tags` win). `max_retries` bounds the retries of throttled and failing calls (default 25);
        `allowed_account_ids` and `forbidden_account_ids` are checked against the simulated account
        (`TERRACE_ACCOUNT_ID`, default `123456789012`). Credentials arguments are accepted and ignored.


        """
        out += table(AWSProvider.configurationSchema, computedBlocks: [])
        out += "\n### Regions\n\n| region | availability zones | zone IDs |\n|---|---|---|\n"
        for r in AWSRegions.names {
            let zones = AWSRegions.zones[r] ?? []
            out += "| `\(r)` | \(zones.joined(separator: ", ")) | \(zones.map(AWSRegions.zoneID).joined(separator: ", ")) |\n"
        }
        out += """

        ### Faults

        `TERRACE_SIM_FAULTS` (for example `throttle=0.2,error=0.05,latency=20ms,seed=7`) makes calls
        fail with throttling (`RequestLimitExceeded` for EC2, `ThrottlingException` elsewhere) or
        transient server errors (half of them after the call took effect), or slows them, as a
        function of the seed and the call, so a run can be repeated. The provider retries them with
        exponential backoff and jitter, finding an object an earlier attempt created by its
        idempotency token; permanent errors are reported at once.


        """
        return out
    }

    /// One row per attribute and nested block (nested attributes as `block.attribute`).
    static func table(_ block: SchemaBlock, computedBlocks: Set<String>) -> String {
        var out = "| name | kind | type | forces replacement | notes |\n|---|---|---|---|---|\n"
        out += rows(block, prefix: "", computedBlocks: computedBlocks)
        return out
    }

    static func rows(_ block: SchemaBlock, prefix: String, computedBlocks: Set<String>) -> String {
        var out = ""
        var names = Array(block.attributes.keys) + Array(block.blockTypes.keys)
        names.sort()
        for name in names {
            if let a = block.attributes[name] {
                let kind = a.required ? "required" : a.optional && a.computed ? "optional, computed" : a.optional ? "optional" : "computed"
                var notes: [String] = []
                if let d = a.defaultValue { notes.append("default `\(literal(d))`") }
                if a.sensitive { notes.append("sensitive") }
                if !a.description.isEmpty { notes.append(a.description) }
                out += "| `\(prefix)\(name)` | \(kind) | `\(a.type.typeExpression)` | \(a.forceNew ? "yes" : "") | \(notes.joined(separator: "; ")) |\n"
            } else if let nb = block.blockTypes[name] {
                let limits = nb.maxItems > 0 ? "\(nb.minItems)–\(nb.maxItems)" : nb.minItems > 0 ? "at least \(nb.minItems)" : "any number"
                var notes = ["\(limits) blocks"]
                if computedBlocks.contains(name) { notes.append("kept as it is when no block is configured") }
                out += "| `\(prefix)\(name)` | block (\(nb.nesting.rawValue)) | | \(nb.forceNew ? "yes" : "") | \(notes.joined(separator: "; ")) |\n"
                out += rows(nb.block, prefix: "\(prefix)\(name).", computedBlocks: [])
            }
        }
        return out
    }

    static func literal(_ v: Value) -> String {
        switch v.kind {
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        default: return v.debugDescription
        }
    }
}
