#!/usr/bin/env bash
# The dashboards' homes at scale, in one command:
#
#   bench/dashboards.sh [N]      N products and N orders, default 1000000
#
# Builds the release binaries, generates the data (`qitaa seed --scale N`:
# N products over N/100 stores and N orders over the past year) in a fresh
# embedded PostgreSQL under a temp dir, starts `qitaa serve`, signs in the
# demo super admin and the owner of the busiest store, and measures in the
# same run:
#   a. the database ceiling: pgbench running the homes' order aggregate
#      (30 days, all stores; 30 days, one store) as prepared statements;
#   b. GET /api/v1/admin/stats/overview for today, 7, 30 and 365 days;
#   c. GET /api/v1/partner/stores/{id}/stats for 30 days.
# It writes its section of docs/BENCHMARKS.md (between the dashboards
# markers) and removes the temp dir.
#
# Environment: BENCH_CONCURRENCY (4), BENCH_DURATION (15 s), BENCH_WARMUP
# (3 s), BENCH_KEEP=1 keeps the data dir, BENCH_NO_BUILD=1 uses the
# binaries already in target/release.
set -euo pipefail

N=${1:-1000000}
CONCURRENCY=${BENCH_CONCURRENCY:-4}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/docs/BENCHMARKS.md}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
QITAA=$TARGET/release/qitaa
LOADGEN=$TARGET/release/loadgen

say() { printf '\n== %s\n' "$*" >&2; }
unset DATABASE_URL PUBLIC_URL PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE
export LOG_FORMAT=json RUST_LOG=warn

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
    say "building the release binaries"
    (cd "$ROOT" && cargo build --release --locked -p qitaa -p bench)
fi

D=$(mktemp -d /tmp/qitaa-dash.XXXXXX)
W=$D/bench
mkdir -p "$W"
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
    fi
    if [ -f "$D/postgres/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$D/postgres' -m fast stop" >/dev/null 2>&1 ||
            "$PGBIN/pg_ctl" -D "$D/postgres" -m fast stop >/dev/null 2>&1 || true
    fi
    if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "data kept in $D" >&2; else rm -rf "$D"; fi
}
trap cleanup EXIT

