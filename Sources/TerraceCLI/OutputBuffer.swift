import Dispatch
import Foundation
import Glibc

/// Standard output gathered into large writes when it is a file or a pipe, as C's stdio buffers
/// it: an apply of 100,000 resources prints 200,000 progress lines, and one `write` per line
/// cost a noticeable part of the run. What is buffered goes out when 64 KiB have gathered, at
/// most 100 ms after it was written (so a log being followed still shows progress), before
/// anything is written to standard error (so the two stay in order in a shared log), before
/// reading input, and at exit. A terminal is written line by line, as before.
final class OutputBuffer: @unchecked Sendable {
    static let standardOutput = OutputBuffer(fd: 1)

    static let limit = 64 * 1024
    static let interval: DispatchTimeInterval = .milliseconds(100)

    private let fd: Int32
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var timer: DispatchSourceTimer?

    init(fd: Int32) { self.fd = fd }

    func write(_ s: String) {
        lock.withLock {
            bytes.append(contentsOf: s.utf8)
            if bytes.count >= Self.limit { flushLocked() } else { startTimerLocked() }
        }
    }

    func flush() { lock.withLock { flushLocked() } }

    private func flushLocked() {
        var off = 0
        bytes.withUnsafeBytes { buf in
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n > 0 { off += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// A periodic flush, started with the first buffered write.
    private func startTimerLocked() {
        guard timer == nil else { return }
        let t = DispatchSource.makeTimerSource(queue: .global())
        t.schedule(deadline: .now() + Self.interval, repeating: Self.interval)
        t.setEventHandler { [weak self] in self?.flush() }
        t.resume()
        timer = t
    }
}
