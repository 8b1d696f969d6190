#!/usr/bin/env bash
# Booking availability at size, in one command:
#
#   bench/availability.sh [N]      N past bookings at the demo wash, default 5000
#
# Starts `qitaa serve` on a fresh embedded PostgreSQL under a temp dir (the
# demo data and the demo car wash seeded), writes N past bookings and a
# busy next fortnight (every afternoon slot of one bay booked) straight into
# PostgreSQL, then measures in the same run:
#   a. the database ceiling: pgbench running the availability's one range
#      query (the bays held over the 14 days) as a prepared statement;
#   b. GET /api/v1/stores/{id}/availability for 14 days and two services,
#      with 1 connection (latency) and 4 (throughput).
# It writes its section of docs/BENCHMARKS.md (between the availability
# markers) and removes the temp dir.
#
# Environment: BENCH_PROFILE (release; `debug` uses target/debug without
# building), BENCH_DURATION (15 s), BENCH_WARMUP (3 s), BENCH_KEEP=1.
set -euo pipefail

N=${1:-5000}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/docs/BENCHMARKS.md}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PROFILE=${BENCH_PROFILE:-release}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
QITAA=$TARGET/$PROFILE/qitaa
LOADGEN=$TARGET/$PROFILE/loadgen

say() { printf '\n== %s\n' "$*" >&2; }
unset DATABASE_URL PUBLIC_URL PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE
export LOG_FORMAT=json RUST_LOG=warn WORKER=off

if [ "$PROFILE" = release ]; then
    say "building the release binaries"
    (cd "$ROOT" && cargo build --release --locked -p qitaa -p bench)
fi

D=$(mktemp -d /tmp/qitaa-avail.XXXXXX)
chmod 755 "$D"
W=$D/bench
mkdir -p "$W"
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
    fi
    if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "data kept in $D" >&2; else rm -rf "$D"; fi
}
trap cleanup EXIT

say "starting the server"
"$QITAA" serve --addr 127.0.0.1:0 --data-dir "$D/data" >"$W/serve.out" 2>>"$W/serve.err" &
SERVER_PID=$!
BASE=
for _ in $(seq 1200); do
    BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$W/serve.out" | head -n1 || true)
    [ -n "$BASE" ] && curl -fsS "$BASE/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$W/serve.err" >&2; exit 1; }
    sleep 0.25
