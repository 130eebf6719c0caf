import Foundation
import TerraceBasics
import TerraceGraph

/// Limits how many provider operations run at once (`-parallelism`).
public actor AsyncSemaphore {
    private var permits: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(_ permits: Int) { self.permits = max(1, permits) }

    public func wait() async {
        if permits > 0 { permits -= 1; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func signal() {
        if waiters.isEmpty { permits += 1 } else { waiters.removeFirst().resume() }
    }

    public func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await wait()
        let r = await body()
        signal()
        return r
    }
}

/// Walks a graph concurrently: a node starts once everything it depends on has finished.
/// A node whose visit fails makes its dependents skip (they are reported, not run).
public enum GraphWalker {
    /// How many node visits run at once. Visits are mostly CPU work on a pool of a few threads
    /// (provider calls are limited separately by `-parallelism`), so more would not finish
    /// sooner; starting every ready node at once kept tens of thousands of suspended tasks
    /// (and their allocations) alive in large configurations.
    public static let defaultLimit = 64

    /// - Parameters:
    ///   - key: sorts ready nodes, so they start in a deterministic order; computed once per node.
    ///   - visit: returns false when the node failed.
    /// - Returns: the nodes skipped because something they depend on failed.
    public static func walk<N: Hashable & Sendable>(
        _ graph: DirectedGraph<N>, key: (N) -> String, limit: Int = defaultLimit,
        visit: @escaping @Sendable (N) async -> Bool
    ) async -> [N] {
        let nodes = graph.nodes
        let count = nodes.count
        let keys = nodes.map(key)
        var rank = [Int](repeating: 0, count: count)
        for (r, i) in (0..<count).sorted(by: { keys[$0] < keys[$1] }).enumerated() { rank[i] = r }
        var remaining = [Int](repeating: 0, count: count)
        var dependents = [[Int]](repeating: [], count: count)
        for i in 0..<count {
            for d in graph.dependencyIndices(i) {
                remaining[i] += 1
                dependents[d].append(i)
            }
        }
        var failed = [Bool](repeating: false, count: count)
        var skipped: [N] = []
        var ready = RankHeap(rank: rank)
        for i in 0..<count where remaining[i] == 0 { ready.push(i) }
        await withTaskGroup(of: (Int, Bool).self) { group in
            var running = 0
            func launch() {
                while running < max(1, limit), let i = ready.pop() {
                    running += 1
                    if failed[i] {
                        group.addTask { (i, false) }
                    } else {
                        let n = nodes[i]
                        group.addTask { (i, await visit(n)) }
                    }
                }
            }
            launch()
            while running > 0, let (i, ok) = await group.next() {
                running -= 1
                if !ok {
                    if failed[i] { skipped.append(nodes[i]) }
                    failed[i] = true
                }
                for j in dependents[i] {
                    if failed[i] { failed[j] = true }
                    remaining[j] -= 1
                    if remaining[j] == 0 { ready.push(j) }
                }
                launch()
            }
        }
        return skipped
    }

    /// `f` applied to every item, at most `limit` at a time, results in the order of `items`.
    /// Instances of one resource are planned and applied this way, so a `count` of 100,000
    /// does not create 100,000 tasks at once.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], limit: Int = defaultLimit,
                                                     _ f: @escaping @Sendable (T) async -> R) async -> [R] {
        if items.count == 1 { return [await f(items[0])] }
        return await withTaskGroup(of: (Int, R).self) { group in
            var out = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < items.count && next < max(1, limit) {
                let i = next, item = items[i]
                group.addTask { (i, await f(item)) }
                next += 1
            }
            while let (i, r) = await group.next() {
                out[i] = r
                if next < items.count {
                    let j = next, item = items[j]
                    group.addTask { (j, await f(item)) }
                    next += 1
                }
            }
            return out.compactMap { $0 }
        }
    }
}

/// A binary min-heap of node indices by their rank.
struct RankHeap {
    private var items: [Int] = []
    private let rank: [Int]

    init(rank: [Int]) { self.rank = rank }

    mutating func push(_ i: Int) {
        items.append(i)
        var c = items.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            guard rank[items[c]] < rank[items[p]] else { break }
            items.swapAt(c, p)
            c = p
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < items.count, rank[items[l]] < rank[items[m]] { m = l }
                if r < items.count, rank[items[r]] < rank[items[m]] { m = r }
                if m == p { break }
                items.swapAt(p, m)
                p = m
            }
        }
        return top
    }
}

/// Collects diagnostics from concurrent work.
public final class DiagnosticCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var diags = TerraceBasics.Diagnostics()
    public init() {}
    public func add(_ d: TerraceBasics.Diagnostics) { lock.lock(); diags += d; lock.unlock() }
    public func add(_ d: TerraceBasics.Diagnostic) { lock.lock(); diags += d; lock.unlock() }
    public var all: TerraceBasics.Diagnostics { lock.lock(); defer { lock.unlock() }; return diags }
    public var hasErrors: Bool { all.hasErrors }
}
