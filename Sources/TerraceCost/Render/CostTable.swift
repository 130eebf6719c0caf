/// The `table` format of `terrace cost`: Infracost's breakdown layout (a tree of components
/// under each resource, Monthly Qty, Unit, Monthly Cost), Terrace's notes under a resource,
/// the overall total with any autoscaling range, and the footer counting estimated, free and
/// unsupported resources and missing prices.
public enum CostTable {
    struct Row {
        var name: String
        var qty: String
        var unit: String
        var cost: String
        /// Replaces qty/unit/cost ("Monthly cost depends on usage: …").
        var message: String?
        var mark: String = ""
    }

    public static func render(_ p: ProjectCost, catalogue: CatalogueInfo) -> String {
        var rows: [Row?] = []
        for r in p.estimated {
            rows.append(Row(name: r.name, qty: "", unit: "", cost: ""))
            rows.append(contentsOf: tree(r, prefix: ""))
            for n in r.notes { rows.append(Row(name: "   note: " + n, qty: "", unit: "", cost: "", message: "")) }
            rows.append(nil)
        }
        let nameWidth = max(rows.compactMap { $0?.message == "" ? nil : $0?.name.count }.max() ?? 0, 40)
        let qtyWidth = max(rows.compactMap { $0?.qty.count }.max() ?? 0, 11)
        let unitWidth = max(rows.compactMap { $0?.unit.count }.max() ?? 0, 12)
        let costWidth = max(rows.compactMap { $0?.cost.count }.max() ?? 0, 12)
        var out = "Project: \(p.name)\n"
        if !p.varFiles.isEmpty { out += "Variables: \(p.varFiles.joined(separator: ", "))\n" }
        out += "Usage: \(p.usageFile ?? "none (usage-based components show their unit price)")\n"
        out += "Prices: \(catalogue.summary(regions: p.regions))\n\n"
        out += " " + pad("Name", nameWidth) + "  " + lpad("Monthly Qty", qtyWidth) + "  " + pad("Unit", unitWidth) + "  " + lpad("Monthly Cost", costWidth) + "\n\n"
        for row in rows {
            guard let row else { out += "\n"; continue }
            if let m = row.message {
                out += " " + (m.isEmpty ? row.name : pad(row.name, nameWidth) + "  " + m) + "\n"
            } else if row.qty.isEmpty && row.cost.isEmpty {
                out += " " + row.name + "\n"
            } else {
                out += " " + pad(row.name, nameWidth) + "  " + lpad(row.qty, qtyWidth) + "  " + pad(row.unit, unitWidth) + "  "
                    + lpad(row.cost, costWidth) + (row.mark.isEmpty ? "" : " " + row.mark) + "\n"
            }
        }
        let totalWidth = nameWidth + qtyWidth + unitWidth + costWidth + 6
        out += " " + pad("OVERALL TOTAL", totalWidth - costWidth) + lpad(Money.dollars(p.monthlyCost), costWidth) + "\n"
        if p.hasRange {
            out += " " + pad("OVERALL TOTAL, AUTOSCALING MIN – MAX", totalWidth - costWidth - 15)
                + lpad(Money.dollars(p.minMonthlyCost) + " – " + Money.dollars(p.maxMonthlyCost), costWidth + 15) + "\n"
        }
        out += "\n" + footnotes(p)
        out += "──────────────────────────────────\n" + Footer.render(p)
        out += "\n" + summaryBox(p)
        return out
    }

