import TerraceBasics
import TerraceLang
import TerraceProviders

/// One aws data source: its schema and how it reads the simulated cloud.
public protocol AWSDataSource: Sendable {
    static var typeName: String { get }
    /// The AWS noun used in error messages ("EC2 VPC").
    var serviceName: String { get }
    var schema: ResourceSchema { get }
    func validate(_ config: Value) -> Diagnostics
    /// The whole object for `config`; throws `DataSourceError` when nothing (or too much)
    /// matches, `CloudError` when the cloud fails.
    func read(_ config: Value, context: AWSContext) throws -> Value
    /// Whether the data source reads a global service (IAM policy documents need no region).
    static var isGlobal: Bool { get }
}

extension AWSDataSource {
    public func validate(_ config: Value) -> Diagnostics { Diagnostics() }
    public static var isGlobal: Bool { false }

    /// `config` with every computed attribute replaced by `values` (null where not given).
    public func filled(_ config: Value, _ values: [String: Value]) -> Value {
        var attrs = config.unmarkedDeep.attributes ?? [:]
        for (name, a) in schema.block.attributes {
            let configured = attrs[name].map { !$0.isNull && $0.isKnown } == true && (a.optional || a.required)
            if let v = values[name], !configured {
                attrs[name] = v
            } else if attrs[name] == nil {
                attrs[name] = .null(a.type)
            }
        }
        for (name, nb) in schema.block.blockTypes where attrs[name] == nil {
            attrs[name] = values[name] ?? .null(nb.impliedType)
        }
        return .object(attrs)
    }
}

/// A data source that found nothing, or more than one thing, as the AWS provider words it
/// ("no matching EC2 VPC found").
public struct DataSourceError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }

    public static func noMatch(_ noun: String) -> DataSourceError { DataSourceError("no matching \(noun) found") }
    public static func multiple(_ noun: String) -> DataSourceError {
        DataSourceError("multiple \(noun)s matched; use additional constraints to reduce matches to a single \(noun)")
    }
}
