import TerraceBasics
import TerraceHCL
import TerraceLang

/// One module's configuration, decoded from its files without evaluating any expression.
public struct Module: Sendable {
    public var dir: String
    public var variables: [String: Variable] = [:]
    public var locals: [String: Local] = [:]
    public var outputs: [String: Output] = [:]
    /// Managed resources and data sources by their module-local address (`aws_vpc.main`, `data.aws_region.current`).
    public var resources: [String: Resource] = [:]
    public var moduleCalls: [String: ModuleCall] = [:]
    /// Provider configurations by `name` or `name.alias`.
    public var providerConfigs: [String: ProviderConfig] = [:]
    public var requiredProviders: [String: RequiredProvider] = [:]
    /// `required_version` constraints from `terraform` blocks.
    public var requiredVersion: [VersionRequirement] = []
    public var backend: Backend?
    public var moved: [Moved] = []
    public var imports: [Import] = []
    public var removed: [Removed] = []

    public init(dir: String) { self.dir = dir }

    public var managedResources: [Resource] { resources.values.filter { $0.mode == .managed }.sorted { $0.key < $1.key } }
    public var dataResources: [Resource] { resources.values.filter { $0.mode == .data }.sorted { $0.key < $1.key } }
}

/// A configuration tree: a module and the modules it calls, by call name.
public struct Config: Sendable {
    public var module: Module
    /// Call names from the root to this module (empty for the root).
    public var path: [String]
    public var children: [String: Config]

    public init(module: Module, path: [String] = [], children: [String: Config] = [:]) {
        self.module = module
        self.path = path
        self.children = children
    }

    /// The module at a path of call names below this one.
    public func descendant(_ path: [String]) -> Config? {
        guard let first = path.first else { return self }
        guard var c = children[first] else { return nil }
        for name in path.dropFirst() {
            guard let next = c.children[name] else { return nil }
            c = next
        }
        return c
    }

    /// This module and every module below it, depth first in call-name order.
    public var allModules: [Config] {
        [self] + children.keys.sorted().flatMap { children[$0]?.allModules ?? [] }
    }

    /// `module.a.module.b`, or "the root module", as Terraform names a module in messages.
    public var displayAddress: String {
        path.isEmpty ? "the root module" : path.map { "module.\($0)" }.joined(separator: ".")
    }
}

public enum ResourceMode: String, Sendable, Hashable, Comparable {
    case managed
    case data

    public static func < (a: ResourceMode, b: ResourceMode) -> Bool { a.rawValue < b.rawValue }
}

/// `variable "name" { … }`
public struct Variable: Sendable {
    public var name: String
    public var type: TypeConstraint
    public var typeGiven: Bool
    public var defaultValue: Value?
    public var description: String?
    public var sensitive: Bool
    public var nullable: Bool
    public var validations: [CheckRule]
    public var declRange: SourceRange
}

/// A `validation`, `precondition` or `postcondition` block.
public struct CheckRule: Sendable {
    public var condition: Expr
    public var errorMessage: Expr?
    public var range: SourceRange
}

/// One entry of a `locals` block.
public struct Local: Sendable {
    public var name: String
    public var expr: Expr
    public var declRange: SourceRange
}

/// `output "name" { … }`
public struct Output: Sendable {
    public var name: String
    public var expr: Expr?
    public var description: String?
    public var sensitive: Bool
    public var dependsOn: [Traversal]
    public var preconditions: [CheckRule]
    public var declRange: SourceRange
}

/// A reference to a provider configuration: `aws` or `aws.west`.
public struct ProviderRef: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var alias: String?
    public init(name: String, alias: String? = nil) {
        self.name = name
        self.alias = alias
    }
    public var key: String { alias.map { "\(name).\($0)" } ?? name }
    public var description: String { key }
}

/// `lifecycle { … }` of a resource.
public struct Lifecycle: Sendable {
    public var createBeforeDestroy = false
    public var preventDestroy = false
    public var ignoreChanges: [Traversal] = []
    public var ignoreAllChanges = false
    public var replaceTriggeredBy: [Expr] = []
    public var preconditions: [CheckRule] = []
    public var postconditions: [CheckRule] = []
    public init() {}
}

/// `resource "type" "name" { … }` or `data "type" "name" { … }`.
public struct Resource: Sendable {
    public var mode: ResourceMode
    public var type: String
    public var name: String
    /// The body with meta-arguments still in it; decoding skips them.
    public var body: Body
    public var count: Expr?
    public var forEach: Expr?
    public var dependsOn: [Traversal]
    public var provider: ProviderRef
    public var providerGiven: Bool
    public var lifecycle: Lifecycle
    public var declRange: SourceRange
    public var typeRange: SourceRange

    /// Where a problem with the resource as a whole is reported: the opening brace of its
    /// body, which Terraform's diagnostics show with the block as context.
    public var bodyStart: SourceRange {
        SourceRange(filename: body.range.filename, start: body.range.start, end: body.range.start)
    }

    /// `aws_vpc.main` or `data.aws_region.current`.
    public var key: String { mode == .data ? "data.\(type).\(name)" : "\(type).\(name)" }

    /// The provider a resource type belongs to by default: the prefix before the first `_`.
    public static func impliedProvider(_ type: String) -> String {
        if let i = type.firstIndex(of: "_") { return String(type[..<i]) }
        return type
    }
}

/// `module "name" { source = … }`
public struct ModuleCall: Sendable {
    public var name: String
    public var source: String
    public var sourceRange: SourceRange
    /// `version`, which only registry modules may have.
    public var version: String?
    public var body: Body
    public var count: Expr?
    public var forEach: Expr?
    public var dependsOn: [Traversal]
    /// `providers = { aws = aws.west }`: child provider key to parent provider reference.
    public var providers: [String: ProviderRef]
    public var declRange: SourceRange

    /// The arguments that set the called module's input variables (everything but the
    /// meta-arguments `source`, `version`, `count`, `for_each`, `depends_on`, `providers`).
    public var arguments: [Attribute] {
        body.attributes.filter { !ModuleDecoder.moduleMetaArguments.contains($0.name) && !(body.isJSON && $0.name == "//") }
    }
}

/// `provider "aws" { … }`
public struct ProviderConfig: Sendable {
    public var name: String
    public var alias: String?
    public var body: Body
    public var declRange: SourceRange
    public var ref: ProviderRef { ProviderRef(name: name, alias: alias) }
}

public struct RequiredProvider: Sendable {
    public var name: String
    public var source: String
    public var versionConstraint: String?
    public var declRange: SourceRange
}

/// One `required_version` constraint and where it was written.
public struct VersionRequirement: Sendable {
    public var constraint: String
    public var range: SourceRange
}

/// `backend "local" { path = … }` in the `terraform` block.
public struct Backend: Sendable {
    public var type: String
    public var path: String?
    /// Where non-default workspaces keep their state (`terrace.tfstate.d` unless set).
    public var workspaceDir: String?
    public var declRange: SourceRange
}

/// `moved { from = … to = … }`
public struct Moved: Sendable {
    public var from: Traversal
    public var to: Traversal
    public var declRange: SourceRange
}

/// `import { to = … id = … }`
public struct Import: Sendable {
    public var to: Traversal
    public var id: Expr
    public var provider: ProviderRef?
    public var declRange: SourceRange
}

/// `removed { from = … lifecycle { destroy = false } }`
public struct Removed: Sendable {
    public var from: Traversal
    public var destroy: Bool
    public var declRange: SourceRange
}
