#!/usr/bin/env bash
# Trust engine benchmark: reputation events recorded per second on a fresh database, spread over
# 1,000 agents and all on one agent, with 8 threads (a node's worth of concurrent callers).
#
#   bench/reputation.sh [h2|postgres] [threads] [seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="${1:-h2}"
threads="${2:-8}"
seconds="${3:-10}"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* | head -n 1)}"
[ -f bench/target/peerclaw-bench.jar ] && [ -z "$(find bench/src node-server/src shared/src -newer bench/target/peerclaw-bench.jar | head -n 1)" ] \
  || ./mvnw -B -q -ntp package -pl bench -am -Dmaven.test.skip=true -Dspotless.check.skip=true
java="$JAVA_HOME/bin/java"
data="$(mktemp -d /tmp/peerclaw-repbench-XXXXXX)"
pgdb=""
cleanup() {
  [ -n "$pgdb" ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" || true
  rm -rf "$data"
}
trap cleanup EXIT
if [ "$engine" = "postgres" ]; then
  pgdb="peerclaw_repbench_$$"
  psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $pgdb"
  url="jdbc:postgresql://127.0.0.1:5432/$pgdb?user=postgres"
else
  # The node's own H2 settings: a file, every commit synced.
  url="jdbc:h2:file:$data/peerclaw;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=1000;MAX_COMPACT_TIME=3000"
fi
echo "# PeerClaw trust engine benchmark ($engine), $(nproc) cores, $("$java" -version 2>&1 | head -n 1)"
"$java" -jar bench/target/peerclaw-bench.jar reputation-events "$url" "$threads" "$seconds"
