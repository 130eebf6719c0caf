import TerraceBasics
import TerraceConfig
import TerraceHCL

/// The key of one instance of a resource or module: none, a `count` index or a `for_each` key.
public enum InstanceKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case none
    case int(Int)
    case string(String)

    public var description: String {
        switch self {
        case .none: return ""
        case .int(let i): return "[\(i)]"
        case .string(let s): return "[\(JSONWriter.quote(s))]"
        }
    }

    public static func < (a: InstanceKey, b: InstanceKey) -> Bool {
        switch (a, b) {
        case (.none, .none): return false
        case (.none, _): return true
        case (_, .none): return false
        case let (.int(x), .int(y)): return x < y
        case (.int, .string): return true
        case (.string, .int): return false
        case let (.string(x), .string(y)): return x < y
        }
    }
}

/// One step of a module instance path: `module.name[key]`.
public struct ModuleStep: Hashable, Sendable, Comparable {
    public var name: String
    public var key: InstanceKey
    public init(_ name: String, _ key: InstanceKey = .none) {
        self.name = name
        self.key = key
    }
    public static func < (a: ModuleStep, b: ModuleStep) -> Bool { (a.name, a.key) < (b.name, b.key) }
}

/// An absolute module instance address; empty for the root module.
public struct ModuleInstance: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var steps: [ModuleStep]
    public init(_ steps: [ModuleStep] = []) { self.steps = steps }
    public static let root = ModuleInstance()

    public var isRoot: Bool { steps.isEmpty }
    public var description: String { steps.map { "module.\($0.name)\($0.key)" }.joined(separator: ".") }
    /// The static module path (call names only).
    public var path: [String] { steps.map(\.name) }

    public func child(_ name: String, _ key: InstanceKey = .none) -> ModuleInstance {
        ModuleInstance(steps + [ModuleStep(name, key)])
    }

    public var parent: ModuleInstance? { steps.isEmpty ? nil : ModuleInstance(Array(steps.dropLast())) }

    public static func < (a: ModuleInstance, b: ModuleInstance) -> Bool {
        for (x, y) in zip(a.steps, b.steps) where x != y { return x < y }
        return a.steps.count < b.steps.count
    }

    /// Appends `description` to a sort key without building the string.
    public func appendDescription(to k: inout PackedSortKeys.Builder) {
        for (i, step) in steps.enumerated() {
            k.text(i == 0 ? "module." : ".module.")
            k.text(step.name)
            switch step.key {
            case .none: break
            case .int(let n): k.text("["); k.decimal(n); k.text("]")
            case .string: k.text(step.key.description)
            }
        }
    }

    /// Prefix `module.x.` for addresses inside this module ("" for the root).
    public var prefix: String { isRoot ? "" : description + "." }
}

/// A resource within a module: `aws_vpc.main` or `data.aws_region.current`.
public struct ResourceAddr: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var mode: ResourceMode
    public var type: String
    public var name: String
    public init(_ mode: ResourceMode, _ type: String, _ name: String) {
        self.mode = mode
        self.type = type
        self.name = name
    }
    public var description: String { mode == .data ? "data.\(type).\(name)" : "\(type).\(name)" }
    public static func < (a: ResourceAddr, b: ResourceAddr) -> Bool {
        (a.mode, a.type, a.name) < (b.mode, b.type, b.name)
    }
}

/// A resource in a module instance, without an instance key.
public struct AbsResource: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var module: ModuleInstance
    public var resource: ResourceAddr
    public init(_ module: ModuleInstance, _ resource: ResourceAddr) {
        self.module = module
        self.resource = resource
    }
    public var description: String { module.prefix + resource.description }
    public func instance(_ key: InstanceKey) -> AbsResourceInstance { AbsResourceInstance(self, key) }
    public static func < (a: AbsResource, b: AbsResource) -> Bool {
        a.module != b.module ? a.module < b.module : a.resource < b.resource
    }
}

/// The address of one resource instance: `module.vpc.aws_subnet.private[0]`.
public struct AbsResourceInstance: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var resource: AbsResource
    public var key: InstanceKey
    public init(_ resource: AbsResource, _ key: InstanceKey = .none) {
        self.resource = resource
        self.key = key
    }
    public var module: ModuleInstance { resource.module }
    public var description: String { resource.description + key.description }
    public static func < (a: AbsResourceInstance, b: AbsResourceInstance) -> Bool {
        a.resource != b.resource ? a.resource < b.resource : a.key < b.key
    }

    /// The positions of `addrs` in address order (stable for equal addresses), sorted by
    /// packed byte keys rather than by comparing module paths and names as strings.
    public static func sortedIndices(_ addrs: [AbsResourceInstance]) -> [Int] {
        var keys = PackedSortKeys(capacity: addrs.count)
        for a in addrs { keys.append { a.sortKey(&$0) } }
        return keys.sortedIndices()
    }

    /// Appends this address's key: byte order of keys is the order of `<`.
    public func sortKey(_ k: inout PackedSortKeys.Builder) {
        resource.sortKey(&k)
        key.sortKey(&k)
    }
}

