#!/usr/bin/env bash
# Records what the real `terraform fmt` (1.0.3) prints for each syntax-error input:
#   Tests/TerraceHCLTests/Fixtures/diagnostics/NAME.hcl  ->  NAME.txt        (-no-color)
#                                                        ->  NAME.color.txt  (colour, which
#                                                            underlines each subject range)
# The input is read from standard input, so diagnostics name the file "<stdin>". Inputs end in
# .hcl, not .tf, so that `fmt -check -recursive` over the repository does not trip on them.
# Read the diff before committing.
#
# usage: scripts/oracle/record-diagnostic-goldens.sh [TERRAFORM]   (default /tmp/oracles/terraform)
set -uo pipefail
tf=${1:-/tmp/oracles/terraform}
dir=$(cd "$(dirname "$0")/../.." && pwd)/Tests/TerraceHCLTests/Fixtures/diagnostics
for input in "$dir"/*.hcl; do
  name=$(basename "$input" .hcl)
  "$tf" fmt -no-color - < "$input" > /dev/null 2> "$dir/$name.txt"
  status=$?
  "$tf" fmt - < "$input" > /dev/null 2> "$dir/$name.color.txt"
  if [ "$status" != 2 ]; then
    echo "$name.hcl: expected exit status 2, got $status" >&2
  fi
  echo "recorded $name"
done
