import Foundation

/// Runs the graph walk's tasks one at a time, in the order they become runnable, on one thread
/// of its own.
///
/// Visits stay concurrent where they wait — for a provider's simulated latency or retries, for
/// the state journal to reach the disk — but their CPU work does not run on two cores at once.
/// Measured on the 2-core benchmark machine, two threads visiting at once met on the engine's
/// shared tables (contended locks put them to sleep 18,000–41,000 times in a 100,000-instance
/// plan) and touched the same configuration and schema objects, so every instruction ran
/// slower, by an amount that changed from run to run: the walk used 10–95 % more CPU time than
/// on one core and finished at best 1.6× sooner, at worst later. Work that divides into
/// independent runs (validation, plan rendering, state encoding) still uses every core
/// (`Parallel`).
///
/// The thread is started on first use; it runs jobs in the order they are enqueued and sleeps
/// only when there are none. (A serial `DispatchQueue` was tried first:
/// it ends its drain whenever it runs dry — in an apply, each time every visit waits for the
/// journal's `fdatasync` — and the next job wakes a thread again: 210,000–500,000 voluntary
/// context switches in an apply of 100,000 instances.)
final class WalkExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = WalkExecutor()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var sleeping = false

    private init() {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [unowned self] in
            // Named by itself, before it runs any job, once `start()` has returned (profilers and
            // `top -H` show the name). Foundation passes a name to the system only after
            // `start()` has recorded the thread's handle, and the new thread, before this
            // closure, writes back the name it inherited from its creator: named any earlier,
            // or by the creator, the thread could keep "oot.default-qos" (a concurrency pool
            // thread's name), as a CI run under load showed.
            started.wait()
            Thread.current.name = "terrace.walk"
            self.run()
        }
        // Evaluating deeply nested expressions recurses; as much stack as the main thread.
        thread.stackSize = 16 << 20
        thread.start()
        started.signal()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        if sleeping { condition.signal() }
        condition.unlock()
    }

    private func run() {
        let executor = asUnownedTaskExecutor()
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty {
                sleeping = true
                condition.wait()
                sleeping = false
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: executor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
