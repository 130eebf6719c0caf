/// A directed graph over hashable nodes with deterministic iteration: nodes are kept in
/// insertion order and ties in topological order are broken by `order`, so walks, cycle
/// reports and DOT output are identical across runs.
public struct DirectedGraph<Node: Hashable & Sendable>: Sendable {
    public private(set) var nodes: [Node] = []
    private var index: [Node: Int] = [:]
    /// `deps[i]` are the nodes node i depends on (edges i → dep).
    private var deps: [[Int]] = []
    private var depSets: [Set<Int>] = []

    public init() {}

    public var count: Int { nodes.count }

    @discardableResult
    public mutating func add(_ n: Node) -> Int {
        if let i = index[n] { return i }
        index[n] = nodes.count
        nodes.append(n)
        deps.append([])
        depSets.append([])
        return nodes.count - 1
    }

    public func contains(_ n: Node) -> Bool { index[n] != nil }

    /// The position of `n` in `nodes`, if it is in the graph.
    public func index(of n: Node) -> Int? { index[n] }

    /// Records that the node at `from` depends on the node at `to` (positions in `nodes`),
    /// without hashing either node.
    public mutating func connect(index from: Int, dependsOn to: Int) {
        guard from != to, depSets[from].insert(to).inserted else { return }
        deps[from].append(to)
    }

    /// Records that `from` depends on `to` (so `to` comes first in a walk).
    public mutating func connect(_ from: Node, dependsOn to: Node) {
        connect(index: add(from), dependsOn: add(to))
    }

    /// The indices (into `nodes`) of what node `i` depends on, without hashing any node.
    public func dependencyIndices(_ i: Int) -> [Int] { deps[i] }

    public func dependencies(of n: Node) -> [Node] {
        guard let i = index[n] else { return [] }
        return deps[i].map { nodes[$0] }
    }

    /// Nodes that depend on each node.
    public func dependents() -> [Node: [Node]] {
        var out: [Node: [Node]] = [:]
        for (i, ds) in deps.enumerated() {
            for d in ds { out[nodes[d], default: []].append(nodes[i]) }
        }
        return out
    }

    /// Every node with all its dependencies before it (Kahn's algorithm, O(V + E)), ties
    /// broken by `order`; nil when there is a cycle.
    public func topologicalOrder(by order: @escaping (Node, Node) -> Bool) -> [Node]? {
        var remaining = deps.map(\.count)
        var dependents = [[Int]](repeating: [], count: nodes.count)
        for (i, ds) in deps.enumerated() { for d in ds { dependents[d].append(i) } }
        var ready = (0..<nodes.count).filter { remaining[$0] == 0 }
        var heap = Heap(ready.map { nodes[$0] }, indices: ready, less: order)
        ready.removeAll()
        var out: [Node] = []
        out.reserveCapacity(nodes.count)
        while let i = heap.pop() {
            out.append(nodes[i])
            for j in dependents[i] {
                remaining[j] -= 1
                if remaining[j] == 0 { heap.push(nodes[j], j) }
            }
        }
        return out.count == nodes.count ? out : nil
    }

    /// The strongly connected components with more than one node (or a self-loop): each is a cycle.
    public func cycles() -> [[Node]] {
        var indexOf = [Int](repeating: -1, count: nodes.count)
        var low = [Int](repeating: 0, count: nodes.count)
        var onStack = [Bool](repeating: false, count: nodes.count)
        var stack: [Int] = []
        var counter = 0
        var result: [[Node]] = []
        // Iterative Tarjan, so very deep graphs cannot overflow the call stack.
        for root in 0..<nodes.count where indexOf[root] < 0 {
            var work: [(Int, Int)] = [(root, 0)]
            while let (v, pi) = work.popLast() {
                if pi == 0 {
                    indexOf[v] = counter; low[v] = counter; counter += 1
                    stack.append(v); onStack[v] = true
                }
                var recursed = false
                var k = pi
                while k < deps[v].count {
                    let w = deps[v][k]
                    k += 1
                    if indexOf[w] < 0 {
                        work.append((v, k))
                        work.append((w, 0))
                        recursed = true
                        break
                    } else if onStack[w] {
                        low[v] = min(low[v], indexOf[w])
                    }
                }
                if recursed { continue }
                if low[v] == indexOf[v] {
                    var comp: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        comp.append(w)
                        if w == v { break }
                    }
                    if comp.count > 1 { result.append(comp.reversed().map { nodes[$0] }) }
                }
                if let (parent, _) = work.last, pi >= 0 {
                    low[parent] = min(low[parent], low[v])
                }
            }
        }
        return result
    }

    /// Graphviz DOT in Terraform's layout, one line per node and edge, sorted so the output is
    /// identical across runs.
    public func dot(name: (Node) -> String, shape: (Node) -> String = { _ in "box" }) -> String {
        func q(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
        var lines = ["digraph {", "\tcompound = \"true\"", "\tnewrank = \"true\"", "\tsubgraph \"root\" {"]
        var nodeLines: [String] = []
        var edgeLines: [String] = []
        for (i, n) in nodes.enumerated() {
            nodeLines.append("\t\t\"[root] \(q(name(n)))\" [label = \"\(q(name(n)))\", shape = \"\(shape(n))\"]")
            for d in deps[i] { edgeLines.append("\t\t\"[root] \(q(name(n)))\" -> \"[root] \(q(name(nodes[d])))\"") }
        }
        lines += nodeLines.sorted() + edgeLines.sorted()
        lines += ["\t}", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A binary min-heap of node indices ordered by their nodes.
struct Heap<Node> {
    private var items: [(Node, Int)]
    private let less: (Node, Node) -> Bool

    init(_ nodes: [Node], indices: [Int], less: @escaping (Node, Node) -> Bool) {
        self.less = less
        items = []
        for (n, i) in zip(nodes, indices) { push(n, i) }
    }

    mutating func push(_ n: Node, _ i: Int) {
        items.append((n, i))
        var c = items.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            if less(items[c].0, items[p].0) { items.swapAt(c, p); c = p } else { break }
        }
    }

    mutating func pop() -> Int? {
        guard !items.isEmpty else { return nil }
        let top = items[0].1
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < items.count, less(items[l].0, items[m].0) { m = l }
                if r < items.count, less(items[r].0, items[m].0) { m = r }
                if m == p { break }
                items.swapAt(p, m)
                p = m
            }
        }
        return top
    }
}
