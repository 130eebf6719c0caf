import Foundation

/// Golden files: expected output kept beside the tests. Set `TERRACE_RECORD=1` to write the
/// actual output instead of comparing, then read the diff before committing.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["TERRACE_RECORD"] == "1" }

    /// The `Golden/` directory of the test file calling this.
    public static func directory(_ file: String = #filePath) -> String {
        ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("Golden")
    }

    /// Returns nil when `actual` matches the golden file (or was recorded), else a message.
    public static func check(_ actual: String, _ name: String, file: String = #filePath) -> String? {
        let path = (directory(file) as NSString).appendingPathComponent(name)
        if recording {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "missing golden file \(path); run with TERRACE_RECORD=1 to create it"
        }
        if expected == actual { return nil }
        return "output differs from \(name):\n" + diff(expected, actual)
    }

    /// A small line diff for failure messages.
    public static func diff(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? String(x[i]) : nil
            let r = i < y.count ? String(y[i]) : nil
            if l != r {
                if let l { out.append("-\(i + 1): \(l)") }
                if let r { out.append("+\(i + 1): \(r)") }
            }
            if out.count > 40 { out.append("…"); break }
        }
        return out.joined(separator: "\n")
    }
}
