#!/usr/bin/env bash
# Directory benchmark: starts a node on a fresh data folder, seeds 10,000 then 100,000 agents with
# varied names, descriptions, capabilities and tags (written into the tables, then indexed by the
# node at its next start), adds categories and popularity by SQL, and measures every kind of directory query
# with wrk (req/s and p99). The first page is also served by nginx as a static file with the very
# same bytes, side by side, as the yardstick for the page cache.
#
#   bench/directory.sh [h2|postgres] [--small] [--signed]
#
# --small seeds 1,000 and 5,000 agents (a quick check that the script works).
# --signed registers the agents with signed requests instead of writing them into the tables
#          (slow: H2 commits every registration to disk; 100,000 take the better part of an hour).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="${1:-h2}"
sizes=(10000 100000)
seed=sql
for arg in "${@:2}"; do
  case "$arg" in
    --small) sizes=(1000 5000) ;;
    --signed) seed=signed ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
port="${PEERCLAW_BENCH_PORT:-18090}"
nginx_port=$((port + 1))
concurrency="${PEERCLAW_BENCH_CONCURRENCY:-32}"
wrk_duration="${PEERCLAW_BENCH_WRK_SECONDS:-10}"

command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -qq wrk >/dev/null; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "installing nginx" >&2; apt-get install -y -qq nginx >/dev/null; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

cd "$root"
./peerclaw --version >/dev/null                        # builds the node if needed
[ -n "$(find bench/src shared/src -newer bench/target/peerclaw-bench.jar 2>/dev/null | head -n 1)" ] || [ ! -f bench/target/peerclaw-bench.jar ] && JAVA_HOME="$(ls -d /usr/lib/jvm/temurin-25* | head -n 1)" \
  ./mvnw -B -q -ntp package -pl bench -am -Dmaven.test.skip=true -Dspotless.check.skip=true
java="$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)/bin/java"
[ -x "$java" ] || java="${JAVA_HOME:-}/bin/java"
load() { "$java" -jar bench/target/peerclaw-bench.jar "$@"; }

data="$(mktemp -d /tmp/peerclaw-dirbench-XXXXXX)"
# Uptime probes off: the seeded agents' endpoints are made up, and probing 100,000 of them is not
# what this measures (it would share the two cores with the queries).
export PEERCLAW_RATE_LIMIT_ENABLED=false PEERCLAW_PROBE_ENABLED=false PEERCLAW_LOGGING_LEVEL=warn \
       PEERCLAW_AUDIT_LOG_OUTPUT="file:audit.log"
pgdb=""
h2_url=""
if [ "$engine" = "postgres" ]; then
  pgdb="peerclaw_dirbench_$$"
  psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $pgdb"
  export PEERCLAW_DATABASE_DRIVER=postgres PEERCLAW_DATABASE_DSN="jdbc:postgresql://127.0.0.1:5432/$pgdb?user=postgres"
else
  # AUTO_SERVER lets this script reach the node's file over a local socket to seed categories.
  h2_url="jdbc:h2:file:$data/peerclaw;AUTO_SERVER=TRUE"
  export PEERCLAW_DATABASE_DSN="$h2_url"
  h2_url="$h2_url;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=1000;MAX_COMPACT_TIME=3000"
  h2_jar="$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | sort -V | tail -n 1)"
