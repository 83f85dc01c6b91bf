#!/usr/bin/env bash
# One `jianggao generate` process, end to end with the embedded bank and templates, measured
# beside merely starting Python, in the same hyperfine run. Needs hyperfine
# (`apt-get install -y hyperfine`) and a release build (`cargo build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${CARGO_TARGET_DIR:-target}/release/jianggao"
hyperfine --warmup 20 --runs 200 -N \
  "$bin generate examples/county.toml --seed 42 --quiet" \
  "python3 -c pass" "$@"
