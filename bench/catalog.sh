#!/usr/bin/env bash
# The catalog read-path benchmark, in one command:
#
#   bench/catalog.sh [N]            N products, default 1000000
#
# Builds the release binaries, generates N products (`qitaa seed --scale N`)
# in a fresh embedded PostgreSQL under a temp dir, starts `qitaa serve`, and
# measures in the same run:
#   a. the raw database ceiling: pgbench, a prepared primary-key point read;
#   b. GET /api/v1/products/{id} for random ids (the product page);
#   c. GET /api/v1/products search, four query mixes;
#   d. GET /api/v1/stores/nearest (or its SQL through pgbench when the route
#      is not there).
# then writes docs/BENCHMARKS.md and removes the temp dir.
#
# Environment: BENCH_CONCURRENCY (8), BENCH_DURATION (20 s), BENCH_WARMUP
# (5 s), BENCH_OUT (docs/BENCHMARKS.md), BENCH_KEEP=1 keeps the data dir,
# BENCH_NO_BUILD=1 uses the binaries already in target/release.
set -euo pipefail

N=${1:-1000000}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/docs/BENCHMARKS.md}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
QITAA=$TARGET/release/qitaa
LOADGEN=$TARGET/release/loadgen

# Targets (on the 2-core reference machine).
TARGET_READ_RATIO=70 # % of the pgbench point ceiling
TARGET_SEARCH_P99=50 # ms
TARGET_NEAREST_P99=20 # ms

say() { printf '\n== %s\n' "$*" >&2; }

# The embedded cluster is the default only without DATABASE_URL; the banner
# URL is the real one only without PUBLIC_URL.
unset DATABASE_URL PUBLIC_URL PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE
export LOG_FORMAT=json RUST_LOG=warn

if [ "${BENCH_NO_BUILD:-0}" = 1 ]; then
    say "using the release binaries as built"
else
    say "building the release binaries"
    (cd "$ROOT" && cargo build --release -p qitaa -p bench)
fi

