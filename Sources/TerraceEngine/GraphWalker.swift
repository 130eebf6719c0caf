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

    /// Runs `body` (a provider call) once a permit is free, on the concurrency pool's threads
    /// rather than the graph walk's one thread: a provider's own work (hashing a
    /// `random_password`, writing the simulated cloud's files) runs beside the walk and beside
    /// other calls, as a provider plugin's would in its own process.
    public func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await wait()
        let r = await withTaskExecutorPreference(globalConcurrentExecutor) { await body() }
        signal()
        return r
    }
}

/// Walks a graph concurrently: a node starts once everything it depends on has finished.
/// A node whose visit fails makes its dependents skip (they are reported, not run).
///
/// The work is done by a fixed set of worker tasks that take ready nodes from a shared queue,
/// not by a task per node: a worker that finishes a node goes straight on to the next ready
/// one, where a task per node (tens of thousands in a plan of 100,000 instances) had to be
/// created and the walking task resumed after each. The workers run on `WalkExecutor`, one at
/// a time.
public enum GraphWalker {
    /// How many node visits run at once. Visits are mostly CPU work on one thread (provider
    /// calls are limited separately by `-parallelism`), so more would not finish sooner; visits
    /// that wait (for the state journal to reach the disk, for a provider) let other workers run
    /// meanwhile.
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
        guard count > 0 else { return [] }
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
        let queue = ReadyQueue(rank: rank, remaining: remaining, dependents: dependents)
        let workers = min(max(1, limit), count)
        await withTaskExecutorPreference(WalkExecutor.shared) {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<workers {
                    group.addTask {
                        var finished: (node: Int, ok: Bool)?
                        while let (i, skip) = await queue.next(after: finished) {
                            finished = (i, skip ? false : await visit(nodes[i]))
                        }
                    }
                }
            }
        }
        return queue.skipped.map { nodes[$0] }
    }

    /// `f` applied to every item, at most `limit` at a time, results in the order of `items`.
    /// Instances of one resource are planned and applied this way, so a `count` of 100,000
    /// does not create 100,000 tasks at once. Workers take the next item from a shared counter.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], limit: Int = defaultLimit,
                                                     _ f: @escaping @Sendable (T) async -> R) async -> [R] {
        if items.isEmpty { return [] }
        if items.count == 1 { return [await f(items[0])] }
        let counter = NextIndex(items.count)
        return await withTaskGroup(of: [(Int, R)].self) { group in
            for _ in 0..<min(max(1, limit), items.count) {
                group.addTask {
                    var done: [(Int, R)] = []
                    while let i = counter.take() { done.append((i, await f(items[i]))) }
                    return done
                }
            }
            var out = [R?](repeating: nil, count: items.count)
            for await done in group { for (i, r) in done { out[i] = r } }
            return out.map { $0! }
        }
    }
}

/// Hands out `0 ..< count`, each index once, to concurrent workers.
final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(_ count: Int) { self.count = count }

    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// The walk's shared state: which nodes are ready (lowest rank first), how many dependencies
/// each node still waits for, and the workers waiting for a node to become ready.
final class ReadyQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var ready: RankHeap
    private var remaining: [Int]
    private let dependents: [[Int]]
    private var failed: [Bool]
    private var running = 0
    private var waiting: [CheckedContinuation<(Int, Bool)?, Never>] = []
    private(set) var skipped: [Int] = []

    init(rank: [Int], remaining: [Int], dependents: [[Int]]) {
        ready = RankHeap(rank: rank)
        self.remaining = remaining
        self.dependents = dependents
        failed = [Bool](repeating: false, count: remaining.count)
        for i in remaining.indices where remaining[i] == 0 { ready.push(i) }
    }

    /// Records `finished` (the node the worker visited last, if any) and returns the next node
    /// to visit, with whether to skip it (something it depends on failed) — or nil once every
    /// node is done. Waits while nodes are still running but none is ready.
    func next(after finished: (node: Int, ok: Bool)?) async -> (Int, Bool)? {
        switch step(after: finished) {
        case .visit(let i, let skip): return (i, skip)
        case .done: return nil
        case .wait: return await withCheckedContinuation { park($0) }
        }
    }

    private enum Step { case visit(Int, Bool), done, wait }
    private typealias Waiter = CheckedContinuation<(Int, Bool)?, Never>

    private func step(after finished: (node: Int, ok: Bool)?) -> Step {
        lock.lock()
        var wake: [(Waiter, (Int, Bool)?)] = []
        if let (i, ok) = finished {
            running -= 1
            if !ok {
                if failed[i] { skipped.append(i) }
                failed[i] = true
            }
            for j in dependents[i] {
                if failed[i] { failed[j] = true }
                remaining[j] -= 1
                if remaining[j] == 0 { ready.push(j) }
            }
            // Ready nodes beyond the one this worker takes next go to workers that wait.
            while ready.count > 1, !waiting.isEmpty, let j = ready.pop() {
                running += 1
                wake.append((waiting.removeLast(), (j, failed[j])))
            }
        }
        let result = takeLocked()
        if case .done = result {
            // Nothing ready and nothing running: the walk is over for every worker.
            wake += waiting.map { ($0, nil) }
            waiting = []
        }
        lock.unlock()
        for (c, v) in wake { c.resume(returning: v) }
        return result
    }

    /// Called with the lock free: a node may have become ready since `step` said to wait.
    private func park(_ c: Waiter) {
        lock.lock()
        let result = takeLocked()
        if case .wait = result { waiting.append(c) }
        lock.unlock()
        switch result {
        case .visit(let i, let skip): c.resume(returning: (i, skip))
        case .done: c.resume(returning: nil)
        case .wait: break
        }
    }

    /// With the lock held: the next ready node (now running), or done when nothing is ready
    /// or running, or wait.
    private func takeLocked() -> Step {
        if let i = ready.pop() {
            running += 1
            return .visit(i, failed[i])
        }
        return running == 0 ? .done : .wait
    }
}

/// A binary min-heap of node indices by their rank.
struct RankHeap {
    private var items: [Int] = []
    private let rank: [Int]

    init(rank: [Int]) { self.rank = rank }

    var count: Int { items.count }

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
