import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Route 53 and ACM rules, with their services' errors.
@Suite struct DNSRulesTests {
    static let zone: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        ["zone": try await c.make("aws_route53_zone", ["name": .string("app.test")])["zone_id"]!]
    }

    static func record(_ r: Lifecycle.Refs, _ changes: [String: Value] = [:]) -> [String: Value] {
        var a: [String: Value] = ["zone_id": r["zone"] ?? .string(""), "name": .string("www.app.test"), "type": .string("A"),
                                  "ttl": .number(300), "records": .strings(["192.0.2.10"])]
        for (k, v) in changes { a[k] = v }
        return a
    }

    static let refusals: [Refusal] = [
        Refusal(name: "the reserved example.com", type: "aws_route53_zone",
                attrs: { _ in ["name": .string("example.com")] }, error: "InvalidDomainName: example.com is reserved by AWS!"),
        Refusal(name: "record in a missing zone", type: "aws_route53_record",
                attrs: { _ in record(["zone": .string("Z0000000000000000000")]) }, error: "NoSuchHostedZone: No hosted zone found with ID: Z0000000000000000000"),
        Refusal(name: "record outside its zone", type: "aws_route53_record", setup: zone,
                attrs: { record($0, ["name": .string("www.notapp.test")]) },
                error: "InvalidChangeBatch: [RRSet with DNS name www.notapp.test. is not permitted in zone app.test.]"),
        Refusal(name: "record that exists", type: "aws_route53_record",
                setup: { c in
                    let r = try await zone(c)
                    _ = try await c.make("aws_route53_record", record(r))
                    return r
                },
                attrs: { record($0) },
                error: "InvalidChangeBatch: [Tried to create resource record set [name='www.app.test.', type='A'] but it already exists]"),
        Refusal(name: "CNAME at the apex", type: "aws_route53_record", setup: zone,
                attrs: { record($0, ["name": .string("app.test"), "type": .string("CNAME"), "records": .strings(["elsewhere.test"])]) },
                error: "InvalidChangeBatch: [RRSet of type CNAME with DNS name app.test. is not permitted at apex in zone app.test.]"),
        Refusal(name: "CNAME beside an A record", type: "aws_route53_record",
                setup: { c in
                    let r = try await zone(c)
                    _ = try await c.make("aws_route53_record", record(r))
                    return r
                },
                attrs: { record($0, ["type": .string("CNAME"), "records": .strings(["elsewhere.test"])]) },
                error: "RRSet of type CNAME with DNS name www.app.test. is not permitted as it conflicts with other records with the same DNS name in zone app.test."),
        Refusal(name: "A record that is no address", type: "aws_route53_record", setup: zone,
                attrs: { record($0, ["records": .strings(["300.1.1.1"])]) },
                error: "ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '300.1.1.1'"),
        Refusal(name: "records without a TTL", type: "aws_route53_record", setup: zone,
                attrs: { record($0, ["ttl": .null(.number)]) },
                error: "InvalidInput: Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=www.app.test., Type=A, SetIdentifier=null]"),
        Refusal(name: "weighted record without a set identifier", type: "aws_route53_record", setup: zone,
                attrs: { record($0, ["weighted_routing_policy": .list([.object(["weight": .number(10)])])]) },
                error: "InvalidInput: Invalid request: Missing field 'SetIdentifier'"),
        Refusal(name: "alias to a missing distribution", type: "aws_route53_record", setup: zone,
                attrs: { record($0, ["ttl": .null(.number), "records": .null(.set(.string)),
                                     "alias": .list([.object(["name": .string("d111111abcdef8.cloudfront.net"), "zone_id": .string("Z2FDTNDATAQYW2"), "evaluate_target_health": .bool(false)])])]) },
                error: "Tried to create an alias that targets d111111abcdef8.cloudfront.net., type A in zone Z2FDTNDATAQYW2, but the alias target name does not lie within the target zone"),
        Refusal(name: "certificate for an invalid name", type: "aws_acm_certificate",
                attrs: { _ in ["domain_name": .string("-bad-.test"), "validation_method": .string("DNS")] },
                error: "ValidationException: 1 validation error detected: Value '-bad-.test' at 'domainName' failed to satisfy constraint"),
        Refusal(name: "certificate for eleven names", type: "aws_acm_certificate",
                attrs: { _ in ["domain_name": .string("app.test"), "validation_method": .string("DNS"),
                               "subject_alternative_names": .strings((1...10).map { "s\($0).app.test" })] },
                error: "LimitExceededException"),
    ]

    @Test(arguments: refusals)
    func refused(_ r: Refusal) async throws { try await r.run() }

    static let invalid: [Invalid] = [
        Invalid(type: "aws_route53_record", attrs: ["type": .string("AA")], message: "expected type to be one of"),
        Invalid(type: "aws_route53_record", attrs: ["ttl": .number(60), "alias": .list([.object(["name": .string("x"), "zone_id": .string("Z"), "evaluate_target_health": .bool(true)])])],
                message: "\"alias\": conflicts with ttl"),
        Invalid(type: "aws_acm_certificate", attrs: ["validation_method": .string("HTTP")],
                message: "expected validation_method to be one of [\"DNS\" \"EMAIL\" \"NONE\"], got HTTP"),
    ]

    @Test(arguments: invalid)
    func validation(_ i: Invalid) throws { try i.run() }

    @Test func zonesHoldTheirRecords() async throws {
        let c = try DataCloud()
        let z = try await c.make("aws_route53_zone", ["name": .string("App.Test.")])
        #expect(z["name"] == .string("app.test"))
        let id = try #require(z["zone_id"]?.stringValue)
        #expect(z["arn"] == .string("arn:aws:route53:::hostedzone/\(id)"))
        #expect(z["name_servers"]?.elements?.count == 4)
        let ns = try #require(await c.importID("aws_route53_record", "\(id)_app.test_NS"))
        #expect(ns["records"]?.elements?.count == 4)
        let www = try await c.make("aws_route53_record", Self.record(["zone": .string(id)]))
        #expect(www["id"] == .string("\(id)_www.app.test_A") && www["fqdn"] == .string("www.app.test"))
        // A relative name is expanded within the zone.
        let api = try await c.make("aws_route53_record", Self.record(["zone": .string(id)], ["name": .string("api")]))
        #expect(api["fqdn"] == .string("api.app.test") && api["id"] == .string("\(id)_api_A"))
        #expect(await c.read("aws_route53_record", api) == api)
        #expect(DataCloud.error(await c.delete("aws_route53_zone", z)).contains(
            "HostedZoneNotEmpty: The specified hosted zone contains non-required resource record sets and so cannot be deleted."))
        // Overwriting an existing set needs allow_overwrite.
        let upsert = await c.create("aws_route53_record", Self.record(["zone": .string(id)], ["records": .strings(["192.0.2.99"]), "allow_overwrite": .bool(true)]))
        #expect(upsert.diagnostics.isEmpty, "\(upsert.diagnostics)")
        let forced = try #require(await c.update("aws_route53_zone", prior: z, ["name": .string("app.test"), "force_destroy": .bool(true)]).newState)
        #expect(await c.delete("aws_route53_zone", forced).diagnostics.isEmpty)
        #expect(await c.read("aws_route53_record", www) == nil)
    }

    @Test func aliasesToDistributions() async throws {
        let c = try DataCloud()
        let r = try await Self.zone(c)
        _ = try await c.make("aws_s3_bucket", ["bucket": .string("site-origin")])
        let d = try await c.make("aws_cloudfront_distribution", StorageRulesTests.distribution(["domain": .string("site-origin.s3.amazonaws.com")]))
        let alias = try await c.make("aws_route53_record", Self.record(r, [
            "ttl": .null(.number), "records": .null(.set(.string)),
            "alias": .list([.object(["name": d["domain_name"]!, "zone_id": d["hosted_zone_id"]!, "evaluate_target_health": .bool(false)])])]))
        #expect(alias["fqdn"] == .string("www.app.test"))
    }

    /// ACM lists the domain among the alternative names; configuring only the others plans no
    /// change (the provider's CustomizeDiff adds the domain), and a real change still replaces.
    @Test func alternativeNamesIncludeTheDomain() async throws {
        let c = try DataCloud()
        let config: [String: Value] = ["domain_name": .string("app.test"), "subject_alternative_names": .strings(["*.app.test"]),
                                       "validation_method": .string("DNS")]
        let cert = try await c.make("aws_acm_certificate", config)
        #expect((cert["subject_alternative_names"]?.elements ?? []).compactMap(\.stringValue).sorted() == ["*.app.test", "app.test"])
        let again = c.plan("aws_acm_certificate", prior: cert, config)
        #expect(again.requiresReplace.isEmpty)
        #expect(again.planned["subject_alternative_names"] == cert["subject_alternative_names"])
        #expect(again.planned["options"] == cert["options"])
        var more = config
        more["subject_alternative_names"] = .strings(["*.app.test", "www.other.test"])
        let changed = c.plan("aws_acm_certificate", prior: cert, more)
        #expect(changed.requiresReplace.contains { $0.first == "subject_alternative_names" })
    }

    @Test func certificatesIssueOnceValidated() async throws {
        let c = try DataCloud()
        let r = try await Self.zone(c)
        let cert = try await c.make("aws_acm_certificate", ["domain_name": .string("app.test"), "subject_alternative_names": .strings(["*.app.test"]),
                                                           "validation_method": .string("DNS")])
        #expect(cert["status"] == .string("PENDING_VALIDATION"))
        #expect(cert["arn"]?.stringValue?.hasPrefix("arn:aws:acm:us-east-1:123456789012:certificate/") == true)
        let options = try #require(cert["domain_validation_options"]?.elements)
        #expect(options.count == 2)
        // example.com and *.example.com share one validation record.
        #expect(options[0]["resource_record_name"] == options[1]["resource_record_name"])
        let o = options[0]
        #expect(o["resource_record_value"]?.stringValue?.hasSuffix(".acm-validations.aws.") == true)
        #expect(await c.read("aws_acm_certificate", cert)?["status"] == .string("PENDING_VALIDATION"))
        _ = try await c.make("aws_route53_record", Self.record(r, ["name": o["resource_record_name"]!, "type": .string("CNAME"),
                                                                  "ttl": .number(60), "records": .list([o["resource_record_value"]!], element: .string)]))
        let issued = try #require(await c.read("aws_acm_certificate", cert))
        #expect(issued["status"] == .string("ISSUED"))
        #expect(issued["not_after"]?.stringValue?.isEmpty == false)
        // Another certificate for the same domain asks for the same record.
        let again = try await c.make("aws_acm_certificate", ["domain_name": .string("app.test"), "validation_method": .string("DNS")])
        #expect(again["domain_validation_options"]?.elements?.first?["resource_record_name"] == o["resource_record_name"])
        let email = try await c.make("aws_acm_certificate", ["domain_name": .string("mail.app.test"), "validation_method": .string("EMAIL")])
        #expect(email["validation_emails"]?.elements?.contains(.string("admin@mail.app.test")) == true)
    }
}
