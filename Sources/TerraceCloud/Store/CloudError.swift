/// An error as an AWS API returns it: a code such as `InvalidSubnet.Conflict`, a message, and
/// whether retrying can help (throttling and server errors).
public struct CloudError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var retryable: Bool
    public var statusCode: Int

    public init(_ code: String, _ message: String, retryable: Bool = false, statusCode: Int = 400) {
        self.code = code
        self.message = message
        self.retryable = retryable
        self.statusCode = statusCode
    }

    public var description: String { "\(code): \(message)" }

    public static func notFound(_ code: String, _ message: String) -> CloudError { CloudError(code, message, statusCode: 404) }

    /// `DependencyViolation`: the object is still in use.
    public static func dependencyViolation(_ message: String) -> CloudError { CloudError("DependencyViolation", message) }

    /// A bad argument (`InvalidParameterValue`).
    public static func invalidParameter(_ message: String) -> CloudError { CloudError("InvalidParameterValue", message) }

    /// A failure of the simulated cloud itself (its files), never retried.
    public static func storage(_ message: String) -> CloudError { CloudError("InternalFailure", message, statusCode: 500) }
}
