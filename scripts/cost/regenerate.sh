#!/usr/bin/env bash
# Regenerates everything about the Social Flow cost estimate that comes from `terrace cost`:
#   Tests/TerraceCostTests/Golden/socialflow-{dev,staging,prod}.json   (golden cost JSON)
#   docs/cost.md                                                        (from scripts/cost/cost.md.in)
# then checks the goldens with the test suite. Read the diff before committing.
#
#   scripts/cost/regenerate.sh            build and run this checkout's terrace
#   scripts/cost/regenerate.sh DIR        build and run the checkout in DIR (an integration of
#                                         branches, say), writing the results into this one
#   COST_SOURCE="…" scripts/cost/…        how docs/cost.md names what was run
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
root="$(cd "${1:-$repo}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && swift build --product terrace >/dev/null)
terrace="$root/.build/debug/terrace"
export TERRACE_CLOUD_DIR="$work/cloud" NO_COLOR=1

for env in dev staging prod; do
    if ! (cd "$root" && "$terrace" cost -env="$env" -format=json >"$work/$env.json" 2>"$work/$env.err"); then
        cat "$work/$env.err" >&2
        echo "terrace cost -env=$env failed in $root: the Social Flow stack does not plan there." >&2
        exit 1
    fi
    (cd "$root" && "$terrace" cost -env="$env" -format=markdown >"$work/$env.md" 2>/dev/null)
    cp "$work/$env.json" "$repo/Tests/TerraceCostTests/Golden/socialflow-$env.json"
done
(cd "$root" && "$terrace" cost -compare=dev,staging,prod -format=markdown >"$work/compare.md" 2>/dev/null)

# COST_SOURCE describes what was run, for the page (default: the commit of the checkout run).
source="${COST_SOURCE:-commit $(git -C "$root" rev-parse --short HEAD)}"
python3 "$repo/scripts/cost/render-doc.py" --data "$work" --template "$repo/scripts/cost/cost.md.in" \
    --out "$repo/docs/cost.md" --source "$source"
echo "wrote docs/cost.md and Tests/TerraceCostTests/Golden/socialflow-{dev,staging,prod}.json"

if [ "$root" = "$repo" ]; then
    (cd "$repo" && swift test --filter SocialFlowCostTests)
fi
