#!/usr/bin/env bash
# The statistics' roll-ups at scale, in one command:
#
#   bench/stats.sh [N]      N products and N orders, default 1000000
#
# Builds the release binaries, generates the data (`qitaa seed --scale N`:
# N products over N/100 stores and N orders over the past year; the seed
# rebuilds the roll-ups from them) in a fresh embedded PostgreSQL under a
# temp dir, checks the roll-ups against the orders (and rebuilds them if
# they are empty), starts `qitaa serve`, signs in the demo super admin and
# the owner of the busiest store, and measures in the same run:
#   a. the database ceiling: pgbench running the roll-up queries as prepared
#      statements (a year of the platform's days; 30 days of every store's
#      rows for the top; 30 + 30 days of the homes' view);
#   b. GET /api/v1/admin/stats/flows: today, 30 days by day, a year by day,
#      week and month, and the CSV of a year by day;
#   c. GET /api/v1/admin/stats/top: stores over 30 days and a year,
#      products and reps over 30 days;
#   d. the homes on the roll-ups: GET /admin/stats/overview (30 and 365
#      days) and GET /partner/stores/{id}/stats (30 days).
# It writes its section of docs/BENCHMARKS.md (between the stats markers)
# and removes the temp dir.
#
# Environment: BENCH_CONCURRENCY (4), BENCH_DURATION (15 s), BENCH_WARMUP
# (3 s), BENCH_OUT (docs/BENCHMARKS.md), BENCH_KEEP=1 keeps the data dir,
# BENCH_NO_BUILD=1 uses the binaries already in target/release.
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
NIL=00000000-0000-0000-0000-000000000000

say() { printf '\n== %s\n' "$*" >&2; }
unset DATABASE_URL PUBLIC_URL PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE
export LOG_FORMAT=json RUST_LOG=warn

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
    say "building the release binaries"
    (cd "$ROOT" && cargo build --release --locked -p qitaa -p bench)
fi

D=$(mktemp -d /tmp/qitaa-stats.XXXXXX)
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
ROLLUP_SECONDS=$(sed -n 's/.*roll-ups rebuilt in \([0-9.]*\) s.*/\1/p' "$W/seed.log" | head -n1)

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

# The roll-ups hold every placed order: the seed's rebuild and the demo's
# steps (the server seeds the demo at its first start). An empty roll-up
# (data loaded another way) is rebuilt here, then checked again.
rollup_check() {
    psql_q -F ' ' -c "SELECT \
      (SELECT coalesce(sum(placed), 0) FROM stats_daily WHERE scope = 'platform' AND flow IN ('order', 'request')), \
      (SELECT coalesce(sum(orders), 0) FROM stats_order_days WHERE store_id = '$NIL'), \
      (SELECT count(*) FROM orders WHERE paid_at IS NOT NULL OR payment_method = 'cash')"
}
read -r DAILY_PLACED HOME_PLACED PLACED <<<"$(rollup_check)"
if [ "$DAILY_PLACED" = 0 ] && [ "$PLACED" != 0 ]; then
    say "the roll-ups are empty: rebuilding them"
    t=$(date +%s.%N)
    psql_q -c "SELECT stats_rebuild((SELECT (min(created_at) AT TIME ZONE 'Asia/Riyadh')::date FROM orders), \
               (now() AT TIME ZONE 'Asia/Riyadh')::date)" >/dev/null
    ROLLUP_SECONDS=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    read -r DAILY_PLACED HOME_PLACED PLACED <<<"$(rollup_check)"
fi
if [ "$DAILY_PLACED" != "$PLACED" ] || [ "$HOME_PLACED" != "$PLACED" ]; then
    echo "the roll-ups disagree with the orders: daily $DAILY_PLACED, homes $HOME_PLACED, orders $PLACED" >&2
    exit 1
fi
psql_q -c "VACUUM (ANALYZE) stats_daily, stats_order_days, stats_products_daily" >/dev/null

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
ADMIN=$(sign_in +966500000000)
psql_q -c "UPDATE users SET role = 'SUPER_ADMIN' WHERE phone = '+966500000000'" >/dev/null
read -r STORE OWNER STORE_ORDERS <<<"$(psql_q -F ' ' -c "SELECT o.store_id, u.phone, count(*) FROM orders o \
  JOIN stores s ON s.id = o.store_id JOIN companies c ON c.id = s.company_id JOIN users u ON u.id = c.owner_id \
  GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1")"
OWNER_TOKEN=$(sign_in "$OWNER")
[ -n "$ADMIN" ] && [ -n "$OWNER_TOKEN" ] || { echo "sign-in failed" >&2; exit 1; }

