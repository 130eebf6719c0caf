/// A horizontal grouped bar chart as inline SVG: one group per category (service), one bar per
/// series (environment) in the series' colour, each labelled with its value. Self-contained:
/// no scripts, fonts or network; crisp edges so every bar's inside is exactly its colour.
public struct BarChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var color: String
        public var values: [Double]
        /// The top of each value's range (autoscaling maximum), drawn as a paler extension.
        public var maxValues: [Double]?
        public init(name: String, color: String, values: [Double], maxValues: [Double]? = nil) {
            self.name = name
            self.color = color
            self.values = values
            self.maxValues = maxValues
        }
    }

    public var categories: [String]
    public var series: [Series]
    public var width = 960
    public var labelWidth = 270
    public var barHeight = 16
    public var barGap = 3
    public var groupGap = 14

    public init(categories: [String], series: [Series]) {
        self.categories = categories
        self.series = series
    }

    /// Pixels per dollar, shared by every bar so lengths compare across environments.
    public var scale: Double {
        let top = series.flatMap { $0.maxValues ?? $0.values }.max() ?? 0
        let room = Double(width - labelWidth - 110)
        return top > 0 ? room / top : 0
    }

    public var height: Int {
        let group = series.count * (barHeight + barGap) - barGap
        return 40 + categories.count * (group + groupGap) + 10
    }

    public func svg() -> String {
        let sc = scale
        var s = "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Monthly cost per service\" shape-rendering=\"crispEdges\">\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        // Legend.
        var lx = labelWidth
        for se in series {
            s += "<rect x=\"\(lx)\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(se.color)\"/>"
            s += "<text x=\"\(lx + 16)\" y=\"19\" font-family=\"sans-serif\" font-size=\"13\" fill=\"#222222\">\(HTML.escape(se.name))</text>\n"
            lx += 24 + se.name.count * 8 + 16
        }
        // The axis first, so bars starting on it cover it rather than lose a pixel column to it.
        s += "<line x1=\"\(labelWidth)\" y1=\"32\" x2=\"\(labelWidth)\" y2=\"\(height - 6)\" stroke=\"#888888\" stroke-width=\"1\"/>\n"
        var y = 40
        for (ci, category) in categories.enumerated() {
            let groupHeight = series.count * (barHeight + barGap) - barGap
            s += "<text x=\"\(labelWidth - 10)\" y=\"\(y + groupHeight / 2 + 5)\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"13\" fill=\"#222222\">\(HTML.escape(category))</text>\n"
            for se in series {
                let v = ci < se.values.count ? se.values[ci] : 0
                let w = Int((v * sc).rounded())
                s += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"\(se.color)\"><title>\(HTML.escape(se.name)): \(Money.dollars(v))</title></rect>"
                var label = Money.dollars(v)
                var end = w
                if let hi = se.maxValues.map({ ci < $0.count ? $0[ci] : v }), hi > v {
                    let hw = Int((hi * sc).rounded())
                    s += "<rect x=\"\(labelWidth + w)\" y=\"\(y)\" width=\"\(hw - w)\" height=\"\(barHeight)\" fill=\"\(se.color)\" fill-opacity=\"0.3\"><title>\(HTML.escape(se.name)): up to \(Money.dollars(hi))</title></rect>"
                    label += " (up to \(Money.dollars(hi)))"
                    end = hw
                }
                s += "<text x=\"\(labelWidth + end + 6)\" y=\"\(y + barHeight - 4)\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#444444\">\(label)</text>\n"
                y += barHeight + barGap
            }
            y += groupGap - barGap
        }
        s += "</svg>"
        return s
    }
}

/// Escaping for text and attribute values in the HTML page.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var o = ""
        for c in s {
            switch c {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            case "'": o += "&#39;"
            default: o.append(c)
            }
        }
        return o
    }
}
