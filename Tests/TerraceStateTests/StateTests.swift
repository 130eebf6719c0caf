import Foundation
import Testing
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceState
import TerraceTestSupport

@Suite struct StateTests {
    func sample() -> State {
        var s = State(lineage: "e5adcb9e-655a-0e3a-c2b2-58756c489db3", serial: 3)
        let a = AbsResource(.root, ResourceAddr(.managed, "null_resource", "a"))
        s.setInstance(a.instance(.none), InstanceObject(attributes: .object([("id", .string("1")), ("triggers", .null)])),
                      provider: "provider[\"registry.terraform.io/hashicorp/null\"]", eachMode: .none)
        let b = AbsResource(ModuleInstance.root.child("m", .int(0)), ResourceAddr(.managed, "null_resource", "b"))
        s.setInstance(b.instance(.string("k")), InstanceObject(attributes: .object([("id", .string("2"))]), dependencies: ["null_resource.a"]),
                      provider: "provider[\"registry.terraform.io/hashicorp/null\"]", eachMode: .map)
        s.outputs["o"] = OutputState(value: .string("1"), type: .string("string"), sensitive: false)
        return s
    }

    @Test func roundTripsThroughFormatVersion4() throws {
        let s = sample()
        let bytes = StateFile.bytes(s)
        let back = try StateFile.decode(bytes, path: "x")
        #expect(back == s)
        #expect(StateFile.bytes(back) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"version\": 4,\n  \"terraform_version\": \"1.0.3\",\n  \"serial\": 3,"))
        #expect(text.contains("\"module\": \"module.m[0]\""))
        #expect(text.contains("\"each\": \"map\""))
        #expect(text.contains("\"index_key\": \"k\""))
    }

    /// The file written in parallel runs is the document `encode` describes, byte for byte:
    /// resources sorted by module then address across run boundaries, deposed objects, check
    /// results, and the empty cases.
    @Test func bytesAreThePrettyEncodingSplitOrNot() throws {
        let null = "provider[\"registry.terraform.io/hashicorp/null\"]"
        var s = sample()
        for m in stride(from: 40, through: 0, by: -1) {
            let mi = ModuleInstance.root.child("m", .string("k\(m)"))
            for r in 0..<30 {
                let addr = AbsResource(m % 7 == 0 ? .root : mi, ResourceAddr(.managed, "null_resource", "r\(r)_\(m)"))
                s.setInstance(addr.instance(.int(r % 3)), InstanceObject(attributes: .object([("id", .string("<\(m)-\(r)>"))])),
                              provider: null, eachMode: .list)
            }
        }
        let d = AbsResource(.root, ResourceAddr(.managed, "null_resource", "d")).instance(.none)
        s.setInstance(d, InstanceObject(attributes: .object([("id", .string("cur"))])), provider: null, eachMode: .none)
        s.resources[d.resource]?.deposed[.none] = ["00000001": InstanceObject(attributes: .object([("id", .string("old"))]))]
        s.checkResults = .array([.object([("object_kind", .string("resource"))])])
        #expect(s.resources.count > 1_000)
        func expected(_ s: State) -> [UInt8] { JSONWriter.prettyBytes(StateFile.encode(s)) + [0x0A] }
        #expect(StateFile.bytes(s) == expected(s))
        #expect(try StateFile.decode(StateFile.bytes(s), path: "x") == s)
        #expect(StateFile.bytes(State(lineage: "l", serial: 1)) == expected(State(lineage: "l", serial: 1)))
        #expect(StateFile.bytes(sample()) == expected(sample()))
    }

    /// A state file Terraform 1.0.3 wrote (null provider) is read as is.
    @Test func readsTerraformWrittenState() throws {
        let text = """
        {
          "version": 4,
          "terraform_version": "1.0.3",
          "serial": 3,
          "lineage": "e5adcb9e-655a-0e3a-c2b2-58756c489db3",
          "outputs": {"o": {"value": "989415039068503385", "type": "string"}},
          "resources": [
            {"mode": "managed", "type": "null_resource", "name": "a",
             "provider": "provider[\\"registry.terraform.io/hashicorp/null\\"]",
             "instances": [{"schema_version": 0, "attributes": {"id": "989415039068503385", "triggers": {"x": "1"}},
                            "sensitive_attributes": [], "private": "bnVsbA=="}]}
          ]
        }
        """
        let s = try StateFile.decode(Array(text.utf8), path: "terraform.tfstate")
        #expect(s.instanceAddresses.map(\.description) == ["null_resource.a"])
        #expect(s.instanceAddresses.first.flatMap { s.instance($0)?.privateData } == "bnVsbA==")
    }

