import Testing
import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang
import TerraceTestSupport

/// Decoding details that the fixtures do not show on their own.
@Suite struct DecoderTests {
    func load(_ files: [String: String]) -> (Config, Diagnostics) {
        let dir = TempDirectory()
        for (name, text) in files { dir.write(name, text) }
        return ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
    }

    func load(_ text: String) -> (Config, Diagnostics) { load(["main.tf": text]) }

    static let typeCases: [(String, ValueType)] = [
        ("string", .string),
        ("list", .list(.dynamic)),
        ("map", .map(.dynamic)),
        ("list(number)", .list(.number)),
        ("set(bool)", .set(.bool)),
        ("map(list(string))", .map(.list(.string))),
        ("tuple([string, number])", .tuple([.string, .number])),
        ("object({ a = string, b = optional(number) })", .object(["a": .string, "b": .number], optional: ["b"])),
        ("any", .dynamic),
    ]

    @Test(arguments: typeCases) func variableTypes(_ source: String, _ expected: ValueType) {
        let (c, d) = load("variable \"v\" {\n  type = \(source)\n}\n")
        #expect(d.isEmpty, "\(d)")
        #expect(c.module.variables["v"]?.type.type == expected)
    }

    /// Terraform 0.11's quoted keywords are refused with the summary Terraform 1.0 gives (the
    /// error fixtures keep their files formatted, and `terraform fmt` would unquote these).
    @Test(arguments: ["string", "list", "map"]) func quotedTypeKeywordsAreRefused(_ keyword: String) {
        let (_, d) = load("variable \"v\" {\n  type = \"\(keyword)\"\n}\n")
        #expect(d.errors.map(\.summary) == ["Invalid quoted type constraints"])
        #expect(d.errors.first?.detail.contains("Remove the quotes around \"\(keyword)\"") == true)
        #expect(d.errors.first?.subject?.start.line == 2)
    }

    /// Defaults of optional attributes fill in at every depth, including inside list elements.
    @Test func optionalDefaultsApplyRecursively() throws {
        let (c, d) = load("""
        variable "v" {
          type = object({
            a = optional(string, "A")
            b = optional(list(object({ c = optional(number, 3), d = string })), [])
          })
          default = { b = [{ d = "x" }] }
        }
        """)
        #expect(d.isEmpty, "\(d)")
        let v = try #require(c.module.variables["v"]?.defaultValue)
        #expect(v["a"] == .string("A"))
        #expect(v["b"]?.elements?.first?["c"] == .number(3))
        #expect(v["b"]?.elements?.first?["d"] == .string("x"))
    }

    @Test func optionalDefaultMustMatchItsType() {
        let (_, d) = load("variable \"v\" {\n  type = object({ a = optional(number, \"many\") })\n}\n")
        #expect(d.errors.map(\.summary) == ["Invalid default value for optional attribute"])
        #expect(d.errors.first?.detail == "This default value is not compatible with the attribute's type constraint: a number is required.")
    }

    /// `provider = null.west` names the `null` provider even though `null` is a keyword.
    @Test(arguments: [("null.west", "null", "west"), ("null", "null", nil), ("aws.eu", "aws", "eu"), ("\"random\"", "random", nil)] as [(String, String, String?)])
    func providerReferences(_ text: String, _ name: String, _ alias: String?) {
        let (c, _) = load("resource \"null_resource\" \"a\" {\n  provider = \(text)\n}\nprovider \"null\" {\n  alias = \"west\"\n}\n")
        #expect(c.module.resources["null_resource.a"]?.provider == ProviderRef(name: name, alias: alias))
        #expect(c.module.resources["null_resource.a"]?.providerGiven == true)
    }

