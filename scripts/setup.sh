#!/usr/bin/env bash
# Installs whatever building (and, with --browser, testing) the app needs and is missing;
# --engines adds Firefox and WebKit for the cross-engine smoke tests (tests/engines/).
# Idempotent: a second run only checks versions. Sourced by run.sh and test.sh.
set -euo pipefail

WITH_BROWSER=false
WITH_ENGINES=false
for arg in "$@"; do
  case "$arg" in
    --browser) WITH_BROWSER=true ;;
    --engines) WITH_ENGINES=true ;;
    *) ;; # Sourced without arguments, this sees the caller's own: not ours to judge.
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
TRUNK_VERSION="0.21.14"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nsetup: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "need root (or sudo) to run: $*"; fi
}

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup first"
command -v npm >/dev/null || fail "npm is missing: install Node.js and npm first"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "Adding rustup component $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "Installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly (trunk checks).
BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")"
[ -n "$BINDGEN_VERSION" ] || fail "cannot find wasm-bindgen in Cargo.lock"
grep -q "^wasm_bindgen = \"$BINDGEN_VERSION\"" "$ROOT/Trunk.toml" \
  || fail "Trunk.toml's [tools] wasm_bindgen must be \"$BINDGEN_VERSION\" (the version in Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $BINDGEN_VERSION"; then
  step "Installing wasm-bindgen-cli $BINDGEN_VERSION (matches Cargo.lock)"
  # Not --locked: one of its pinned transitive crates is yanked.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

# wasm-opt (npm's binaryen 132), esbuild (the post-build hook minifies with it),
# playwright-core and axe-core (end-to-end tests), puppeteer-core and selenium-webdriver
# (the Firefox and WebKit smoke tests), pinned by package-lock.json. None of them may fetch
# a browser: the tests drive Debian's (puppeteer-core never downloads one; this is in case).
export PUPPETEER_SKIP_DOWNLOAD=1
if ! { wasm-opt --version 2>/dev/null | grep -q 'version 132' \
    && [ -f "$ROOT/node_modules/playwright-core/package.json" ] \
    && [ -f "$ROOT/node_modules/esbuild/package.json" ] \
    && [ -f "$ROOT/node_modules/axe-core/package.json" ] \
    && [ -f "$ROOT/node_modules/puppeteer-core/package.json" ] \
    && [ -f "$ROOT/node_modules/selenium-webdriver/package.json" ]; }; then
  step "Installing npm tools (binaryen's wasm-opt, esbuild, playwright-core, axe-core, puppeteer-core, selenium-webdriver)"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
fi
[ "$(command -v wasm-opt)" = "$ROOT/node_modules/.bin/wasm-opt" ] \
  || fail "wasm-opt on PATH is not npm's binaryen 132 ($(command -v wasm-opt))"

if $WITH_BROWSER; then
  if ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
    step "Installing Debian's chromium and chromium-driver"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
  if ! command -v openssl >/dev/null; then
    step "Installing openssl (the end-to-end tests make a loopback TLS image host)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl
  fi
  command -v chromium >/dev/null || fail "chromium is still missing"
  command -v chromedriver >/dev/null || fail "chromedriver is still missing"
fi

if $WITH_ENGINES; then
  # Firefox (driven over WebDriver BiDi), WebKitGTK's WebKitWebDriver and MiniBrowser, an X
  # server for MiniBrowser (it has no headless mode), and fonts so Hindi and Tamil render.
  ENGINE_PACKAGES=(firefox-esr webkit2gtk-driver xvfb xauth fonts-lohit-deva fonts-lohit-taml)
  missing=()
  for package in "${ENGINE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    step "Installing Debian's ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}"
  fi
  command -v firefox-esr >/dev/null || fail "firefox-esr is still missing"
  command -v WebKitWebDriver >/dev/null || fail "WebKitWebDriver is still missing"
  command -v xvfb-run >/dev/null || fail "xvfb-run is still missing"
  # MiniBrowser ships inside libwebkit2gtk (a dependency of webkit2gtk-driver), off PATH.
  MINIBROWSER_BIN="$(dpkg -L "$(dpkg-query -W -f='${Depends}' webkit2gtk-driver | grep -o 'libwebkit2gtk-[0-9.]*-0' | head -1)" 2>/dev/null | grep '/MiniBrowser$' | head -1 || true)"
  [ -x "$MINIBROWSER_BIN" ] || fail "cannot find WebKitGTK's MiniBrowser (dpkg -L libwebkit2gtk-4.1-0)"
  export MINIBROWSER_BIN
fi
