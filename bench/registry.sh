#!/usr/bin/env bash
# Registry benchmark: starts a node on a fresh data folder, loads 10,000 then 100,000 agents with
# signed requests, and measures registrations/s, heartbeats/s, and list/search throughput and
# p99 (wrk, from Debian). Also reports start-up time to the first healthy answer and idle memory.
#
#   bench/registry.sh [h2|postgres] [--small]
#
# --small loads 1,000 and 5,000 agents (a quick check that the script works).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="${1:-h2}"
sizes=(10000 100000)
[ "${2:-}" = "--small" ] && sizes=(1000 5000)
port="${PEERCLAW_BENCH_PORT:-18090}"
concurrency="${PEERCLAW_BENCH_CONCURRENCY:-32}"
wrk_duration="${PEERCLAW_BENCH_WRK_SECONDS:-15}"

command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -qq wrk >/dev/null; }

cd "$root"
./peerclaw --version >/dev/null                        # builds the node if needed
[ -n "$(find bench/src shared/src -newer bench/target/peerclaw-bench.jar 2>/dev/null | head -n 1)" ] || [ ! -f bench/target/peerclaw-bench.jar ] && JAVA_HOME="$(ls -d /usr/lib/jvm/temurin-25* | head -n 1)" \
  ./mvnw -B -q -ntp package -pl bench -am -Dmaven.test.skip=true -Dspotless.check.skip=true
java="$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)/bin/java"
[ -x "$java" ] || java="${JAVA_HOME:-}/bin/java"
load() { "$java" -jar bench/target/peerclaw-bench.jar "$@"; }

data="$(mktemp -d /tmp/peerclaw-bench-XXXXXX)"
export PEERCLAW_RATE_LIMIT_ENABLED=false PEERCLAW_LOGGING_LEVEL=warn \
       PEERCLAW_AUDIT_LOG_OUTPUT="file:audit.log" PEERCLAW_AUTH_REQUIRED=true
pgdb=""
if [ "$engine" = "postgres" ]; then
  pgdb="peerclaw_bench_$$"
  psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $pgdb"
  export PEERCLAW_DATABASE_DRIVER=postgres PEERCLAW_DATABASE_DSN="jdbc:postgresql://127.0.0.1:5432/$pgdb?user=postgres"
fi
cleanup() {
  if [ -n "${node_pid:-}" ] && kill "$node_pid" 2>/dev/null; then
    wait "$node_pid" 2>/dev/null || true
    if [ "$engine" = "h2" ] && [ -f "$data/peerclaw.mv.db" ]; then
      echo "H2 file after the node stopped (with its shutdown compaction): $(( $(stat -c %s "$data/peerclaw.mv.db") / 1048576 )) MiB"
    fi
  fi
  [ -n "$pgdb" ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" || true
  rm -rf "$data"
}
trap cleanup EXIT

start_ms=$(date +%s%3N)
./peerclaw --server --port "$port" --data-dir "$data" >"$data/node.out" 2>"$data/node.err" &
node_pid=$!
until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; do
  kill -0 "$node_pid" 2>/dev/null || { cat "$data/node.err"; exit 1; }
  sleep 0.05
done
startup_ms=$(( $(date +%s%3N) - start_ms ))
sleep 5
idle_rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$node_pid/status")
url="http://127.0.0.1:$port"

echo "# PeerClaw registry benchmark ($engine)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); java: $("$java" -version 2>&1 | head -n 1)"
echo "start-up to first healthy answer: ${startup_ms} ms; idle RSS after start: $((idle_rss_kb / 1024)) MiB"

wrk_line() { # label, wrk args...
  local label="$1"; shift
  local out
  wrk -t2 -c64 -d3s "$@" >/dev/null                  # warm-up: let the JIT compile this path
  out="$(wrk -t2 -c64 -d"${wrk_duration}s" --latency "$@")"
  local rps p99 non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  printf '  %-34s %10s req/s   p99 %8s%s\n' "$label" "$rps" "$p99" "${non2xx:+   non-2xx: $non2xx}"
}

loaded=0
for size in "${sizes[@]}"; do
  echo
  echo "## $size agents"
  echo "  $(load register "$url" "$loaded" "$size" "$concurrency")"
  loaded=$size
  echo "  $(load heartbeat "$url" "$size" 20 "$concurrency")"
  if [ "$engine" = "postgres" ] && [ "$(psql -h 127.0.0.1 -U postgres -d "$pgdb" -tAc 'SHOW autovacuum')" = "off" ]; then
    # This server runs without autovacuum; do once what it would have done by now.
    psql -h 127.0.0.1 -U postgres -d "$pgdb" -qc "VACUUM ANALYZE"
    echo "  (autovacuum is off on this server: ran VACUUM ANALYZE after loading, as autovacuum would)"
  fi
  read -r agent key <<<"$(load mint-key "$url" 0)"
  auth=(-H "Authorization: Bearer $key" -H "X-PeerClaw-Agent-ID: $agent")
  wrk_line "GET /agents (first page of 50)" "${auth[@]}" "$url/api/v1/agents?page_size=50"
  wrk_line "GET /agents?capability=cap-17" "${auth[@]}" "$url/api/v1/agents?capability=cap-17&page_size=50"
  wrk_line "GET /agents?protocol=mcp&status=online" "${auth[@]}" "$url/api/v1/agents?protocol=mcp&status=online&page_size=50"
  wrk_line "GET /agents/{id}" "${auth[@]}" "$url/api/v1/agents/$agent"
  cat >"$data/discover.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"capabilities":["cap-42","cap-7"],"max_results":20}'
wrk.headers["Content-Type"] = "application/json"
LUA
  wrk_line "POST /discover (2 capabilities)" "${auth[@]}" -s "$data/discover.lua" "$url/api/v1/discover"
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$node_pid/status")
  jcmd="$(dirname "$java")/jcmd"
  "$jcmd" "$node_pid" GC.run >/dev/null 2>&1 || true
  live="$("$jcmd" "$node_pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1)}')"
  echo "  node RSS now: $((rss_kb / 1024)) MiB; heap in use after a full GC: ${live:-?}"
  echo "  health: $(curl -s "$url/api/v1/health")"
  if [ "$engine" = "h2" ]; then
    echo "  H2 file: $(( $(stat -c %s "$data/peerclaw.mv.db") / 1048576 )) MiB"
  fi
done
