import Foundation
import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// The store on disk: per account and region, IDs that are ARNs, AWS-format IDs, and many
/// writers at once (threads here; processes in the CLI tests) without corruption or lost rules.
@Suite struct CloudStoreTests {
    @Test func objectsLiveInTheirAccountAndRegion() async throws {
        let a = try CloudHarness(account: "111111111111")
        let b = try CloudHarness(account: "222222222222", sharing: a)
        let west = try CloudHarness(account: "111111111111", region: "us-west-2", sharing: a)
        let vpc = try await a.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        _ = try await west.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        #expect(a.store.list("aws_vpc", account: "111111111111", region: "us-east-1").count == 1)
        #expect(a.store.list("aws_vpc", account: "111111111111", region: nil).count == 2)
        #expect(a.store.list("aws_vpc", account: "222222222222", region: nil).isEmpty)
        #expect(await b.read("aws_vpc", vpc) == nil, "another account cannot see it")
        #expect(await west.read("aws_vpc", vpc) == nil, "another region cannot see it")
        #expect(vpc["arn"] == .string("arn:aws:ec2:us-east-1:111111111111:vpc/\(vpc["id"]!.stringValue!)"))
        #expect(vpc["owner_id"] == .string("111111111111"))
    }

    @Test(arguments: [
        ("aws_vpc", ["cidr_block": str("10.0.0.0/16")], "^vpc-0[0-9a-f]{16}$"),
        ("aws_eip", ["domain": str("vpc")], "^eipalloc-0[0-9a-f]{16}$"),
        ("aws_ecs_cluster", ["name": str("app")], "^arn:aws:ecs:us-east-1:123456789012:cluster/app$"),
        ("aws_ecr_repository", ["name": str("app")], "^app$"),
        ("aws_iam_policy", ["name": str("p"), "policy": str(Fixtures.readPolicy)], "^arn:aws:iam::123456789012:policy/p$"),
    ] as [(String, [String: Value], String)])
    func idsLookLikeAWSs(_ type: String, _ attrs: [String: Value], _ pattern: String) async throws {
        let h = try CloudHarness()
        let v = try await h.make(type, attrs)
        let id = try #require(v["id"]?.stringValue)
        #expect(id.range(of: pattern, options: .regularExpression) != nil, "\(id)")
        // An ID with slashes is stored under an escaped file name and read back intact.
        #expect(h.store.find(id: id, account: "123456789012").map(\.kind) == [type])
    }

    @Test func fileNamesEscapeSlashesAndPercents() {
        for id in ["vpc-0123", "arn:aws:ecs:us-east-1:1:service/c/s", "a%2Fb", "50%"] {
            #expect(CloudStore.id(fromFileName: CloudStore.fileName(id) + ".json") == id)
            #expect(!CloudStore.fileName(id).contains("/"))
        }
    }