    @Test func lifecycleIsDecoded() throws {
        let (c, d) = load("""
        resource "null_resource" "a" {
          lifecycle {
            create_before_destroy = true
            prevent_destroy       = true
            ignore_changes        = [triggers, "id"]
            replace_triggered_by  = [null_resource.b.id]
          }
        }
        resource "null_resource" "b" {
          lifecycle {
            ignore_changes = all
          }
        }
        """)
        #expect(d.errors.isEmpty)
        #expect(d.warnings.map(\.summary) == ["Quoted references are deprecated"])
        let a = try #require(c.module.resources["null_resource.a"]?.lifecycle)
        #expect(a.createBeforeDestroy && a.preventDestroy && !a.ignoreAllChanges)
        #expect(a.ignoreChanges.map(\.description) == ["triggers", "id"])
        #expect(a.replaceTriggeredBy.count == 1)
        #expect(c.module.resources["null_resource.b"]?.lifecycle.ignoreAllChanges == true)
    }

    @Test func terraformBlock() throws {
        let (c, d) = load("""
        terraform {
          required_version = ">= 1.0"
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = "~> 5.0"
            }
          }
          backend "local" {
            path          = "state/main.tfstate"
            workspace_dir = "envs"
          }
        }
        """)
        #expect(d.isEmpty, "\(d)")
        #expect(c.module.requiredVersion.map(\.constraint) == [">= 1.0"])
        #expect(c.module.requiredProviders["aws"]?.versionConstraint == "~> 5.0")
        #expect(c.module.backend?.path == "state/main.tfstate")
        #expect(c.module.backend?.workspaceDir == "envs")
    }

    @Test func movedBlocks() {
        let (c, d) = load("moved {\n  from = null_resource.a\n  to   = module.m.null_resource.a\n}\n")
        #expect(d.isEmpty)
        #expect(c.module.moved.map { "\($0.from) -> \($0.to)" } == ["null_resource.a -> module.m.null_resource.a"])
    }

    /// The same module called twice, nested modules through "../", and a cycle of module calls.
    @Test func moduleTree() {
        let (c, d) = load([
            "main.tf": "module \"a\" {\n  source = \"./mods/x\"\n}\nmodule \"b\" {\n  source = \"./mods/x\"\n}\n",
            "mods/x/main.tf": "module \"y\" {\n  source = \"../y\"\n}\n",
            "mods/y/main.tf": "output \"o\" {\n  value = 1\n}\n",
        ])
        #expect(d.isEmpty, "\(d)")
        #expect(c.allModules.map { $0.path.joined(separator: ".") } == ["", "a", "a.y", "b", "b.y"])

        let (_, cyc) = load(["main.tf": "module \"self\" {\n  source = \"./\"\n}\n"])
        #expect(cyc.errors.map(\.summary) == ["Module cycle"])
    }

    @Test(arguments: [
        (">= 1.0", "1.0.3", true), ("~> 1.0.0", "1.0.3", true), ("~> 1.0.4", "1.0.3", false),
        ("~> 1.2", "1.5.7", true), ("~> 1.2", "2.0.0", false), (">= 0.15, < 2.0.0", "1.0.3", true),
        ("= 1.0.3", "1.0.3", true), ("!= 1.0.3", "1.0.3", false), ("< 1.0", "1.0.3", false), ("1.0.3", "1.0.3", true),
    ] as [(String, String, Bool)])
    func versionConstraints(_ constraint: String, _ version: String, _ allowed: Bool) throws {
        let c = try #require(VersionConstraint(parsing: constraint))
        #expect(c.allows(version) == allowed)
    }

    @Test(arguments: ["banana", "", ">=", "1.x", "~> 1.0.0.0"]) func invalidVersionConstraints(_ text: String) {
        #expect(VersionConstraint(parsing: text) == nil)
    }

    @Test func manifestPathsAreRelative() {
        let dir = TempDirectory()
        dir.write("root/main.tf", "module \"up\" {\n  source = \"../shared\"\n}\n")
        dir.write("shared/main.tf", "")
        let (tree, _) = ModuleLoader(sources: SourceFiles(), displayBase: dir.file("root")).load(dir.file("root"))
        let m = ModuleManifest(config: tree, rootDir: dir.file("root"))
        #expect(m.records == [.init(key: "", source: "", dir: "."), .init(key: "up", source: "../shared", dir: "../shared")])
        let path = dir.file(".terrace/modules/modules.json")
        #expect(throws: Never.self) { try m.write(to: path) }
        #expect(ModuleManifest.read(path) == m)
    }
}
