#!/usr/bin/env bash
# Signaling benchmark: starts a node on a fresh data folder, registers SOCKETS agents of one
# account (pairs of them are contacts without asking), opens one authenticated signaling socket
# per agent (signed upgrades), then relays FRAMES_PER_SECOND frames between the pairs for SECONDS.
# Reports the node's heap and RSS idle and with every socket open, the relay's p50/p99 from send
# to receipt (one clock: sender and receiver are one process) after a 10 s warm-up at the same
# rate (each pair's first frames load its contacts rule from storage), and the node's CPU while
# relaying.
#
#   bench/signaling.sh [SOCKETS] [FRAMES_PER_SECOND] [SECONDS]      defaults: 10000 5000 60
#
# Load generator and node share the machine: on 2 cores the CPU figures measure both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sockets="${1:-10000}"
rate="${2:-5000}"
seconds="${3:-60}"
port="${PEERCLAW_BENCH_PORT:-18095}"

cd "$root"
./peerclaw --version >/dev/null                        # builds the node if needed
jdk="$(ls -d /usr/lib/jvm/temurin-25* | head -n 1)"
if [ ! -f bench/target/peerclaw-bench.jar ] || [ -n "$(find bench/src shared/src -newer bench/target/peerclaw-bench.jar | head -n 1)" ]; then
  JAVA_HOME="$jdk" ./mvnw -B -q -ntp package -pl bench -am -Dmaven.test.skip=true -Dspotless.check.skip=true
fi
# Each socket is a descriptor in the node and one in the load generator.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((sockets + 1000)) ]; then
  echo "bench/signaling.sh: $sockets sockets need more open files than this shell may have ($(ulimit -n))" >&2
  exit 2
fi

data="$(mktemp -d /tmp/peerclaw-signaling-bench-XXXXXX)"
cleanup() {
  [ -n "${node_pid:-}" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

export PEERCLAW_RATE_LIMIT_ENABLED=false PEERCLAW_LOGGING_LEVEL=warn PEERCLAW_PROBE_ENABLED=false \
       PEERCLAW_AUDIT_LOG_OUTPUT="file:audit.log" PEERCLAW_USER_AUTH_BCRYPT_COST=4
./peerclaw --server --port "$port" --data-dir "$data" >"$data/node.out" 2>&1 &
node_pid=$!
until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; do
  kill -0 "$node_pid" 2>/dev/null || { cat "$data/node.out"; exit 1; }
  sleep 0.05
done

rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$node_pid/status") / 1024 )); }
heap_mb() { # used heap after a full collection, in MB
  "$jdk/bin/jcmd" "$node_pid" GC.run >/dev/null 2>&1 || true
  "$jdk/bin/jcmd" "$node_pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); printf "%d", v/1024}}'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$node_pid}/stat"; }
hz="$(getconf CLK_TCK)"

sleep 3
echo "# PeerClaw signaling benchmark: $sockets sockets, $rate frames/s for $seconds s"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); java: $("$jdk/bin/java" -version 2>&1 | head -n 1)"
echo "idle node (baseline): heap $(heap_mb) MB used, RSS $(rss_mb) MB"

"$jdk/bin/java" -Xmx2g -cp bench/target/peerclaw-bench.jar io.peerclaw.bench.SignalingBench \
  "http://127.0.0.1:$port" "$sockets" "$rate" "$seconds" >"$data/bench.out" 2>&1 &
bench_pid=$!
until grep -q "sockets-open" "$data/bench.out" 2>/dev/null; do
  kill -0 "$bench_pid" 2>/dev/null || { cat "$data/bench.out"; exit 1; }
  sleep 0.2
done
cat "$data/bench.out"
sleep 2
echo "with the sockets open: heap $(heap_mb) MB used, RSS $(rss_mb) MB"
until grep -q "measured-start" "$data/bench.out"; do sleep 0.05; done
before="$(cpu_ticks)"
bench_before="$(cpu_ticks "$bench_pid")"
started="$(date +%s%3N)"
until grep -q "^relay sent" "$data/bench.out" || ! kill -0 "$bench_pid" 2>/dev/null; do sleep 0.1; done
elapsed_ms=$(( $(date +%s%3N) - started ))
after="$(cpu_ticks)"
bench_after="$(cpu_ticks "$bench_pid" 2>/dev/null || echo "$bench_before")"
wait "$bench_pid" || true
grep -E "^(relay sent|frames over)" "$data/bench.out"
awk -v t=$((after - before)) -v hz="$hz" -v ms="$elapsed_ms" \
  'BEGIN {printf "node CPU while relaying: %.2f cores (%.0f%% of one core) over %.1f s\n", t/hz/(ms/1000), 100*t/hz/(ms/1000), ms/1000}'
awk -v t=$((bench_after - bench_before)) -v hz="$hz" -v ms="$elapsed_ms" \
  'BEGIN {printf "load generator CPU meanwhile: %.2f cores\n", t/hz/(ms/1000)}'
echo "after the relay: RSS $(rss_mb) MB"
