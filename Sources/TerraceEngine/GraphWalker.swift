import Foundation
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
    /// - Parameter visit: returns false when the node failed.
    /// - Returns: the nodes skipped because something they depend on failed.
    public static func walk<N: Hashable & Sendable>(
        _ graph: DirectedGraph<N>, order: @escaping (N, N) -> Bool,
        visit: @escaping @Sendable (N) async -> Bool
    ) async -> [N] {
        let nodes = graph.nodes
        var index: [N: Int] = [:]
        for (i, n) in nodes.enumerated() { index[n] = i }
        var remaining = [Int](repeating: 0, count: nodes.count)
        var dependents = [[Int]](repeating: [], count: nodes.count)
        for (i, n) in nodes.enumerated() {
            for d in graph.dependencies(of: n) {
                remaining[i] += 1
                dependents[index[d]!].append(i)
            }
        }
        var failed = [Bool](repeating: false, count: nodes.count)
        var skipped: [N] = []
        var ready = (0..<nodes.count).filter { remaining[$0] == 0 }.sorted { order(nodes[$0], nodes[$1]) }
        await withTaskGroup(of: (Int, Bool).self) { group in
            var running = 0
            func launch() {
                for i in ready {
                    running += 1
                    if failed[i] {
                        group.addTask { (i, false) }
                    } else {
                        let n = nodes[i]
                        group.addTask { (i, await visit(n)) }
                    }
                }
                ready.removeAll()
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
                    if remaining[j] == 0 { ready.append(j) }
                }
                ready.sort { order(nodes[$0], nodes[$1]) }
                launch()
            }
        }
        return skipped
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

import TerraceBasics
