import Testing
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState
import TerraceTestSupport

/// Engine tests build modules inline and use the recording mock provider.
@Suite struct EngineTests {
    final class Harness: @unchecked Sendable {
        let dir = TempDirectory()
        let mock = MockProvider()
        var state = State()

        func inputs(_ config: String, vars: [String: Value] = [:]) throws -> EngineInputs {
            dir.write("main.tf", config)
            let (c, d) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
            guard !d.hasErrors else { throw DiagnosticsError(d) }
            var r = ProviderRegistry.builtins()
            let m = mock
            r.register("mock", source: "registry.terraform.io/test/mock", version: "1.0.0") { m }
            return EngineInputs(config: c, rootDir: dir.path, variables: vars, registry: r)
        }

        func plan(_ config: String, _ options: PlanOptions = PlanOptions()) async throws -> Plan {
            await Planner(inputs: try inputs(config), state: state, options: options).plan()
        }

        func apply(_ config: String, _ options: PlanOptions = PlanOptions()) async throws -> ApplyResult {
            let p = try await plan(config, options)
            guard !p.errored else { throw DiagnosticsError(p.diagnostics) }
            let r = await Applier(inputs: try inputs(config), plan: p, journal: nil).apply()
            state = r.state
            return r
        }
    }

    func actions(_ p: Plan) -> [String: ChangeAction] {
        Dictionary(uniqueKeysWithValues: p.changes.map { ($0.addr.description, $0.action) })
    }

    @Test func createsInDependencyOrderThenNoChanges() async throws {
        let h = Harness()
        let config = """
        resource "mock_thing" "b" { name = "b-${mock_thing.a.id}" }
        resource "mock_thing" "a" { name = "a" }
        """
        let p = try await h.plan(config)
        #expect(actions(p) == ["mock_thing.a": .create, "mock_thing.b": .create])
        #expect(p.changes.first { $0.addr.description == "mock_thing.b" }?.after?["name"]?.isKnown == false)
        let r = try await h.apply(config)
        #expect(r.diagnostics.isEmpty)
        #expect(h.mock.calls.prefix(2) == [.create("a"), .create("b-mock-1")])
        let again = try await h.plan(config)
        #expect(!again.hasChanges)
        #expect(h.state.instance(AbsResourceInstance(AbsResource(.root, ResourceAddr(.managed, "mock_thing", "b")), .none))?.dependencies == ["mock_thing.a"])
    }

    @Test func updateReplaceAndDelete() async throws {
        let h = Harness()
        _ = try await h.apply("""
        resource "mock_thing" "u" {
          name = "u"
          size = 1
        }
        resource "mock_thing" "r" { name = "r" }
        resource "mock_thing" "d" { name = "d" }
        """)
        let p = try await h.plan("""
        resource "mock_thing" "u" {
          name = "u"
          size = 2
        }
        resource "mock_thing" "r" { name = "r2" }
        """)
        #expect(actions(p) == ["mock_thing.u": .update, "mock_thing.r": .deleteThenCreate, "mock_thing.d": .delete])
        #expect(p.changes.first { $0.action == .deleteThenCreate }?.requiresReplace == [["name"]])
        #expect(p.changes.first { $0.action == .delete }?.reason == .deleteBecauseNoResourceConfig)
        #expect(p.counts.add == 1 && p.counts.change == 1 && p.counts.destroy == 2)
    }

    @Test func countAndForEachExpandAndShrink() async throws {
        let h = Harness()
        _ = try await h.apply("""
        resource "mock_thing" "c" {
          count = 3
          name  = "c${count.index}"
        }
        resource "mock_thing" "e" {
          for_each = toset(["x", "y"])
          name     = each.key
        }
        """)
        #expect(h.state.instanceAddresses.count == 5)
        let p = try await h.plan("""
        resource "mock_thing" "c" {
          count = 2
          name  = "c${count.index}"
        }
        resource "mock_thing" "e" {
          for_each = toset(["x"])
          name     = each.key
        }
        """)
        let deletes = p.changes.filter { $0.action == .delete }
        #expect(deletes.map(\.addr.description) == ["mock_thing.c[2]", "mock_thing.e[\"y\"]"])
        #expect(deletes.map(\.reason) == [.deleteBecauseCountIndex, .deleteBecauseEachKey])
    }

