/// The `html` format: one self-contained page (inline CSS and SVG, no scripts, no network)
/// with a bar chart of the cost per service for each environment (autoscaling ranges as paler
/// extensions), the side-by-side totals, and every environment's breakdown.
public enum CostHTML {
    /// Colours per environment, in order; distinct enough to tell apart and to find in a screenshot.
    public static let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"]

    public static func chart(_ projects: [ProjectCost]) -> BarChart {
        let rows = CompareRows(projects)
        return BarChart(categories: rows.services.map(\.0), series: projects.enumerated().map { i, p in
            BarChart.Series(name: p.name, color: palette[i % palette.count],
                            values: rows.services.map { $0.1[i]?.monthlyCost ?? 0 },
                            maxValues: p.hasRange ? rows.services.map { $0.1[i]?.maxMonthlyCost ?? 0 } : nil)
        })
    }

    public static func render(_ projects: [ProjectCost], catalogue: CatalogueInfo, title: String = "Terrace cost estimate") -> String {
        var s = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(HTML.escape(title))</title>
        <style>
        body { font-family: sans-serif; margin: 24px; color: #222222; background: #ffffff; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
        th, td { border-bottom: 1px solid #dddddd; padding: 3px 10px; text-align: left; vertical-align: top; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        tr.total td { font-weight: bold; border-top: 2px solid #888888; }
        .note { color: #666666; font-size: 12px; }
        .missing { color: #b00020; }
        </style>
        </head>
        <body>
        <h1>\(HTML.escape(title))</h1>
        <p class="note">Prices: \(HTML.escape(catalogue.summary(regions: Array(Set(projects.flatMap(\.regions))).sorted()))).</p>

        """
        s += "<h2>Monthly cost per service</h2>\n" + chart(projects).svg() + "\n"
        s += totals(projects)
        for p in projects { s += breakdown(p) }
        s += "</body>\n</html>\n"
        return s
    }

    static func totals(_ projects: [ProjectCost]) -> String {
        let rows = CompareRows(projects)
        var s = "<table>\n<tr><th>Service</th>" + projects.map { "<th class=\"n\">\(HTML.escape($0.name))</th>" }.joined() + "</tr>\n"
        for (service, values) in rows.services {
            s += "<tr><td>\(HTML.escape(service))</td>" + values.map { "<td class=\"n\">\(HTML.escape(CompareRows.text($0)))</td>" }.joined() + "</tr>\n"
        }
        s += "<tr class=\"total\"><td>Total</td>" + projects.map { "<td class=\"n\">\(Money.dollars($0.monthlyCost))</td>" }.joined() + "</tr>\n"
        if projects.contains(where: \.hasRange) {
            s += "<tr><td>Autoscaling min – max</td>" + projects.map { p in
                "<td class=\"n\">" + (p.hasRange ? Money.dollars(p.minMonthlyCost) + " – " + Money.dollars(p.maxMonthlyCost) : Money.dollars(p.monthlyCost)) + "</td>"
            }.joined() + "</tr>\n"
        }
        return s + "</table>\n"
    }

    static func breakdown(_ p: ProjectCost) -> String {
        var s = "<h2>\(HTML.escape(p.name))</h2>\n<p class=\"note\">Usage: \(HTML.escape(p.usageFile ?? "none"))</p>\n"
        s += "<table>\n<tr><th>Resource</th><th>Component</th><th class=\"n\">Monthly Qty</th><th>Unit</th><th class=\"n\">Monthly Cost</th></tr>\n"
        for r in p.estimated {
            var first = true
            for (label, c) in CostMarkdown.flatten(r, prefix: "") {
                let row = CostTable.row(c, name: label)
                let res = first ? HTML.escape(r.name) : ""
                first = false
                if let m = row.message {
                    s += "<tr><td>\(res)</td><td>\(HTML.escape(label))</td><td colspan=\"3\" class=\"\(c.priceNotFound ? "missing" : "note")\">\(HTML.escape(m))</td></tr>\n"
                } else {
                    s += "<tr><td>\(res)</td><td>\(HTML.escape(label))</td><td class=\"n\">\(row.qty)</td><td>\(HTML.escape(row.unit))</td><td class=\"n\">\(row.cost) \(row.mark)</td></tr>\n"
                }
            }
            for n in r.notes { s += "<tr><td></td><td colspan=\"4\" class=\"note\">\(HTML.escape(n))</td></tr>\n" }
        }
        s += "<tr class=\"total\"><td>Total</td><td></td><td></td><td></td><td class=\"n\">\(Money.dollars(p.monthlyCost))</td></tr>\n</table>\n"
        s += "<pre class=\"note\">\(HTML.escape(Footer.render(p)))</pre>\n"
        return s
    }
}
