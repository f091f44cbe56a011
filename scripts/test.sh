#!/usr/bin/env bash
# Runs every test: formatting, lints (native and wasm32), unit tests, the stand-in's contract
# tests, browser component tests, end-to-end tests in headless Chromium, and the smoke flows
# in Firefox and WebKit. Installs what is missing first. Exits non-zero if anything fails;
# nothing is skipped for a missing tool.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser --engines
cd "$ROOT"
started=$SECONDS

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "Lints, native (clippy, warnings denied)"
cargo clippy -q --workspace --all-targets -- -D warnings

step "Lints, native with ssr: the build hook's prerender (clippy, warnings denied)"
cargo clippy -q -p testpress-profile --no-default-features --features ssr --lib --bins -- -D warnings

step "Lints, wasm32 (clippy, warnings denied)"
cargo clippy -q -p testpress-profile --target wasm32-unknown-unknown --all-targets -- -D warnings

step "Native unit tests and the stand-in API's contract tests"
cargo test -q --workspace
cargo test -q -p testpress-profile --no-default-features --features ssr --bin prerender

step "Browser component tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p testpress-profile --target wasm32-unknown-unknown --test browser

step "Release bundle (trunk build --release)"
E2E_DIST="$ROOT/target/e2e-dist"
trunk build --release --dist "$E2E_DIST"
cargo build -q -p testpress-stand-in

step "Size budget (brotli total of the first load; sizes are deterministic, times are not)"
node scripts/size-report.mjs "$E2E_DIST"

step "End-to-end tests (headless Chromium against the stand-in API)"
E2E_DIST="$E2E_DIST" node --test --test-concurrency=1 tests/e2e/

step "Smoke flows in Firefox (headless, WebDriver BiDi)"
E2E_DIST="$E2E_DIST" node --test tests/engines/firefox.test.mjs

step "Smoke flows in WebKit (MiniBrowser under Xvfb, WebKitWebDriver)"
# A 24-bit screen (xvfb-run's default is 8-bit), larger than the phone-sized window.
E2E_DIST="$E2E_DIST" xvfb-run -a -s "-screen 0 1280x1024x24" node --test tests/engines/webkit.test.mjs

printf '\nAll tests passed in %ss.\n' "$((SECONDS - started))"
