import Foundation
import TerraceBasics

/// One price as the catalogue records it: the amount, its unit, and where it came from.
public struct PriceEntry: Sendable, Hashable {
    public var price: Double
    public var unit: String
    /// The date the source states the price for (or the date the catalogue was compiled).
    public var date: String
    /// `sourced`, `corroborated`, `partially confirmed`, `derived` or `unconfirmed`.
    public var confidence: String
    public var source: String

    public init(price: Double, unit: String, date: String, confidence: String, source: String) {
        self.price = price
        self.unit = unit
        self.date = date
        self.confidence = confidence
        self.source = source
    }
}

/// A price found for a region: either the region's own entry, or its base region's entry times
/// a documented multiplier (then `multiplier` and `note` say so, and views flag it).
public struct PriceQuote: Sendable, Hashable {
    public var key: String
    public var region: String
    public var price: Double
    public var entry: PriceEntry
    /// Set when the price is the base region's times this factor, not the region's own.
    public var multiplier: Double?
    public var note: String?

    public var isEstimatedByMultiplier: Bool { multiplier != nil }
}

/// The versioned price catalogue shipped with Terrace (`Prices/aws.json`), read at run time.
/// Regional prices per region, global ones (CloudFront, Route 53) once; a region without its
/// own entry for a key falls back to its base region times a flagged multiplier. A key that
/// is nowhere in the catalogue has no quote: the caller reports it missing, never as zero.
public struct PriceCatalogue: Sendable {
    public struct Region: Sendable {
        public var name: String
        public var prices: [String: PriceEntry]
        public var base: String?
        public var multiplier: Double?
        public var multiplierNote: String?
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public var formatVersion: Int
    public var version: String
    public var currency: String
    public var hoursPerMonth: Double
    public var global: [String: PriceEntry]
    public var regions: [String: Region]
    /// Where the catalogue was read from, for messages.
    public var path: String

    /// The catalogue shipped in the TerraceCost resource bundle, or the file named by
    /// `TERRACE_PRICES` (to try new prices without rebuilding).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) -> PriceCatalogue {
        if let p = environment["TERRACE_PRICES"], !p.isEmpty { return try load(path: p) }
        guard let p = bundledPath() else {
            throw Failure(message: "The price catalogue Prices/aws.json was not found beside the terrace executable (its resource bundle Terrace_TerraceCost.resources is missing). Reinstall Terrace, or set TERRACE_PRICES to a catalogue file.")
        }
        return try load(path: p)
    }

    /// The bundled catalogue, loaded once per process (it never changes while running).
    public static func shared() throws(Failure) -> PriceCatalogue {
        switch sharedResult {
        case .success(let c): return c
        case .failure(let f): throw f
        }
    }

    private static let sharedResult: Result<PriceCatalogue, Failure> = {
        do throws(Failure) { return .success(try load()) } catch { return .failure(error) }
    }()

    /// Finds `Prices/aws.json` in the TerraceCost resource bundle. SwiftPM's generated
    /// `Bundle.module` looks beside the main executable and then at the build directory, and
    /// stops the process with a fatal error when neither exists; Terrace must report a missing
    /// catalogue as a diagnostic instead, so it looks in the same places itself (plus beside
    /// the resolved executable and every loaded bundle, which covers test runners).
    static func bundledPath() -> String? {
        let name = "Terrace_TerraceCost.resources"
        var dirs: [URL] = [Bundle.main.bundleURL]
        if let r = Bundle.main.resourceURL { dirs.append(r) }
        if let exe = CommandLine.arguments.first, !exe.isEmpty {
            dirs.append(URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for b in Bundle.allBundles { dirs.append(b.bundleURL.deletingLastPathComponent()) }
        for d in dirs {
            let p = d.appendingPathComponent(name).appendingPathComponent("Prices/aws.json").path
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    public static func load(path: String) throws(Failure) -> PriceCatalogue {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw Failure(message: "Cannot read the price catalogue \(path): \(error.localizedDescription)")
        }
        let json: JSON
        do { json = try JSONParser.parse(text) } catch {
            throw Failure(message: "The price catalogue \(path) is not valid JSON: \(error.description)")
        }
        return try PriceCatalogue(json: json, path: path)
    }

    public init(json: JSON, path: String = "<memory>") throws(Failure) {
        self.path = path
        guard let fv = json["format_version"]?.intValue, fv == 1 else {
            throw Failure(message: "The price catalogue \(path) has format_version \(json["format_version"].map(JSONWriter.compact) ?? "none"); this Terrace reads format 1.")
        }
        formatVersion = fv
        version = json["catalogue_version"]?.stringValue ?? "unversioned"
        currency = json["currency"]?.stringValue ?? "USD"
        hoursPerMonth = json["hours_per_month"].flatMap(Self.number) ?? 730
        global = try Self.entries(json["global"], path: path, context: "global")
        var regions: [String: Region] = [:]
        for (name, r) in json["regions"]?.objectValue ?? [] {
            regions[name] = Region(name: r["name"]?.stringValue ?? name,
                                   prices: try Self.entries(r["prices"], path: path, context: name),
                                   base: r["base"]?.stringValue,
                                   multiplier: r["multiplier"].flatMap(Self.number),
                                   multiplierNote: r["multiplier_note"]?.stringValue)
        }
        self.regions = regions
    }

    static func number(_ j: JSON) -> Double? {
        if case .number(let n) = j { return Double(n) }
        return nil
    }

    static func entries(_ j: JSON?, path: String, context: String) throws(Failure) -> [String: PriceEntry] {
        var out: [String: PriceEntry] = [:]
        for (key, e) in j?.objectValue ?? [] {
            guard let p = e["price"].flatMap(number), p >= 0 else {
                throw Failure(message: "The price catalogue \(path) has no valid price for \(context) \(key).")
            }
            out[key] = PriceEntry(price: p, unit: e["unit"]?.stringValue ?? "",
                                  date: e["date"]?.stringValue ?? "", confidence: e["confidence"]?.stringValue ?? "",
                                  source: e["source"]?.stringValue ?? "")
        }
        return out
    }

    public var regionNames: [String] { regions.keys.sorted() }

    /// The price of `key` in `region`: global, the region's own, or the base region's times the
    /// region's multiplier. nil when the catalogue does not have it (a missing price).
    public func quote(_ key: String, region: String) -> PriceQuote? {
        if let e = global[key] {
            return PriceQuote(key: key, region: "global", price: e.price, entry: e, multiplier: nil, note: nil)
        }
        guard let r = regions[region] else { return nil }
        if let e = r.prices[key] {
            return PriceQuote(key: key, region: region, price: e.price, entry: e, multiplier: nil, note: nil)
        }
        if let baseName = r.base, let m = r.multiplier, let e = regions[baseName]?.prices[key] {
            return PriceQuote(key: key, region: region, price: e.price * m, entry: e, multiplier: m, note: r.multiplierNote)
        }
        return nil
    }
}
