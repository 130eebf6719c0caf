import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_acm_certificate`: an Amazon-issued certificate waits in `PENDING_VALIDATION` until
/// its DNS validation records exist in a Route 53 zone of the account, then reads as
/// `ISSUED`; it cannot be deleted while CloudFront or a load balancer listener uses it.
public struct ACMCertificateResource: StoredResource {
    public static let typeName = "aws_acm_certificate"
    public let serviceName = "ACM Certificate"
    public init() {}

    static let validationType = ValueType.object(["domain_name": .string, "resource_record_name": .string,
                                                  "resource_record_type": .string, "resource_record_value": .string])
    static let renewalType = ValueType.object(["renewal_status": .string, "renewal_status_reason": .string, "updated_at": .string])
    static let optionsBlock = NestedBlock(.list, SchemaBlock(attributes: [
        "certificate_transparency_logging_preference": .optional(.string, forceNew: true, default: .string("ENABLED")),
    ]), maxItems: 1)
    static let validationOptionBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "domain_name": .required(.string, forceNew: true), "validation_domain": .required(.string, forceNew: true),
    ]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "certificate_authority_arn": .optional(.string, forceNew: true),
        "certificate_body": .optional(.string),
        "certificate_chain": .optional(.string),
        "domain_name": .optionalComputed(.string, forceNew: true),
        "domain_validation_options": .computed(.set(validationType)),
        "early_renewal_duration": .optional(.string),
        "key_algorithm": .optionalComputed(.string, forceNew: true),
        "not_after": .computed(.string),
        "not_before": .computed(.string),
        "pending_renewal": .computed(.bool),
        "private_key": .optional(.string, sensitive: true),
        "renewal_eligibility": .computed(.string),
        "renewal_summary": .computed(.list(renewalType)),
        "status": .computed(.string),
        "subject_alternative_names": .optionalComputed(.set(.string), forceNew: true),
        "type": .computed(.string),
        "validation_emails": .computed(.list(.string)),
        "validation_method": .optionalComputed(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: ["options": optionsBlock, "validation_option": validationOptionBlock]))

    static let domainPattern = "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$"
    static let keyAlgorithms = ["RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.oneOf("validation_method", ["DNS", "EMAIL", "NONE"])
        v.oneOf("key_algorithm", Self.keyAlgorithms)
        v.length("domain_name", 1...253)
        v.doesNotMatch("domain_name", "\\.$", "cannot end with a period")
        v.conflicts("domain_name", "private_key")
        v.conflicts("certificate_authority_arn", "validation_method")
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(Self.domainAmongNames(req), keeping: ["options"], context: context)
        guard var attrs = r.planned.attributes else { return r }
        if let prior = req.prior, !prior.isNull, r.requiresReplace.isEmpty {
            // An existing certificate keeps what it has.
        } else if attrs["validation_method"]?.stringValue == "DNS", let domain = attrs["domain_name"]?.stringValue,
                  let sans = attrs["subject_alternative_names"], sans.isWhollyKnown || sans.isUnknown {
            // As the provider's CustomizeDiff does: the domains to validate are known at plan
            // time, so `for_each` over them works; the records come with the certificate.
            let names = Set([domain] + (sans.elements ?? []).compactMap(\.stringValue))
            let options: [Value] = names.sorted().map {
                .object(["domain_name": .string($0), "resource_record_name": .unknown(.string),
                         "resource_record_type": .unknown(.string), "resource_record_value": .unknown(.string)])
            }
            attrs["domain_validation_options"] = Value(.set(Value.canonicalSet(options), element: Self.validationType))
            if sans.isUnknown { attrs["subject_alternative_names"] = Build.stringSet(Array(names)) }
        }
        r.planned = .object(attrs)
        return r
    }

    /// ACM lists a certificate's own domain among its alternative names, and the provider's
    /// CustomizeDiff adds it to configured names the same way, so configuring only the other
    /// names (`["*.example.com"]`) plans no change against what ACM returns.
    static func domainAmongNames(_ req: PlanRequest) -> PlanRequest {
        guard var config = req.config.attributes, let domain = config["domain_name"]?.stringValue, !domain.isEmpty,
              let sans = config["subject_alternative_names"], !sans.isNull, sans.isWhollyKnown, let names = sans.elements,
              !names.contains(where: { $0.stringValue == domain }) else { return req }
        config["subject_alternative_names"] = Build.stringSet(names.compactMap(\.stringValue) + [domain])
        return PlanRequest(typeName: req.typeName, prior: req.prior, config: Value(.object(config), sensitive: req.config.sensitive))
    }

    /// Whether a certificate name (possibly a wildcard) covers a host name.
    public static func covers(_ name: String, _ host: String) -> Bool {
        let n = name.lowercased(), h = host.lowercased()
        if n == h { return true }
        guard n.hasPrefix("*.") else { return false }
        let suffix = String(n.dropFirst(1))
        guard h.hasSuffix(suffix) else { return false }
        return !h.dropLast(suffix.count).contains(".") && h.count > suffix.count
    }

    /// The DNS record ACM asks for to validate a domain: the same for a domain in an account,
    /// whichever certificate asks, and shared by `example.com` and `*.example.com`.
    static func validationRecord(_ domain: String, _ context: AWSContext) -> (name: String, value: String) {
        let base = domain.hasPrefix("*.") ? String(domain.dropFirst(2)) : domain
        var c = context
        c.region = "global"
        let name = RegionCodes.endpointToken(c, length: 32, salt: "acm-name/\(base.lowercased())", alphabet: "0123456789abcdef")
        let value = RegionCodes.endpointToken(c, length: 32, salt: "acm-value/\(base.lowercased())", alphabet: "0123456789abcdef")
        let token = RegionCodes.endpointToken(c, length: 10, salt: "acm-zone/\(base.lowercased())", alphabet: "abcdefghijklmnopqrstuvwxyz")
        return ("_\(name).\(base.lowercased()).", "_\(value).\(token).acm-validations.aws.")
    }

    static func check(_ f: Fields) throws {
        let names = [f.string("domain_name")].compactMap { $0 } + f.strings("subject_alternative_names")
        for n in names where n.count > 253 || !Validation.matches(n, domainPattern) {
            throw CloudError("ValidationException", "1 validation error detected: Value '\(n)' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(domainPattern)")
        }
        for n in names where (n.split(separator: ".").first?.count ?? 0) > 64 {
            throw CloudError("InvalidDomainValidationOptionsException", "The first domain name can't exceed 64 octets: \(n)")
        }
        if Set(names.map { $0.lowercased() }).count > 10 {
            throw CloudError("LimitExceededException", "Cannot request a certificate for more than 10 domain names.")
        }
        if let alg = f.nonEmpty("key_algorithm"), !["RSA_2048", "EC_prime256v1", "EC_secp384r1"].contains(alg), f.nonEmpty("certificate_authority_arn") == nil {
            throw CloudError("ValidationException", "The key algorithm \(alg) is not supported for public certificates.")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let imported = f.nonEmpty("certificate_body") != nil || f.nonEmpty("private_key") != nil
        if imported {
            guard let body = f.nonEmpty("certificate_body"), body.contains("-----BEGIN CERTIFICATE-----"),
                  let key = f.nonEmpty("private_key"), key.contains("PRIVATE KEY-----") else {
                throw CloudError("ValidationException", "The certificate field contains more than one certificate or is not PEM encoded, or the private key is missing.")
            }
        } else {
            guard f.nonEmpty("domain_name") != nil else {
                throw CloudError("ValidationException", "1 validation error detected: Value null at 'domainName' failed to satisfy constraint: Member must not be null")
            }
            try Self.check(f)
        }
        return try creating(token, context) { tx in
            let arn = context.arn("acm", "certificate/\(DataIDs.uuid())")
            let domain = f.nonEmpty("domain_name") ?? ""
            var sans = f.strings("subject_alternative_names")
            if !imported && !sans.contains(domain) { sans.insert(domain, at: 0) }
            let privateCA = f.nonEmpty("certificate_authority_arn") != nil
            let method = imported || privateCA ? "NONE" : (f.nonEmpty("validation_method") ?? "EMAIL")
            var dvo: [Value] = []
            if method == "DNS" {
                for n in Array(Set(sans)).sorted() {
                    let r = Self.validationRecord(n, context)
                    dvo.append(.object(["domain_name": .string(n), "resource_record_name": .string(r.name),
                                        "resource_record_type": .string("CNAME"), "resource_record_value": .string(r.value)]))
                }
            }
            let emails = method == "EMAIL"
                ? ["admin", "administrator", "hostmaster", "postmaster", "webmaster"].map { "\($0)@\(domain.hasPrefix("*.") ? String(domain.dropFirst(2)) : domain)" }
                : []
            let issued = imported || privateCA
            let v = filled(planned, [
                "id": .string(arn), "arn": .string(arn), "domain_name": .string(domain),
                "subject_alternative_names": Build.stringSet(sans), "validation_method": .string(method),
                "key_algorithm": .string(f.nonEmpty("key_algorithm") ?? "RSA_2048"),
                "domain_validation_options": Value(.set(Value.canonicalSet(dvo), element: Self.validationType)),
                "validation_emails": Build.stringList(emails),
                "status": .string(issued ? "ISSUED" : "PENDING_VALIDATION"),
                "type": .string(imported ? "IMPORTED" : privateCA ? "PRIVATE" : "AMAZON_ISSUED"),
                "not_before": .string(issued ? DataIDs.timestamp() : ""), "not_after": .string(issued ? DataIDs.timestamp(395 * 86400) : ""),
                "renewal_eligibility": .string(issued && !imported ? "ELIGIBLE" : "INELIGIBLE"),
                "renewal_summary": Value(.list([], element: Self.renewalType)), "pending_renewal": .bool(false),
                "tags_all": tagsAll(planned, context),
            ])
            // The plan may know which domains are validated but not the records: fill them in.
            // AWS lists the domain name among the SANs, and the provider (v5) reads them as they are.
            var withOptions = Build.with(v, ["domain_validation_options": Value(.set(Value.canonicalSet(dvo), element: Self.validationType)),
                                             "subject_alternative_names": Build.stringSet(sans)])
            if Fields(v).blocks("options").isEmpty {
                withOptions = Build.with(withOptions, ["options": Build.blocks(Self.optionsBlock, [["certificate_transparency_logging_preference": .string("ENABLED")]])])
            }
            return try save(withOptions, id: arn, token: token, tx: tx, context: context)
        }
    }

    /// Whether every validation record is published in a Route 53 zone of the account.
    static func validated(_ v: Value, _ tx: CloudTransaction, _ context: AWSContext) -> Bool {
        let options = Fields(v).blocks("domain_validation_options")
        guard !options.isEmpty else { return false }
        let records = tx.list(Route53RecordResource.typeName, account: context.account, region: "us-east-1")
        return options.allSatisfy { o in
            let name = (o.string("resource_record_name") ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let value = (o.string("resource_record_value") ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            return records.contains { r in
                r["fqdn"]?.stringValue == name && r["type"]?.stringValue == "CNAME"
                    && (r["records"]?.arrayValue ?? []).contains { $0.stringValue?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) == value }
            }
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map { keepingConfigOnly($0, from: state, ["private_key"]) }
    }

    /// Reads the certificate, issuing it first if its validation records have appeared.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        try context.store.mutate { tx in
            guard let o = tx.fetch(Self.typeName, id, context) else { return nil }
            var v = decode(o)
            if v["status"]?.stringValue == "PENDING_VALIDATION", Self.validated(v, tx, context) {
                v = Build.with(v, ["status": .string("ISSUED"), "not_before": .string(DataIDs.timestamp()),
                                   "not_after": .string(DataIDs.timestamp(395 * 86400)), "renewal_eligibility": .string("ELIGIBLE")])
                try save(v, id: id, token: o.token, tx: tx, context: context, keeping: o)
            }
            return Build.with(v, ["private_key": .null(.string)])
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { CloudError.notFound("ResourceNotFoundException", "Could not find certificate \($0).") }) { _, _, v in
            Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let arn = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = tx.fetch(Self.typeName, arn, context) else { return }
            let global = context.inGlobalRegion
            let distributions = tx.list(CloudFrontDistributionResource.typeName, account: global.account, region: global.region).filter { d in
                (d["viewer_certificate"]?.arrayValue ?? []).contains { $0["acm_certificate_arn"]?.stringValue == arn }
            }
            let listeners = Usage.users(tx, "aws_lb_listener", "certificate_arn", arn, context)
            if !distributions.isEmpty || !listeners.isEmpty {
                throw CloudError("ResourceInUseException", "Certificate \(arn) in account \(context.account) is in use.")
            }
            tx.delete(o)
        }
    }
}
