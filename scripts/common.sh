# Shared settings for scripts/setup, scripts/serve and scripts/test. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Tools installed by `cargo install` live in $CARGO_HOME/bin. It must come first on PATH, before
# /usr/bin, so that Debian's binaryen (an older wasm-opt) can never be picked up by Trunk.
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export CARGO_HOME
export PATH="$CARGO_HOME/bin:$PATH"

# Pinned tool versions (wasm-bindgen-cli follows Cargo.lock; see wasm_bindgen_version).
TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="0.116.1"
WASM_TARGET="wasm32-unknown-unknown"
CHROMIUM="/usr/bin/chromium"
CHROMEDRIVER="/usr/bin/chromedriver"
# Ralph, the Learning Record Store the xAPI end-to-end tests send statements to (PyPI package
# ralph-malph with its lrs and cli extras, in a virtual environment under target/).
RALPH_VERSION="5.1.0"
RALPH_VENV="$ROOT/target/ralph-venv"

# Chromium, chromedriver and Playwright write temporary files: keep them in the repo's target/.
mkdir -p "$ROOT/target/tmp"
export TMPDIR="$ROOT/target/tmp"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  BOLD=$'\e[1m' DIM=$'\e[2m' RED=$'\e[31m' GREEN=$'\e[32m' YELLOW=$'\e[33m' RESET=$'\e[0m'
else
  BOLD="" DIM="" RED="" GREEN="" YELLOW="" RESET=""
fi

say() { printf '%s==>%s %s\n' "$BOLD" "$RESET" "$*"; }
ok() { printf '    %sok%s  %s\n' "$GREEN" "$RESET" "$*"; }
warn() { printf '    %swarn%s %s\n' "$YELLOW" "$RESET" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2
  exit 1
}

# The wasm-bindgen version locked in Cargo.lock (wasm-bindgen-cli must match it exactly).
wasm_bindgen_version() {
  awk '
    /^\[\[package\]\]/ { name = "" }
    /^name = / { gsub(/"/, "", $3); name = $3 }
    /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
  ' "$ROOT/Cargo.lock"
}

# Prints a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Seconds since the epoch with two decimals, for step timings.
now() { date +%s.%N; }
elapsed_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
