import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_route_table` with inline `route` blocks (one per destination). Like the provider, a
/// table whose configuration has no `route` blocks keeps the routes it has, so separate
/// `aws_route` resources can manage them. A table with subnet associations, or a VPC's main
/// table, cannot be deleted.
public struct RouteTableResource: AWSResource {
    public static let typeName = "aws_route_table"
    public let serviceName = "Route Table"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "owner_id": .computed(.string),
        "propagating_vgws": .optionalComputed(.set(.string)),
        "vpc_id": .required(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "route": NestedBlock(.set, Routes.inlineBlock),
    ]))

    public var computedBlocks: Set<String> { ["route"] }

    public var rules: [String] {
        [
            "Each route needs exactly one target; an internet gateway or NAT gateway target must exist (`InvalidGatewayID.NotFound`, `InvalidNatGatewayID.NotFound`) and be in the table's VPC.",
            "A destination appears once per table (`RouteAlreadyExists`); a destination inside the VPC's CIDR cannot target a gateway.",
            "A table with subnet associations, or a VPC's main table, cannot be deleted (`DependencyViolation`).",
        ]
    }

    public var importID: String { "the route table ID (`rtb-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidRouteTableID.NotFound", "The routeTable ID '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var d = Diagnostics()
        for r in config.items("route") {
            var v = Validate(r)
            v.cidr("cidr_block")
            d += v.diags
        }
        return d
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let items = config["route"]?.elements, config["route"]?.isKnown == true {
            config = config.with("route", .blockSet(items.map(Routes.normalizeInline), Routes.inlineBlock))
        }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    /// The inline routes to store: planned items less separate `aws_route`s, each checked.
    func checkedRoutes(_ planned: Value, table: String, vpc: String, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let separate = Routes.routeObjects(of: table, tx: tx, context: context)
            .compactMap { try? ValueJSON.decode($0.attributes, as: .dynamic) }
        let separateItems = Set(separate.map(Routes.inline(route:)))
        var seen = Set(separate.compactMap { $0.str("destination_cidr_block") ?? $0.str("destination_ipv6_cidr_block") ?? $0.str("destination_prefix_list_id") })
        var items: [Value] = []
        for r in planned.items("route") where r.isWhollyKnown {
            let n = Routes.normalizeInline(r)
            if separateItems.contains(n) { continue }
            let dest = Routes.destination(inline: n)
            if !seen.insert(dest).inserted { throw Routes.alreadyExists(dest) }
            try Routes.check(n, table: table, vpc: vpc, tx: tx, context: context)
            items.append(n)
        }
        return .blockSet(items, Routes.inlineBlock)
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let vpc = planned.str("vpc_id") ?? ""
        return try createOnce(token: token, context: context) { tx in
            guard tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region) != nil else {
                throw VPCResource().notFound(vpc)
            }
            let id = AWSIDs.ec2("rtb")
            let routes = try checkedRoutes(planned, table: id, vpc: vpc, tx: tx, context: context)
            return try put(planned.with("route", routes), id: id, fill: [
                "arn": .string(context.arn("ec2", "route-table/\(id)")),
                "owner_id": .string(context.account),
                "propagating_vgws": .stringSet([]),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let routes = try checkedRoutes(planned, table: stored.id, vpc: stored["vpc_id"]?.stringValue ?? "", tx: tx, context: context)
        return withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context).with("route", routes)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        guard let id = prior.str("id") else { throw notFound("") }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { throw notFound(id) }
            let new = try updated(o, planned: planned, tx: tx, context: context)
            try tx.put(CloudObject(kind: Self.typeName, id: id, account: context.account, region: context.region,
                                   attributes: ValueJSON.encode(new), token: o.token, managedBy: o.managedBy))
        }
        return try importByID(id, context: context) ?? planned
    }

    /// The table with all its routes: inline ones and separate `aws_route`s.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        let v = decode(o)
        let separate = Routes.routeObjects(of: id, store: context.store, context: context)
            .compactMap { try? ValueJSON.decode($0.attributes, as: .dynamic) }.map(Routes.inline(route:))
        return v.with("route", .blockSet(v.items("route") + separate, Routes.inlineBlock))
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        guard let o = context.store.list(Self.typeName, account: context.account, region: context.region).first(where: { $0.token == token }) else { return nil }
        return try? importByID(o.id, context: context)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            let associated = !tx.referencing(id, account: context.account, region: context.region,
                                             kinds: [RouteTableAssociationResource.typeName]).isEmpty
            if o.managedBy != nil || associated {
                throw CloudError.dependencyViolation("The routeTable '\(id)' has dependencies and cannot be deleted.")
            }
            for r in Routes.routeObjects(of: id, tx: tx, context: context) { tx.delete(r) }
            tx.delete(o)
        }
    }

    /// A VPC's main route table: only the local route, which Terraform does not show.
    static func putMain(id: String, vpc: String, tx: CloudTransaction, context: AWSContext) throws {
        let r = RouteTableResource()
        let v = Value.object(r.schema.block, [
            "id": .string(id), "arn": .string(context.arn("ec2", "route-table/\(id)")),
            "owner_id": .string(context.account), "propagating_vgws": .stringSet([]), "vpc_id": .string(vpc),
            "route": .blockSet([], Routes.inlineBlock), "tags": .stringMap([:]), "tags_all": .stringMap([:]),
        ])
        try tx.put(CloudObject(kind: typeName, id: id, account: context.account, region: context.region,
                               attributes: ValueJSON.encode(v), managedBy: vpc))
    }
}