SOCKET=$D/postgres-run
psql_q() { "$PGBIN/psql" -h "$SOCKET" -U postgres -d qitaa -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

say "generating $N products and $N orders in $D"
seed_start=$(date +%s)
"$QITAA" seed --scale "$N" --data-dir "$D" | tee "$W/seed.log"
SEED_SECONDS=$(( $(date +%s) - seed_start ))

say "starting the server"
"$QITAA" serve --addr 127.0.0.1:0 --data-dir "$D" >"$W/serve.out" 2>>"$W/serve.err" &
SERVER_PID=$!
BASE=
for _ in $(seq 1200); do
    BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$W/serve.out" | head -n1 || true)
    [ -n "$BASE" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$W/serve.err" >&2; exit 1; }
    sleep 0.25
done
[ -n "$BASE" ] || { echo "the server did not start" >&2; exit 1; }
curl -fsS "$BASE/ready" >/dev/null

# sign_in PHONE: an access token (the demo code, else the code the outbox holds).
sign_in() {
    curl -fsS -H 'content-type: application/json' -d "{\"phone\":\"$1\"}" "$BASE/api/v1/auth/otp/request" >/dev/null
    local code=123456
    if [ "$1" != "+966500000000" ]; then
        code=$(psql_q -c "SELECT substring(body from '[0-9]{6}') FROM sms_outbox WHERE to_phone = '$1' ORDER BY created_at DESC LIMIT 1")
    fi
    curl -fsS -H 'content-type: application/json' -d "{\"phone\":\"$1\",\"code\":\"$code\"}" \
        "$BASE/api/v1/auth/otp/verify" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
# The scale data has no demo accounts: the first sign-in makes a customer,
# promoted here (roles are read on every request).
ADMIN=$(sign_in +966500000000)
psql_q -c "UPDATE users SET role = 'SUPER_ADMIN' WHERE phone = '+966500000000'" >/dev/null
read -r STORE OWNER STORE_ORDERS <<<"$(psql_q -F ' ' -c "SELECT o.store_id, u.phone, count(*) FROM orders o \
  JOIN stores s ON s.id = o.store_id JOIN companies c ON c.id = s.company_id JOIN users u ON u.id = c.owner_id \
  GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1")"
OWNER_TOKEN=$(sign_in "$OWNER")
[ -n "$ADMIN" ] && [ -n "$OWNER_TOKEN" ] || { echo "sign-in failed" >&2; exit 1; }

# The order aggregate the homes scanned before the roll-ups (bench/stats.sh
# measures them now) over 30 days,
# for all stores and for the busiest one.
AGG="SELECT (created_at AT TIME ZONE '+03:00')::date AS day, count(*), \
coalesce(sum(total) FILTER (WHERE status <> ALL('{cancelled,rejected,refunded}')), 0)::bigint, \
coalesce(sum(commission) FILTER (WHERE status <> ALL('{cancelled,rejected,refunded}')), 0)::bigint \
FROM orders WHERE deleted_at IS NULL AND created_at >= now() - interval '60 days' AND created_at < now() \
AND (paid_at IS NOT NULL OR payment_method = 'cash')"
printf '%s GROUP BY 1;\n' "$AGG" >"$W/all.sql"
printf '%s AND store_id = ANY(ARRAY['"'"'%s'"'"'::uuid]) GROUP BY 1;\n' "$AGG" "$STORE" >"$W/store.sql"
psql_q -c "EXPLAIN (ANALYZE, BUFFERS) $AGG GROUP BY 1" >"$W/explain.txt"

pgbench_run() { # name script → "tps p50 p99"
    (cd "$W" && "$PGBIN/pgbench" -n -M prepared -c "$CONCURRENCY" -j 2 -T "$WARMUP" -h "$SOCKET" -U postgres -f "$2" qitaa >/dev/null 2>&1)
    (cd "$W" && "$PGBIN/pgbench" -n -M prepared -c "$CONCURRENCY" -j 2 -T "$DURATION" -h "$SOCKET" -U postgres \
        -l --log-prefix="$1" -f "$2" qitaa) >"$W/$1.pgbench" 2>&1
    local tps
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$W/$1.pgbench" | head -n1)
    cat "$W/$1".[0-9]* | awk '{ print $3 }' | sort -n | awk -v tps="$tps" \
        '{ a[NR] = $1 } END { printf "%.0f %.1f %.1f\n", tps, a[int(NR * 0.5 + 0.999)] / 1000, a[int(NR * 0.99 + 0.999)] / 1000 }'
    rm -f "$W/$1".[0-9]*
}
http_run() { # name token path → "rps p50 p99 non2xx"
    echo "$3" >"$W/$1.txt"
    "$LOADGEN" --base "$BASE" --paths "$W/$1.txt" --concurrency "$CONCURRENCY" --duration "$DURATION" \
        --warmup "$WARMUP" --label "$1" --header "Authorization: Bearer $2" >"$W/$1.json"
    local j; j=$(cat "$W/$1.json")
    printf '%s %s %s %s\n' \
        "$(sed -n 's/.*"rps":\([0-9.]*\).*/\1/p' <<<"$j" | xargs printf '%.0f')" \
        "$(sed -n 's/.*"p50_ms":\([0-9.]*\).*/\1/p' <<<"$j" | xargs printf '%.1f')" \
        "$(sed -n 's/.*"p99_ms":\([0-9.]*\).*/\1/p' <<<"$j" | xargs printf '%.1f')" \
        "$(sed -n 's/.*"non_2xx":\([0-9]*\).*/\1/p' <<<"$j")"
}

say "a. the database ceiling"
CEIL_ALL=$(pgbench_run ceil-all all.sql)
CEIL_STORE=$(pgbench_run ceil-store store.sql)
say "b. admin home"
H_TODAY=$(http_run today "$ADMIN" "/api/v1/admin/stats/overview?range=today")
H_7=$(http_run d7 "$ADMIN" "/api/v1/admin/stats/overview?range=7d")
H_30=$(http_run d30 "$ADMIN" "/api/v1/admin/stats/overview?range=30d")
FROM=$(date -u -d '364 days ago' +%F); TO=$(date -u +%F)
H_365=$(http_run d365 "$ADMIN" "/api/v1/admin/stats/overview?range=custom&from=$FROM&to=$TO")
say "c. store home"
S_30=$(http_run s30 "$OWNER_TOKEN" "/api/v1/partner/stores/$STORE/stats?range=30d")

ORDERS=$(psql_q -c "SELECT count(*) FROM orders")
SIZE=$(psql_q -c "SELECT pg_size_pretty(pg_total_relation_size('orders'))")
row() { read -r a b c d <<<"$2"; printf '| %s | %s | %s | %s | %s |\n' "$1" "$a" "$b" "$c" "${d:-0}"; }
{
    echo "<!-- dashboards:begin -->"
    echo "## Dashboards' homes"
    echo
    echo "    bench/dashboards.sh $N"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(nproc) cores,"
    echo "commit $(git -C "$ROOT" rev-parse --short HEAD); load generator, server and PostgreSQL on the same cores;"
    echo "$CONCURRENCY connections, ${WARMUP} s warm-up, ${DURATION} s measured."
    echo
    echo "Data: $N products, $ORDERS orders over the past year ($SIZE with indexes), generated in ${SEED_SECONDS} s."
    echo "The busiest store has $STORE_ORDERS orders."
    echo
    echo "| what | per second | p50 ms | p99 ms | non-2xx |"
    echo "|---|---|---|---|---|"
    row "ceiling: pgbench, the order aggregate, 30 + 30 days, all stores" "$CEIL_ALL"
    row "ceiling: pgbench, the order aggregate, 30 + 30 days, one store" "$CEIL_STORE"
    row "GET /admin/stats/overview?range=today" "$H_TODAY"
    row "GET /admin/stats/overview?range=7d" "$H_7"
    row "GET /admin/stats/overview?range=30d" "$H_30"
    row "GET /admin/stats/overview, 365 days" "$H_365"
    row "GET /partner/stores/{id}/stats?range=30d" "$S_30"
    echo
    echo "Every row is one request's figures: the admin home runs the order aggregate over both"
    echo "periods plus the status, channel, customer, store, approval and support counts."
    echo
    echo "The home's plan for its largest part (30 + 30 days, all stores):"
    echo
    sed 's/^/    /' "$W/explain.txt"
    echo "<!-- dashboards:end -->"
} >"$W/section.md"
if grep -q '<!-- dashboards:begin -->' "$OUT"; then
    awk -v f="$W/section.md" '
      /<!-- dashboards:begin -->/ { while ((getline l < f) > 0) print l; skip = 1; next }
      /<!-- dashboards:end -->/ { skip = 0; next }
      !skip' "$OUT" >"$W/out.md" && cp "$W/out.md" "$OUT"
else
    { echo; cat "$W/section.md"; } >>"$OUT"
fi
cat "$W/section.md"
