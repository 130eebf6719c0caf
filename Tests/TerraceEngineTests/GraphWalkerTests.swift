import Foundation
import Testing
import TerraceBasics
import TerraceEngine
import TerraceGraph

/// The graph walk's contract: order by dependencies, skipping below a failure, visits that wait
/// overlapping up to the limit, and visits' CPU work never on two threads at once.
@Suite struct GraphWalkerTests {
    /// What the visits did, recorded from concurrent tasks.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var started: [Int] = []
        private(set) var finished: Set<Int> = []
        private(set) var startedBeforeDependencies: [Int] = []
        private(set) var inFlight = 0
        private(set) var maxInFlight = 0
        private(set) var overlaps = 0
        private var running = false

        func start(_ n: Int, dependencies: [Int]) {
            lock.withLock {
                started.append(n)
                if !dependencies.allSatisfy(finished.contains) { startedBeforeDependencies.append(n) }
                inFlight += 1
                maxInFlight = max(maxInFlight, inFlight)
            }
        }

        func finish(_ n: Int) { lock.withLock { finished.insert(n); inFlight -= 1 } }

        /// Marks a stretch of synchronous work; counts any other visit found inside one.
        func busy(_ work: () -> Void) {
            lock.withLock { if running { overlaps += 1 }; running = true }
            work()
            lock.withLock { running = false }
        }
    }

    /// A random acyclic graph: node i depends on up to three earlier nodes.
    static func graph(nodes: Int, seed: UInt64) -> DirectedGraph<Int> {
        var rng = SplitMix64(seed: seed)
        var g = DirectedGraph<Int>()
        for i in 0..<nodes {
            g.add(i)
            if i == 0 { continue }
            for _ in 0..<Int.random(in: 0...3, using: &rng) { g.connect(i, dependsOn: Int.random(in: 0..<i, using: &rng)) }
        }
        return g
    }

    @Test(arguments: [1, 2, 3])
    func everyNodeOnceAfterItsDependencies(seed: UInt64) async {
        let g = Self.graph(nodes: 400, seed: seed)
        let log = Log()
        let skipped = await GraphWalker.walk(g, key: { String(format: "%05d", $0) }, limit: 16) { n in
            log.start(n, dependencies: g.dependencies(of: n))
            if n % 7 == 0 { await Task.yield() }
            log.finish(n)
            return true
        }
        #expect(skipped.isEmpty)
        #expect(log.started.sorted() == Array(0..<400))
        #expect(log.startedBeforeDependencies.isEmpty)
    }

    @Test func aFailureSkipsWhatDependsOnItAndNothingElse() async {
        // 0 ← 1 ← 2, 1 ← 3, and 4 ← 5 unrelated; 1 fails.
        var g = DirectedGraph<Int>()
        for n in 0...5 { g.add(n) }
        g.connect(1, dependsOn: 0)
        g.connect(2, dependsOn: 1)
        g.connect(3, dependsOn: 1)
        g.connect(5, dependsOn: 4)
        let log = Log()
        let graph = g
        let skipped = await GraphWalker.walk(graph, key: String.init) { n in
            log.start(n, dependencies: graph.dependencies(of: n))
            log.finish(n)
            return n != 1
        }
        #expect(Set(skipped) == [2, 3])
        #expect(Set(log.started) == [0, 1, 4, 5])
    }

    @Test func visitsThatWaitOverlapUpToTheLimit() async {
        var g = DirectedGraph<Int>()
        for n in 0..<24 { g.add(n) }
        let log = Log()
        // Long enough that all eight start before the first wakes, even on a loaded machine.
        _ = await GraphWalker.walk(g, key: String.init, limit: 8) { n in
            log.start(n, dependencies: [])
            try? await Task.sleep(nanoseconds: 100_000_000)
            log.finish(n)
            return true
        }
        #expect(log.maxInFlight == 8)
        #expect(log.finished.count == 24)
    }

    /// Two visits' synchronous work running at once on two threads moved the shared objects'
    /// reference counts between cores on every copy; the walk runs one visit's CPU work at a time.
    @Test func visitsDoNotRunOnTwoThreadsAtOnce() async {
        let g = Self.graph(nodes: 300, seed: 7)
        let log = Log()
        _ = await GraphWalker.walk(g, key: String.init) { n in
            log.busy { for _ in 0..<2_000 { _ = Thread.current } }
            await Task.yield()
            let inner = await GraphWalker.map(Array(0..<4)) { i in
                log.busy { for _ in 0..<500 { _ = Thread.current } }
                return i
            }
            return inner == [0, 1, 2, 3]
        }
        #expect(log.overlaps == 0)
    }

    /// Provider calls (`AsyncSemaphore.run`) leave the walk's thread, as a plugin's work would
    /// run in its own process: a `random_password`'s bcrypt hashing no longer holds up the walk.
    @Test func providerCallsRunOffTheWalksThread() async {
        final class Names: @unchecked Sendable {
            private let lock = NSLock()
            private(set) var visits: Set<String> = [], calls: Set<String> = []
            func visit() { let n = Thread.current.name ?? ""; lock.withLock { _ = visits.insert(n) } }
            func call() { let n = Thread.current.name ?? ""; lock.withLock { _ = calls.insert(n) } }
        }
        let g = Self.graph(nodes: 50, seed: 11)
        let names = Names(), semaphore = AsyncSemaphore(4)
        _ = await GraphWalker.walk(g, key: String.init) { _ in
            names.visit()
            await semaphore.run { names.call() }
            names.visit()
            return true
        }
        #expect(names.visits == ["terrace.walk"])
        #expect(!names.calls.contains("terrace.walk"))
    }

    @Test func mapKeepsTheOrderOfItsItems() async {
        let out = await GraphWalker.map(Array(0..<100), limit: 7) { i in
            if i % 3 == 0 { await Task.yield() }
            return i * i
        }
        #expect(out == (0..<100).map { $0 * $0 })
    }
}
