import TerraceBasics
import TerraceHCL

/// Indexing and attribute access as hcl's `Index` and `GetAttr`, and static traversals
/// (`a.b[0]`) built from them.
enum Access {
    static func error(_ diags: inout Diagnostics, _ summary: String, _ detail: String, _ range: SourceRange) -> Value {
        diags += .error(summary, detail, at: range)
        return .dynamicUnknown
    }

    /// Applies each step in turn, stopping at the first that fails.
    static func apply(_ steps: [TraversalStep], to start: Value, _ diags: inout Diagnostics) -> Value {
        var v = start
        for step in steps {
            let before = diags.errors.count
            switch step {
            case .attr(let name, let r):
                v = getAttr(v, name, withDot(r), &diags)
            case .index(let key, let r):
                switch key {
                case .number(let n): v = index(v, .number(Number(parsing: n) ?? Number(0)), r, &diags)
                case .string(let s): v = index(v, .string(s), r, &diags)
                }
            }
            if diags.errors.count > before { return .dynamicUnknown }
        }
        return v
    }

    /// hcl's range for `.name` includes the dot; the syntax tree's covers the name.
    static func withDot(_ r: SourceRange) -> SourceRange {
        guard r.start.column > 1, r.start.byte > 0 else { return r }
        var out = r
        out.start.column -= 1
        out.start.byte -= 1
        return out
    }

    /// `collection[key]`.
    static func index(_ collection: Value, _ key: Value, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        let invalid = "Invalid index"
        if collection.isNull {
            return error(&diags, "Attempt to index null value", "This value is null, so it does not have any indices.", range)
        }
        if key.isNull {
            return error(&diags, invalid, "Can't use a null value as an indexing key.", range)
        }
        let marks = collection.sensitive || key.sensitive
        // An element that exists is found without `collection.type`, which would build the type
        // of every element (each `aws_x.y[count.index]` would cost the size of `aws_x.y`).
        // Everything else, errors included, takes the general path below.
        var found: Value?
        switch (collection.kind, key.kind) {
        case (.list(let items, _), .number(let n)), (.tuple(let items), .number(let n)):
            if let i = n.big.int64Value, i >= 0, i < items.count { found = items[Int(i)] }
        case (.map(let items, _), .string(let s)), (.object(let items), .string(let s)):
            found = items[s]
        default:
            break
        }
        if var e = found {
            if marks { e.sensitive = true }
            return e
        }
        let ty = collection.type
        if ty == .dynamic || key.type == .dynamic { return .dynamicUnknown }
        switch ty {
        case .list, .tuple, .map:
            let want: ValueType = ty.isMap ? .string : .number
            let k: Value
            do {
                k = try Conversion.convert(key, to: want)
            } catch {
                return Access.error(&diags, invalid, "The given key does not identify an element in this collection value: \(error.message).", range)
            }
            // HasIndex
            guard k.isKnown, collection.isKnown || ty.isTuple else {
                if ty.isTuple { return .dynamicUnknown }
                return .unknown(ty.elementType ?? .dynamic)
            }
            var element: Value?
            switch collection.kind {
            case .list(let items, _), .tuple(let items):
                if let i = k.numberValue?.big.int64Value, i >= 0, i < items.count { element = items[Int(i)] }
            case .map(let items, _):
                if let s = k.stringValue { element = items[s] }
            case .unknown:
                // An unknown tuple still has a known length.
                if case .tuple(let ts) = ty, let i = k.numberValue?.big.int64Value, i >= 0, i < ts.count {
                    element = .unknown(ts[Int(i)])
                }
            default: break
            }
            if var e = element {
                if marks { e.sensitive = true }
                return e
            }
            if !ty.isMap, let n = k.numberValue {
                if !n.isInteger {
                    return error(&diags, invalid, "The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.", range)
                }
                if n.signum < 0 {
                    return error(&diags, invalid, "The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.", range)
                }
                if !collection.sensitive, let count = collection.elements?.count ?? ty.tupleElementTypes?.count {
                    let excess = n - Number(count)
                    if excess.signum < 1 {
                        if count == 0 {
                            return error(&diags, invalid, "The given key does not identify an element in this collection value: the collection has no elements.", range)
                        }
                        return error(&diags, invalid, "The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.", range)
                    }
                }
            }
            return error(&diags, invalid, "The given key does not identify an element in this collection value.", range)
        case .object(let attrs, _):
            let wasNumber = key.type == .number
            let k: Value
            do {
                k = try Conversion.convert(key, to: .string)
            } catch {
                return Access.error(&diags, invalid, "The given key does not identify an element in this collection value: \(error.message).", range)
            }
            guard collection.isKnown, k.isKnown, let name = k.stringValue else { return .dynamicUnknown }
            guard attrs[name] != nil else {
                let hint = wasNumber ? " An object only supports looking up attributes by name, not by numeric index." : ""
                return error(&diags, invalid, "The given key does not identify an element in this collection value.\(hint)", range)
            }
            var e = collection.attributes?[name] ?? .unknown(attrs[name]!)
            if marks { e.sensitive = true }
            return e
        case .set:
            return error(&diags, invalid, "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", range)
        default:
            return error(&diags, invalid, "This value does not have any indices.", range)
        }
    }

    /// `object.name`.
    static func getAttr(_ obj: Value, _ name: String, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        if obj.isNull {
            return error(&diags, "Attempt to get attribute from null value", "This value is null, so it does not have any attributes.", range)
        }
        let unsupported = "Unsupported attribute"
        // Known objects and maps answer from their items: `obj.type` would build the type of
        // every attribute, which for `null_resource` with many thousands of names made each
        // reference cost the size of the module.
        switch obj.kind {
        case .object(let items):
            guard var a = items[name] else {
                return error(&diags, unsupported, "This object does not have an attribute named \(GoQuote.quote(name)).", range)
            }
            if obj.sensitive { a.sensitive = true }
            return a
        case .map(let items, _):
            guard var a = items[name] else {
                return error(&diags, "Missing map element", "This map does not have an element with the key \(GoQuote.quote(name)).", range)
            }
            if obj.sensitive { a.sensitive = true }
            return a
        default:
            break
        }
        let ty = obj.type
        switch ty {
        case .object(let attrs, _):
            guard let aty = attrs[name] else {
                return error(&diags, unsupported, "This object does not have an attribute named \(GoQuote.quote(name)).", range)
            }
            guard var a = obj.attributes?[name] else { return Value(.unknown(aty), sensitive: obj.sensitive) }
            if obj.sensitive { a.sensitive = true }
            return a
        case .map(let ety):
            guard let items = obj.attributes else { return Value(.unknown(ety), sensitive: obj.sensitive) }
            guard var a = items[name] else {
                return error(&diags, "Missing map element", "This map does not have an element with the key \(GoQuote.quote(name)).", range)
            }
            if obj.sensitive { a.sensitive = true }
            return a
        case .dynamic:
            return .dynamicUnknown
        case .list(.object(let attrs, _)):
            if attrs[name] != nil {
                return error(&diags, unsupported, "Can't access attributes on a list of objects. Did you mean to access attribute \(GoQuote.quote(name)) for a specific element of the list, or across all elements of the list?", range)
            }
            return error(&diags, unsupported, "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?", range)
        case .set(.object):
            return error(&diags, unsupported, "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?", range)
        case .bool, .number, .string:
            return error(&diags, unsupported, "Can't access attributes on a primitive-typed value (\(ty.description)).", range)
        default:
            return error(&diags, unsupported, "This value does not have any attributes.", range)
        }
    }
}
