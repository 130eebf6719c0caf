import Foundation
import TerraceBasics
import TerraceCLI

KeptUntilExit.enable()
let status = await CLI.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
