import Foundation
import Testing
@testable import TerraceCLI
import TerraceGraph

/// "Still creating... [Ns elapsed]" for operations that run long, from one ticker for all.
@Suite struct ApplyViewTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func add(_ s: String) { lock.withLock { text += s } }
        var all: [String] { lock.withLock { text.split(separator: "\n").map(String.init) } }
    }

    static func addr(_ name: String) -> AbsResourceInstance {
        AbsResourceInstance(AbsResource(.root, ResourceAddr(.managed, "null_resource", name)), .none)
    }

    /// The ticker's check, at chosen instants (the ticker itself calls it once a `tick`).
    @Test func longOperationsReportEachPeriodAndFinishedOnesNothing() {
        let lines = Lines()
        let terminal = Terminal(color: false)
        terminal.out = { lines.add($0) }
        let view = ApplyView(terminal: terminal, every: 10, tick: 3_600)
        let t0 = ContinuousClock.Instant.now
        let slow = Self.addr("slow"), quick = Self.addr("quick"), other = Self.addr("other")
        view.applyStarting(slow, action: .create, id: nil)
        view.applyStarting(quick, action: .update, id: "q")
        view.applyStarting(other, action: .delete, id: "o")
        view.applyComplete(quick, action: .update, id: "q", elapsed: 0)
        #expect(view.printDue(at: t0 + .seconds(9)))
        #expect(view.printDue(at: t0 + .seconds(15)))
        #expect(view.printDue(at: t0 + .seconds(18)))
        view.applyComplete(other, action: .delete, id: "o", elapsed: 20)
        #expect(view.printDue(at: t0 + .seconds(31)))
        view.applyComplete(slow, action: .create, id: "s", elapsed: 32)
        #expect(!view.printDue(at: t0 + .seconds(45)))
        #expect(lines.all.filter { $0.contains("Still") } == [
            "null_resource.other: Still destroying... [10s elapsed]",
            "null_resource.slow: Still creating... [10s elapsed]",
            "null_resource.slow: Still creating... [30s elapsed]",
        ])
    }
}
