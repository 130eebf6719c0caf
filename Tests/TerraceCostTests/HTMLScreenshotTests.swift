import Foundation
import Testing
import TerraceCost
import TerraceTestSupport

/// Headless Chromium, when installed (Debian package `chromium`, which .ci/run installs).
enum Chromium {
    static let path: String? = {
        let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell"]
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        for n in names {
            for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + n) { return d + "/" + n }
        }
        return nil
    }()

    /// Renders `html` and returns the screenshot, or throws with Chromium's output.
    static func screenshot(_ html: String, width: Int, height: Int) throws -> PNGImage {
        let dir = TempDirectory("terrace-chromium")
        let page = dir.write("cost.html", html)
        let shot = dir.file("shot.png")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path ?? "chromium")
        p.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                       "--user-data-dir=\(dir.file("profile"))", "--window-size=\(width),\(height)", "--screenshot=\(shot)",
                       "file://\(page)"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        try p.run()
        // A hung browser must not hang the test run.
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate() }
        let output = String(decoding: readAll(err.fileHandleForReading.fileDescriptor), as: UTF8.self)
        guard let data = FileManager.default.contents(atPath: shot) else {
            throw PNGImage.Failure(description: "chromium wrote no screenshot:\n\(output)")
        }
        return try PNGImage([UInt8](data))
    }
}

/// The HTML report renders, in a real browser, a bar chart of cost per service for each
/// environment: the screenshot holds each environment's bar colour, in amounts proportional
/// to that environment's costs, and the longest bar is as long as the chart says.
@Suite struct HTMLScreenshotTests {
    static func hex(_ s: String) -> PNGImage.Pixel {
        let v = Int(s.dropFirst(), radix: 16) ?? 0
        return PNGImage.Pixel(r: UInt8(v >> 16 & 0xFF), g: UInt8(v >> 8 & 0xFF), b: UInt8(v & 0xFF), a: 255)
    }

    static func near(_ a: PNGImage.Pixel, _ b: PNGImage.Pixel) -> Bool {
        abs(Int(a.r) - Int(b.r)) <= 2 && abs(Int(a.g) - Int(b.g)) <= 2 && abs(Int(a.b) - Int(b.b)) <= 2
    }

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed"))
    func chartIsVisibleInAScreenshot() throws {
        let projects = [try RenderTests.stack("dev"), try RenderTests.stack("prod")]
        let html = CostHTML.render(projects, catalogue: try RenderTests.info())
        let chart = CostHTML.chart(projects)
        let img = try Chromium.screenshot(html, width: 1000, height: chart.height + 220)

        let scale = chart.scale
        #expect(scale > 0)
        var counts: [Int] = []
        for series in chart.series {
            let colour = Self.hex(series.color)
            var n = 0
            var longest = 0
            for y in 0..<img.height {
                var run = 0
                for x in 0..<img.width {
                    if Self.near(img.pixel(x, y), colour) { n += 1; run += 1; longest = max(longest, run) } else { run = 0 }
                }
            }
            // Bars (width × height each) plus the 12 × 12 legend swatch, as laid out by the chart.
            let bars = series.values.map { Int(($0 * scale).rounded()) }
            let expected = bars.reduce(0, +) * chart.barHeight + 144
            #expect(n > 1000, "\(series.name): \(n) pixels of \(series.color)")
            #expect(abs(n - expected) <= expected / 50 + 20, "\(series.name): \(n) pixels, expected about \(expected) from bars \(bars)")
            #expect(abs(longest - (bars.max() ?? 0)) <= 1, "\(series.name): longest bar \(longest) px")
            counts.append(n)
        }
        // prod costs more than dev, and its bars show it.
        #expect(counts.count == 2 && counts[1] > counts[0] * 5)
    }
}
