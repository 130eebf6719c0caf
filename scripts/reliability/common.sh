# Shared by the reliability scripts: build once (unless RELIABILITY_SKIP_BUILD=1), then run
# the named tests with the settings given, keeping only the figures lines and the verdict.
set -euo pipefail
cd "$(dirname "$0")/../.."
log_dir=${RELIABILITY_LOG_DIR:-.build/reliability}
mkdir -p "$log_dir"

build() {
    if [ "${RELIABILITY_SKIP_BUILD:-0}" != 1 ]; then swift build --build-tests >/dev/null; fi
}

# run NAME FILTER: runs `swift test --filter FILTER` with the environment the caller set,
# logs everything to $log_dir/NAME.log and prints the figures lines and the verdict.
run() {
    local name=$1 filter=$2
    local start=$SECONDS
    set +e
    swift test --skip-build --filter "$filter" >"$log_dir/$name.log" 2>&1
    local status=$?
    set -e
    grep -E '^(kill matrix|fault soak|fuzz )' "$log_dir/$name.log" || true
    grep -E 'Test run with|✘' "$log_dir/$name.log" | grep -v '^↳' | head -20 || true
    echo "$name: exit $status after $((SECONDS - start))s (log: $log_dir/$name.log)"
    return $status
}
