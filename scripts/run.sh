#!/usr/bin/env bash
# Runs the app for development: the stand-in Testpress API with demo users on :8000 and
# `trunk serve` on :8080 (which proxies /api/ and /media/ to it). Ctrl-C stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

API_PORT=8000   # Trunk.toml's [[proxy]] entries point here.
APP_URL="http://127.0.0.1:8080"

step "Building the stand-in API"
cargo build -q -p testpress-stand-in

API_LOG="$(mktemp)"
# Image URLs go through trunk's proxy (same origin, allowed by the CSP); the proxy drops the
# port from Host, so the stand-in is told the public URL.
"$ROOT/target/debug/testpress-stand-in" --port "$API_PORT" --db "$ROOT/stand-in.sqlite3" --public-url "$APP_URL" >"$API_LOG" 2>&1 &
API_PID=$!
trap 'kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; rm -f "$API_LOG"' EXIT
for _ in $(seq 50); do
  grep -q 'listening on' "$API_LOG" && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$API_LOG"; fail "the stand-in API did not start (is port $API_PORT taken?)"; }
  sleep 0.2
done
grep -q 'listening on' "$API_LOG" || fail "the stand-in API did not start"
cat "$API_LOG"

cat <<MSG

  App:          $APP_URL   (ready when trunk says "server listening"; the first build takes a minute;
                after an edit trunk rebuilds and the page reloads by itself)
  Demo sign-in: testpress / demo1234
  API:          http://127.0.0.1:$API_PORT   (data kept in stand-in.sqlite3; delete it to reset)
  Stop:         Ctrl-C

MSG
trunk serve