TODAY=$(TZ=Asia/Riyadh date +%F)
D30=$(TZ=Asia/Riyadh date -d '29 days ago' +%F)
D365=$(TZ=Asia/Riyadh date -d '364 days ago' +%F)

# The roll-up queries as the service sends them (stats::repo::rollup).
DAY="(now() AT TIME ZONE 'Asia/Riyadh')::date"
FLOWS="SELECT day, flow, placed, gmv, commission, completed, cancelled, refunded, voided_gmv, \
voided_commission, refunds, refunded_amount FROM stats_daily \
WHERE scope = 'platform' AND party_id = '$NIL' AND day BETWEEN $DAY - 364 AND $DAY ORDER BY day, flow"
TOP="SELECT t.party_id, coalesce(n.name_ar, ''), coalesce(n.name_en, ''), t.placed, t.gmv FROM \
(SELECT party_id, sum(placed)::bigint AS placed, sum(completed)::bigint AS completed, \
sum(cancelled + refunded)::bigint AS cancelled, sum(gmv - voided_gmv)::bigint AS gmv, \
sum(commission - voided_commission)::bigint AS commission FROM stats_daily \
WHERE scope = 'store' AND day BETWEEN $DAY - 29 AND $DAY GROUP BY party_id \
ORDER BY gmv DESC, placed DESC, party_id LIMIT 10) t LEFT JOIN stores n ON n.id = t.party_id \
ORDER BY t.gmv DESC, t.placed DESC, t.party_id"
HOME="SELECT day, sum(orders)::bigint, \
coalesce(sum(total) FILTER (WHERE status <> ALL('{cancelled,rejected,refunded}')), 0)::bigint, \
coalesce(sum(commission) FILTER (WHERE status <> ALL('{cancelled,rejected,refunded}')), 0)::bigint \
FROM stats_order_days WHERE store_id = ANY('{$NIL}') AND day BETWEEN $DAY - 59 AND $DAY GROUP BY day ORDER BY day"
printf '%s;\n' "$FLOWS" >"$W/flows.sql"
printf '%s;\n' "$TOP" >"$W/top.sql"
printf '%s;\n' "$HOME" >"$W/home.sql"
psql_q -c "EXPLAIN (ANALYZE, BUFFERS) $FLOWS" >"$W/explain-flows.txt"
psql_q -c "EXPLAIN (ANALYZE, BUFFERS) ${TOP//- 29/- 364}" >"$W/explain-top.txt"

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

# Every measured path answers 200 before it is measured.
for p in "/api/v1/admin/stats/flows?from=$D365&to=$TODAY&grain=week" \
         "/api/v1/admin/stats/top?from=$D365&to=$TODAY&kind=stores" \
         "/api/v1/admin/stats/flows.csv?from=$D365&to=$TODAY&grain=day"; do
    curl -fsS -o /dev/null -H "Authorization: Bearer $ADMIN" "$BASE$p" ||
        { echo "$p does not answer 200" >&2; exit 1; }
done

say "a. the database ceiling"
CEIL_FLOWS=$(pgbench_run ceil-flows flows.sql)
CEIL_TOP=$(pgbench_run ceil-top top.sql)
CEIL_HOME=$(pgbench_run ceil-home home.sql)
say "b. flows"
F_TODAY=$(http_run f-today "$ADMIN" "/api/v1/admin/stats/flows?from=$TODAY&to=$TODAY")
F_30=$(http_run f-30 "$ADMIN" "/api/v1/admin/stats/flows?from=$D30&to=$TODAY&grain=day")
F_365D=$(http_run f-365d "$ADMIN" "/api/v1/admin/stats/flows?from=$D365&to=$TODAY&grain=day")
F_365W=$(http_run f-365w "$ADMIN" "/api/v1/admin/stats/flows?from=$D365&to=$TODAY&grain=week")
F_365M=$(http_run f-365m "$ADMIN" "/api/v1/admin/stats/flows?from=$D365&to=$TODAY&grain=month")
F_CSV=$(http_run f-csv "$ADMIN" "/api/v1/admin/stats/flows.csv?from=$D365&to=$TODAY&grain=day")
say "c. tops"
T_S30=$(http_run t-s30 "$ADMIN" "/api/v1/admin/stats/top?from=$D30&to=$TODAY&kind=stores")
T_S365=$(http_run t-s365 "$ADMIN" "/api/v1/admin/stats/top?from=$D365&to=$TODAY&kind=stores")
T_P30=$(http_run t-p30 "$ADMIN" "/api/v1/admin/stats/top?from=$D30&to=$TODAY&kind=products")
T_R30=$(http_run t-r30 "$ADMIN" "/api/v1/admin/stats/top?from=$D30&to=$TODAY&kind=reps")
say "d. homes"
H_30=$(http_run h-30 "$ADMIN" "/api/v1/admin/stats/overview?range=30d")
H_365=$(http_run h-365 "$ADMIN" "/api/v1/admin/stats/overview?range=custom&from=$D365&to=$TODAY")
S_30=$(http_run s-30 "$OWNER_TOKEN" "/api/v1/partner/stores/$STORE/stats?range=30d")