fi
sql() { # one statement; prints the first column of the result
  if [ "$engine" = "postgres" ]; then
    psql -h 127.0.0.1 -U postgres -d "$pgdb" -tAqc "$1"
  else
    "$java" -cp "$h2_jar" org.h2.tools.Shell -url "$h2_url" -user sa -password "" -sql "$1" \
      | awk 'NR == 2 {print $1}'
  fi
}
cleanup() {
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null || true
  if [ -n "${node_pid:-}" ] && kill "$node_pid" 2>/dev/null; then wait "$node_pid" 2>/dev/null || true; fi
  [ -n "$pgdb" ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" || true
  rm -rf "$data"
}
trap cleanup EXIT

start_node() {
  ./peerclaw --server --port "$port" --data-dir "$data" >>"$data/node.out" 2>>"$data/node.err" &
  node_pid=$!
  until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; do
    kill -0 "$node_pid" 2>/dev/null || { cat "$data/node.err"; exit 1; }
    sleep 0.05
  done
}
stop_node() {
  kill "$node_pid" && wait "$node_pid" 2>/dev/null || true
}
start_node
url="http://127.0.0.1:$port"

# nginx serves one static file: the node's first directory page, copied byte for byte.
mkdir -p "$data/www" "$data/nginx"
cat >"$data/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $data/nginx/nginx.pid;
error_log $data/nginx/error.log;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $data/nginx;
  proxy_temp_path $data/nginx;
  fastcgi_temp_path $data/nginx;
  uwsgi_temp_path $data/nginx;
  scgi_temp_path $data/nginx;
  default_type application/json;
  etag on;
  server { listen 127.0.0.1:$nginx_port; root $data/www; }
}
NGINX
"$nginx_bin" -c "$data/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!

echo "# PeerClaw directory benchmark ($engine)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); java: $("$java" -version 2>&1 | head -n 1)"
echo "wrk -t2 -c64 -d${wrk_duration}s after a 2 s warm-up per query; node and wrk share the machine"

wrk_line() { # label, url
  local label="$1"; shift
  local out rps p99 non2xx
  wrk -t2 -c64 -d2s "$@" >/dev/null
  out="$(wrk -t2 -c64 -d"${wrk_duration}s" --latency "$@")"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  printf '  %-44s %10s req/s   p99 %8s%s\n' "$label" "$rps" "$p99" "${non2xx:+   non-2xx: $non2xx}"
}

latency_seconds="${PEERCLAW_BENCH_LATENCY_SECONDS:-6}"
cat >"$data/distinct.lua" <<'LUA'
-- Appends a counter to the path so that no two requests share a URL (the page cache never hits).
local path = os.getenv("BENCH_PATH")
local n = 0
request = function()
  n = n + 1
  local sep = string.find(path, "?", 1, true) and "&" or "?"
  -- page_size alternates between 20 and 21 so that no two requests in a row bind the same
  -- parameters: H2 would otherwise hand back the previous result of an unchanged query.
  return wrk.format("GET", path .. sep .. "nocache=" .. n .. "&page_size=" .. (20 + n % 2))
end
LUA
latency_line() { # label, path: p50 and p99 with one connection, then p99 with four
  local label="$1" path="$2" one four
  BENCH_PATH="$path" wrk -t1 -c4 -d2s -s "$data/distinct.lua" "$url" >/dev/null
  one="$(BENCH_PATH="$path" wrk -t1 -c1 -d"${latency_seconds}s" --latency -s "$data/distinct.lua" "$url")"
  four="$(BENCH_PATH="$path" wrk -t1 -c4 -d"${latency_seconds}s" --latency -s "$data/distinct.lua" "$url")"
  printf '  %-50s %9s %9s %7s req/s | %9s %7s req/s%s\n' "$label" \
    "$(awk '$1=="50%" {print $2}' <<<"$one")" "$(awk '$1=="99%" {print $2}' <<<"$one")" \
    "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$one")" \
    "$(awk '$1=="99%" {print $2}' <<<"$four")" "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$four")" \
    "$(awk '/Non-2xx/ {print "   non-2xx: " $NF}' <<<"$one$four")"
}

