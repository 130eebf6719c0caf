/// The table of Terraform's built-in functions. Each family lives in its own file and adds
/// itself here.
public enum Builtins {
    /// All built-in functions; file functions resolve paths against `baseDir` (the module directory).
    public static func table(baseDir: String = ".") -> FunctionTable {
        var t = FunctionTable()
        for (name, f) in collectionFunctions { t[name] = f }
        for (name, f) in stringFunctions { t[name] = f }
        for (name, f) in conversionFunctions { t[name] = f }
        for (name, f) in networkFunctions { t[name] = f }
        return t
    }
}
