import Foundation
import TerraceCLI

let status = await CLI.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
