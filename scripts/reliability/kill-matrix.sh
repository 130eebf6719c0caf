#!/usr/bin/env bash
# The long kill matrix of docs/reliability.md: SIGKILL at seeded positions of the apply
# (and destroy) journal, each followed by a resumed run whose result is checked against the
# cloud. ROUNDS (default 50) rounds of the Social Flow prod environment (154 resources,
# 20 ms simulated latency) and of a synthetic configuration of 500 resources (50 VPCs,
# 250 subnets, 200 buckets) with 20 ms latency.
source "$(dirname "$0")/common.sh"
rounds=${ROUNDS:-50}
build
TERRACE_KILL_SF_ROUNDS=$rounds TERRACE_KILL_SEED=${SEED:-20261122} \
    run kill-socialflow-prod 'ReliabilityKillTests/socialFlowProdKilledAtRandomInstantsResumesToExactlyTheConfiguration'
TERRACE_KILL_ROUNDS=$rounds TERRACE_KILL_VPCS=50 \
    run kill-synthetic-500 'KillTests/killedAppliesAndDestroysResumeToTheSameEndState'
