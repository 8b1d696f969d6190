#!/usr/bin/env bash
# The Socket.IO gateway benchmark, in one command:
#
#   bench/sockets.sh [N]            N idle sockets, default 10000
#
# Builds the release binaries, starts `qitaa serve` on a fresh data dir
# (embedded PostgreSQL, demo data and demo sign-ins) with the open-files
# limit raised, and runs bench/src/bin/sockets.rs against it:
#   1. N sockets of one customer connect to /ws: the server's RSS before and
#      after gives the memory per connection; connect rate and failures;
#   2. support messages fan out to the `support:staff` room with 1, 100 and
#      1,000 super admin sockets (on top of the N idle ones): latency send →
#      receipt for every (message, receiver) pair, and the REST round-trip.
# Then writes the "Sockets" section of docs/BENCHMARKS.md (between the
# `sockets:begin` / `sockets:end` markers, appended if absent; the rest of
# the file is left alone) and removes the temp dir.
#
# Environment: BENCH_ROOMS (1,100,1000), BENCH_MESSAGES (50),
# BENCH_INTERVAL_MS (50), BENCH_CONNECT_CONCURRENCY (64),
# BENCH_OUT (docs/BENCHMARKS.md), BENCH_KEEP=1 keeps the data dir,
# BENCH_NO_BUILD=1 uses the binaries already in target/release.
set -euo pipefail

N=${1:-10000}
ROOMS=${BENCH_ROOMS:-1,100,1000}
MESSAGES=${BENCH_MESSAGES:-50}
INTERVAL_MS=${BENCH_INTERVAL_MS:-50}
CONCURRENCY=${BENCH_CONNECT_CONCURRENCY:-64}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/docs/BENCHMARKS.md}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
QITAA=$TARGET/release/qitaa
SOCKETS=$TARGET/release/sockets

say() { printf '\n== %s\n' "$*" >&2; }

unset DATABASE_URL PUBLIC_URL REDIS_URL PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE
export LOG_FORMAT=json RUST_LOG=warn
# Every sign-in and socket comes from 127.0.0.1.
export OTP_PER_IP_PER_HOUR=100000
# Every socket comes from this one address.
export MAX_CONNECTIONS_PER_ADDRESS=1000000

# Both the server and the load generator hold one descriptor per socket.
MAX_ROOM=$(tr ',' '\n' <<<"$ROOMS" | sort -n | tail -n1)
NEED=$((N + MAX_ROOM + 1000))
HARD=$(ulimit -Hn)
if [ "$HARD" != unlimited ] && [ "$HARD" -lt "$NEED" ]; then
    echo "the open-files hard limit is $HARD; $N + $MAX_ROOM sockets need about $NEED" >&2
    exit 1
fi
ulimit -n "$([ "$HARD" = unlimited ] && echo "$NEED" || echo "$HARD")"

if [ "${BENCH_NO_BUILD:-0}" = 1 ]; then
    say "using the release binaries as built"
else
    say "building the release binaries"
    (cd "$ROOT" && cargo build --release -p qitaa -p bench)
fi

D=$(mktemp -d /tmp/qitaa-sockets.XXXXXX)
W=$D/bench
mkdir -p "$W"
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        wait "$SERVER_PID" || true
    fi
    if [ -f "$D/postgres/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$D/postgres' -m fast stop" >/dev/null 2>&1 ||
            "$PGBIN/pg_ctl" -D "$D/postgres" -m fast stop >/dev/null 2>&1 || true
    fi
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        echo "data kept in $D" >&2
    else
        rm -rf "$D"
    fi
}
trap cleanup EXIT

