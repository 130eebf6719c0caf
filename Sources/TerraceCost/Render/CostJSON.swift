import TerraceBasics

/// The `json` format: Infracost's shape (`version`, `currency`, `projects[].breakdown` with
/// `resources[]` → `costComponents[]`, totals as decimal strings, `summary` counts), plus
/// Terrace's additions under names Infracost does not use: each component's `priceKey` and
/// `priceSource` (source, date, confidence, regional multiplier), autoscaling ranges
/// (`monthlyCostMin`/`Max`), resource `metadata.notes` and the catalogue version. No
/// timestamps, so equal inputs give equal bytes.
public enum CostJSON {
    public static func render(_ projects: [ProjectCost], catalogue: CatalogueInfo) -> String {
        JSONWriter.pretty(document(projects, catalogue: catalogue)) + "\n"
    }

    public static func document(_ projects: [ProjectCost], catalogue: CatalogueInfo) -> JSON {
        let h = catalogue.hoursPerMonth
        var top: [(String, JSON)] = [
            ("version", .string("0.2")),
            ("currency", .string(catalogue.currency)),
            ("priceCatalogue", .object([("version", .string(catalogue.version)), ("hoursPerMonth", .number(Money.decimal(h)))])),
            ("projects", .array(projects.map { project($0, hours: h) })),
            ("totalHourlyCost", money(projects.map(\.monthlyCost).reduce(0, +) / h)),
            ("totalMonthlyCost", money(projects.map(\.monthlyCost).reduce(0, +))),
            ("totalMonthlyUsageCost", money(projects.map(\.usageMonthlyCost).reduce(0, +))),
        ]
        if projects.contains(where: \.hasRange) {
            top.append(("totalMonthlyCostMin", money(projects.map(\.minMonthlyCost).reduce(0, +))))
            top.append(("totalMonthlyCostMax", money(projects.map(\.maxMonthlyCost).reduce(0, +))))
        }
        top.append(("summary", summary(projects)))
        return .object(top)
    }

    static func money(_ v: Double) -> JSON { .string(Money.decimal(v)) }
    static func optMoney(_ v: Double?) -> JSON { v.map(money) ?? .null }

    static func project(_ p: ProjectCost, hours: Double) -> JSON {
        var meta: [(String, JSON)] = [("path", .string(p.path)), ("type", .string("terraform_dir"))]
        if !p.varFiles.isEmpty { meta.append(("terraformVarFiles", .array(p.varFiles.map(JSON.string)))) }
        if let u = p.usageFile { meta.append(("usageFile", .string(u))) }
        meta.append(("regions", .array(p.regions.map(JSON.string))))
        var breakdown: [(String, JSON)] = [
            ("resources", .array(p.estimated.map { resource($0, hours: hours) })),
            ("totalHourlyCost", money(p.monthlyCost / hours)),
            ("totalMonthlyCost", money(p.monthlyCost)),
            ("totalMonthlyBaselineCost", money(p.baselineMonthlyCost)),
            ("totalMonthlyUsageCost", money(p.usageMonthlyCost)),
        ]
        if p.hasRange {
            breakdown.append(("totalMonthlyCostMin", money(p.minMonthlyCost)))
            breakdown.append(("totalMonthlyCostMax", money(p.maxMonthlyCost)))
        }
        return .object([
            ("name", .string(p.name)),
            ("metadata", .object(meta)),
            ("breakdown", .object(breakdown)),
            ("services", .array(p.byService.map { s in
                var m: [(String, JSON)] = [("name", .string(s.service)), ("monthlyCost", money(s.monthlyCost))]
                if s.minMonthlyCost != s.monthlyCost || s.maxMonthlyCost != s.monthlyCost {
                    m.append(("monthlyCostMin", money(s.minMonthlyCost)))
                    m.append(("monthlyCostMax", money(s.maxMonthlyCost)))
                }
                return .object(m)
            })),
            ("summary", summary([p])),
        ])
    }