    @Test(arguments: [
        ("not json", "Failed to load state"),
        ("[]", "Failed to load state"),
        (#"{"version": 5, "lineage": "x", "serial": 1}"#, "State file version unsupported"),
        (#"{"version": 3}"#, "State file version unsupported"),
        (#"{"version": 4, "serial": 1}"#, "Failed to load state"),
    ])
    func rejectsBadStateClearly(_ text: String, _ summary: String) {
        #expect {
            try StateFile.decode(Array(text.utf8), path: "s")
        } throws: { ($0 as? StateFile.Failure)?.summary == summary }
    }

    @Test func storeBumpsSerialOnlyOnChangeAndBacksUp() throws {
        let dir = TempDirectory()
        let store = StateStore(path: dir.file("terrace.tfstate"))
        var s = sample()
        s.serial = 0
        try store.write(&s)
        #expect(s.serial == 1)
        try store.write(&s)
        #expect(s.serial == 1)
        s.outputs["o2"] = OutputState(value: .bool(true), type: .string("bool"), sensitive: false)
        let second = StateStore(path: dir.file("terrace.tfstate"))
        _ = try second.load()
        try second.write(&s)
        #expect(s.serial == 2)
        #expect(FileSystem.exists(dir.file("terrace.tfstate.backup")))
        #expect(try StateFile.decode(FileSystem.read(dir.file("terrace.tfstate.backup")), path: "b").serial == 1)
    }

    /// A zero-length file is no state, as in Terraform; one byte of anything else is not a state
    /// and is refused.
    @Test func anEmptyFileIsNoStateButWhitespaceIsRefused() throws {
        let dir = TempDirectory()
        dir.write("terrace.tfstate", "")
        let store = StateStore(path: dir.file("terrace.tfstate"))
        #expect(try store.load() == nil)
        var s = sample()
        try store.write(&s)
        #expect(try StateFile.decode(FileSystem.read(dir.file("terrace.tfstate")), path: "s").lineage == s.lineage)
        dir.write("other.tfstate", " ")
        #expect(throws: StateFile.Failure.self) { try StateStore(path: dir.file("other.tfstate")).load() }
    }

    @Test func lockBlocksASecondHolderAndReportsIt() throws {
        let dir = TempDirectory()
        let a = StateLock(statePath: dir.file("terrace.tfstate"))
        let b = StateLock(statePath: dir.file("terrace.tfstate"))
        let info = try a.acquire(operation: "OperationTypeApply")
        #expect(throws: StateLock.Failure.self) { try b.acquire(operation: "OperationTypePlan") }
        do { _ = try b.acquire(operation: "OperationTypePlan") } catch {
            if case .held(let holder) = error { #expect(holder.id == info.id && holder.pid == getpid()) }
        }
        a.release()
        _ = try b.acquire(operation: "OperationTypePlan")
        b.release()
        #expect(!FileSystem.exists(a.lockPath))
    }

    @Test func forceUnlockReleasesALiveHolder() throws {
        let dir = TempDirectory()
        let a = StateLock(statePath: dir.file("s")), b = StateLock(statePath: dir.file("s"))
        let info = try a.acquire(operation: "OperationTypeApply")
        #expect(throws: StateLock.Failure.self) { try b.forceUnlock(id: "wrong") }
        try b.forceUnlock(id: info.id)
        _ = try b.acquire(operation: "OperationTypePlan")
        a.release()  // must not remove b's lock
        #expect(FileSystem.exists(b.lockPath))
    }

    @Test func journalReplaysDoneAndReportsPendingIntents() async throws {
        let dir = TempDirectory()
        let path = dir.file("terrace.tfstate.journal")
        let j = try StateJournal(path: path, lineage: "L", serial: 1)
        let s1 = try await j.intent(addr: "aws_vpc.a", action: "create", resourceType: "aws_vpc", provider: "p", token: "t1", prior: nil)
        try await j.done(seq: s1, addr: "aws_vpc.a", provider: "p", each: .none, object: InstanceObject(attributes: .object([("id", .string("vpc-1"))])))
        _ = try await j.intent(addr: "aws_vpc.b", action: "create", resourceType: "aws_vpc", provider: "p", token: "t2", prior: nil)
        // A torn final line, as a kill mid-write leaves.
        let f = try AppendFile(path: path)
        try f.append(Array("{\"op\":\"done\",\"seq\":2,\"ad".utf8))
        let r = try #require(StateJournal.read(path))
        #expect(r.lineage == "L")
        #expect(r.done.map(\.addr) == ["aws_vpc.a"])
        #expect(r.pending.map(\.token) == ["t2"])
    }
}