ORDERS=$(psql_q -c "SELECT count(*) FROM orders")
ROWS=$(psql_q -F ' ' -c "SELECT (SELECT count(*) FROM stats_daily), (SELECT count(*) FROM stats_daily WHERE scope = 'platform'), \
  (SELECT count(*) FROM stats_order_days), (SELECT count(*) FROM stats_products_daily)")
read -r R_DAILY R_PLATFORM R_HOME R_PRODUCTS <<<"$ROWS"
SIZE=$(psql_q -c "SELECT pg_size_pretty(pg_total_relation_size('stats_daily') + pg_total_relation_size('stats_order_days') \
  + pg_total_relation_size('stats_products_daily'))")
row() { read -r a b c d <<<"$2"; printf '| %s | %s | %s | %s | %s |\n' "$1" "$a" "$b" "$c" "${d:-0}"; }
{
    echo "<!-- stats:begin -->"
    echo "## Statistics' roll-ups"
    echo
    echo "    bench/stats.sh $N"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(nproc) cores,"
    echo "commit $(git -C "$ROOT" rev-parse --short HEAD); load generator, server and PostgreSQL on the same cores;"
    echo "$CONCURRENCY connections, ${WARMUP} s warm-up, ${DURATION} s measured."
    echo
    echo "Data: $N products, $ORDERS orders over the past year, generated in ${SEED_SECONDS} s; the roll-ups"
    echo "rebuilt from them in ${ROLLUP_SECONDS:-?} s: $R_DAILY daily rows ($R_PLATFORM of the platform), $R_HOME rows of"
    echo "the homes' view, $R_PRODUCTS product rows, $SIZE with indexes. They hold every one of the $PLACED placed"
    echo "orders (checked against the orders before measuring). The busiest store has $STORE_ORDERS orders."
    echo
    echo "| what | per second | p50 ms | p99 ms | non-2xx |"
    echo "|---|---|---|---|---|"
    row "ceiling: pgbench, the platform's days, a year" "$CEIL_FLOWS"
    row "ceiling: pgbench, the stores' top, 30 days" "$CEIL_TOP"
    row "ceiling: pgbench, the homes' view, 30 + 30 days, every store" "$CEIL_HOME"
    row "GET /admin/stats/flows, today" "$F_TODAY"
    row "GET /admin/stats/flows, 30 days by day" "$F_30"
    row "GET /admin/stats/flows, a year by day" "$F_365D"
    row "GET /admin/stats/flows, a year by week" "$F_365W"
    row "GET /admin/stats/flows, a year by month" "$F_365M"
    row "GET /admin/stats/flows.csv, a year by day" "$F_CSV"
    row "GET /admin/stats/top?kind=stores, 30 days" "$T_S30"
    row "GET /admin/stats/top?kind=stores, a year" "$T_S365"
    row "GET /admin/stats/top?kind=products, 30 days" "$T_P30"
    row "GET /admin/stats/top?kind=reps, 30 days" "$T_R30"
    row "GET /admin/stats/overview?range=30d (the admin home)" "$H_30"
    row "GET /admin/stats/overview, 365 days" "$H_365"
    row "GET /partner/stores/{id}/stats?range=30d (a store's home)" "$S_30"
    echo
    echo "The homes read the roll-ups for their orders' figures; new customers and stores, approvals"
    echo "and support are still counted from their own tables. A top over a year aggregates every"
    echo "store's daily rows of the year (the largest read here)."
    echo
    echo "The platform's days, a year:"
    echo
    sed 's/^/    /' "$W/explain-flows.txt"
    echo
    echo "The stores' top, a year:"
    echo
    sed 's/^/    /' "$W/explain-top.txt"
    echo "<!-- stats:end -->"
} >"$W/section.md"
if grep -q '<!-- stats:begin -->' "$OUT"; then
    awk -v f="$W/section.md" '
      /<!-- stats:begin -->/ { while ((getline l < f) > 0) print l; skip = 1; next }
      /<!-- stats:end -->/ { skip = 0; next }
      !skip' "$OUT" >"$W/out.md" && cp "$W/out.md" "$OUT"
else
    { echo; cat "$W/section.md"; } >>"$OUT"
fi
cat "$W/section.md"
