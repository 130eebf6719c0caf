import Testing
import TerraceBasics
import TerraceLang

/// The console's line handling around evaluation.
@Suite struct ConsoleSessionTests {
    let session = ConsoleSession(context: EvalContext(variables: ["x": .number(1)], functions: Builtins.table()))

    @Test func blankExitAndHelp() {
        #expect(session.handle("   ") == .nothing)
        #expect(session.handle("exit") == .exit)
        #expect(session.handle("  exit ") == .exit)
        guard case .output(let help) = session.handle("help") else { Issue.record("no help"); return }
        #expect(help.hasPrefix("The Terraform console allows you to experiment"))
    }

    @Test func failuresAreSortedAsTerraformPrintsThem() {
        guard case .failure(let d) = session.handle("[upper([]), lower({})]") else { Issue.record("expected failure"); return }
        #expect(d.errors.count == 2)
        #expect(d.errors[0].subject!.start.byte < d.errors[1].subject!.start.byte)
        #expect(d.errors.allSatisfy { $0.subject?.filename == ConsoleSession.inputName })
    }

    @Test func valuesAreFormattedForTheConsole() {
        #expect(session.handle("x + 1") == .output("2"))
        #expect(session.handle("tolist([])") == .output("tolist([])"))
    }
}
