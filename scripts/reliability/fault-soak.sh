#!/usr/bin/env bash
# The long fault soak of docs/reliability.md: CYCLES (default 20) apply/destroy cycles of the
# Social Flow dev environment under TERRACE_SIM_FAULTS=throttle=0.2,error=0.1,latency=5ms
# (seed SEED+cycle), then the permanent-failure scenario.
source "$(dirname "$0")/common.sh"
build
TERRACE_SOAK_CYCLES=${CYCLES:-20} TERRACE_SOAK_SEED=${SEED:-1100} \
    run fault-soak 'FaultSoakTests'
