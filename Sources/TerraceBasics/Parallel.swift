import Dispatch
import Foundation

/// Work split across the machine's cores, results kept in order.
public enum Parallel {
    /// `f(0) … f(count - 1)`, run on every core (`DispatchQueue.concurrentPerform`), in order.
    public static func map<R>(_ count: Int, _ f: (Int) -> R) -> [R] {
        guard count > 1 else { return count == 1 ? [f(0)] : [] }
        let slots = Slots<R>(count)
        // `concurrentPerform` returns only after every iteration ran, so `f` does not escape.
        withoutActuallyEscaping(f) { f in
            let box = Unchecked(f)
            DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, box.value(i)) }
        }
        return slots.values()
    }

    /// The contiguous runs `0..<count` splits into: up to four per core (so runs of uneven cost
    /// still keep every core busy to the end), none shorter than `minimum` items (a split has a
    /// cost of its own), and one when `count` is small.
    public static func runs(_ count: Int, minimum: Int) -> [Range<Int>] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, count / max(minimum, 1)))
        return (0..<parts).map { count * $0 / parts ..< count * ($0 + 1) / parts }
    }

    /// `f` applied to each contiguous run of `0..<count` (see `runs`), in parallel, in order.
    public static func mapRuns<R>(_ count: Int, minimum: Int, _ f: (Range<Int>) -> R) -> [R] {
        let rs = runs(count, minimum: minimum)
        return map(rs.count) { f(rs[$0]) }
    }

    private final class Slots<R>: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [R?]
        init(_ count: Int) { items = [R?](repeating: nil, count: count) }
        func set(_ i: Int, _ value: R) { lock.withLock { items[i] = value } }
        func values() -> [R] { lock.withLock { items.map { $0! } } }
    }

    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
