import Foundation
import Testing
import TerraceBasics

@Suite struct PhaseTimesTests {
    /// `TERRACE_TIMINGS` turns measuring on (not when empty or 0); a measured phase is
    /// reported with its wall-clock and CPU time, nested phases each on their own line.
    @Test func measuresPhasesWhenAsked() async {
        #expect(!PhaseTimes.enable(environment: [:]))
        #expect(!PhaseTimes.enable(environment: ["TERRACE_TIMINGS": "0"]))
        #expect(PhaseTimes.enable(environment: ["TERRACE_TIMINGS": "1"]))
        let value = PhaseTimes.measure("test outer") {
            PhaseTimes.measure("test inner") { () -> Int in
                var x = 0
                for i in 0..<2_000_000 { x &+= i & 7 }
                return x
            }
        }
        #expect(value == 7_000_000)
        await PhaseTimes.measure("test sleep") { try? await Task.sleep(nanoseconds: 20_000_000) }
        let entries = PhaseTimes.measured
        let inner = entries.first { $0.name == "test inner" }, outer = entries.first { $0.name == "test outer" }
        let sleep = entries.first { $0.name == "test sleep" }
        #expect(inner != nil && outer != nil && sleep != nil)
        if let inner, let outer, let sleep {
            #expect(inner.cpuSeconds > 0)
            #expect(outer.seconds >= inner.seconds)
            #expect(sleep.seconds >= 0.019)
        }
        #expect(PhaseTimes.report().contains("terrace: phase test inner "))
        #expect(PhaseTimes.report().contains(" s (CPU "))
    }
}