extension AbsResource {
    /// Appends this address's key: byte order of keys is the order of `<`.
    public func sortKey(_ k: inout PackedSortKeys.Builder) {
        for step in module.steps {
            k.tag(1)
            k.string(step.name)
            step.key.sortKey(&k)
        }
        k.tag(0)
        k.string(resource.mode.rawValue)
        k.string(resource.type)
        k.string(resource.name)
    }

    /// `addrs` in address order.
    public static func sorted<S: Sequence>(_ addrs: S) -> [AbsResource] where S.Element == AbsResource {
        let all = Array(addrs)
        var keys = PackedSortKeys(capacity: all.count)
        for a in all { keys.append { a.sortKey(&$0) } }
        return keys.sortedIndices().map { all[$0] }
    }
}

extension InstanceKey {
    /// Appends this key's sort key: none, then numbers, then strings, as `<`.
    public func sortKey(_ k: inout PackedSortKeys.Builder) {
        switch self {
        case .none: k.tag(0)
        case .int(let i): k.tag(1); k.int(i)
        case .string(let s): k.tag(2); k.string(s)
        }
    }
}

/// Parses addresses given on the command line (`-target`, `-replace`, `state` commands,
/// `import`), reporting what is wrong as Terraform does.
public enum AddressParser {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// A resource or resource instance address, possibly inside module instances.
    public static func parseInstance(_ text: String) throws(Failure) -> (AbsResource, InstanceKey?) {
        let (expr, diags) = Parser.parseExpression(text, filename: "<address>", sources: nil)
        guard !diags.hasErrors, let t = expr.asTraversal else {
            throw Failure(message: "Invalid address \"\(text)\": a resource address such as aws_vpc.main or module.vpc.aws_subnet.private[0] is required.")
        }
        return try fromTraversal(t)
    }

    /// A module instance address such as `module.a[0].module.b`.
    public static func parseModule(_ text: String) throws(Failure) -> ModuleInstance {
        let (expr, diags) = Parser.parseExpression(text, filename: "<address>", sources: nil)
        guard !diags.hasErrors, let t = expr.asTraversal, t.root == "module" else {
            throw Failure(message: "Invalid module address \"\(text)\": an address such as module.vpc or module.app[0] is required.")
        }
        var module = ModuleInstance()
        var i = 0
        let steps = t.steps
        var name: String? = nil
        while i < steps.count {
            switch steps[i] {
            case .attr(let n, _):
                if name == nil {
                    name = n
                    module = module.child(n)
                } else if n == "module" {
                    name = nil
                } else {
                    throw Failure(message: "Invalid module address \"\(text)\": unexpected \"\(n)\".")
                }
            case .index(let k, _):
                guard name != nil, var last = module.steps.popLast() else { throw Failure(message: "Invalid module address \"\(text)\".") }
                switch k {
                case .number(let n):
                    guard let v = Int(n) else { throw Failure(message: "Invalid module address \"\(text)\": index must be a whole number.") }
                    last.key = .int(v)
                case .string(let s): last.key = .string(s)
                }
                module.steps.append(last)
            }
            i += 1
        }
        guard name != nil || module.steps.isEmpty == false else { throw Failure(message: "Invalid module address \"\(text)\".") }
        return module
    }

    public static func fromTraversal(_ t: Traversal) throws(Failure) -> (AbsResource, InstanceKey?) {
        var parts: [(String, InstanceKey?)] = [(t.root, nil)]
        for step in t.steps {
            switch step {
            case .attr(let n, _): parts.append((n, nil))
            case .index(let k, _):
                guard parts[parts.count - 1].1 == nil else { throw Failure(message: "Invalid address \(t): unexpected index.") }
                switch k {
                case .number(let n):
                    guard let i = Int(n) else { throw Failure(message: "Invalid address \(t): index must be a whole number.") }
                    parts[parts.count - 1].1 = .int(i)
                case .string(let s): parts[parts.count - 1].1 = .string(s)
                }
            }
        }
        var module = ModuleInstance()
        var i = 0
        while i < parts.count, parts[i].0 == "module" {
            guard i + 1 < parts.count, parts[i].1 == nil else { throw Failure(message: "Invalid address \(t): a module name is required after \"module\".") }
            module = module.child(parts[i + 1].0, parts[i + 1].1 ?? .none)
            i += 2
        }
        var mode = ResourceMode.managed
        if i < parts.count, parts[i].0 == "data", parts[i].1 == nil { mode = .data; i += 1 }
        guard parts.count - i == 2, parts[i].1 == nil else {
            throw Failure(message: "Invalid address \"\(t)\": a resource type and name are required, such as aws_vpc.main.")
        }
        return (AbsResource(module, ResourceAddr(mode, parts[i].0, parts[i + 1].0)), parts[i + 1].1)
    }
}
