#!/usr/bin/env bash
# Records Terraform 1.0.3's human plan output for each case under
# Tests/TerraceCLITests/Golden/plan/<case>/: applies before.tf with the real terraform and the
# null provider (if present), then plans main.tf. Writes terraform.tfstate (the state the
# plan was made against) and expected.txt (the plan, with "Terraform" spelled "Terrace").
# Usage: scripts/oracle/record-plan-goldens.sh   (installs the oracles with shared/tools/oracles.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
eval "$(bash /work/shared/tools/oracles.sh 2>/dev/null || bash "$root/../shared/tools/oracles.sh")"
rc=$(mktemp)
printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$TF_PLUGINS" > "$rc"
export TF_CLI_CONFIG_FILE=$rc TF_IN_AUTOMATION=
for dir in "$root"/Tests/TerraceCLITests/Golden/plan/*/; do
  name=$(basename "$dir")
  work=$(mktemp -d)
  cp "$dir"/*.tf "$work"/ 2>/dev/null || true
  ( cd "$work"
    if [[ -f before.tf ]]; then
      mv main.tf main.tf.later; cp before.tf main.tf; rm before.tf
      "$TF" init -no-color >/dev/null
      "$TF" apply -auto-approve -no-color >/dev/null
      mv main.tf.later main.tf
      cp terraform.tfstate "$dir/terraform.tfstate"
    else
      "$TF" init -no-color >/dev/null
      rm -f "$dir/terraform.tfstate"
    fi
    args=$(cat "$dir/args" 2>/dev/null || true)
    "$TF" plan -no-color $args -out=plan.bin > /dev/null 2>&1 || true
    "$TF" show -json plan.bin > "$dir/expected.json" 2>/dev/null || rm -f "$dir/expected.json"
    "$TF" plan -no-color $args > out.txt 2>&1 || true
    sed -e 's/Terraform/Terrace/g' -e 's/"terraform apply"/"terrace apply"/g' out.txt > "$dir/expected.txt"
  )
  rm -rf "$work"
  echo "recorded $name"
done
rm -f "$rc"