loaded=0
for size in "${sizes[@]}"; do
  echo
  echo "## $size agents"
  if [ "$seed" = "signed" ] && [ "$loaded" -gt 0 ]; then stop_node; start_node; fi # cache on
  if [ "$seed" = "signed" ]; then
    echo "  $(load register-varied "$url" "$loaded" "$size" "$concurrency")"
  else
    # Straight into the tables (the node stopped, for H2's file lock), then a restart indexes
    # them: the way an upgraded node with existing agents comes up.
    stop_node
    if [ "$engine" = "postgres" ]; then
      echo "  $(load seed-db "$PEERCLAW_DATABASE_DSN" "$loaded" "$size")"
    else
      echo "  $(load seed-db "$h2_url;USER=sa;PASSWORD=" "$loaded" "$size")"
    fi
    start_node
    index_started=$(date +%s.%N)
  fi
  loaded=$size
  # Categories (12, each agent in one) and a popularity figure per agent, as the admin and the
  # invocation feature would write them.
  for i in $(seq 0 11); do
    sql "INSERT INTO categories (id, name, slug, sort_order) SELECT 'cat-$i', 'Category $i', 'category-$i', $i WHERE NOT EXISTS (SELECT 1 FROM categories WHERE id = 'cat-$i')" >/dev/null
  done
  sql "INSERT INTO agent_categories (agent_id, category_id) SELECT id, 'cat-' || MOD(ASCII(SUBSTRING(id, 3, 1)), 12) FROM agents a WHERE NOT EXISTS (SELECT 1 FROM agent_categories c WHERE c.agent_id = a.id)" >/dev/null
  until [ "$(sql "SELECT COUNT(*) FROM directory_entries")" -ge "$size" ]; do sleep 3; done
  [ "$seed" = "signed" ] || echo "  the node indexed them for search in $(awk -v a="$index_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s after it started"
  sql "UPDATE directory_entries SET calls_7d = ASCII(SUBSTRING(agent_id, 2, 1)) * 7 + ASCII(SUBSTRING(agent_id, 5, 1))" >/dev/null
  echo "  search index: $(sql "SELECT COUNT(*) FROM directory_terms") terms for $size agents"
  if [ "$engine" = "postgres" ] && [ "$(sql 'SHOW autovacuum')" = "off" ]; then
    sql "VACUUM ANALYZE" >/dev/null
    echo "  (autovacuum is off on this server: ran VACUUM ANALYZE after loading, as autovacuum would)"
  fi
  sleep 3 # the page cache expires what was rendered while loading
  agent="$(curl -s "$url/api/v1/directory?page_size=1" | grep -o '"id":"[a-z0-9]*"' | head -n 1 | cut -d'"' -f4)"
  # A word that only some agents have, and a prefix of a common one.
  curl -s "$url/api/v1/directory" -o "$data/www/directory.json"
  wrk_line "nginx: the same first page, static file" "http://127.0.0.1:$nginx_port/directory.json"
  wrk -t2 -c64 -d5s "$url/api/v1/directory" >/dev/null # a longer warm-up for the yardstick route
  wrk_line "GET /directory (first page of 20)" "$url/api/v1/directory"
  wrk_line "GET /directory/{id} (profile)" "$url/api/v1/directory/$agent"
  wrk_line "GET /categories" "$url/api/v1/categories"
  # The same node without its page cache, so that every query below reads the database.
  stop_node
  PEERCLAW_DIRECTORY_PAGE_CACHE_TTL=0s start_node
  for warm in $(seq 1 200); do curl -s "$url/api/v1/directory?search=w$warm" >/dev/null; done
  echo "  queries the page cache cannot answer (every request its own URL), ${latency_seconds} s each:"
  printf '  %-50s %9s %9s %13s | %9s %13s\n' "" "c1 p50" "c1 p99" "c1 rate" "c4 p99" "c4 rate"
  for query in \
      "capability=cap-17" "protocol=mcp" "status=online" "verified=false&min_score=0.4" \
      "category=category-3" "search=weather" "search=kelmar" "search=weather%20forecast" \
      "search=tra" "search=code&capability=cap-42&protocol=a2a" "protocol=mcp&status=online" \
      "sort=name" "sort=registered_at" "sort=popular" "sort=name&search=weather" \
      "sort=name&page_token=$(curl -s "$url/api/v1/directory?sort=name" | sed -E 's/.*"next_page_token":"([^"]*)".*/\1/')"; do
    latency_line "  ?$query" "/api/v1/directory?$query"
  done
  latency_line "  /directory/{id}/reviews/summary" "/api/v1/directory/$agent/reviews/summary"
done
