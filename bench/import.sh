#!/usr/bin/env bash
# A merchant catalog import at size, in one command:
#
#   bench/import.sh [N]      N CSV rows, default 100000
#
# Starts `qitaa serve` on a fresh embedded PostgreSQL under a temp dir (the
# demo data seeded), signs in the demo super admin, creates a merchant,
# writes an N-row CSV to disk and streams it to
# POST /api/v1/admin/merchants/{id}/imports with curl (which never holds the
# file), then imports the same file again. For each import it records the
# wall time, the rows per second, and the server process's resident memory
# (VmRSS) and peak (VmHWM) before and after, so the import's memory can be
# compared with the file's size. It writes its section of
# docs/BENCHMARKS.md (between the import markers).
#
# Environment: BENCH_PROFILE (release; `debug` uses target/debug without
# building), BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail

N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/docs/BENCHMARKS.md}
PROFILE=${BENCH_PROFILE:-release}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
QITAA=$TARGET/$PROFILE/qitaa

say() { printf '\n== %s\n' "$*" >&2; }
unset DATABASE_URL PUBLIC_URL PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE
export LOG_FORMAT=json RUST_LOG=warn WORKER=off

if [ "$PROFILE" = release ]; then
    say "building the release binary"
    (cd "$ROOT" && cargo build --release --locked -p qitaa)
fi

W=$(mktemp -d)
# The embedded cluster runs as the postgres user when we are root.
chmod 755 "$W"
D=$W/data
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT

say "starting the server"
"$QITAA" serve --addr 127.0.0.1:0 --data-dir "$D" >"$W/serve.out" 2>>"$W/serve.err" &
SERVER_PID=$!
BASE=
for _ in $(seq 1 300); do
    BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$W/serve.out" | head -n1 || true)
    [ -n "$BASE" ] && curl -fsS "$BASE/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$W/serve.err" >&2; exit 1; }
    sleep 0.2
done
[ -n "$BASE" ] || { echo "the server did not start" >&2; exit 1; }

curl -fsS -H 'content-type: application/json' -d '{"phone":"+966500000000"}' "$BASE/api/v1/auth/otp/request" >/dev/null
TOKEN=$(curl -fsS -H 'content-type: application/json' -d '{"phone":"+966500000000","code":"123456"}' \
    "$BASE/api/v1/auth/otp/verify" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
MERCHANT=$(curl -fsS -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \
    -d '{"nameAr":"مستودع القياس","nameEn":"Bench Depot","crNumber":"4099999999","vatNumber":"310000000000003","email":"bench@example.sa","commissionBp":800,"leadTimeDays":3}' \
    "$BASE/api/v1/admin/merchants" | sed -n 's/.*"data":{"id":"\([^"]*\)".*/\1/p')

say "writing $N rows"
CSV=$W/catalog.csv
echo 'sku,name_ar,name_en,price,stock,oem_numbers,category,make,model,year_from,year_to' >"$CSV"
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "B-%07d,فلتر زيت رقم %d,Oil filter no %d,%d.%02d,%d,04152-%05d,,toyota,,,\n", i, i, i, 20 + i % 300, i % 100, i % 50, i % 100000 }' >>"$CSV"
BYTES=$(stat -c %s "$CSV")

mem() { awk '/^VmRSS|^VmHWM/ { printf "%s=%d ", $1, $2 }' "/proc/$SERVER_PID/status"; }
kb() { sed -n "s/.*$1:=\([0-9]*\).*/\1/p" <<<"$2"; }

run() {
    local before after start end report
    before=$(mem)
    start=$(date +%s.%N)
    report=$(curl -fsS -X POST -H "authorization: Bearer $TOKEN" -H 'content-type: text/csv' \
        --data-binary @"$CSV" "$BASE/api/v1/admin/merchants/$MERCHANT/imports?fileName=catalog.csv")
    end=$(date +%s.%N)
    after=$(mem)
    local secs rows created unchanged
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    rows=$(sed -n 's/.*"rowsTotal":\([0-9]*\).*/\1/p' <<<"$report")
    created=$(sed -n 's/.*"created":\([0-9]*\).*/\1/p' <<<"$report")
    unchanged=$(sed -n 's/.*"unchanged":\([0-9]*\).*/\1/p' <<<"$report")
    printf '| %s | %s | %.1f s | %.0f | %s | %s | %d MB → %d MB | %d MB → %d MB |\n' "$1" "$rows" "$secs" \
        "$(awk -v r="$rows" -v s="$secs" 'BEGIN { printf "%.0f", r / s }')" "$created" "$unchanged" \
        $(( $(kb VmRSS "$before") / 1024 )) $(( $(kb VmRSS "$after") / 1024 )) \
        $(( $(kb VmHWM "$before") / 1024 )) $(( $(kb VmHWM "$after") / 1024 ))
}

say "importing"
FIRST=$(run "first import")
say "importing the same file again"
SECOND=$(run "same file again")

SECTION=$(cat <<MD
<!-- import:begin -->
## Catalog import (\`bench/import.sh $N\`)

$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $PROFILE build, embedded PostgreSQL 15.
The CSV ($N rows, $(( BYTES / 1024 / 1024 )) MB) is streamed by curl from disk into \`COPY\`; memory is the
\`qitaa serve\` process's own (\`VmRSS\` and the peak \`VmHWM\` from /proc), before → after each import.

| run | rows | time | rows/s | created | unchanged | resident | peak |
|---|---|---|---|---|---|---|---|
$FIRST
$SECOND
<!-- import:end -->
MD
)
echo "$SECTION"
if grep -q '<!-- import:begin -->' "$OUT"; then
    python3 - "$OUT" "$SECTION" <<'PY'
import re, sys
p, section = sys.argv[1], sys.argv[2]
s = open(p).read()
s = re.sub(r"<!-- import:begin -->.*?<!-- import:end -->", lambda _: section, s, flags=re.S)
open(p, "w").write(s)
PY
else
    printf '\n%s\n' "$SECTION" >>"$OUT"
fi
