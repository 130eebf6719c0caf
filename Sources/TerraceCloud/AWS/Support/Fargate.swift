/// Fargate's task sizes: the memory (MiB) each CPU size (units, 1024 per vCPU) allows.
enum Fargate {
    static let memoryByCPU: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122880, by: 8192)),
    ]

    /// CPU units from "1024", "1 vCPU" or "0.25 vcpu".
    static func cpuUnits(_ s: String) -> Int? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if let n = Int(t) { return n }
        if t.hasSuffix("vcpu"), let v = Double(t.dropLast(4).trimmingCharacters(in: .whitespaces)) { return Int(v * 1024) }
        return nil
    }

    /// Memory in MiB from "2048", "2 GB" or "2gb".
    static func memoryMiB(_ s: String) -> Int? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if let n = Int(t) { return n }
        if t.hasSuffix("gb"), let v = Double(t.dropLast(2).trimmingCharacters(in: .whitespaces)) { return Int(v * 1024) }
        return nil
    }

    /// Whether Fargate runs a task of this size.
    static func allows(cpu: Int, memory: Int) -> Bool { memoryByCPU[cpu]?.contains(memory) ?? false }

    /// A readable list of the allowed combinations, for documentation.
    static var table: String {
        memoryByCPU.keys.sorted().map { cpu in
            let m = memoryByCPU[cpu] ?? []
            return "\(cpu) CPU: \(m.first ?? 0)–\(m.last ?? 0) MiB"
        }.joined(separator: "; ")
    }
}

import Foundation