D=$(mktemp -d /tmp/qitaa-bench.XXXXXX)
W=$D/bench
mkdir -p "$W"
SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        wait "$SERVER_PID" || true
    fi
    SERVER_PID=
}
cleanup() {
    stop_server
    # A cluster left by a failed step (seed, migrate) is stopped too.
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

SOCKET=$D/postgres-run
psql_q() { "$PGBIN/psql" -h "$SOCKET" -U postgres -d qitaa -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

say "generating $N products in $D"
seed_start=$(date +%s.%N)
"$QITAA" seed --scale "$N" --data-dir "$D" | tee "$W/seed.log"
seed_end=$(date +%s.%N)
SEED_SECONDS=$(awk -v a="$seed_start" -v b="$seed_end" 'BEGIN { printf "%.0f", b - a }')

start_server() {
    : >"$W/serve.out"
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
}

say "starting the server"
start_server
echo "server at $BASE" >&2

say "preparing request lists"
# 50,000 products drawn at random (a fixed seed), numbered for pgbench.
psql_q <<'SQL'
SELECT setseed(0.42);
CREATE TABLE bench_ids AS
  SELECT (row_number() OVER ())::int AS n, id FROM
    (SELECT id FROM products WHERE status = 'active' AND deleted_at IS NULL ORDER BY random() LIMIT 50000) x;
ALTER TABLE bench_ids ADD PRIMARY KEY (n);
VACUUM ANALYZE bench_ids;
SQL
IDS=$(psql_q -c "SELECT count(*) FROM bench_ids")
psql_q -c "SELECT '/api/v1/products/' || id FROM bench_ids ORDER BY n" >"$W/product.txt"
# Arabic words only: the part as the listing names it, and the model.
psql_q >"$W/search-ar.txt" <<'SQL'
SELECT '/api/v1/products?q=' || split_part(p.name_ar, ' - ', 1) || ' ' || md.name_ar
FROM bench_ids b JOIN products p ON p.id = b.id
JOIN LATERAL (SELECT f.model_id FROM product_fitments f WHERE f.product_id = p.id
              AND f.model_id IS NOT NULL ORDER BY f.id LIMIT 1) f ON true
JOIN car_models md ON md.id = f.model_id
WHERE b.n <= 1000 ORDER BY b.n;
SQL
# Arabic words of the part, make and a year it fits.
psql_q >"$W/search-ar-make-year.txt" <<'SQL'
SELECT '/api/v1/products?q=' || split_part(p.name_ar, ' - ', 1) || '&make=' || mk.slug
       || '&year=' || (f.year_from + b.n % (f.year_to - f.year_from + 1))
FROM bench_ids b JOIN products p ON p.id = b.id
JOIN LATERAL (SELECT * FROM product_fitments f WHERE f.product_id = p.id
              AND f.year_from IS NOT NULL ORDER BY f.id LIMIT 1) f ON true
JOIN car_makes mk ON mk.id = f.make_id
WHERE b.n > 1000 AND b.n <= 2000 ORDER BY b.n;
SQL
# An OEM number, half as printed, half without the dash in lower case.
psql_q >"$W/search-oem.txt" <<'SQL'
SELECT '/api/v1/products?q=' || CASE WHEN b.n % 2 = 0 THEN p.oem_numbers[1]
                                     ELSE lower(replace(p.oem_numbers[1], '-', '')) END
FROM bench_ids b JOIN products p ON p.id = b.id
WHERE cardinality(p.oem_numbers) > 0 AND b.n > 2000 AND b.n <= 3000 ORDER BY b.n;
SQL
# A category (a leaf, or its parent one time in three) and a price range.
psql_q >"$W/search-category-price.txt" <<'SQL'
SELECT '/api/v1/products?category=' || CASE WHEN b.n % 3 = 0 THEN coalesce(pc.slug, c.slug) ELSE c.slug END
       || '&minPrice=' || (p.price / 2) || '&maxPrice=' || (p.price * 2)
FROM bench_ids b JOIN products p ON p.id = b.id JOIN categories c ON c.id = p.category_id
LEFT JOIN categories pc ON pc.id = c.parent_id
WHERE b.n > 3000 AND b.n <= 4000 ORDER BY b.n;
SQL
# Points around the cities the stores are in (the route's default radius, or 10/25 km).
awk 'BEGIN {
  srand(42);
  split("24.7136 21.5433 21.3891 24.5247 26.4207 26.2172 21.2703 28.3838 18.2164 26.3592 27.5114 16.8894", la, " ");
  split("46.6753 39.1728 39.8579 39.5692 50.0888 50.1971 40.4158 36.5550 42.5053 43.9818 41.7208 42.5706", ln, " ");
  split("30 18 8 7 9 5 4 3 3 4 2 2", w, " ");
  total = 0; for (i = 1; i <= 12; i++) total += w[i];
  for (r = 0; r < 2000; r++) {
    x = rand() * total; c = 1; while (x > w[c]) { x -= w[c]; c++ }
    lat = la[c] + (rand() - 0.5) * 0.3; lng = ln[c] + (rand() - 0.5) * 0.3;
    k = rand(); radius = k < 0.6 ? "" : (k < 0.8 ? "&radiusKm=10" : "&radiusKm=25");
    printf "/api/v1/stores/nearest?lat=%.5f&lng=%.5f%s\n", lat, lng, radius
  }
}' >"$W/nearest.txt"
wc -l "$W"/*.txt >&2

# ------------------------------------------------------------------ CPU

# CPU ticks (1/100 s), utime + stime, of each process given, as "pid ticks".
proc_ticks() {
    local p
    for p in "$@"; do
        awk -v p="$p" '{ sub(/^.*\) /, ""); print p, $12 + $13 }' "/proc/$p/stat" 2>/dev/null || true
    done
}
# This cluster's processes: the postmaster and its children (the backends).
pg_pids() {
    local pm
    pm=$(head -n1 "$D/postgres/postmaster.pid" 2>/dev/null) || return 0
    echo "$pm" $(ps -o pid= --ppid "$pm")
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
# A window inside a run: CPU of the server, of the client (load generator or
# pgbench, with its children), of this PostgreSQL cluster, and the machine.
cpu_snapshot() { # file client-pid
    {
        echo "machine $(machine_ticks)"
        proc_ticks "${SERVER_PID:-0}" | sed 's/^/server /'
        proc_ticks "$2" $(ps -o pid= --ppid "$2") | sed 's/^/client /'
        proc_ticks $(pg_pids) | sed 's/^/pg /'
    } >"$1"
}
cpu_window() { # name client-pid seconds-in seconds-long
    sleep "$3"
    cpu_snapshot "$W/$1.cpu0" "$2"
    sleep "$4"
    cpu_snapshot "$W/$1.cpu1" "$2"
    # Only processes alive at both ends count (the server's pool and
    # pgbench's connections live through the window).
    awk '
      FNR == NR { if ($1 == "machine") { b0 = $2; i0 = $3 } else a[$1 " " $2] = $3; next }
      $1 == "machine" { b = $2 - b0; t = b + $3 - i0; next }
      ($1 " " $2) in a { sum[$1] += $3 - a[$1 " " $2] }
      END { printf "%.2f %.2f %.2f %.2f %.2f\n", sum["server"] / 100, sum["client"] / 100, sum["pg"] / 100, b / 100, t / 100 }
    ' "$W/$1.cpu0" "$W/$1.cpu1" >"$W/$1.cpu"
    echo "$4" >"$W/$1.window"
}

# ------------------------------------------------------------------ pgbench

# pgbench_stats NAME: tps and latency percentiles from its per-transaction log.
pgbench_run() { # name script
    local name=$1 script=$2
    (cd "$W" && exec "$PGBIN/pgbench" -n -M prepared -c "$CONCURRENCY" -j 2 -T "$DURATION" \
        -h "$SOCKET" -U postgres -l --log-prefix="$name" -f "$script" qitaa) >"$W/$name.pgbench" 2>&1 &
    local pid=$!
    cpu_window "$name" "$pid" 1 $((DURATION > 4 ? DURATION - 3 : 1))
    wait "$pid" || { cat "$W/$name.pgbench" >&2; exit 1; }
    local tps
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$W/$name.pgbench" | head -n1)
    cat "$W/$name".[0-9]* | awk '{ print $3 }' | sort -n >"$W/$name.lat"
    awk -v tps="$tps" -v name="$name" '
      { a[NR] = $1; sum += $1 }
      END {
        n = NR; p50 = a[int(n * 0.50 + 0.999)]; p99 = a[int(n * 0.99 + 0.999)];
        printf "{\"label\":\"%s\",\"rps\":%s,\"requests\":%d,\"mean_ms\":%.3f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"non_2xx\":0,\"errors\":0}\n",
          name, tps, n, sum / n / 1000, p50 / 1000, p99 / 1000
      }' "$W/$name.lat" >"$W/$name.json"
    rm -f "$W/$name".[0-9]* "$W/$name.lat"
    cat "$W/$name.json" >&2
}

say "a. pgbench point read (the ceiling)"
cat >"$W/point.sql" <<SQL
\set n random(1, $IDS)
SELECT p.id, p.store_id, p.name_ar, p.name_en, p.price, p.stock, p.status FROM products p WHERE p.id = (SELECT id FROM bench_ids WHERE n = :n);
SQL
# Warm the cache the same way the HTTP runs are warmed.
(cd "$W" && "$PGBIN/pgbench" -n -M prepared -c "$CONCURRENCY" -j 2 -T "$WARMUP" -h "$SOCKET" -U postgres \
    -f point.sql qitaa >/dev/null 2>&1)
pgbench_run point "$W/point.sql"

# The product page's own SQL (products::repo::detail, public), to split the
# HTTP time into database and application.
DETAIL_SQL="SELECT p.id, p.store_id, p.name_ar, p.name_en, p.description_ar, p.description_en, p.condition, p.brand, \
p.oem_numbers, p.price, p.stock, p.sku, p.status, p.rejection_reason, p.rating_sum, p.rating_count, p.created_at, p.updated_at, \
CASE WHEN c.id IS NOT NULL THEN json_build_object('id', c.id, 'nameAr', c.name_ar, 'nameEn', c.name_en) END AS category, \
json_build_object('id', s.id, 'nameAr', s.name_ar, 'nameEn', s.name_en, 'city', s.city, 'ratingSum', s.rating_sum, 'ratingCount', s.rating_count) AS store, \
COALESCE((SELECT json_agg(json_build_object('id', v.id, 'nameAr', v.name_ar, 'nameEn', v.name_en, 'sku', v.sku, 'price', v.price, 'stock', v.stock) ORDER BY v.sort_order) \
FROM product_variants v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '[]') AS variants, \
COALESCE((SELECT json_agg(json_build_array(i.id, i.media_id) ORDER BY i.sort_order) FROM product_images i WHERE i.product_id = p.id AND i.deleted_at IS NULL), '[]') AS images, \
COALESCE((SELECT json_agg(json_build_object('make', json_build_object('id', mk.id, 'nameAr', mk.name_ar, 'nameEn', mk.name_en), \
'model', CASE WHEN md.id IS NOT NULL THEN json_build_object('id', md.id, 'nameAr', md.name_ar, 'nameEn', md.name_en) END, \
'yearFrom', f.year_from, 'yearTo', f.year_to) ORDER BY mk.name_en, md.name_en) FROM product_fitments f JOIN car_makes mk ON mk.id = f.make_id \
LEFT JOIN car_models md ON md.id = f.model_id WHERE f.product_id = p.id), '[]') AS fitment \
FROM products p JOIN stores s ON s.id = p.store_id JOIN companies co ON co.id = s.company_id LEFT JOIN categories c ON c.id = p.category_id \
WHERE p.id = (SELECT id FROM bench_ids WHERE n = :n) AND p.deleted_at IS NULL AND p.status = 'active' AND s.status = 'active' \
AND s.deleted_at IS NULL AND co.status = 'approved' AND co.deleted_at IS NULL"
printf '\\set n random(1, %s)\n%s;\n' "$IDS" "$DETAIL_SQL" >"$W/detail.sql"
say "a'. pgbench product page SQL"
pgbench_run detail_sql "$W/detail.sql"

# ------------------------------------------------------------------ HTTP

http_run() { # name paths-file
    local name=$1 paths=$2
    "$LOADGEN" --base "$BASE" --paths "$paths" --concurrency "$CONCURRENCY" --duration "$DURATION" \
        --warmup "$WARMUP" --label "$name" >"$W/$name.json" &
    local pid=$!
    cpu_window "$name" "$pid" $((WARMUP + 1)) $((DURATION > 3 ? DURATION - 2 : 1))
    wait "$pid"
    cat "$W/$name.json" "$W/$name.cpu" >&2
}

say "b. product page over HTTP"
http_run product "$W/product.txt"
say "c. search over HTTP"
for mix in search-ar search-ar-make-year search-oem search-category-price; do
    http_run "$mix" "$W/$mix.txt"
done

say "d. nearest stores"
NEAREST_VIA=http
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/stores/nearest?lat=24.7136&lng=46.6753")
if [ "$code" = 200 ]; then
    http_run nearest "$W/nearest.txt"
else
    NEAREST_VIA="sql (the route answered $code)"
    cat >"$W/nearest.sql" <<'SQL'
\set c random(0, 1)
\set lat 24.7136 + (random(0, 30000) - 15000) / 100000.0 - :c * 3.1703
\set lng 46.6753 + (random(0, 30000) - 15000) / 100000.0 - :c * 7.5025
\set r 50000.0
SELECT count(*) FROM stores s JOIN store_types t ON t.id = s.store_type_id JOIN companies co ON co.id = s.company_id AND co.status = 'approved' AND co.deleted_at IS NULL WHERE s.status = 'active' AND s.deleted_at IS NULL AND earth_box(ll_to_earth(:lat, :lng), :r) @> ll_to_earth(s.lat, s.lng) AND earth_distance(ll_to_earth(:lat, :lng), ll_to_earth(s.lat, s.lng)) <= :r;
SELECT s.*, earth_distance(ll_to_earth(:lat, :lng), ll_to_earth(s.lat, s.lng)) AS distance_m FROM stores s JOIN store_types t ON t.id = s.store_type_id JOIN companies co ON co.id = s.company_id AND co.status = 'approved' AND co.deleted_at IS NULL WHERE s.status = 'active' AND s.deleted_at IS NULL AND earth_box(ll_to_earth(:lat, :lng), :r) @> ll_to_earth(s.lat, s.lng) AND earth_distance(ll_to_earth(:lat, :lng), ll_to_earth(s.lat, s.lng)) <= :r ORDER BY distance_m, s.id LIMIT 20;
SQL
    pgbench_run nearest "$W/nearest.sql"
fi

# ------------------------------------------------------------------ sizes

say "collecting sizes"
SIZES=$(psql_q -F ' | ' <<'SQL'
SELECT '| ' || c.relname, to_char(c.reltuples::bigint, 'FM999,999,999'), pg_size_pretty(pg_table_size(c.oid)),
       pg_size_pretty(pg_indexes_size(c.oid)) || ' |'
FROM pg_class c WHERE c.relname IN ('products', 'product_fitments', 'product_images', 'stores', 'companies', 'users', 'media_files')
ORDER BY pg_total_relation_size(c.oid) DESC;
SQL
)
DB_SIZE=$(psql_q -c "SELECT pg_size_pretty(pg_database_size('qitaa'))")
STORES=$(psql_q -c "SELECT count(*) FROM stores")
PRODUCTS=$(psql_q -c "SELECT count(*) FROM products")

# ------------------------------------------------------------------ plans

# The slowest requests of each HTTP scenario, replayed once with
# auto_explain on, give the EXPLAIN (ANALYZE, BUFFERS) of their queries.
say "plans of the slowest requests (auto_explain)"
for name in product search-ar search-ar-make-year search-oem search-category-price nearest; do
    [ -f "$W/$name.json" ] || continue
    grep -o '"path":"[^"]*"' "$W/$name.json" | sed 's/^"path":"//; s/"$//' | head -n 3 >"$W/$name.slow" || true
done
psql_q <<'SQL'
LOAD 'auto_explain';
ALTER SYSTEM SET session_preload_libraries = 'auto_explain';
ALTER SYSTEM SET auto_explain.log_min_duration = 0;
ALTER SYSTEM SET auto_explain.log_analyze = on;
ALTER SYSTEM SET auto_explain.log_buffers = on;
ALTER SYSTEM SET auto_explain.log_format = 'text';
SQL
stop_server
LOG_START=$(stat -c %s "$D/postgres.log")
start_server
for name in product search-ar search-ar-make-year search-oem search-category-price nearest; do
    [ -s "$W/$name.slow" ] || continue
    # Once to bring the pages back into shared buffers (the restart emptied
    # them), then again under the scenario's marker.
    psql_q -c "DO \$\$ BEGIN RAISE LOG 'bench-scenario -'; END \$\$" >/dev/null
    "$LOADGEN" --base "$BASE" --paths "$W/$name.slow" --concurrency 1 --duration 5 --warmup 0 \
        --max-requests 6 --label "$name-warm" >/dev/null
    psql_q -c "DO \$\$ BEGIN RAISE LOG 'bench-scenario $name'; END \$\$" >/dev/null
    "$LOADGEN" --base "$BASE" --paths "$W/$name.slow" --concurrency 1 --duration 5 --warmup 0 \
        --max-requests 6 --label "$name-explain" >/dev/null
done
stop_server
tail -c +"$((LOG_START + 1))" "$D/postgres.log" >"$W/explain.log"
psql_explain() { # scenario pattern -> the slowest matching plan of that scenario
    awk -v want="$1" -v pat="$2" '
      /LOG:  bench-scenario / { flush(); split($0, f, "LOG:  bench-scenario "); cur = f[2]; next }
      /LOG:  duration: [0-9.]+ ms  plan:/ {
        flush(); match($0, /duration: [0-9.]+/); d = substr($0, RSTART + 10, RLENGTH - 10) + 0; block = ""; inblk = 1; next
      }
      /^\t/ && inblk { block = block substr($0, 2) "\n"; next }
      { flush() }
      function flush() {
        if (inblk && cur == want && index(block, pat) > 0 && d > best) { best = d; plan = block }
        inblk = 0; block = ""
      }
      END { flush(); if (plan != "") printf "%s", plan }' "$W/explain.log"
}

# ------------------------------------------------------------------ report



jget() { sed -n "s/.*\"$2\":\([^,}]*\).*/\1/p" "$W/$1.json" | tr -d '"' | head -n1; }
fmt() { awk -v v="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, v }'; }
CEILING=$(jget point rps)
row() { # label json-name
    local rps p50 p99 bad ratio
    rps=$(jget "$2" rps)
    p50=$(jget "$2" p50_ms)
    p99=$(jget "$2" p99_ms)
    bad=$(($(jget "$2" non_2xx) + $(jget "$2" errors)))
    ratio=$(awk -v a="$rps" -v b="$CEILING" 'BEGIN { printf "%.0f %%", 100 * a / b }')
    printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(fmt "$rps" 0)" "$(fmt "$p50" 2)" "$(fmt "$p99" 2)" "$ratio" "$bad"
}
cpu_row() { # label name: CPU per request over the sampled window
    local rps win
    rps=$(jget "$2" rps)
    win=$(cat "$W/$2.window")
    awk -v l="$1" -v r="$rps" -v w="$win" '{
      n = r * w; s = $1; c = $2; p = $3; b = $4; t = $5;
      printf "| %s | %.0f %% | %.0f | %.0f | %.0f | %.0f |\n", l, 100 * b / t, 1e6 * s / n, 1e6 * c / n, 1e6 * p / n, 1e6 * (b - s - c - p) / n
    }' "$W/$2.cpu"
}
verdict() { # ok? text
    if [ "$1" = 1 ]; then echo "met: $2"; else echo "**missed**: $2"; fi
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }

READ_RATIO=$(awk -v a="$(jget product rps)" -v b="$CEILING" 'BEGIN { printf "%.0f", 100 * a / b }')
READ_OK=0; ge "$READ_RATIO" "$TARGET_READ_RATIO" && READ_OK=1
SEARCH_WORST=search-ar; SEARCH_WORST_P99=0
for mix in search-ar search-ar-make-year search-oem search-category-price; do
    p=$(jget "$mix" p99_ms)
    if ge "$p" "$SEARCH_WORST_P99"; then SEARCH_WORST=$mix; SEARCH_WORST_P99=$p; fi
done
SEARCH_OK=0; ge "$TARGET_SEARCH_P99" "$SEARCH_WORST_P99" && SEARCH_OK=1
NEAREST_P99=$(jget nearest p99_ms)
NEAREST_OK=0; ge "$TARGET_NEAREST_P99" "$NEAREST_P99" && NEAREST_OK=1

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
MEM=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
PGVER=$("$PGBIN/postgres" --version)
GEN_LINES=$(grep -E '^scale: ([0-9]+ suppliers|[0-9]+/[0-9]+ products \(100 %\)|index|committed|[0-9]+ products, )' \
    "$W/seed.log" | sed 's/^/    /' || true)

plan_section() { # title scenario pattern
    local plan
    plan=$(psql_explain "$2" "$3")
    [ -n "$plan" ] || return 0
    plan=$(printf '%s\n' "$plan" | sed '1s/^\(Query Text: .\{400\}\).*/\1 …/')
    printf '\n#### %s\n\n```\n%s\n```\n' "$1" "$plan"
}

TMP=$W/BENCHMARKS.md
{
cat <<EOF
# Benchmarks

The catalog read path at scale, produced by one command:

    bench/catalog.sh $N

(\`BENCH_CONCURRENCY=$CONCURRENCY BENCH_DURATION=$DURATION BENCH_WARMUP=$WARMUP\`.) The script builds the release
binaries, generates the data with \`qitaa seed --scale $N\` into a fresh embedded PostgreSQL under a temp dir,
starts \`qitaa serve\` (\`LOG_FORMAT=json RUST_LOG=warn\`), runs every scenario against it in the same run,
writes this file and deletes the temp dir. The HTTP load comes from \`bench/src/bin/loadgen.rs\` (closed loop,
$CONCURRENCY connections, ${WARMUP} s warm-up then ${DURATION} s measured, exact percentiles from every sample);
the database ceiling from \`pgbench -M prepared -c $CONCURRENCY -j 2 -T $DURATION\` over the cluster's Unix socket.

## Machine

| | |
|---|---|
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| CPU | $CPU |
| cores (nproc) | $(nproc) |
| memory | $MEM |
| PostgreSQL | $PGVER (embedded cluster defaults: shared_buffers 128MB, fsync on) |
| commit | $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?') (plus uncommitted work) |

Load generator, server and PostgreSQL all share the same $(nproc) cores.

## Data

$PRODUCTS products over $STORES stores (each under its own approved company and supplier), spread over 16 Saudi
cities; 1–3 fitment rows and 1–3 image rows per product; database size $DB_SIZE.
Generated in **${SEED_SECONDS} s** (\`qitaa seed --scale $N\`, including initdb of the fresh cluster, migrations, the reference seed,
the secondary index rebuild and VACUUM ANALYZE):

$GEN_LINES

| table | rows | heap | indexes |
|---|---|---|---|
$SIZES

Images are metadata only: the \`media_files\` rows the generated products point at have storage keys with no bytes
behind them, so \`/api/v1/media/{id}\` answers 404 for them.

## Results

| scenario | req/s | p50 ms | p99 ms | of ceiling | errors |
|---|---|---|---|---|---|
$(row "a. pgbench point read by primary key (ceiling)" point)
$(row "a′. pgbench: the product page SQL alone" detail_sql)
$(row "b. GET /api/v1/products/{id}" product)
$(row "c1. search: Arabic words (part + model)" search-ar)
$(row "c2. search: Arabic words + make + year" search-ar-make-year)
$(row "c3. search: OEM number" search-oem)
$(row "c4. search: category + price range" search-category-price)
$(row "d. nearest stores ($NEAREST_VIA)" nearest)

Where the CPU went, per request, over a window inside each measured run (all processes share the $(nproc) cores;
the client is the load generator or pgbench; "other" is the machine's busy time less the three: kernel work not
charged to a process, such as loopback networking, PostgreSQL's parallel query workers, which live for one query
only and so escape the per-process sampling, and any other process on the machine):

| scenario | machine busy | qitaa µs | client µs | PostgreSQL µs | other µs |
|---|---|---|---|---|---|
$(cpu_row "a. pgbench point read" point)
$(cpu_row "a′. pgbench product page SQL" detail_sql)
$(cpu_row "b. product page" product)
$(cpu_row "c1. search: Arabic words" search-ar)
$(cpu_row "c2. search: words + make + year" search-ar-make-year)
$(cpu_row "c3. search: OEM number" search-oem)
$(cpu_row "c4. search: category + price" search-category-price)
$(cpu_row "d. nearest stores" nearest)

Targets:

- product read ≥ ${TARGET_READ_RATIO} % of the point ceiling — $(verdict $READ_OK "${READ_RATIO} %");
- search p99 < ${TARGET_SEARCH_P99} ms — $(verdict $SEARCH_OK "worst mix $SEARCH_WORST at $(fmt "$SEARCH_WORST_P99" 1) ms");
- nearest p99 < ${TARGET_NEAREST_P99} ms — $(verdict $NEAREST_OK "$(fmt "$NEAREST_P99" 1) ms").

The ceiling is one prepared statement reading one product row by primary key (the id comes from a 50,000-row
helper table \`bench_ids\` keyed by integer, the same random sample the HTTP product reads use, so both touch the
same pages). Request lists: $(wc -l <"$W/product.txt") product ids; 1,000 requests per search mix, built from
random generated products (their Arabic part name as written, with its variants and diacritics, and a model name; or
the part name, make slug and a fitting year; or an OEM number, dashed or compact; or a category slug, leaf or parent,
and a price range around the product's price); $(wc -l <"$W/nearest.txt") points around the cities (the route's default
radius, or 10 or 25 km).
EOF

echo
echo "## Plans"
echo
echo "EXPLAIN (ANALYZE, BUFFERS) of the slowest requests, replayed once each after the run with \`auto_explain\`"
echo "(the slowest query of the scenario is shown)."
if [ $READ_OK = 0 ]; then
    plan_section "b. product page" product "json_build_object('id', s.id"
fi
for mix in search-ar search-ar-make-year search-oem search-category-price; do
    p=$(jget "$mix" p99_ms)
    if ! ge "$TARGET_SEARCH_P99" "$p"; then
        plan_section "c. $mix (p99 $(fmt "$p" 1) ms)" "$mix" "WITH matched"
    fi
done
if [ $NEAREST_OK = 0 ] && [ "$NEAREST_VIA" = http ]; then
    plan_section "d. nearest" nearest "earth_box"
fi
echo
echo "## Analysis"
echo
echo "ANALYSIS_PLACEHOLDER"
} >"$TMP"

# Raw results, for the record.
{
    echo
    echo "## Raw"
    echo
    echo '```'
    for f in point detail_sql product search-ar search-ar-make-year search-oem search-category-price nearest; do
        [ -f "$W/$f.json" ] && cat "$W/$f.json"
    done
    echo '```'
} >>"$TMP"

if [ -f "$OUT" ] && grep -q '^## Analysis' "$OUT" && [ "${BENCH_KEEP_ANALYSIS:-1}" = 1 ]; then
    # Keep a hand-written analysis of an earlier run in place of the placeholder.
    awk '/^## Analysis/ { on = 1; next } /^## / && on { exit } on' "$OUT" | sed '1{/^$/d}' >"$W/analysis.md"
    if [ -s "$W/analysis.md" ] && ! grep -q ANALYSIS_PLACEHOLDER "$W/analysis.md"; then
        awk -v f="$W/analysis.md" '$0 == "ANALYSIS_PLACEHOLDER" { while ((getline l < f) > 0) print l; next } { print }' \
            "$TMP" >"$TMP.new" && mv "$TMP.new" "$TMP"
    fi
fi
sed -i 's/^ANALYSIS_PLACEHOLDER$/(to be written: what explains the misses)/' "$TMP"
# The sockets section belongs to bench/sockets.sh: carry it over unchanged.
if [ -f "$OUT" ] && grep -q '<!-- sockets:begin' "$OUT"; then
    { printf '\n'; sed -n '/<!-- sockets:begin/,/<!-- sockets:end -->/p' "$OUT"; } >> "$TMP"
fi
# So does the dashboards section, bench/dashboards.sh's.
if [ -f "$OUT" ] && grep -q '<!-- dashboards:begin' "$OUT"; then
    { printf '\n'; sed -n '/<!-- dashboards:begin/,/<!-- dashboards:end -->/p' "$OUT"; } >> "$TMP"
fi
# And the statistics section, bench/stats.sh's.
if [ -f "$OUT" ] && grep -q '<!-- stats:begin' "$OUT"; then
    { printf '\n'; sed -n '/<!-- stats:begin/,/<!-- stats:end -->/p' "$OUT"; } >> "$TMP"
fi
# And the import section, bench/import.sh's.
if [ -f "$OUT" ] && grep -q '<!-- import:begin' "$OUT"; then
    { printf '\n'; sed -n '/<!-- import:begin/,/<!-- import:end -->/p' "$OUT"; } >> "$TMP"
fi
if [ -f "$OUT" ] && grep -q '<!-- availability:begin' "$OUT"; then
    { printf '\n'; sed -n '/<!-- availability:begin/,/<!-- availability:end -->/p' "$OUT"; } >> "$TMP"
fi
cp "$TMP" "$OUT"
say "wrote $OUT"
