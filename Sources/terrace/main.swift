import Foundation
import TerraceBasics
import TerraceCLI

KeptUntilExit.enable()
let timed = PhaseTimes.enable()
let status = await CLI.run(Array(CommandLine.arguments.dropFirst()))
Terminal.flushStandardOutput()
if timed { FileHandle.standardError.write(Data(PhaseTimes.report().utf8)) }
exit(status)