    @Test func destroyRunsInReverseDependencyOrder() async throws {
        let h = Harness()
        let config = """
        resource "mock_thing" "a" { name = "a" }
        resource "mock_thing" "b" { name = "b-${mock_thing.a.id}" }
        resource "mock_thing" "c" { name = "c-${mock_thing.b.id}" }
        """
        _ = try await h.apply(config)
        var o = PlanOptions()
        o.mode = .destroy
        let before = h.mock.calls.count
        _ = try await h.apply(config, o)
        let deletes = h.mock.calls[before...].filter { if case .delete = $0 { return true }; return false }
        #expect(deletes == [.delete("c-mock-2"), .delete("b-mock-1"), .delete("a")])
        #expect(h.state.isEmpty)
    }

    @Test func failureKeepsIndependentBranchesAndRecordsWhatWasDone() async throws {
        let h = Harness()
        h.mock.failCreate = ["bad"]
        let p = try await h.plan("""
        resource "mock_thing" "bad" { name = "bad" }
        resource "mock_thing" "after" { name = "x-${mock_thing.bad.id}" }
        resource "mock_thing" "ok" { name = "ok" }
        """)
        let r = await Applier(inputs: try h.inputs("""
        resource "mock_thing" "bad" { name = "bad" }
        resource "mock_thing" "after" { name = "x-${mock_thing.bad.id}" }
        resource "mock_thing" "ok" { name = "ok" }
        """), plan: p, journal: nil).apply()
        #expect(r.diagnostics.hasErrors)
        #expect(r.state.instanceAddresses.map(\.description) == ["mock_thing.ok"])
        #expect(!h.mock.calls.contains(.create("x-")))
    }

    @Test func preventDestroyIsAnError() async throws {
        let h = Harness()
        _ = try await h.apply("resource \"mock_thing\" \"p\" {\n name = \"p\"\n lifecycle { prevent_destroy = true }\n}\n")
        let p = try await h.plan("resource \"mock_thing\" \"p\" {\n name = \"q\"\n lifecycle { prevent_destroy = true }\n}\n")
        #expect(p.errored)
        #expect(p.diagnostics.errors.first?.summary == "Instance cannot be destroyed")
    }

    @Test func driftIsDetected() async throws {
        let h = Harness()
        _ = try await h.apply("resource \"mock_thing\" \"a\" {\n name = \"a\"\n size = 1\n}\n")
        let id = h.state.instanceAddresses.first.flatMap { h.state.instance($0)?.id } ?? ""
        h.mock.objects[id] = .object(["id": .string(id), "name": .string("a"), "size": .number(5), "secret": .null(.string), "tags": .null(.map(.string))])
        let p = try await h.plan("resource \"mock_thing\" \"a\" {\n name = \"a\"\n size = 1\n}\n")
        #expect(p.drift.count == 1)
        #expect(actions(p)["mock_thing.a"] == .update)
        h.mock.objects[id] = nil
        let gone = try await h.plan("resource \"mock_thing\" \"a\" {\n name = \"a\"\n size = 1\n}\n")
        #expect(actions(gone)["mock_thing.a"] == .create)
    }

    @Test func modulesWithCountAndOutputs() async throws {
        let h = Harness()
        h.dir.write("mod/main.tf", """
        variable "n" { type = string }
        resource "mock_thing" "m" { name = var.n }
        output "id" { value = mock_thing.m.id }
        """)
        let r = try await h.apply("""
        module "m" {
          source = "./mod"
          count  = 2
          n      = "m${count.index}"
        }
        output "ids" { value = module.m[*].id }
        """)
        #expect(r.diagnostics.isEmpty)
        #expect(h.state.instanceAddresses.map(\.description) == ["module.m[0].mock_thing.m", "module.m[1].mock_thing.m"])
        #expect(h.state.outputs["ids"]?.value.arrayValue?.count == 2)
    }

    @Test func dependencyCycleIsReported() async throws {
        let h = Harness()
        let p = try await h.plan("""
        resource "mock_thing" "a" { name = mock_thing.b.id }
        resource "mock_thing" "b" { name = mock_thing.a.id }
        """)
        #expect(p.errored)
        // Terraform's form: every node of the cycle in the summary.
        #expect(p.diagnostics.errors.first?.summary == "Cycle: mock_thing.a, mock_thing.b")
    }

    @Test func createBeforeDestroyCreatesFirstAndLeavesNoDeposedObject() async throws {
        let h = Harness()
        let v1 = "resource \"mock_thing\" \"c\" {\n name = \"one\"\n lifecycle { create_before_destroy = true }\n}\n"
        _ = try await h.apply(v1)
        let p = try await h.plan(v1.replacingOccurrences(of: "one", with: "two"))
        #expect(actions(p)["mock_thing.c"] == .createThenDelete)
        let before = h.mock.calls.count
        let r = try await h.apply(v1.replacingOccurrences(of: "one", with: "two"))
        #expect(r.diagnostics.isEmpty)
        #expect(Array(h.mock.calls[before...]).filter { if case .read = $0 { return false }; return true } == [.create("two"), .delete("one")])
        #expect(h.state.deposedObjects.isEmpty)
        #expect(h.state.instanceAddresses.count == 1)
    }

