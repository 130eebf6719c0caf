import Foundation
import TerraceBasics
import TerraceGraph

/// Progress reported while refreshing and applying, for the command line to print.
public protocol EngineObserver: Sendable {
    func refreshing(_ addr: AbsResourceInstance, id: String?)
    func applyStarting(_ addr: AbsResourceInstance, action: ChangeAction, id: String?)
    func applyComplete(_ addr: AbsResourceInstance, action: ChangeAction, id: String?, elapsed: TimeInterval)
    func applyErrored(_ addr: AbsResourceInstance, action: ChangeAction, elapsed: TimeInterval)
}

/// An observer that reports nothing.
public struct SilentObserver: EngineObserver {
    public init() {}
    public func refreshing(_ addr: AbsResourceInstance, id: String?) {}
    public func applyStarting(_ addr: AbsResourceInstance, action: ChangeAction, id: String?) {}
    public func applyComplete(_ addr: AbsResourceInstance, action: ChangeAction, id: String?, elapsed: TimeInterval) {}
    public func applyErrored(_ addr: AbsResourceInstance, action: ChangeAction, elapsed: TimeInterval) {}
}
