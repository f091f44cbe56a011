#!/usr/bin/env bash
# The benchmark (not a test): builds the release bundle, then prints sizes, load timings
# (medians of 5 cold and 5 warm loads) and Lighthouse mobile scores; the same figures go to
# bench-results/bench.json. Installs what it needs, Lighthouse included, when missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser
cd "$ROOT"
if [ ! -f bench/node_modules/lighthouse/package.json ]; then
  step "Installing Lighthouse (benchmark only)"
  (cd bench && npm ci --no-audit --no-fund)
fi
step "Release bundle"
BENCH_DIST="$ROOT/target/bench-dist"
rm -rf "$BENCH_DIST"
trunk build --release --dist "$BENCH_DIST"
cargo build -q -p testpress-stand-in
step "Benchmark"
node scripts/bench.mjs "$BENCH_DIST" "${RUNS:-5}"
