#!/usr/bin/env bash
# The benchmark (not a test): builds the release bundle, then prints sizes, load timings
# (medians of 5 cold and 5 warm loads), the phone profile (throttled network and CPU, 5 cold
# and 5 repeat runs) and Lighthouse mobile scores; the same figures go to
# bench-results/bench.json. Installs what it needs, Lighthouse included, when missing.
#
#   ./scripts/bench.sh            everything
#   ./scripts/bench.sh --phone    only the sizes and the phone profile (no Lighthouse)
# RUNS=N changes the number of runs per series (default 5).
set -euo pipefail
PHONE_ONLY=()
for arg in "$@"; do
  case "$arg" in
    --phone) PHONE_ONLY=(--phone) ;;
    *) printf 'bench.sh: unknown option %s (try --phone)\n' "$arg" >&2; exit 2 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser
cd "$ROOT"
if [ ${#PHONE_ONLY[@]} -eq 0 ] && [ ! -f bench/node_modules/lighthouse/package.json ]; then
  step "Installing Lighthouse (benchmark only)"
  (cd bench && npm ci --no-audit --no-fund)
fi
step "Release bundle"
BENCH_DIST="$ROOT/target/bench-dist"
rm -rf "$BENCH_DIST"
trunk build --release --dist "$BENCH_DIST"
cargo build -q -p testpress-stand-in
step "Benchmark"
node scripts/bench.mjs "$BENCH_DIST" "${RUNS:-5}" "${PHONE_ONLY[@]}"
