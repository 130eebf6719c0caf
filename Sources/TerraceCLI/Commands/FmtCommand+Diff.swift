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

    /// GNU diff's `discard_confusing_lines`: lines with no match in the other file (and runs
    /// of lines with very many matches between them) are set aside as changed before the
    /// comparison proper. Returns, for each file, the kept lines' classes and real indices.
    static func discardConfusingLines(_ equivs: [[Int]], _ changed: inout [[Bool]], classes: Int) -> [([Int], [Int])] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: 2)
        for f in 0..<2 { for e in equivs[f] { counts[f][e] += 1 } }
        var discards = [[UInt8]](repeating: [], count: 2)
        for f in 0..<2 {
            let end = equivs[f].count
            var d = [UInt8](repeating: 0, count: end)
            var many = 5
            var tem = end >> 6
            while true { tem >>= 2; if tem <= 0 { break }; many *= 2 }
            for i in 0..<end {
                let nmatch = counts[1 - f][equivs[f][i]]
                if nmatch == 0 { d[i] = 1 } else if nmatch > many { d[i] = 2 }
            }
            discards[f] = d
        }
        for f in 0..<2 {
            var d = discards[f]
            let end = d.count
            var i = 0
            while i < end {
                if d[i] == 2 {
                    d[i] = 0
                } else if d[i] != 0 {
                    var j = i
                    var provisional = 0
                    while j < end {
                        if d[j] == 0 { break }
                        if d[j] == 2 { provisional += 1 }
                        j += 1
                    }
                    while j > i && d[j - 1] == 2 { j -= 1; d[j] = 0; provisional -= 1 }
                    let length = j - i
                    if provisional * 4 > length {
                        while j > i { j -= 1; if d[j] == 2 { d[j] = 0 } }
                    } else {
                        var minimum = 1
                        var t = length >> 2
                        while true { t >>= 2; if t <= 0 { break }; minimum <<= 1 }
                        minimum += 1
                        var consec = 0
                        j = 0
                        while j < length {
                            if d[i + j] != 2 {
                                consec = 0
                            } else {
                                consec += 1
                                if minimum == consec { j -= consec } else if minimum < consec { d[i + j] = 0 }
                            }
                            j += 1
                        }
                        j = 0; consec = 0
                        while j < length {
                            if j >= 8 && d[i + j] == 1 { break }
                            if d[i + j] == 2 { consec = 0; d[i + j] = 0 } else if d[i + j] == 0 { consec = 0 } else { consec += 1 }
                            if consec == 3 { break }
                            j += 1
                        }
                        i += length - 1
                        j = 0; consec = 0
                        while j < length {
                            if j >= 8 && d[i - j] == 1 { break }
                            if d[i - j] == 2 { consec = 0; d[i - j] = 0 } else if d[i - j] == 0 { consec = 0 } else { consec += 1 }
                            if consec == 3 { break }
                            j += 1
                        }
                    }
                }
                i += 1
            }
            discards[f] = d
        }
        var out: [([Int], [Int])] = []
        for f in 0..<2 {
            var kept: [Int] = [], real: [Int] = []
            for i in 0..<equivs[f].count {
                if discards[f][i] == 0 {
                    kept.append(equivs[f][i])
                    real.append(i)
                } else {
                    changed[f][i + 1] = true
                }
            }
            out.append((kept, real))
        }
        return out
    }

    /// Which lines of the two files are changed, as GNU diff 3 decides: the common prefix and
    /// suffix (less three lines of horizon) are set aside, unmatched lines discarded, the rest
    /// compared with Myers' algorithm, and the boundaries of changes shifted.
    static func analyze(_ old: [UInt8], _ new: [UInt8], _ a: [Line], _ b: [Line]) -> ([Bool], [Bool]) {
        let horizon = 3
        var b0 = old, b1 = new
        let missing0 = !b0.isEmpty && b0.last != 0x0A, missing1 = !b1.isEmpty && b1.last != 0x0A
        if missing0 { b0.append(0x0A) }
        if missing1 { b1.append(0x0A) }
        let n0 = b0.count, n1 = b1.count
        var p = 0
        while p < n0 && p < n1 && b0[p] == b1[p] { p += 1 }
        if (n0 - (missing0 ? 1 : 0) < p) != (n1 - (missing1 ? 1 : 0) < p) { p -= 1 }
        var hor = horizon
        while p != 0 {
            if b0[p - 1] == 0x0A {
                if hor == 0 { break }
                hor -= 1
            }
            p -= 1
        }
        let prefixEnd = p
        var s0 = n0, s1 = n1
        if missing0 == missing1 {
            var beg0 = prefixEnd + (n0 < n1 ? 0 : n0 - n1)
            var p0 = n0, p1 = n1
            while p0 != beg0 {
                p0 -= 1; p1 -= 1
                if b0[p0] != b1[p1] {
                    p0 += 1; p1 += 1
                    beg0 = p0
                    break
                }
            }
            let atLineStart = (p0 == 0 || b0[p0 - 1] == 0x0A) && (p1 == 0 || b1[p1 - 1] == 0x0A)
            var i = horizon + (atLineStart ? 0 : 1)
            while i > 0 && p0 != n0 {
                i -= 1
                repeat { p0 += 1 } while b0[p0 - 1] != 0x0A
            }
            p1 += p0 - beg0
            s0 = p0; s1 = p1
        }
        func lineIndex(_ buf: [UInt8], _ offset: Int) -> Int {
            var n = 0
            for k in 0..<offset where buf[k] == 0x0A { n += 1 }
            return n
        }
        let prefixLines = lineIndex(b0, prefixEnd)
        let end0 = lineIndex(b0, s0), end1 = lineIndex(b1, s1)
        // Equivalence classes (from 1) over the middle lines of both files; an incomplete last
        // line equals only an incomplete line.
        var ids: [[UInt8]: Int] = [:]
        func id(_ l: Line) -> Int {
            let key = Array(l.text) + (l.hasNewline ? [0x0A] : [0xFF, 0x00])
            if let v = ids[key] { return v }
            let v = ids.count + 1
            ids[key] = v
            return v
        }
        let eq0 = a[min(prefixLines, a.count)..<min(end0, a.count)].map(id)
        let eq1 = b[min(prefixLines, b.count)..<min(end1, b.count)].map(id)
        var changed = [[Bool](repeating: false, count: eq0.count + 2), [Bool](repeating: false, count: eq1.count + 2)]
        let kept = discardConfusingLines([eq0, eq1], &changed, classes: ids.count + 1)
        var an = Analysis(kept[0].0, kept[1].0)
        an.compareseq(0, kept[0].0.count, 0, kept[1].0.count)
        for (k, flag) in an.changedA.enumerated() where flag { changed[0][kept[0].1[k - 1] + 1] = true }
        for (k, flag) in an.changedB.enumerated() where flag { changed[1][kept[1].1[k - 1] + 1] = true }
        Analysis.shiftBoundaries(&changed[0], changed[1], eq0)
        Analysis.shiftBoundaries(&changed[1], changed[0], eq1)
        var fullA = [Bool](repeating: false, count: a.count + 2)
        var fullB = [Bool](repeating: false, count: b.count + 2)
        for i in 0..<eq0.count where changed[0][i + 1] { fullA[prefixLines + i + 1] = true }
        for i in 0..<eq1.count where changed[1][i + 1] { fullB[prefixLines + i + 1] = true }
        return (fullA, fullB)
    }

    /// The edit script turning `old` into `new`.
    static func script(_ old: [UInt8], _ new: [UInt8], _ a: [Line], _ b: [Line]) -> [Op] {
        let (changedA, changedB) = analyze(old, new, a, b)
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && changedA[i + 1] { ops.append(.delete); i += 1; continue }
            if j < b.count && changedB[j + 1] { ops.append(.insert); j += 1; continue }
            ops.append(.equal); i += 1; j += 1
        }
        return ops
    }

    static func diff(_ old: [UInt8], _ new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> [UInt8] {
        let a = lines(old), b = lines(new)
        let ops = script(old, new, a, b)
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
