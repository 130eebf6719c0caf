/// Unified diffs for `fmt -diff`, in the format of `diff -u --label=old/PATH --label=new/PATH`,
/// which Terraform runs: three lines of context, nearby changes merged into one hunk, the
/// deleted lines of a change before the inserted ones, and a note after a last line without
/// a line end. Lines are matched by Myers' shortest edit script.
enum UnifiedDiff {
    struct Line {
        var text: ArraySlice<UInt8>
        var hasNewline: Bool
    }

    static func lines(_ b: [UInt8]) -> [Line] {
        var out: [Line] = []
        var start = 0
        for (i, c) in b.enumerated() where c == 0x0A {
            out.append(Line(text: b[start..<i], hasNewline: true))
            start = i + 1
        }
        if start < b.count { out.append(Line(text: b[start...], hasNewline: false)) }
        return out
    }

    enum Op { case equal, delete, insert }

    /// Which lines of each file are changed, found as GNU diff finds them: Myers' linear-space
    /// divide and conquer (`compareseq`/`diag`), then `shift_boundaries`, which slides runs of
    /// changes so that they merge and end as late as possible.
    struct Analysis {
        let a: [Int], b: [Int]
        /// Changed flags with a sentinel (false) before and after: index `i + 1` is line `i`.
        var changedA: [Bool], changedB: [Bool]
        var fd: [Int], bd: [Int]
        let dOffset: Int

        init(_ a: [Int], _ b: [Int]) {
            self.a = a
            self.b = b
            changedA = [Bool](repeating: false, count: a.count + 2)
            changedB = [Bool](repeating: false, count: b.count + 2)
            dOffset = b.count + 1
            fd = [Int](repeating: 0, count: a.count + b.count + 3)
            bd = fd
        }

        mutating func compareseq(_ xoff0: Int, _ xlim0: Int, _ yoff0: Int, _ ylim0: Int) {
            var xoff = xoff0, xlim = xlim0, yoff = yoff0, ylim = ylim0
            while xoff < xlim && yoff < ylim && a[xoff] == b[yoff] { xoff += 1; yoff += 1 }
            while xoff < xlim && yoff < ylim && a[xlim - 1] == b[ylim - 1] { xlim -= 1; ylim -= 1 }
            if xoff == xlim {
                for y in yoff..<ylim { changedB[y + 1] = true }
            } else if yoff == ylim {
                for x in xoff..<xlim { changedA[x + 1] = true }
            } else {
                let (xmid, ymid) = diag(xoff, xlim, yoff, ylim)
                compareseq(xoff, xmid, yoff, ymid)
                compareseq(xmid, xlim, ymid, ylim)
            }
        }

        /// The midpoint of a shortest edit script, searching from both ends at once.
        mutating func diag(_ xoff: Int, _ xlim: Int, _ yoff: Int, _ ylim: Int) -> (Int, Int) {
            let o = dOffset
            let dmin = xoff - ylim, dmax = xlim - yoff
            let fmid = xoff - yoff, bmid = xlim - ylim
            var fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid
            let odd = (fmid - bmid) & 1 != 0
            fd[o + fmid] = xoff
            bd[o + bmid] = xlim
            while true {
                if fmin > dmin { fmin -= 1; fd[o + fmin - 1] = -1 } else { fmin += 1 }
                if fmax < dmax { fmax += 1; fd[o + fmax + 1] = -1 } else { fmax -= 1 }
                var d = fmax
                while d >= fmin {
                    let tlo = fd[o + d - 1], thi = fd[o + d + 1]
                    var x = tlo < thi ? thi : tlo + 1
                    var y = x - d
                    while x < xlim && y < ylim && a[x] == b[y] { x += 1; y += 1 }
                    fd[o + d] = x
                    if odd && bmin <= d && d <= bmax && bd[o + d] <= x { return (x, y) }
                    d -= 2
                }
                if bmin > dmin { bmin -= 1; bd[o + bmin - 1] = Int.max } else { bmin += 1 }
                if bmax < dmax { bmax += 1; bd[o + bmax + 1] = Int.max } else { bmax -= 1 }
                d = bmax
                while d >= bmin {
                    let tlo = bd[o + d - 1], thi = bd[o + d + 1]
                    var x = tlo < thi ? tlo : thi - 1
                    var y = x - d
                    while xoff < x && yoff < y && a[x - 1] == b[y - 1] { x -= 1; y -= 1 }
                    bd[o + d] = x
                    if !odd && fmin <= d && d <= fmax && x <= fd[o + d] { return (x, y) }
                    d -= 2
                }
            }
        }

