#!/usr/bin/env python3
"""Fills docs/cost.md's template (scripts/cost/cost.md.in) with figures from `terrace cost`.

Placeholders, all resolved from the JSON and markdown `terrace cost` wrote into --data
(an unknown or unresolvable placeholder is an error, so no figure is ever typed by hand):
  {{compare}}                          the -compare=dev,staging,prod markdown table
  {{breakdown:ENV}}                    ENV's component table, notes and footer
  {{total:ENV}} {{min:ENV}} {{max:ENV}} {{baseline:ENV}} {{usage:ENV}}
  {{service:ENV:NAME}}                 a service's monthly cost
  {{resource:ENV:ADDRESS}}             a resource's monthly cost
  {{component:ENV:ADDRESS:NAME}}       a component's monthly cost (SUB / NAME inside a subresource)
  {{count:ENV:estimated|free|unsupported|detected}}
  {{seed:ENV:LOW:HIGH}}                how ENV's total (and autoscaling range) sits against a range
  {{catalogue}} {{source}}
"""
import argparse, json, re, sys
from decimal import Decimal, ROUND_HALF_UP


def money(v):
    # Half away from zero on the decimal text, as Terrace's own views round.
    d = Decimal(str(v)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return "${:,.2f}".format(d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--template", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--source", default="")
    a = ap.parse_args()
    envs = ["dev", "staging", "prod"]
    docs = {e: json.load(open(f"{a.data}/{e}.json")) for e in envs}
    md = {e: open(f"{a.data}/{e}.md").read() for e in envs}
    # The side-by-side table only; the per-environment breakdowns after it come from ENV.md.
    compare = open(f"{a.data}/compare.md").read().split("\n### ")[0]

    def project(e):
        return docs[e]["projects"][0]

    def resource(e, addr):
        for r in project(e)["breakdown"]["resources"]:
            if r["name"] == addr:
                return r
        raise KeyError(f"{e}: no resource {addr}")

    def component(r, name):
        for c in r.get("costComponents", []):
            if c["name"] == name:
                return c
        for s in r.get("subresources", []):
            prefix = s["name"] + " / "
            if name.startswith(prefix):
                return component(s, name[len(prefix):])
        raise KeyError(f"no component {name} in {r['name']}")

    def breakdown(e):
        # The per-environment markdown, its heading one level down.
        text = md[e]
        return re.sub(r"^## ", "### ", text.strip(), flags=re.M) + "\n"

    def value(key):
        parts = key.split(":")
        kind = parts[0]
        if kind == "compare":
            return compare.strip() + "\n"
        if kind == "catalogue":
            return docs["dev"]["priceCatalogue"]["version"]
        if kind == "source":
            return a.source
        e = parts[1]
        b = project(e)["breakdown"]
        if kind == "breakdown":
            return breakdown(e)
        if kind == "total":
            return money(b["totalMonthlyCost"])
        if kind == "min":
            return money(b.get("totalMonthlyCostMin", b["totalMonthlyCost"]))
        if kind == "max":
            return money(b.get("totalMonthlyCostMax", b["totalMonthlyCost"]))
        if kind == "baseline":
            return money(b["totalMonthlyBaselineCost"])
        if kind == "usage":
            return money(b["totalMonthlyUsageCost"])
        if kind == "service":
            for s in project(e)["services"]:
                if s["name"] == parts[2]:
                    return money(s["monthlyCost"])
            raise KeyError(f"{e}: no service {parts[2]}")
        if kind == "resource":
            r = resource(e, ":".join(parts[2:]))
            return money(r["monthlyCost"])
        if kind == "component":
            r = resource(e, parts[2])
            c = component(r, ":".join(parts[3:]))
            if c["monthlyCost"] is None:
                raise KeyError(f"{e}: {parts[2]} {parts[3]} has no cost")
            return money(c["monthlyCost"])
        if kind == "count":
            s = project(e)["summary"]
            n = {"detected": s["totalDetectedResources"], "unsupported": s["totalUnsupportedResources"],
                 "free": s["totalNoPriceResources"],
                 "estimated": s["totalSupportedResources"] - s["totalNoPriceResources"]}[parts[2]]
            return str(n)
        if kind == "seed":
            lo, hi = float(parts[2]), float(parts[3])
            t = float(b["totalMonthlyCost"])
            top = float(b.get("totalMonthlyCostMax", t))
            def where(x):
                if x < lo:
                    return f"{money(lo - x)} below the stated range"
                if x > hi:
                    return f"{money(x - hi)} above the stated range"
                return "within the stated range"
            s = f"{money(t)}, {where(t)}"
            if top != t:
                s += f"; {money(top)} at the autoscaling maximum, {where(top)}"
            return s
        raise KeyError(f"unknown placeholder {key}")

    out = []
    errors = []
    for line in open(a.template).read().splitlines(keepends=True):
        def sub(m):
            try:
                return value(m.group(1))
            except (KeyError, IndexError, ValueError) as ex:
                errors.append(f"{m.group(0)}: {ex}")
                return m.group(0)
        out.append(re.sub(r"\{\{([^{}]+)\}\}", sub, line))
    if errors:
        sys.exit("cannot fill docs/cost.md:\n  " + "\n  ".join(errors))
    open(a.out, "w").write("".join(out))


main()
