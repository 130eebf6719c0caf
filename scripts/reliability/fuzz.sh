#!/usr/bin/env bash
# The long fuzzing run of docs/reliability.md: ITERATIONS (default 100000) seeded mutated
# inputs each for the HCL parser (and formatter), the tfvars loader, the state reader, the
# saved-plan reader and the usage-file reader.
source "$(dirname "$0")/common.sh"
build
TERRACE_FUZZ_ITERATIONS=${ITERATIONS:-100000} \
    run fuzz 'TerraceHCLTests.FuzzTests|TerraceStateTests.FuzzTests|UsageFileFuzzTests'
