import Dispatch

/// Runs the graph walk's tasks one at a time, in the order they become runnable, on one serial
/// queue (one thread at a time).
///
/// Visits stay concurrent where they wait — for a provider's simulated latency or retries, for
/// the state journal to reach the disk — but their CPU work does not run on two cores at once.
/// Measured on the 2-core benchmark machine, two cores visiting at once shared the same
/// configuration, schema and value objects, so every copy's reference-count update moved a cache
/// line between the cores (`swift_retain`/`swift_release` grew to 56 % of a 100,000-instance
/// plan's cycles, from 20 % on one core) and contended locks put threads to sleep 20,000–40,000
/// times: the walk used 10–100 % more CPU time than on one core, varying from run to run, and
/// finished at best 1.6× sooner, at worst later. Work that divides into independent runs
/// (validation, plan rendering, state encoding) still uses every core (`Parallel`).
final class WalkExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = WalkExecutor()

    private let queue = DispatchQueue(label: "terrace.walk")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