    @Test func deposedObjectsLeftByAnInterruptedRunAreDestroyed() async throws {
        let h = Harness()
        let config = "resource \"mock_thing\" \"c\" { name = \"new\" }\n"
        _ = try await h.apply(config)
        // An old object left deposed, as a kill between create and destroy would leave it.
        let addr = try #require(h.state.instanceAddresses.first)
        var old = try #require(h.state.instance(addr))
        old.attributes = .object([("id", .string("mock-old")), ("name", .string("old")), ("secret", .null), ("size", .null), ("tags", .null)])
        h.mock.objects["mock-old"] = .object(["id": .string("mock-old"), "name": .string("old"), "secret": .null(.string), "size": .null(.number), "tags": .null(.map(.string))])
        h.state.setDeposed(addr, key: "00c0ffee", old, provider: h.state.resources[addr.resource]!.provider)
        let bytes = StateFile.bytes(h.state)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"deposed\": \"00c0ffee\""))
        #expect(try StateFile.decode(bytes, path: "s") == h.state)
        let p = try await h.plan(config)
        let change = try #require(p.changes.first { $0.deposedKey == "00c0ffee" })
        #expect(change.action == .delete)
        #expect(PlanRenderer().header(change) == "mock_thing.c (deposed object 00c0ffee) will be destroyed")
        _ = try await h.apply(config)
        #expect(h.state.deposedObjects.isEmpty)
        #expect(h.mock.calls.contains(.delete("old")))
        #expect(h.state.instanceAddresses.count == 1)
    }

    @Test func replaceTriggeredByReplacesWhenTheReferenceChanges() async throws {
        let h = Harness()
        func config(_ size: Int, _ name: String = "src") -> String {
            """
            resource "mock_thing" "src" {
              name = "\(name)"
              size = \(size)
            }
            resource "mock_thing" "dst" {
              name = "dst"
              lifecycle {
                replace_triggered_by = [mock_thing.src.size]
              }
            }
            """
        }
        _ = try await h.apply(config(1))
        #expect(actions(try await h.plan(config(1)))["mock_thing.dst"] == .noop)
        let p = try await h.plan(config(2))
        #expect(actions(p)["mock_thing.src"] == .update)
        #expect(actions(p)["mock_thing.dst"] == .deleteThenCreate)
        #expect(p.changes.first { $0.addr.description == "mock_thing.dst" }?.reason == .replaceByTriggers)
    }

    @Test func ignoreChangesKeepsTheRemoteValue() async throws {
        let h = Harness()
        let base = "resource \"mock_thing\" \"i\" {\n name = \"i\"\n size = SIZE\n lifecycle { ignore_changes = [size] }\n}\n"
        _ = try await h.apply(base.replacingOccurrences(of: "SIZE", with: "1"))
        #expect(actions(try await h.plan(base.replacingOccurrences(of: "SIZE", with: "5")))["mock_thing.i"] == .noop)
    }

    @Test func targetLimitsThePlanToTheTargetAndItsDependencies() async throws {
        let h = Harness()
        var o = PlanOptions()
        o.targets = ["mock_thing.b"]
        let p = try await h.plan("""
        resource "mock_thing" "a" { name = "a" }
        resource "mock_thing" "b" { name = "b-${mock_thing.a.id}" }
        resource "mock_thing" "c" { name = "c" }
        """, o)
        #expect(Set(p.changes.map(\.addr.description)) == ["mock_thing.a", "mock_thing.b"])
    }

    @Test func dataSourcesReadDuringPlanOrDeferredUntilApply() async throws {
        let h = Harness()
        let config = """
        data "mock_data" "now" { input = "x" }
        resource "mock_thing" "a" { name = data.mock_data.now.result }
        resource "mock_thing" "b" { name = "b" }
        data "mock_data" "later" { input = mock_thing.b.id }
        resource "mock_thing" "c" { name = data.mock_data.later.result }
        """
        let p = try await h.plan(config)
        #expect(p.changes.first { $0.addr.description == "mock_thing.a" }?.after?["name"] == .string("read:x"))
        #expect(actions(p)["data.mock_data.later"] == .read)
        let r = try await h.apply(config)
        #expect(r.diagnostics.isEmpty)
        #expect(h.mock.calls.contains(.create("read:mock-2")) || h.mock.calls.contains(.create("read:mock-1")))
    }
}
