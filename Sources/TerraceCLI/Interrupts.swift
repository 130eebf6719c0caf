import Foundation
import Glibc
import TerraceEngine

/// Graceful interruption, as Terraform does it: the first SIGINT or SIGTERM lets operations in
/// flight finish and be recorded, starts nothing new, saves state and releases the lock; a
/// second one exits at once (the apply journal keeps state consistent even then).
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var count = 0

    static func install(terminal: Terminal) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                // Signals delivered before the handler runs come to one call of it (`data`
                // counts them): a second interrupt while the first waits for a thread is still
                // a second. (Two sent at the same instant the kernel merges into one.)
                count += max(1, Int(source.data))
                if count > 1 {
                    terminal.printError("\nTwo interrupts received. Exiting immediately. The apply journal records every completed change; the next run reconciles the rest.")
                    _exit(130)
                }
                Cancellation.shared.cancel()
                terminal.printError("\nInterrupt received.\nPlease wait for Terrace to exit or data loss may occur.\nGracefully shutting down...\n")
            }
            source.resume()
            sources.append(source)
        }
    }
}
