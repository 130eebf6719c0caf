#!/usr/bin/env bash
# The plan-and-apply benchmark of docs/benchmarks.md: builds terrace in release mode and runs
# `terrace-bench run` (synthetic configurations of 1,000, 10,000 and 100,000 instances, and
# Terraform 1.0.3 with the null provider at 1,000 and 5,000 where ../shared/tools/oracles.sh
# installed them). Extra arguments go to `terrace-bench run`, e.g. -repeat=1 or -sizes=1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --static-swift-stdlib --scratch-path .build-release --product terrace >&2
swift build -c release --static-swift-stdlib --scratch-path .build-release --product terrace-bench >&2
exec .build-release/release/terrace-bench run -terrace=.build-release/release/terrace "$@"