    static func resource(_ r: ResourceCost, hours: Double) -> JSON {
        var meta: [(String, JSON)] = []
        if r.resourceType != "" { meta.append(("service", .string(Estimators.service(for: r.resourceType)))) }
        if !r.notes.isEmpty { meta.append(("notes", .array(r.notes.map(JSON.string)))) }
        let known = r.hasKnownCost
        var m: [(String, JSON)] = [
            ("name", .string(r.name)),
            ("resourceType", .string(r.resourceType)),
            ("metadata", .object(meta)),
            ("hourlyCost", known ? money(r.monthlyCost / hours) : .null),
            ("monthlyCost", known ? money(r.monthlyCost) : .null),
        ]
        if r.hasRange {
            m.append(("monthlyCostMin", money(r.minMonthlyCost)))
            m.append(("monthlyCostMax", money(r.maxMonthlyCost)))
        }
        m.append(("costComponents", .array(r.components.map { component($0, hours: hours) })))
        if !r.subresources.isEmpty {
            m.append(("subresources", .array(r.subresources.map { sub in
                var s = resource(sub, hours: hours)
                if case .object(let members) = s { s = .object(members.filter { $0.0 != "resourceType" && $0.0 != "metadata" } ) }
                return s
            })))
        }
        return .object(m)
    }

    static func component(_ c: CostComponent, hours: Double) -> JSON {
        var m: [(String, JSON)] = [
            ("name", .string(c.name)),
            ("unit", .string(c.unit)),
            ("hourlyQuantity", c.monthlyQuantity.map { .string(Money.decimal($0 / hours)) } ?? .null),
            ("monthlyQuantity", c.monthlyQuantity.map { .string(Money.decimal($0)) } ?? .null),
            ("price", c.price.map { .string(Money.decimal($0)) } ?? .null),
            ("hourlyCost", c.monthlyCost.map { money($0 / hours) } ?? .null),
            ("monthlyCost", optMoney(c.monthlyCost)),
        ]
        if c.hasRange {
            m.append(("monthlyQuantityMin", c.minMonthlyQuantity.map { .string(Money.decimal($0)) } ?? .null))
            m.append(("monthlyQuantityMax", c.maxMonthlyQuantity.map { .string(Money.decimal($0)) } ?? .null))
            m.append(("monthlyCostMin", optMoney(c.minMonthlyCost)))
            m.append(("monthlyCostMax", optMoney(c.maxMonthlyCost)))
        }
        m.append(("usageBased", .bool(c.usageBased)))
        m.append(("priceNotFound", .bool(c.priceNotFound)))
        m.append(("priceKey", .string(c.priceKey)))
        if let q = c.quote {
            var s: [(String, JSON)] = [("region", .string(q.region)), ("source", .string(q.entry.source)),
                                       ("date", .string(q.entry.date)), ("confidence", .string(q.entry.confidence))]
            if let x = q.multiplier {
                s.append(("multiplier", .number(Money.decimal(x))))
                s.append(("basePrice", .string(Money.decimal(q.entry.price))))
                if let n = q.note { s.append(("multiplierNote", .string(n))) }
            }
            m.append(("priceSource", .object(s)))
        }
        return .object(m)
    }

    static func summary(_ projects: [ProjectCost]) -> JSON {
        let all = projects.flatMap(\.resources)
        func counts(_ rs: [ResourceCost]) -> JSON {
            .object(ProjectCost.countsByType(rs).map { ($0.type, .int($0.count)) })
        }
        let estimated = all.filter { $0.status == .estimated }
        let free = all.filter { $0.status == .free }
        let unsupported = all.filter { $0.status == .unsupported }
        return .object([
            ("totalDetectedResources", .int(all.count)),
            ("totalSupportedResources", .int(estimated.count + free.count)),
            ("totalUnsupportedResources", .int(unsupported.count)),
            ("totalUsageBasedResources", .int(estimated.filter(\.usesUsage).count)),
            ("totalNoPriceResources", .int(free.count)),
            ("totalMissingPrices", .int(projects.map { $0.missingPrices.count }.reduce(0, +))),
            ("unsupportedResourceCounts", counts(unsupported)),
            ("noPriceResourceCounts", counts(free)),
        ])
    }
}
