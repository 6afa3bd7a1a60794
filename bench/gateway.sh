#!/usr/bin/env bash
# Gateway benchmark: the same A2A and MCP calls sent straight to a local agent that answers at
# once, and through the node's gateway (/a2a/{id}, /mcp/{id}) with invocation records on. Reports
# each side's latency at a fixed rate and its throughput at saturation, then the gateway's added
# latency and the throughput ratio, and where the node spends its time (a JFR profile of the
# saturated gateway runs).
#
#   bench/gateway.sh [h2|postgres] [rate] [seconds]      defaults: h2 200 30
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="${1:-h2}"
rate="${2:-200}"
seconds="${3:-30}"
concurrency="${PEERCLAW_BENCH_CONCURRENCY:-32}"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* | head -n 1)}"
java="$JAVA_HOME/bin/java"
[ -f bench/target/peerclaw-bench.jar ] && [ -z "$(find bench/src node-server/src shared/src -newer bench/target/peerclaw-bench.jar | head -n 1)" ] \
  || ./mvnw -B -q -ntp package -pl bench -am -Dmaven.test.skip=true -Dspotless.check.skip=true
bench() { "$java" -cp bench/target/peerclaw-bench.jar io.peerclaw.bench.GatewayBench "$@"; }
free_port() { bench free-port; }

data="$(mktemp -d /tmp/peerclaw-gwbench-XXXXXX)"
pgdb=""
cleanup() {
  for pid in ${node_pid:-} ${agent_pid:-}; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ -n "$pgdb" ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" || true
  rm -rf "$data"
}
trap cleanup EXIT

agent_port="$(free_port)"
node_port="$(free_port)"
"$java" -Xmx256m -cp bench/target/peerclaw-bench.jar io.peerclaw.bench.GatewayBench instant-agent "$agent_port" >"$data/agent.out" 2>&1 &
agent_pid=$!

# Limits high enough not to be what is measured; records, reputation and audit stay on.
export PEERCLAW_RATE_LIMIT_ENABLED=false PEERCLAW_PROBE_ENABLED=false PEERCLAW_LOGGING_LEVEL=warn \
       PEERCLAW_AUDIT_LOG_OUTPUT="file:audit.log" PEERCLAW_INVOKE_USER_PER_HOUR=1000000 \
       PEERCLAW_SECURITY_ALLOWED_PRIVATE_CIDRS=127.0.0.1/32 PEERCLAW_USER_AUTH_BCRYPT_COST=4 \
       PEERCLAW_USER_AUTH_ACCESS_TTL=1h
if [ "$engine" = "postgres" ]; then
  pgdb="peerclaw_gwbench_$$"
  psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $pgdb"
  export PEERCLAW_DATABASE_DRIVER=postgres PEERCLAW_DATABASE_DSN="jdbc:postgresql://127.0.0.1:5432/$pgdb?user=postgres"
fi
./peerclaw --server --port "$node_port" --data-dir "$data" >>"$data/node.out" 2>>"$data/node.err" &
node_pid=$!
node="http://127.0.0.1:$node_port"
until curl -sf "$node/api/v1/health" >/dev/null; do
  kill -0 "$node_pid" 2>/dev/null || { cat "$data/node.err"; exit 1; }
  sleep 0.1
done
until curl -s -o /dev/null "http://127.0.0.1:$agent_port/.well-known/agent-card.json"; do sleep 0.1; done

email="bench-$$@example.org"
curl -sf -X POST "$node/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"bench password 123\"}" >/dev/null
token="$(curl -sf -X POST "$node/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"bench password 123\"}" | sed -E 's/.*"access_token":"([^"]*)".*/\1/')"
a2a_id="$(bench register-agent "$node" "http://127.0.0.1:$agent_port/a2a" a2a "$token")"
mcp_id="$(bench register-agent "$node" "http://127.0.0.1:$agent_port/mcp" mcp "$token")"

# Warm-up, not reported: both JVMs compile the paths of both protocols before anything is measured.
for kind in a2a mcp; do
  id_var="${kind}_id"
  bench saturate "$kind" "http://127.0.0.1:$agent_port/$kind" "$concurrency" 10 >/dev/null
  bench saturate "$kind" "$node/$kind/${!id_var}" "$concurrency" 10 "$token" >/dev/null
done

echo "# PeerClaw gateway benchmark ($engine), $(nproc) cores, $("$java" -version 2>&1 | head -n 1)"
echo "# fixed rate $rate/s for ${seconds}s; saturation with $concurrency callers for ${seconds}s"
declare -A result
for kind in a2a mcp; do
  direct="http://127.0.0.1:$agent_port/$kind"
  id_var="${kind}_id"
  gateway="$node/$kind/${!id_var}"
  result[$kind-direct-rate]="$(bench rate "$kind" "$direct" "$rate" "$seconds")"
  result[$kind-gateway-rate]="$(bench rate "$kind" "$gateway" "$rate" "$seconds" "$token")"
  result[$kind-direct-sat]="$(bench saturate "$kind" "$direct" "$concurrency" "$seconds")"
  "$JAVA_HOME/bin/jcmd" "$node_pid" JFR.start name=gw settings=profile filename="$data/$kind.jfr" >/dev/null 2>&1 || true
  result[$kind-gateway-sat]="$(bench saturate "$kind" "$gateway" "$concurrency" "$seconds" "$token")"
  "$JAVA_HOME/bin/jcmd" "$node_pid" JFR.stop name=gw >/dev/null 2>&1 || true
  for run in direct-rate gateway-rate direct-sat gateway-sat; do
    printf '%-4s %-13s %s\n' "$kind" "$run" "${result[$kind-$run]}"
  done
done

field() { # field NAME LINE -> the number after NAME
  echo "$2" | sed -E "s/.*$1 ([0-9.]+).*/\1/"
}
echo
echo "# gateway minus direct"
for kind in a2a mcp; do
  d="${result[$kind-direct-rate]}"; g="${result[$kind-gateway-rate]}"
  ds="${result[$kind-direct-sat]}"; gs="${result[$kind-gateway-sat]}"
  awk -v k="$kind" -v dp50="$(field p50 "$d")" -v gp50="$(field p50 "$g")" \
      -v dp99="$(field p99 "$d")" -v gp99="$(field p99 "$g")" \
      -v drps="$(echo "$ds" | sed -E 's/.* calls, ([0-9]+)\/s.*/\1/')" \
      -v grps="$(echo "$gs" | sed -E 's/.* calls, ([0-9]+)\/s.*/\1/')" \
      'BEGIN { printf "%s: added p50 %.2f ms, added p99 %.2f ms at the fixed rate; saturation %d vs %d calls/s (ratio %.2f)\n", k, gp50 - dp50, gp99 - dp99, grps, drps, grps / drps }'
done
echo
for kind in a2a mcp; do
  if [ -f "$data/$kind.jfr" ]; then
    echo "# where the node spends its time ($kind through the gateway, saturated): hot methods"
    "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$data/$kind.jfr" 2>/dev/null | head -n 30 || true
  fi
done
invocations="$(curl -s "$node/api/v1/invocations?limit=1" -H "Authorization: Bearer $token" | sed -E 's/.*"total":([0-9]+).*/\1/')"
echo "# invocation records written: $invocations"
