import TerraceBasics
import TerraceLang
import TerraceState

/// `terrace output [-json] [-raw] [NAME]`
struct OutputCommand: Command {
    let name = "output"
    let synopsis = "Show output values from your root module"
    let help = """
    Usage: terrace [global options] output [options] [NAME]

      Reads an output variable from a Terrace state file and prints
      the value. With no additional arguments, output will display all
      the outputs for the root module.

    Options:

      -state=path      Path to the state file to read.
      -no-color        If specified, output won't contain any color.
      -json            Machine readable output will be printed in JSON format.
      -raw             For value types that can be automatically converted to a
                       string, will print the raw string directly, rather than
                       a human-oriented representation of the value.
      -env=NAME        Read the state of workspace NAME.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["state": .value, "json": .bool, "raw": .bool, "no-color": .bool, "env": .value], args, ctx) else { return 1 }
        guard let state = StateCommand.readState(flags, ctx) else { return 1 }
        if let name = flags.positional.first {
            guard let o = state.outputs[name] else {
                ctx.terminal.diagnostics(Diagnostics([.error("Output \"\(name)\" not found",
                    "The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run `terrace apply`, since the state won't be updated with new output variables until that command is run.")]))
                return 1
            }
            if flags.bool("json") {
                ctx.terminal.print(JSONWriter.compact(o.value))
            } else if flags.bool("raw") {
                guard let v = OutputsView.value(o), let s = (try? Conversion.convert(v, to: .string))?.stringValue else {
                    ctx.terminal.diagnostics(Diagnostics([.error("Unsupported value for raw output",
                        "The -raw option only supports strings, numbers, and boolean values, but output value \"\(name)\" is \(OutputsView.value(o)?.type.friendlyName ?? "null").")]))
                    return 1
                }
                ctx.terminal.write(s)
            } else if o.sensitive {
                ctx.terminal.print("<sensitive>")
            } else {
                ctx.terminal.print(OutputsView.value(o).map(ValueFormatter.console) ?? "null")
            }
            return 0
        }
        if flags.bool("json") {
            var members: [(String, JSON)] = []
            for n in state.outputs.keys.sorted() {
                let o = state.outputs[n]!
                members.append((n, .object([("sensitive", .bool(o.sensitive)), ("type", o.type), ("value", o.value)])))
            }
            ctx.terminal.print(JSONWriter.pretty(.object(members)))
            return 0
        }
        if state.outputs.isEmpty {
            ctx.terminal.diagnostics(Diagnostics([.warning("No outputs found",
                "The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `terrace refresh` for it to become available. If you are using interpolation, please verify the interpolated value is not empty. You can use the `terrace console` command to assist.")]))
            return 0
        }
        ctx.terminal.write(OutputsView.render(state.outputs))
        return 0
    }
}
