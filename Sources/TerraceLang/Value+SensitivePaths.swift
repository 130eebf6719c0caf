/// Where sensitive marks sit inside a value, as Terraform records them in a state's
/// `sensitive_attributes`: one path per marked value (the outermost mark on each branch), each
/// a list of steps from the top (`get_attr` into objects, `index` into maps, lists and tuples).
/// Sets cannot be indexed, so a mark inside a set is recorded on the set.
public enum PathStep: Hashable, Sendable {
    case attr(String)
    case key(String)
    case index(Int)
}

extension Value {
    /// The paths of the sensitive values inside this value, in a stable order (attributes and
    /// keys sorted, elements by position).
    public var sensitivePaths: [[PathStep]] {
        var out: [[PathStep]] = []
        var path: [PathStep] = []
        collectSensitivePaths(&path, into: &out)
        return out
    }

    private func collectSensitivePaths(_ path: inout [PathStep], into out: inout [[PathStep]]) {
        if sensitive { out.append(path); return }
        switch kind {
        case .object(let items):
            for name in items.keys.sorted() where items[name]!.containsSensitive {
                path.append(.attr(name))
                items[name]!.collectSensitivePaths(&path, into: &out)
                path.removeLast()
            }
        case .map(let items, _):
            for key in items.keys.sorted() where items[key]!.containsSensitive {
                path.append(.key(key))
                items[key]!.collectSensitivePaths(&path, into: &out)
                path.removeLast()
            }
        case .list(let items, _), .tuple(let items):
            for (i, item) in items.enumerated() where item.containsSensitive {
                path.append(.index(i))
                item.collectSensitivePaths(&path, into: &out)
                path.removeLast()
            }
        case .set:
            if containsSensitive { out.append(path) }
        default:
            break
        }
    }

    /// Whether `other` has its sensitive marks in the same places, at any depth.
    public func hasSameMarks(as other: Value) -> Bool {
        if sensitive != other.sensitive { return false }
        let a = containsSensitive, b = other.containsSensitive
        if !a && !b { return true }
        return a == b && sensitivePaths == other.sensitivePaths
    }

    /// A copy with the value at each path marked sensitive. A path that cannot be followed to
    /// its end (a step into a set, a missing key, a null) marks the value where it stops, so a
    /// mark is never lost, only widened.
    public func marking(_ paths: [[PathStep]]) -> Value {
        var v = self
        for p in paths { v = v.marking(p[...]) }
        return v
    }

    func marking(_ path: ArraySlice<PathStep>) -> Value {
        guard let step = path.first else { return marked() }
        var v = self
        switch (kind, step) {
        case (.object(var items), .attr(let name)), (.object(var items), .key(let name)):
            guard let child = items[name] else { return marked() }
            items[name] = child.marking(path.dropFirst())
            v.kind = .object(items)
        case (.map(var items, let e), .key(let name)), (.map(var items, let e), .attr(let name)):
            guard let child = items[name] else { return marked() }
            items[name] = child.marking(path.dropFirst())
            v.kind = .map(items, element: e)
        case (.list(var items, let e), .index(let i)):
            guard items.indices.contains(i) else { return marked() }
            items[i] = items[i].marking(path.dropFirst())
            v.kind = .list(items, element: e)
        case (.tuple(var items), .index(let i)):
            guard items.indices.contains(i) else { return marked() }
            items[i] = items[i].marking(path.dropFirst())
            v.kind = .tuple(items)
        default:
            return marked()
        }
        return v
    }
}
