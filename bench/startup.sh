#!/usr/bin/env bash
# Start-up benchmark: launches `peerclaw --server` N times (default 10), each time twice: on a
# fresh data folder (a first start: the database is created) and again on the same folder (a
# restart: the database is opened). It reports, per build, the median and range of the time from
# exec to the first healthy answer of /api/v1/health for both, and the resident memory once idle.
# With a second checkout it runs both builds alternately, launch by launch, so that both see the
# same machine load. PEERCLAW_AOT=off measures a build without its AOT cache.
#
#   bench/startup.sh [--runs N] [--baseline DIR]
#
# DIR is another checkout of this project (e.g. `git worktree add /tmp/base <commit>`); each
# checkout is built by its own launcher first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --baseline) baseline="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/startup.sh [--runs N] [--baseline DIR]" >&2; exit 2 ;;
  esac
done
port="${PEERCLAW_BENCH_PORT:-18191}"
export PEERCLAW_LOGGING_LEVEL=warn PEERCLAW_PROBE_ENABLED=false

checkouts=("$root")
[ -n "$baseline" ] && checkouts=("$baseline" "$root")
for checkout in "${checkouts[@]}"; do
  "$checkout/peerclaw" --version >/dev/null # builds it when needed
done

now_ms() { date +%s%3N; }

# One start on $2: prints "<ms to healthy> <idle RSS in MB>".
start_once() {
  local checkout="$1" data="$2" started pid elapsed rss
  started="$(now_ms)"
  PEERCLAW_SKIP_BUILD=1 "$checkout/peerclaw" --server --port "$port" --data-dir "$data" \
    >"$data/out.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/api/v1/health"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the node exited; its output:" >&2
      cat "$data/out.log" >&2
      exit 1
    fi
    sleep 0.01
  done
  elapsed=$(($(now_ms) - started))
  sleep 3
  rss=$(($(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$elapsed $rss"
}

# One launch: a first start on a new folder, then a restart on it. Prints "<first> <restart> <rss>".
launch() {
  local checkout="$1" data first restart rss _
  data="$(mktemp -d /tmp/peerclaw-startup-XXXXXX)"
  read -r first rss < <(start_once "$checkout" "$data")
  read -r restart _ < <(start_once "$checkout" "$data")
  rm -rf "$data"
  echo "$first $restart $rss"
}

declare -A firsts restarts rss
for _ in $(seq 1 "$runs"); do
  for checkout in "${checkouts[@]}"; do
    read -r f s r < <(launch "$checkout")
    firsts[$checkout]+="$f "
    restarts[$checkout]+="$s "
    rss[$checkout]+="$r "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s (%s..%s)", m, a[1], a[NR]}'; }
echo "start-up to healthy in ms, median of $runs launches (min..max), and idle RSS 3 s after healthy:"
printf '  %-24s %-22s %-22s %s\n' build "first start" restart RSS
for checkout in "${checkouts[@]}"; do
  label="$(git -C "$checkout" rev-parse --short HEAD)"
  [ "$checkout" = "$root" ] && label="$label (this checkout)"
  printf '  %-24s %-22s %-22s %s MB\n' "$label" "$(echo "${firsts[$checkout]}" | median)" \
    "$(echo "${restarts[$checkout]}" | median)" "$(echo "${rss[$checkout]}" | median)"
done