    /// Infracost's closing box: the project's baseline, usage-based and total cost.
    static func summaryBox(_ p: ProjectCost) -> String {
        let cells = [["Project", "Baseline cost", "Usage cost*", "Total cost"],
                     [p.name, Money.dollars(p.baselineMonthlyCost), Money.dollars(p.usageMonthlyCost), Money.dollars(p.monthlyCost)]]
        var widths = [0, 0, 0, 0]
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        widths[0] = max(widths[0], 40)
        func line(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: "━", count: $0 + 2) }.joined(separator: m) + r + "\n"
        }
        func row(_ r: [String]) -> String {
            "┃" + r.enumerated().map { " " + pad($0.element, widths[$0.offset]) + " " }.joined(separator: "┃") + "┃\n"
        }
        return line("┏", "┳", "┓") + row(cells[0]) + line("┣", "╋", "┫") + row(cells[1]) + line("┗", "┻", "┛")
    }

    /// The lines explaining the marks used in the table.
    static func footnotes(_ p: ProjectCost) -> String {
        var s = ""
        let all = p.estimated.flatMap(\.allComponents)
        if all.contains(where: \.quantityFromUsage) { s += "* Usage-based quantity from \(p.usageFile ?? "the usage file").\n" }
        if all.contains(where: { $0.quote?.isEstimatedByMultiplier ?? false }) {
            s += "~ No price for this region in the catalogue: the us-east-1 price times the region's documented multiplier (see the JSON output's priceSource).\n"
        }
        if all.contains(where: \.priceNotFound) { s += "! Price missing from the catalogue: not counted (never as zero).\n" }
        return s.isEmpty ? "" : s + "\n"
    }

    static func tree(_ r: ResourceCost, prefix: String) -> [Row] {
        var rows: [Row] = []
        let items: [Either] = r.components.map(Either.component) + r.subresources.map(Either.sub)
        for (i, item) in items.enumerated() {
            let last = i == items.count - 1
            let branch = prefix + (last ? "└─ " : "├─ ")
            switch item {
            case .component(let c): rows.append(row(c, name: branch + c.name))
            case .sub(let s):
                rows.append(Row(name: branch + s.name, qty: "", unit: "", cost: ""))
                rows.append(contentsOf: tree(s, prefix: prefix + (last ? "   " : "│  ")))
            }
        }
        return rows
    }

    enum Either {
        case component(CostComponent)
        case sub(ResourceCost)
    }

    static func row(_ c: CostComponent, name: String) -> Row {
        guard let price = c.displayPrice else {
            let what = c.monthlyQuantity.map { "\(Money.quantity($0 / c.unitMultiplier)) \(c.unit), " } ?? ""
            return Row(name: name, qty: "", unit: "", cost: "", message: "\(what)price missing from the catalogue (\(c.priceKey)) !")
        }
        guard let q = c.displayQuantity, let cost = c.monthlyCost else {
            let text = c.usageBased ? "Monthly cost depends on usage" : "Not known until apply"
            return Row(name: name, qty: "", unit: "", cost: "", message: "\(text): \(Money.price(price)) per \(c.unit)")
        }
        var qty = Money.quantity(q)
        var costText = Money.dollars(cost)
        if c.hasRange, let lo = c.displayMinQuantity ?? c.displayQuantity, let hi = c.displayMaxQuantity ?? c.displayQuantity,
           let loC = c.minMonthlyCost, let hiC = c.maxMonthlyCost {
            qty = Money.quantity(lo) + "–" + Money.quantity(hi)
            costText = Money.dollars(loC) + "–" + Money.dollars(hiC)
        }
        var mark = c.quantityFromUsage ? "*" : ""
        if c.quote?.isEstimatedByMultiplier ?? false { mark += "~" }
        return Row(name: name, qty: qty, unit: c.unit, cost: costText, mark: mark)
    }

    static func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
    static func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
}

/// "N cloud resources were detected:" with what became of them, as Infracost's footer.
public enum Footer {
    public static func render(_ p: ProjectCost) -> String {
        let n = p.resources.count
        guard n > 0 else { return "No cloud resources were detected.\n" }
        var s = "\(n) cloud resource\(n == 1 ? " was" : "s were") detected:\n"
        let est = p.estimated.count
        if est > 0 {
            s += "∙ \(est) \(est == 1 ? "was" : "were") estimated"
            let usage = p.usageBased.count
            if usage > 0 { s += ", \(usage) of which include\(usage == 1 ? "s" : "") usage-based costs" }
            s += "\n"
        }
        let free = p.free
        if !free.isEmpty {
            s += "∙ \(free.count) \(free.count == 1 ? "was" : "were") free:\n"
            for (t, c) in ProjectCost.countsByType(free) { s += "  ∙ \(c) x \(t)\n" }
        }
        let unsupported = p.unsupported
        if !unsupported.isEmpty {
            s += "∙ \(unsupported.count) \(unsupported.count == 1 ? "is" : "are") not supported yet:\n"
            for (t, c) in ProjectCost.countsByType(unsupported) { s += "  ∙ \(c) x \(t)\n" }
        }
        let missing = p.missingPrices
        if !missing.isEmpty {
            s += "∙ \(missing.count) price\(missing.count == 1 ? " is" : "s are") missing from the catalogue and not counted:\n"
            for (r, c) in missing { s += "  ∙ \(r): \(c.name) (\(c.priceKey))\n" }
        }
        return s
    }
}

/// What views say about the catalogue: its version, and which regions are priced by multiplier.
public struct CatalogueInfo: Sendable {
    public var version: String
    public var currency: String
    public var hoursPerMonth: Double
    public var multipliers: [String: Double]

    public init(_ c: PriceCatalogue) {
        version = c.version
        currency = c.currency
        hoursPerMonth = c.hoursPerMonth
        var m: [String: Double] = [:]
        for (name, r) in c.regions { if let x = r.multiplier { m[name] = x } }
        multipliers = m
    }

    public func summary(regions: [String]) -> String {
        var s = "catalogue \(version), \(currency), on-demand, \(Money.quantity(hoursPerMonth)) hours a month"
        if !regions.isEmpty { s += ", " + regions.joined(separator: ", ") }
        return s
    }
}
