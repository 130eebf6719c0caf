#!/usr/bin/env bash
# Records the expected output of every fmt golden input with the real `terraform fmt` (1.0.3):
#   Tests/TerraceHCLTests/Fixtures/fmt/NAME_in.tf  ->  NAME_out.tf
# Each input is formatted as a file (not through stdin, which adds a final newline), so the
# outputs are byte for byte what Terraform writes. Read the diff before committing.
#
# usage: scripts/oracle/record-fmt-goldens.sh [TERRAFORM]   (default /tmp/oracles/terraform)
set -euo pipefail
tf=${1:-/tmp/oracles/terraform}
dir=$(cd "$(dirname "$0")/../.." && pwd)/Tests/TerraceHCLTests/Fixtures/fmt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for input in "$dir"/*_in.tf "$dir"/*_in.tfvars; do
  [ -e "$input" ] || continue
  base=$(basename "$input")
  ext=${base##*.}
  name=${base%_in.*}
  cp "$input" "$work/$name.$ext"
  if ! "$tf" fmt -no-color "$work/$name.$ext" > /dev/null; then
    echo "terraform fmt rejected $base" >&2
    exit 1
  fi
  cp "$work/$name.$ext" "$dir/${name}_out.$ext"
  echo "recorded ${name}_out.$ext"
done