    @Test func concurrentCreatesNeverBothWinAConflict() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        // Eight writers, each with its own store (its own lock file descriptor, as separate
        // processes have), race for two overlapping CIDRs and six free ones.
        let cidrs = ["10.0.1.0/24", "10.0.1.0/25", "10.0.1.128/25", "10.0.1.0/26"] + (2..<6).map { "10.0.\($0).0/24" }
        let results = await withTaskGroup(of: Bool.self) { group in
            for cidr in cidrs {
                group.addTask {
                    guard let writer = try? CloudHarness(sharing: h) else { return false }
                    let r = await writer.create("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str(cidr)])
                    return !r.diagnostics.hasErrors
                }
            }
            var out: [Bool] = []
            for await r in group { out.append(r) }
            return out
        }
        let subnets = h.store.list("aws_subnet", account: "123456789012", region: "us-east-1")
        #expect(results.filter { $0 }.count == subnets.count)
        let blocks = subnets.compactMap { $0["cidr_block"]?.stringValue.flatMap(CIDR.init) }
        for (i, a) in blocks.enumerated() { for b in blocks[(i + 1)...] { #expect(!a.overlaps(b), "\(a) overlaps \(b)") } }
        #expect(subnets.count >= 5 && subnets.count <= 6, "the four overlapping CIDRs yield one or two subnets, plus four free ones")
        // Every file is whole JSON, and no temporary file is left behind.
        let dir = h.store.kindDir("123456789012", "us-east-1", "aws_subnet")
        for f in FileSystem.list(dir) {
            #expect(f.hasSuffix(".json"), "leftover \(f)")
            #expect((try? JSONParser.parse(try FileSystem.read("\(dir)/\(f)"))) != nil)
        }
    }

    @Test func concurrentRuleWritersKeepEveryRuleOnce() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let sg = try await h.make("aws_security_group", ["name": str("app"), "vpc_id": vpc.s("id")])
        // Twenty writers add ten distinct rules, each twice: each rule is stored once, the
        // second attempt is a duplicate.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask {
                    guard let writer = try? CloudHarness(sharing: h) else { return false }
                    let port = 8000 + i % 10
                    let r = await writer.create("aws_vpc_security_group_ingress_rule", [
                        "security_group_id": sg.s("id"), "cidr_ipv4": str("10.0.0.0/8"),
                        "from_port": num(port), "to_port": num(port), "ip_protocol": str("tcp"),
                    ])
                    return !r.diagnostics.hasErrors
                }
            }
            var out: [Bool] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(outcomes.filter { $0 }.count == 10)
        let read = try #require(await h.read("aws_security_group", sg))
        #expect(read.items("ingress").count == 10)
    }
}

/// Transactions are all or nothing: a call that fails undoes what it wrote, and a writer that
/// died midway is undone by the next one.
@Suite struct CloudTransactionTests {
    static func object(_ id: String, _ n: Int) -> CloudObject {
        CloudObject(kind: "aws_vpc", id: id, account: "123456789012", region: "us-east-1", attributes: .object([("n", .int(n))]))
    }

    @Test func aTransactionThatThrowsLeavesNothing() throws {
        let dir = TempDirectory()
        let store = try CloudStore(dir: dir.path)
        try store.mutate { tx in try tx.put(Self.object("vpc-1", 1)) }
        #expect(throws: CloudError.self) {
            try store.mutate { tx in
                try tx.put(Self.object("vpc-1", 2))
                try tx.put(Self.object("vpc-2", 1))
                try tx.claimGlobal("s3", "bucket", account: "123456789012", region: "us-east-1", id: "bucket")
                tx.delete(Self.object("vpc-1", 2))
                throw CloudError("InternalError", "failed midway")
            }
        }
        #expect(store.get("aws_vpc", id: "vpc-1", account: "123456789012", region: "us-east-1")?["n"] == .int(1))
        #expect(store.get("aws_vpc", id: "vpc-2", account: "123456789012", region: "us-east-1") == nil)
        #expect(store.globalOwner("s3", "bucket") == nil)
        #expect(!FileSystem.exists(dir.file(".undo")))
    }

    @Test func aDeadWritersHalfTransactionIsRolledBack() throws {
        let dir = TempDirectory()
        let store = try CloudStore(dir: dir.path)
        try store.mutate { tx in try tx.put(Self.object("vpc-1", 1)) }
        // A writer records its undo log and writes, then dies before committing.
        let log = UndoLog(storeDir: dir.path)
        let tx = CloudTransaction(store: store, log: log)
        try tx.claimGlobal("s3", "half", account: "123456789012", region: "us-east-1", id: "half")
        try tx.put(Self.object("vpc-1", 99))
        #expect(FileSystem.exists(dir.file(".undo")))
        // The next store to open it (or the next writer) puts things back.
        let next = try CloudStore(dir: dir.path)
        #expect(next.globalOwner("s3", "half") == nil)
        #expect(next.get("aws_vpc", id: "vpc-1", account: "123456789012", region: "us-east-1")?["n"] == .int(1))
        #expect(!FileSystem.exists(dir.file(".undo")))
    }
}
