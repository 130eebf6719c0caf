import Foundation
import TerraceBench

// terrace-bench: generates the synthetic configurations of docs/benchmarks.md and times
// `terrace` (and Terraform, where installed) on them. See `usage` below.

let usage = """
Usage:
  terrace-bench generate N DIR [-flavour=null|mixed]
      Writes the configuration of N instances into DIR.
  terrace-bench run [options]
      -terrace=PATH                 terrace executable (default .build-release/release/terrace)
      -sizes=1000,10000,100000      sizes Terrace runs
      -flavour=null|mixed           configuration flavour (default null; Terraform needs null)
      -terraform=PATH               Terraform 1.0.3 (default /tmp/oracles/terraform if present; "none" to skip)
      -terraform-plugins=DIR        provider mirror (default /tmp/oracles/plugins)
      -terraform-sizes=1000,5000    sizes Terraform plans (Terrace runs them too)
      -terraform-apply-sizes=1000   sizes Terraform also applies and re-plans (5,000 takes ~11 minutes)
      -repeat=3                     runs of every step per tool and size; the report shows medians
      -settle=0                     seconds of pause before each measured command
      -work=DIR                     where configurations are written (default a new temporary directory)
"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { fail(usage) }
args.removeFirst()
var options: [String: String] = [:]
var positional: [String] = []
for a in args {
    if a.hasPrefix("-"), let eq = a.firstIndex(of: "=") {
        options[String(a[a.index(after: a.startIndex)..<eq]).trimmingCharacters(in: CharacterSet(charactersIn: "-"))] = String(a[a.index(after: eq)...])
    } else if a.hasPrefix("-") {
        fail("unknown option \(a)\n\n" + usage)
    } else {
        positional.append(a)
    }
}
let knownOptions: Set<String> = ["terrace", "sizes", "flavour", "terraform", "terraform-plugins", "terraform-sizes",
                                  "terraform-apply-sizes", "repeat", "settle", "work"]
for key in options.keys where !knownOptions.contains(key) { fail("unknown option -\(key)\n\n" + usage) }
let parsedOptions = options
func sizes(_ key: String, _ def: [Int]) -> [Int] {
    let options = parsedOptions
    guard let v = options[key] else { return def }
    if v.isEmpty { return [] }
    return v.split(separator: ",").map { s in
        guard let n = Int(s.replacingOccurrences(of: "_", with: "")), n > 0 else { fail("invalid size \"\(s)\" in -\(key)") }
        return n
    }
}
guard let flavour = SyntheticConfig.Flavour(rawValue: options["flavour"] ?? "null") else { fail("-flavour must be null or mixed") }

switch command {
case "generate":
    guard positional.count == 2, let n = Int(positional[0]), n > 0 else { fail(usage) }
    do { try SyntheticConfig(instances: n, flavour: flavour).write(to: positional[1]) } catch { fail("cannot write \(positional[1]): \(error)") }
case "run":
    let fm = FileManager.default
    let terracePath = options["terrace"] ?? ".build-release/release/terrace"
    guard fm.isExecutableFile(atPath: terracePath) else {
        fail("no terrace executable at \(terracePath); build it with `swift build -c release --static-swift-stdlib --scratch-path .build-release` or pass -terrace=PATH")
    }
    let absolute = { (p: String) in p.hasPrefix("/") ? p : fm.currentDirectoryPath + "/" + p }
    let terrace = Benchmark.Tool(name: "terrace", executable: absolute(terracePath), environment: [:])
    let workDir = options["work"].map(absolute) ?? NSTemporaryDirectory() + "terrace-bench-\(getpid())"
    try? fm.createDirectory(atPath: workDir, withIntermediateDirectories: true)
    var terraform: Benchmark.Tool?
    let tfPath = options["terraform"] ?? "/tmp/oracles/terraform"
    if tfPath != "none", fm.isExecutableFile(atPath: tfPath) {
        let plugins = options["terraform-plugins"] ?? "/tmp/oracles/plugins"
        let rc = workDir + "/terraformrc"
        try? "provider_installation {\n  filesystem_mirror {\n    path = \"\(plugins)\"\n  }\n}\n".write(toFile: rc, atomically: true, encoding: .utf8)
        terraform = Benchmark.Tool(name: "terraform", executable: absolute(tfPath),
                                   environment: ["TF_CLI_CONFIG_FILE": rc, "CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1"])
    } else if options["terraform"] != nil && tfPath != "none" {
        fail("no Terraform executable at \(tfPath)")
    } else {
        FileHandle.standardError.write(Data("Terraform not found at \(tfPath) (install it with ../shared/tools/oracles.sh); timing Terrace only\n".utf8))
    }
    guard let repeats = Int(options["repeat"] ?? "3"), repeats > 0 else { fail("-repeat must be a positive number") }
    guard let settle = Double(options["settle"] ?? "0"), settle >= 0 else { fail("-settle must be a number of seconds") }
    let bench = Benchmark(terrace: terrace, terraform: terraform,
                          sizes: sizes("sizes", [1000, 10_000, 100_000]),
                          terraformSizes: sizes("terraform-sizes", [1000, 5000]),
                          terraformApplySizes: sizes("terraform-apply-sizes", [1000]),
                          flavour: flavour, repeats: repeats, settle: settle, workDir: workDir,
                          log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    do {
        let rows = try bench.run()
        print(BenchmarkReport.render(rows, flavour: flavour), terminator: "")
    } catch {
        fail("\(error)")
    }
    if options["work"] == nil { try? fm.removeItem(atPath: workDir) }
default:
    fail(usage)
}
