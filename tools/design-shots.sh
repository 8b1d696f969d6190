#!/usr/bin/env bash
# Screenshots of the component sheet (/design-system) in both directions for
# docs/DESIGN.md: builds, starts a private server on the embedded default,
# shoots, stops. Needs Debian's chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked -p qitaa
data=$(mktemp -d)
port=${PORT:-9310}
./target/debug/qitaa serve --addr "127.0.0.1:$port" --data-dir "$data" >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
out=docs/design
python3 tools/shoot.py "http://127.0.0.1:$port" "$out" \
  "components-ar=-:-:/design-system:ar:1280" \
  "components-en=-:-:/design-system:en:1280" \
  "components-phone-ar=-:-:/design-system:ar:390"
# Small files: a palette of 256 colours where pngquant is installed.
if command -v pngquant >/dev/null 2>&1; then
  for f in "$out"/components-*.png; do pngquant --force --skip-if-larger --output "$f" 256 "$f" || true; done
fi
ls -l "$out"
