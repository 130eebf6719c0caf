import Glibc

/// Sort keys for many items packed into one buffer and compared as bytes (`memcmp`).
///
/// Sorting tens of thousands of addresses with `String` comparisons chases each string to its
/// own heap allocation and compares it by Unicode rules; at 100,000 resources that was about
/// a tenth of a second per sort and grew faster than the count. A key here is built once per
/// item from its parts (strings end in a 0 byte, so a prefix sorts first, as `String` does for
/// text without NUL), and the sort then reads one contiguous buffer.
public struct PackedSortKeys {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init(capacity: Int = 0, bytesPerKey: Int = 48) {
        ends.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * bytesPerKey)
    }

    public var count: Int { ends.count }

    /// Adds the next item's key, built by `build` from its parts.
    public mutating func append(_ build: (inout Builder) -> Void) {
        var b = Builder(bytes: bytes)
        bytes = []
        build(&b)
        bytes = b.bytes
        ends.append(bytes.count)
    }

    /// The parts of one key, in order of precedence.
    public struct Builder {
        fileprivate var bytes: [UInt8]

        /// Text, ordered as `String` orders it (by Unicode scalar, so UTF-8 bytes), shorter first.
        public mutating func string(_ s: String) {
            bytes.append(contentsOf: s.utf8)
            bytes.append(0)
        }

        /// Text with no end mark, for a part written in pieces; `end()` closes it.
        public mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

        /// A whole number written in decimal, as part of text.
        public mutating func decimal(_ i: Int) {
            if i < 0 { bytes.append(0x2D) }
            var m = i.magnitude
            let start = bytes.count
            repeat {
                bytes.append(0x30 + UInt8(m % 10))
                m /= 10
            } while m > 0
            bytes[start...].reverse()
        }

        /// Ends text written with `text` and `decimal`.
        public mutating func end() { bytes.append(0) }

        /// A whole number, ordered numerically.
        public mutating func int(_ i: Int) {
            let u = UInt64(bitPattern: Int64(i)) ^ (1 << 63)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: u >> UInt64(shift))) }
        }

        /// A small tag ordering alternatives before anything after them.
        public mutating func tag(_ t: UInt8) { bytes.append(t) }
    }

    /// The items' positions in key order; equal keys keep their order.
    public func sortedIndices() -> [Int] {
        var order = Array(0..<ends.count)
        bytes.withUnsafeBufferPointer { buf in
            ends.withUnsafeBufferPointer { ends in
                guard let base = buf.baseAddress else { return }
                func less(_ x: Int, _ y: Int) -> Bool {
                    let xs = x == 0 ? 0 : ends[x - 1], xe = ends[x]
                    let ys = y == 0 ? 0 : ends[y - 1], ye = ends[y]
                    let n = min(xe - xs, ye - ys)
                    let c = n == 0 ? 0 : memcmp(base + xs, base + ys, n)
                    if c != 0 { return c < 0 }
                    if xe - xs != ye - ys { return xe - xs < ye - ys }
                    return x < y
                }
                order.sort(by: less)
            }
        }
        return order
    }
}