say "starting the server on a fresh data dir ($D)"
"$QITAA" serve --addr 127.0.0.1:0 --data-dir "$D" >"$W/serve.out" 2>"$W/serve.err" &
SERVER_PID=$!
BASE=
for _ in $(seq 2400); do
    BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$W/serve.out" | head -n1 || true)
    [ -n "$BASE" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$W/serve.err" >&2; exit 1; }
    sleep 0.25
done
[ -n "$BASE" ] || { echo "the server did not start" >&2; exit 1; }
curl -fsS "$BASE/ready" >/dev/null
PG_PID=$(head -n1 "$D/postgres/postmaster.pid")
echo "server at $BASE (pid $SERVER_PID, open files limit $(awk '/Max open files/ { print $4 }' "/proc/$SERVER_PID/limits"); postmaster $PG_PID)" >&2

LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
say "sockets: $N idle, rooms $ROOMS, $MESSAGES messages every $INTERVAL_MS ms"
"$SOCKETS" --base "$BASE" --server-pid "$SERVER_PID" --pg-pid "$PG_PID" --n "$N" --rooms "$ROOMS" \
    --messages "$MESSAGES" --interval-ms "$INTERVAL_MS" --connect-concurrency "$CONCURRENCY" \
    --markdown "$W/results.md" >"$W/sockets.json"
cat "$W/sockets.json" >&2
if grep -q '"level":"\(WARN\|ERROR\)"' "$W/serve.out" "$W/serve.err" 2>/dev/null; then
    WARNINGS=$(grep -h '"level":"\(WARN\|ERROR\)"' "$W/serve.out" "$W/serve.err" | cut -c1-300 | sort | uniq -c | sort -rn | head -n 5)
else
    WARNINGS=
fi

# ------------------------------------------------------------------ report

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
MEM=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')
DIRTY=$(cd "$ROOT" && [ -n "$(git status --porcelain 2>/dev/null)" ] && echo " (plus uncommitted work)" || true)
ARGS=""
[ "$ROOMS" != 1,100,1000 ] && ARGS="$ARGS BENCH_ROOMS=$ROOMS"
[ "$MESSAGES" != 50 ] && ARGS="$ARGS BENCH_MESSAGES=$MESSAGES"
[ "$INTERVAL_MS" != 50 ] && ARGS="$ARGS BENCH_INTERVAL_MS=$INTERVAL_MS"
[ "$CONCURRENCY" != 64 ] && ARGS="$ARGS BENCH_CONNECT_CONCURRENCY=$CONCURRENCY"
ARGS=${ARGS# }

SECTION=$W/section.md
{
cat <<EOF
<!-- sockets:begin (written by bench/sockets.sh; the analysis block is kept across runs) -->
## Sockets: connections and fan-out

The Socket.IO gateway (\`/ws\`) on one node, produced by one command:

    ${ARGS:+$ARGS }bench/sockets.sh $N

The script builds the release binaries, starts \`qitaa serve\` on a fresh data dir (embedded PostgreSQL, demo data,
\`LOG_FORMAT=json RUST_LOG=warn OTP_PER_IP_PER_HOUR=100000\`, no Redis) with \`ulimit -n\` raised, and runs
\`bench/src/bin/sockets.rs\`: a minimal Socket.IO v5 / Engine.IO v4 client over WebSockets (tokio-tungstenite, one task
per socket), in one process on the same machine. It signs in three demo users: the idle sockets are the customer
+966500000001's (one token for all of them); the support messages come from another customer, +966500000003, over
REST (\`POST /api/v1/chats/{thread}/messages\`, the body carrying its send time), so that the idle sockets, which are
in their own user's room only, receive none of them; the room is \`support:staff\`, whose members are super admin
(+966500000000) sockets. The idle sockets stay connected through the fan-out rounds; staff sockets are added on top
of them to reach each room size in turn ($ROOMS), none closed in between. Before the baseline, 32 sockets connect and
close, so that one-time allocations are not counted per connection.

| | |
|---|---|
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| CPU | $CPU |
| cores (nproc) | $(nproc) |
| memory | $MEM |
| kernel | $(uname -sr) |
| load average at the start | $LOADAVG |
| commit | $COMMIT$DIRTY |

Load generator, server and PostgreSQL share the same $(nproc) cores.

EOF
cat "$W/results.md"
if [ -n "$WARNINGS" ]; then
    printf '\nServer warnings and errors during the run (count, first 300 characters):\n\n```\n%s\n```\n' "$WARNINGS"
fi
echo
echo "### Analysis"
echo
echo "<!-- sockets:analysis:begin -->"
echo "SOCKETS_ANALYSIS_PLACEHOLDER"
echo "<!-- sockets:analysis:end -->"
echo
echo "<details><summary>Raw results (JSON)</summary>"
echo
echo '```json'
cat "$W/sockets.json"
echo '```'
echo
echo "</details>"
echo "<!-- sockets:end -->"
} >"$SECTION"

# A hand-written analysis from an earlier run stays in place.
if [ -f "$OUT" ] && [ "${BENCH_KEEP_ANALYSIS:-1}" = 1 ]; then
    awk '/^<!-- sockets:analysis:begin -->/ { on = 1; next } /^<!-- sockets:analysis:end -->/ { on = 0 } on' "$OUT" \
        >"$W/analysis.md"
fi
if [ -s "$W/analysis.md" ] && ! grep -q SOCKETS_ANALYSIS_PLACEHOLDER "$W/analysis.md"; then
    awk -v f="$W/analysis.md" '$0 == "SOCKETS_ANALYSIS_PLACEHOLDER" { while ((getline l < f) > 0) print l; next } { print }' \
        "$SECTION" >"$SECTION.new" && mv "$SECTION.new" "$SECTION"
fi
sed -i 's/^SOCKETS_ANALYSIS_PLACEHOLDER$/(to be written: what the numbers say)/' "$SECTION"

# Replace the section in place, or append it.
if [ -f "$OUT" ] && grep -q '^<!-- sockets:begin' "$OUT"; then
    awk -v f="$SECTION" '
      /^<!-- sockets:begin/ { while ((getline l < f) > 0) print l; skip = 1; next }
      /^<!-- sockets:end -->/ { skip = 0; next }
      !skip' "$OUT" >"$W/out.md"
else
    { [ -f "$OUT" ] && cat "$OUT" && echo; cat "$SECTION"; } >"$W/out.md"
fi
cp "$W/out.md" "$OUT"
say "wrote $OUT"
