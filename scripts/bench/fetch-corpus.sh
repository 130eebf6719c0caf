#!/usr/bin/env bash
# Assembles the real-world corpus the fmt benchmark uses: the .tf and .tfvars files of nine
# terraform-aws-modules repositories at fixed commits (1,143 files, 4.1 MB), in DEST.
# Needs git and the network; keep DEST outside the repository.
#
# usage: scripts/bench/fetch-corpus.sh DEST
set -euo pipefail
dest=${1:?usage: fetch-corpus.sh DEST}
mkdir -p "$dest"
while read -r name commit; do
  repo="https://github.com/terraform-aws-modules/$name.git"
  work=$(mktemp -d)
  git -C "$work" init -q
  git -C "$work" fetch -q --depth 1 "$repo" "$commit"
  git -C "$work" ls-tree -r --name-only FETCH_HEAD | grep -E '\.(tf|tfvars)$' | while read -r f; do
    mkdir -p "$dest/$name/$(dirname "$f")"
    git -C "$work" show "FETCH_HEAD:$f" > "$dest/$name/$f"
  done
  rm -rf "$work"
  echo "$name $commit"
done <<'LIST'
terraform-aws-alb 87f1c9c18408993abe951db5bf788c676abf0731
terraform-aws-autoscaling 29629cd207703b3c4c784e9d7d8f1e130773edab
terraform-aws-eks bef29c4d9523523e57fe898643fde2895106b339
terraform-aws-iam 981121bcd17618b8ed032223c0d9e647b9277ef9
terraform-aws-lambda 23d00f7daef40091e87ed2f9dc5d8532e9d2cc22
terraform-aws-rds fa183b6b36204913fac1219d09b4979c1e60443a
terraform-aws-s3-bucket dd0c434de5e74d8864e249ee020d917b076b6e32
terraform-aws-security-group 3cf4e1a48a4649179e8ea27308daf0b551cb0bfa
terraform-aws-vpc 82d1929e669efef4e2ad00611b8a68e7a56e049c
LIST
