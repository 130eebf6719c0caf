#!/usr/bin/env bash
# Records what the real `terraform validate` (1.0.3) reports for each JSON-syntax input:
#   Tests/TerraceHCLTests/Fixtures/json/NAME.tf.json  ->  NAME.txt (standard error, -no-color)
# Each input is validated as the only file (main.tf.json) of an empty module.
# Read the diff before committing.
#
# usage: scripts/oracle/record-json-goldens.sh [TERRAFORM]   (default /tmp/oracles/terraform)
set -uo pipefail
tf=${1:-/tmp/oracles/terraform}
dir=$(cd "$(dirname "$0")/../.." && pwd)/Tests/TerraceHCLTests/Fixtures/json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for input in "$dir"/*.tf.json; do
  name=$(basename "$input" .tf.json)
  rm -f "$work"/*
  cp "$input" "$work/main.tf.json"
  (cd "$work" && "$tf" validate -no-color > /dev/null 2> "$dir/$name.txt")
  echo "recorded $name"
done
