import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// What a plan proposes for one resource instance.
public enum ChangeAction: String, Sendable, Hashable {
    case noop = "no-op"
    case create
    case read
    case update
    case deleteThenCreate = "delete-create"
    case createThenDelete = "create-delete"
    case delete
    /// Removed from state without destroying the object (`removed { lifecycle { destroy = false } }`).
    case forget

    /// The `actions` array of Terraform's plan JSON.
    public var jsonActions: [String] {
        switch self {
        case .noop: return ["no-op"]
        case .create: return ["create"]
        case .read: return ["read"]
        case .update: return ["update"]
        case .deleteThenCreate: return ["delete", "create"]
        case .createThenDelete: return ["create", "delete"]
        case .delete: return ["delete"]
        case .forget: return ["forget"]
        }
    }

    public var isReplace: Bool { self == .deleteThenCreate || self == .createThenDelete }
    public var creates: Bool { self == .create || isReplace }
    public var deletes: Bool { self == .delete || self == .forget || isReplace }
}

/// Why an action was chosen, as Terraform's `action_reason`.
public enum ActionReason: String, Sendable, Hashable {
    case replaceBecauseTainted = "replace_because_tainted"
    case replaceBecauseCannotUpdate = "replace_because_cannot_update"
    case replaceByRequest = "replace_by_request"
    case replaceByTriggers = "replace_by_triggers"
    case deleteBecauseNoResourceConfig = "delete_because_no_resource_config"
    case deleteBecauseCountIndex = "delete_because_count_index"
    case deleteBecauseEachKey = "delete_because_each_key"
    case deleteBecauseNoModule = "delete_because_no_module"
    case readBecauseConfigUnknown = "read_because_config_unknown"
    case readBecauseDependencyPending = "read_because_dependency_pending"
}

/// One planned change to a resource instance.
public struct ResourceChange: Sendable {
    public var addr: AbsResourceInstance
    public var providerKey: String
    /// `provider["registry.terraform.io/hashicorp/aws"]` as written to state.
    public var providerAddress: String
    public var eachMode: EachMode
    public var action: ChangeAction
    public var reason: ActionReason?
    public var before: Value?
    public var after: Value?
    public var requiresReplace: [AttributePath]
    /// The import ID when the instance is adopted by an `import` block.
    public var importID: String?
    /// Set when this change only moved the instance from another address.
    public var movedFrom: AbsResourceInstance?
    public var createBeforeDestroy: Bool
    /// Set for the deletion of a deposed object left by an interrupted create_before_destroy.
    public var deposedKey: String? = nil

    public init(addr: AbsResourceInstance, providerKey: String, providerAddress: String, eachMode: EachMode,
                action: ChangeAction, reason: ActionReason?, before: Value?, after: Value?, requiresReplace: [AttributePath],
                importID: String?, movedFrom: AbsResourceInstance?, createBeforeDestroy: Bool, deposedKey: String? = nil) {
        self.addr = addr
        self.providerKey = providerKey
        self.providerAddress = providerAddress
        self.eachMode = eachMode
        self.action = action
        self.reason = reason
        self.before = before
        self.after = after
        self.requiresReplace = requiresReplace
        self.importID = importID
        self.movedFrom = movedFrom
        self.createBeforeDestroy = createBeforeDestroy
        self.deposedKey = deposedKey
    }

    public var mode: ResourceMode { addr.resource.resource.mode }
    public var type: String { addr.resource.resource.type }

    /// Whether applying the plan does something for this change: an action, an import or a move.
    public var isActionable: Bool { action != .noop || importID != nil || movedFrom != nil }
}

/// A change to a root module output.
public struct OutputChange: Sendable {
    public var name: String
    public var action: ChangeAction
    public var before: Value?
    public var after: Value?
    public var sensitive: Bool

    public init(name: String, action: ChangeAction, before: Value?, after: Value?, sensitive: Bool) {
        self.name = name
        self.action = action
        self.before = before
        self.after = after
        self.sensitive = sensitive
    }
}

/// A difference between the state and the real object found while refreshing.
public struct ResourceDrift: Sendable {
    public var addr: AbsResourceInstance
    public var before: Value
    /// nil when the object was deleted outside Terrace.
    public var after: Value?
}

public enum PlanMode: String, Sendable {
    case normal
    case destroy
    case refreshOnly = "refresh-only"
}

/// A whole plan: the changes, the state it was made against and how it was made.
public struct Plan: Sendable {
    public var mode: PlanMode
    public var changes: [ResourceChange]
    public var outputChanges: [OutputChange]
    public var drift: [ResourceDrift]
    /// The state after refresh, which apply starts from.
    public var priorState: State
    /// The state as it was read before refresh (its serial and lineage identify it).
    public var baseSerial: Int
    public var baseLineage: String
    public var variables: [String: Value]
    public var targets: [String]
    public var replace: [String]
    public var refresh: Bool
    public var diagnostics: Diagnostics
    /// Set when planning stopped with errors; such a plan cannot be applied.
    public var errored: Bool

    public init(mode: PlanMode, changes: [ResourceChange], outputChanges: [OutputChange], drift: [ResourceDrift],
                priorState: State, baseSerial: Int, baseLineage: String, variables: [String: Value], targets: [String],
                replace: [String], refresh: Bool, diagnostics: Diagnostics, errored: Bool) {
        self.mode = mode
        self.changes = changes
        self.outputChanges = outputChanges
        self.drift = drift
        self.priorState = priorState
        self.baseSerial = baseSerial
        self.baseLineage = baseLineage
        self.variables = variables
        self.targets = targets
        self.replace = replace
        self.refresh = refresh
        self.diagnostics = diagnostics
        self.errored = errored
    }

    /// Changes worth showing: every action but no-op, and no-ops that import or move an object.
    public var actionable: [ResourceChange] { changes.filter(\.isActionable) }

    public var hasChanges: Bool {
        changes.contains(where: \.isActionable) || outputChanges.contains { $0.action != .noop } || (mode == .refreshOnly && !drift.isEmpty)
    }

    public var counts: (importing: Int, add: Int, change: Int, destroy: Int, forget: Int) {
        var i = 0, a = 0, c = 0, d = 0, f = 0
        // By index, reading two fields: iterating would copy each (large) change.
        for k in changes.indices {
            if changes[k].importID != nil { i += 1 }
            let action = changes[k].action
            if action == .forget { f += 1 }
            switch action {
            case .create: a += 1
            case .update: c += 1
            case .delete: d += 1
            case .deleteThenCreate, .createThenDelete: a += 1; d += 1
            default: break
            }
        }
        return (i, a, c, d, f)
    }
}
