#!/bin/bash
# Times `terrace plan` of modules with N locals that reference each other, to show that
# evaluation is linear in N. Each local l<k> (k > 0) reads the one before it and, every tenth,
# one a hundred back, so the graph is a long dependency chain with cross links.
#
# Usage: scripts/bench/locals.sh [terrace-binary] [N ...]
# Default binary: .build/release/terrace (build it with `swift build -c release`).
set -euo pipefail
bin=${1:-.build/release/terrace}
shift || true
sizes=${*:-1000 2000 5000 10000 20000}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf "%8s %10s %12s\n" "locals" "seconds" "µs/local"
for n in $sizes; do
  dir="$work/m$n"
  mkdir -p "$dir"
  {
    echo "locals {"
    echo "  l0 = 1"
    for ((k = 1; k < n; k++)); do
      if ((k % 10 == 0 && k >= 100)); then
        echo "  l$k = local.l$((k - 1)) + local.l$((k - 100)) % 7"
      else
        echo "  l$k = local.l$((k - 1)) + 1"
      fi
    done
    echo "}"
    echo "output \"last\" {"
    echo "  value = local.l$((n - 1))"
    echo "}"
  } > "$dir/main.tf"
  start=$(date +%s.%N)
  (cd "$dir" && TERRACE_CLOUD_DIR="$dir/.cloud" "$bin" plan -no-color > "$dir/plan.out")
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  printf "%8d %10.3f %12.1f\n" "$n" "$secs" "$(echo "$secs * 1000000 / $n" | bc -l)"
done
