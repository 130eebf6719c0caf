#!/usr/bin/env bash
# Records the expected output of every fmt golden input with the real `terraform fmt` (1.0.3):
#   Tests/TerraceHCLTests/Fixtures/fmt/NAME_in.hcl  ->  NAME_out.hcl
# Each input is formatted as a file NAME.tf (not through stdin, which adds a final newline), so
# the outputs are byte for byte what Terraform writes. The fixtures end in .hcl, not .tf, so
# that `fmt -check -recursive` over the repository does not list the unformatted inputs.
# Read the diff before committing.
#
# usage: scripts/oracle/record-fmt-goldens.sh [TERRAFORM]   (default /tmp/oracles/terraform)
set -euo pipefail
tf=${1:-/tmp/oracles/terraform}
dir=$(cd "$(dirname "$0")/../.." && pwd)/Tests/TerraceHCLTests/Fixtures/fmt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for input in "$dir"/*_in.hcl; do
  [ -e "$input" ] || continue
  base=$(basename "$input")
  name=${base%_in.hcl}
  cp "$input" "$work/$name.tf"
  if ! "$tf" fmt -no-color "$work/$name.tf" > /dev/null; then
    echo "terraform fmt rejected $base" >&2
    exit 1
  fi
  cp "$work/$name.tf" "$dir/${name}_out.hcl"
  echo "recorded ${name}_out.hcl"
done
