/// The table of Terraform's built-in functions. Each family lives in its own file and adds
/// itself here.
public enum Builtins {
    /// All built-in functions. File functions resolve paths against `baseDir` (the module
    /// directory). While `planning`, `timestamp()` and `uuid()` are unknown, as Terraform makes
    /// them until apply.
    public static func table(baseDir: String = ".", planning: Bool = false) -> FunctionTable {
        var t = FunctionTable()
        let families: [[String: Function]] = [
            numericFunctions, stringFunctions, regexFunctions, formatFunctions, collectionFunctions, setFunctions,
            conversionFunctions, encodingFunctions, yamlFunctions, networkFunctions,
            filesystemFunctions(baseDir: baseDir), dateTimeFunctions(planning: planning),
            hashFunctions(baseDir: baseDir, planning: planning),
        ]
        for family in families { for (name, f) in family { t[name] = f } }
        t["templatefile"] = templateFileFunction(baseDir: baseDir, functions: t)
        return t
    }
}