        /// GNU diff's `shift_boundaries` for one file against the other.
        static func shiftBoundaries(_ changed: inout [Bool], _ other: [Bool], _ equivs: [Int]) {
            // changed[i + 1] is line i; changed[0] and changed[n + 1] are sentinels.
            let iEnd = equivs.count
            var i = 0, j = 0
            while true {
                while i < iEnd && !changed[i + 1] {
                    while other[j + 1] { j += 1 }
                    j += 1
                    i += 1
                }
                if i == iEnd { break }
                var start = i
                i += 1
                while changed[i + 1] { i += 1 }
                while other[j + 1] { j += 1 }
                var corresponding: Int
                var runLength: Int
                repeat {
                    runLength = i - start
                    while start > 0 && equivs[start - 1] == equivs[i - 1] {
                        start -= 1; changed[start + 1] = true
                        i -= 1; changed[i + 1] = false
                        while changed[start] { start -= 1 }
                        j -= 1
                        while other[j + 1] { j -= 1 }
                    }
                    corresponding = other[j] ? i : iEnd
                    while i != iEnd && equivs[start] == equivs[i] {
                        changed[start + 1] = false; start += 1
                        changed[i + 1] = true; i += 1
                        while changed[i + 1] { i += 1 }
                        j += 1
                        while other[j + 1] { j += 1; corresponding = i }
                    }
                } while runLength != i - start
                while corresponding < i {
                    start -= 1; changed[start + 1] = true
                    i -= 1; changed[i + 1] = false
                    j -= 1
                    while other[j + 1] { j -= 1 }
                }
            }
        }
    }

    /// The edit script turning `a` into `b`.
    static func script(_ a: [Int], _ b: [Int]) -> [Op] {
        var an = Analysis(a, b)
        an.compareseq(0, a.count, 0, b.count)
        Analysis.shiftBoundaries(&an.changedA, an.changedB, a)
        Analysis.shiftBoundaries(&an.changedB, an.changedA, b)
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && an.changedA[i + 1] { ops.append(.delete); i += 1; continue }
            if j < b.count && an.changedB[j + 1] { ops.append(.insert); j += 1; continue }
            ops.append(.equal); i += 1; j += 1
        }
        return ops
    }

    static func diff(_ old: [UInt8], _ new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> [UInt8] {
        let a = lines(old), b = lines(new)
        var ids: [[UInt8]: Int] = [:]
        func id(_ l: Line) -> Int {
            let key = Array(l.text) + (l.hasNewline ? [0x0A] : [])
            if let v = ids[key] { return v }
            let v = ids.count
            ids[key] = v
            return v
        }
        let ops = script(a.map(id), b.map(id))
        guard ops.contains(where: { $0 != .equal }) else { return [] }

        // Positions of each op in both files.
        struct Step { var op: Op; var i: Int; var j: Int }
        var steps: [Step] = []
        var i = 0, j = 0
        for op in ops {
            steps.append(Step(op: op, i: i, j: j))
            switch op {
            case .equal: i += 1; j += 1
            case .delete: i += 1
            case .insert: j += 1
            }
        }
        // Group changes into hunks with their context.
        var hunks: [Range<Int>] = []
        var k = 0
        while k < steps.count {
            guard steps[k].op != .equal else { k += 1; continue }
            var end = k
            var last = k
            while end < steps.count {
                if steps[end].op != .equal { last = end; end += 1; continue }
                var e = end
                while e < steps.count, steps[e].op == .equal { e += 1 }
                if e < steps.count, e - end <= 2 * context { end = e; continue }
                break
            }
            let lo = max(0, k - context)
            let hi = min(steps.count, last + 1 + context)
            if let prev = hunks.last, prev.upperBound >= lo {
                hunks[hunks.count - 1] = prev.lowerBound..<hi
            } else {
                hunks.append(lo..<hi)
            }
            k = last + 1
        }

        var out: [UInt8] = Array("--- \(oldLabel)\n+++ \(newLabel)\n".utf8)
        func range(_ start: Int, _ count: Int) -> String {
            if count == 1 { return "\(start + 1)" }
            return count == 0 ? "\(start),0" : "\(start + 1),\(count)"
        }
        for h in hunks {
            let hs = steps[h]
            let oldCount = hs.filter { $0.op != .insert }.count
            let newCount = hs.filter { $0.op != .delete }.count
            out += Array("@@ -\(range(hs.first?.i ?? 0, oldCount)) +\(range(hs.first?.j ?? 0, newCount)) @@\n".utf8)
            func emit(_ mark: UInt8, _ l: Line) {
                out.append(mark)
                out += l.text
                out.append(0x0A)
                if !l.hasNewline { out += Array("\\ No newline at end of file\n".utf8) }
            }
            var s = h.lowerBound
            while s < h.upperBound {
                if steps[s].op == .equal {
                    emit(UInt8(ascii: " "), a[steps[s].i])
                    s += 1
                    continue
                }
                var e = s
                while e < h.upperBound, steps[e].op != .equal { e += 1 }
                for st in steps[s..<e] where st.op == .delete { emit(UInt8(ascii: "-"), a[st.i]) }
                for st in steps[s..<e] where st.op == .insert { emit(UInt8(ascii: "+"), b[st.j]) }
                s = e
            }
        }
        return out
    }
}