done
[ -n "$BASE" ] || { echo "the server did not start" >&2; exit 1; }
SOCKET=$D/data/postgres-run
psql_q() { "$PGBIN/psql" -h "$SOCKET" -U postgres -d qitaa -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

read -r STORE FULL EXTERIOR <<<"$(psql_q -F ' ' -c "SELECT s.id, \
  (SELECT id FROM service_items WHERE store_id = s.id AND name_en LIKE 'Full wash%'), \
  (SELECT id FROM service_items WHERE store_id = s.id AND name_en = 'Exterior wash') \
  FROM stores s WHERE s.name_en = 'Palm Car Wash'")"
[ -n "$STORE" ] || { echo "no demo wash" >&2; exit 1; }

say "writing $N past bookings and a busy fortnight"
psql_q <<SQL
INSERT INTO bookings (id, number, store_id, customer_id, body_type_id, lines, starts_at, ends_at, bay,
  status, payment_method, subtotal, vat, total, commission_bp, commission, commission_vat)
SELECT gen_random_uuid(), 'BB' || i, '$STORE', (SELECT id FROM users WHERE phone = '+966500000001'),
  (SELECT id FROM body_types WHERE slug = 'sedan'), '[]',
  date_trunc('hour', now()) - ((i / 2 + 1) * interval '30 minutes'),
  date_trunc('hour', now()) - ((i / 2) * interval '30 minutes'),
  1 + i % 2, 'completed', 'cash', 3000, 450, 3450, 1000, 300, 45
FROM generate_series(0, $N - 1) i;
INSERT INTO bookings (id, number, store_id, customer_id, body_type_id, lines, starts_at, ends_at, bay,
  status, payment_method, subtotal, vat, total, commission_bp, commission, commission_vat)
SELECT gen_random_uuid(), 'BF' || d || '-' || k, '$STORE', (SELECT id FROM users WHERE phone = '+966500000001'),
  (SELECT id FROM body_types WHERE slug = 'sedan'), '[]',
  ((now() AT TIME ZONE 'Asia/Riyadh')::date + d + time '16:00') AT TIME ZONE 'Asia/Riyadh' + k * interval '30 minutes',
  ((now() AT TIME ZONE 'Asia/Riyadh')::date + d + time '16:30') AT TIME ZONE 'Asia/Riyadh' + k * interval '30 minutes',
  1, 'confirmed', 'cash', 3000, 450, 3450, 1000, 300, 45
FROM generate_series(1, 13) d, generate_series(0, 13) k;
ANALYZE bookings;
SQL
TOTAL=$(psql_q -c "SELECT count(*) FROM bookings WHERE store_id = '$STORE'")

FROM=$(TZ=Asia/Riyadh date +%F)
TO=$(TZ=Asia/Riyadh date -d '+13 days' +%F)
PATHQ="/api/v1/stores/$STORE/availability?items=$FULL,$EXTERIOR&from=$FROM&to=$TO"
curl -fsS "$BASE$PATHQ" >"$W/sample.json"
SLOTS=$(grep -o '"time"' "$W/sample.json" | wc -l)

QUERY="SELECT bay, starts_at, ends_at FROM bookings WHERE store_id = '$STORE' \
AND tstzrange(starts_at, ends_at) && tstzrange(now() - interval '1 day', now() + interval '15 days') \
AND status IN ('pending', 'confirmed', 'in_progress', 'completed', 'no_show') AND deleted_at IS NULL;"
echo "$QUERY" >"$W/busy.sql"
psql_q -c "EXPLAIN (ANALYZE, BUFFERS) ${QUERY%;}" >"$W/explain.txt"

pgbench_run() { # name clients → "tps p50 p99"
    (cd "$W" && "$PGBIN/pgbench" -n -M prepared -c "$2" -j 1 -T "$WARMUP" -h "$SOCKET" -U postgres -f busy.sql qitaa >/dev/null 2>&1)
    (cd "$W" && "$PGBIN/pgbench" -n -M prepared -c "$2" -j 1 -T "$DURATION" -h "$SOCKET" -U postgres \
        -l --log-prefix="$1" -f busy.sql qitaa) >"$W/$1.pgbench" 2>&1
    local tps
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$W/$1.pgbench" | head -n1)
    cat "$W/$1".[0-9]* | awk '{ print $3 }' | sort -n | awk -v tps="$tps" \
        '{ a[NR] = $1 } END { printf "%.0f %.2f %.2f\n", tps, a[int(NR * 0.5 + 0.999)] / 1000, a[int(NR * 0.99 + 0.999)] / 1000 }'
    rm -f "$W/$1".[0-9]*
}
http_run() { # name concurrency → "rps p50 p99 non2xx"
    echo "$PATHQ" >"$W/$1.txt"
    "$LOADGEN" --base "$BASE" --paths "$W/$1.txt" --concurrency "$2" --duration "$DURATION" \
        --warmup "$WARMUP" --label "$1" >"$W/$1.json"
    local j; j=$(cat "$W/$1.json")
    printf '%s %s %s %s\n' \
        "$(sed -n 's/.*"rps":\([0-9.]*\).*/\1/p' <<<"$j" | xargs printf '%.0f')" \
        "$(sed -n 's/.*"p50_ms":\([0-9.]*\).*/\1/p' <<<"$j" | xargs printf '%.2f')" \
        "$(sed -n 's/.*"p99_ms":\([0-9.]*\).*/\1/p' <<<"$j" | xargs printf '%.2f')" \
        "$(sed -n 's/.*"non_2xx":\([0-9]*\).*/\1/p' <<<"$j")"
}

say "a. the database ceiling"
CEIL_1=$(pgbench_run ceil1 1)
CEIL_4=$(pgbench_run ceil4 4)
say "b. availability over HTTP"
H_1=$(http_run http1 1)
H_4=$(http_run http4 4)

row() { read -r a b c d <<<"$2"; printf '| %s | %s | %s | %s | %s |\n' "$1" "$a" "$b" "$c" "${d:-0}"; }
{
    echo "<!-- availability:begin -->"
    echo "## Booking availability"
    echo
    echo "    bench/availability.sh $N"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(nproc) cores,"
    echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $PROFILE build; load generator, server and PostgreSQL on the same cores;"
    echo "${WARMUP} s warm-up, ${DURATION} s measured."
    echo
    echo "Data: the demo wash (two bays, 30-minute slots, two shifts a day, two yearly holidays) with"
    echo "$TOTAL bookings: $N in the past and every afternoon slot of one bay booked for the next 13 days."
    echo "The request asks 14 days (today to $TO) for two services lasting 90 minutes (three slots);"
    echo "the answer lists $SLOTS free starts."
    echo
    echo "| what | per second | p50 ms | p99 ms | non-2xx |"
    echo "|---|---|---|---|---|"
    row "ceiling: pgbench, the bays held over 16 days, 1 client" "$CEIL_1"
    row "ceiling: pgbench, the bays held over 16 days, 4 clients" "$CEIL_4"
    row "GET /stores/{id}/availability, 14 days, 1 connection" "$H_1"
    row "GET /stores/{id}/availability, 14 days, 4 connections" "$H_4"
    echo
    echo "The range query's plan (served by the exclusion constraint's GiST index):"
    echo
    sed 's/^/    /' "$W/explain.txt"
    echo "<!-- availability:end -->"
} >"$W/section.md"
if grep -q '<!-- availability:begin -->' "$OUT"; then
    awk -v f="$W/section.md" '
      /<!-- availability:begin -->/ { while ((getline l < f) > 0) print l; skip = 1; next }
      /<!-- availability:end -->/ { skip = 0; next }
      !skip' "$OUT" >"$W/out.md" && cp "$W/out.md" "$OUT"
else
    { echo; cat "$W/section.md"; } >>"$OUT"
fi
cat "$W/section.md"
