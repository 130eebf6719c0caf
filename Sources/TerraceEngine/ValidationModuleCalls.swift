import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang

extension ModuleValidation {
    /// A module call's arguments against the called module's variables: no unknown names, every
    /// required variable set, each value convertible to the variable's type.
    mutating func checkModuleCall(_ call: ModuleCall) {
        checkExpansion(count: call.count, forEach: call.forEach)
        let scope = ExpressionScope(count: call.count != nil, forEach: call.forEach != nil)
        _ = checkDependsOn(call.dependsOn, ExpressionScope())
        for (key, ref) in call.providers.sorted(by: { $0.key < $1.key }) {
            let range = call.body.attribute("providers")?.expr.range ?? call.declRange
            checkProviderReference(ref, range: range, user: "module.\(call.name) (as \(key))")
        }
        // A module that could not be loaded has been reported by the loader.
        guard let child = config.children[call.name] else { return }
        checkPassedProviders(call, child)
        let vars = child.module.variables
        for attr in call.arguments {
            guard let decl = vars[attr.name] else {
                diags += .error("Unsupported argument",
                                "An argument named \"\(attr.name)\" is not expected here.\(Suggestions.didYouMean(attr.name, in: vars.keys))",
                                at: attr.nameRange)
                continue
            }
            guard let v = evaluate(attr.expr, scope) else { continue }
            var value = v
            if let defaults = decl.type.defaults { value = defaults.apply(to: value) }
            do {
                _ = try Conversion.convert(value, to: decl.type.type)
            } catch {
                diags += .error("Invalid value for module argument",
                                "The given value is not suitable for child module variable \"\(attr.name)\" defined at \(decl.declRange.hclDescription): \(error.description).",
                                at: attr.expr.range)
            }
        }
        for block in call.body.blocks {
            diags += .error("Unsupported block type", "Blocks of type \"\(block.type)\" are not expected here.", at: block.typeRange)
        }
        for name in vars.keys.sorted() where vars[name]?.defaultValue == nil && call.body.attribute(name) == nil {
            diags += .error("Missing required argument",
                            "The argument \"\(name)\" is required, but no definition was found.", at: call.body.range.startOnly)
        }
    }

    /// Terraform warns when a module is passed a provider configuration under a local name it
    /// does not declare in `required_providers`.
    mutating func checkPassedProviders(_ call: ModuleCall, _ child: Config) {
        guard let attr = call.body.attribute("providers"), case .object(let items) = attr.expr.kind else { return }
        for item in items {
            guard let key = item.key.asStaticString ?? item.key.staticTraversal?.description else { continue }
            let name = String(key.split(separator: ".").first ?? Substring(key))
            guard child.module.requiredProviders[name] == nil else { continue }
            diags += .warning("Provider \(name) is undefined",
                              "Module \(child.displayAddress) does not declare a provider named \(name).\nIf you wish to specify a provider configuration for the module, add an entry for \(name) in the required_providers block within the module.",
                              at: item.key.range)
        }
    }
}
