/// The `markdown` format: a table of components per environment, and with several
/// environments a side-by-side table per service first. Used by docs/cost.md.
public enum CostMarkdown {
    public static func render(_ projects: [ProjectCost], catalogue: CatalogueInfo) -> String {
        var s = ""
        if projects.count > 1 { s += compare(projects, catalogue: catalogue) + "\n" }
        for p in projects { s += breakdown(p, catalogue: catalogue, heading: projects.count > 1 ? "###" : "##") + "\n" }
        return s
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    public static func compare(_ projects: [ProjectCost], catalogue: CatalogueInfo) -> String {
        let rows = CompareRows(projects)
        var s = "| Service | " + projects.map { cell($0.name) }.joined(separator: " | ") + " |\n"
        s += "|---|" + projects.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for (service, values) in rows.services {
            s += "| \(cell(service)) | " + values.map(CompareRows.text).joined(separator: " | ") + " |\n"
        }
        s += "| Baseline | " + projects.map { Money.dollars($0.baselineMonthlyCost) }.joined(separator: " | ") + " |\n"
        s += "| Usage-based | " + projects.map { Money.dollars($0.usageMonthlyCost) }.joined(separator: " | ") + " |\n"
        s += "| **Total** | " + projects.map { "**\(Money.dollars($0.monthlyCost))**" }.joined(separator: " | ") + " |\n"
        if projects.contains(where: \.hasRange) {
            s += "| Autoscaling min – max | " + projects.map { p in
                p.hasRange ? Money.dollars(p.minMonthlyCost) + " – " + Money.dollars(p.maxMonthlyCost) : Money.dollars(p.monthlyCost)
            }.joined(separator: " | ") + " |\n"
        }
        s += "| Resources estimated / free / not supported | " + projects.map { "\($0.estimated.count) / \($0.free.count) / \($0.unsupported.count)" }.joined(separator: " | ") + " |\n"
        return s
    }

    public static func breakdown(_ p: ProjectCost, catalogue: CatalogueInfo, heading: String = "##") -> String {
        var s = "\(heading) \(p.name)\n\n"
        s += "Prices: \(catalogue.summary(regions: p.regions)). Usage: \(p.usageFile.map { "`\($0)`" } ?? "none").\n\n"
        s += "| Resource | Component | Monthly Qty | Unit | Monthly Cost |\n|---|---|---:|---|---:|\n"
        for r in p.estimated {
            var first = true
            for (label, c) in flatten(r, prefix: "") {
                let res = first ? "`\(r.name)`" : ""
                first = false
                let row = CostTable.row(c, name: label)
                if let m = row.message {
                    s += "| \(res) | \(cell(label)) | | | \(cell(m)) |\n"
                } else {
                    s += "| \(res) | \(cell(label)) | \(row.qty) | \(cell(row.unit)) | \(row.cost)\(row.mark.isEmpty ? "" : " " + row.mark) |\n"
                }
            }
            if first { s += "| `\(r.name)` | (no cost components) | | | |\n" }
        }
        s += "| **Total** | | | | **\(Money.dollars(p.monthlyCost))** |\n"
        if p.hasRange {
            s += "| Autoscaling min – max | | | | \(Money.dollars(p.minMonthlyCost)) – \(Money.dollars(p.maxMonthlyCost)) |\n"
        }
        let notes = p.estimated.flatMap { r in r.notes.map { (r.name, $0) } }
        if !notes.isEmpty {
            s += "\nNotes:\n\n" + notes.map { "- `\($0.0)`: \($0.1)" }.joined(separator: "\n") + "\n"
        }
        let foot = CostTable.footnotes(p)
        if !foot.isEmpty { s += "\n" + foot.split(separator: "\n").map { "\\" + $0 + "  " }.joined(separator: "\n") + "\n" }
        s += "\n```\n" + Footer.render(p) + "```\n"
        return s
    }

    /// Components with their subresource path (`Data transfer out to internet / US, …`).
    static func flatten(_ r: ResourceCost, prefix: String) -> [(String, CostComponent)] {
        r.components.map { (prefix + $0.name, $0) } + r.subresources.flatMap { flatten($0, prefix: prefix + $0.name + " / ") }
    }
}

/// Per-service costs of several projects, aligned: the union of their services, ordered by
/// the largest cost in any project.
public struct CompareRows: Sendable {
    public var services: [(String, [ServiceCost?])]

    public init(_ projects: [ProjectCost]) {
        var names: [String: Double] = [:]
        for p in projects { for s in p.byService { names[s.service] = max(names[s.service] ?? 0, s.monthlyCost) } }
        let ordered = names.keys.sorted { (names[$0] ?? 0, $1) > (names[$1] ?? 0, $0) }
        services = ordered.map { n in (n, projects.map { p in p.byService.first { $0.service == n } }) }
    }

    static func text(_ s: ServiceCost?) -> String {
        guard let s else { return "–" }
        if s.minMonthlyCost != s.monthlyCost || s.maxMonthlyCost != s.monthlyCost {
            return Money.dollars(s.monthlyCost) + " (" + Money.dollars(s.minMonthlyCost) + "–" + Money.dollars(s.maxMonthlyCost) + ")"
        }
        return Money.dollars(s.monthlyCost)
    }
}

/// `-compare=dev,staging,prod` as a text table: services down, environments across.
public enum CompareTable {
    public static func render(_ projects: [ProjectCost], catalogue: CatalogueInfo) -> String {
        let rows = CompareRows(projects)
        var table: [[String]] = [["Service"] + projects.map(\.name)]
        for (service, values) in rows.services { table.append([service] + values.map(CompareRows.text)) }
        table.append([])
        table.append(["Baseline"] + projects.map { Money.dollars($0.baselineMonthlyCost) })
        table.append(["Usage-based"] + projects.map { Money.dollars($0.usageMonthlyCost) })
        table.append(["OVERALL TOTAL"] + projects.map { Money.dollars($0.monthlyCost) })
        if projects.contains(where: \.hasRange) {
            table.append(["Autoscaling min – max"] + projects.map { p in
                p.hasRange ? Money.dollars(p.minMonthlyCost) + "–" + Money.dollars(p.maxMonthlyCost) : Money.dollars(p.monthlyCost)
            })
        }
        table.append(["Estimated / free / not supported"] + projects.map { "\($0.estimated.count) / \($0.free.count) / \($0.unsupported.count)" })
        let missing = projects.map { $0.missingPrices.count }
        if missing.contains(where: { $0 > 0 }) { table.append(["Prices missing (not counted)"] + missing.map(String.init)) }
        let cols = (table.map(\.count).max() ?? 1)
        var widths = Array(repeating: 0, count: cols)
        for row in table { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = "Prices: \(catalogue.summary(regions: Array(Set(projects.flatMap(\.regions))).sorted()))\n"
        out += "Usage: " + projects.map { "\($0.name): \($0.usageFile ?? "none")" }.joined(separator: "; ") + "\n\n"
        for (n, row) in table.enumerated() {
            if row.isEmpty { out += " " + String(repeating: "─", count: widths.reduce(0, +) + 3 * (cols - 1)) + "\n"; continue }
            var line = " " + CostTable.pad(row[0], widths[0])
            for i in 1..<row.count { line += "   " + CostTable.lpad(row[i], widths[i]) }
            out += line + "\n"
            if n == 0 { out += "\n" }
        }
        return out
    }
}
