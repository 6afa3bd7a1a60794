#!/usr/bin/env bash
# Console start-up benchmark: launches the desktop console (`./peerclaw` without --server) N times
# (default 10), each time twice: on a fresh data folder (its embedded node creates the database)
# and again on the same folder. It reports, per build, the median and range of the time from exec
# until the window shows the node's sign-in page, which is when the window's title names the
# node's address (read from outside with xwininfo, so builds that log differently are measured
# alike). For builds that log it, it also reports when that page held the node's answer ("console
# showing the node's answer", read from the log's own timestamps).
#
#   bench/console-startup.sh [--runs N] [--baseline DIR]
#
# Needs an X display: it starts its own Xvfb (apt-get install -y xvfb x11-utils libgtk-3-0), so
# the figures are for software rendering on a virtual screen. DIR is another checkout of this
# project, as for bench/startup.sh; both builds are run alternately, launch by launch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --baseline) baseline="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/console-startup.sh [--runs N] [--baseline DIR]" >&2; exit 2 ;;
  esac
done
for tool in Xvfb xwininfo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/console-startup.sh: needs $tool; install it with: apt-get install -y xvfb x11-utils libgtk-3-0" >&2
    exit 2
  fi
done
port="${PEERCLAW_BENCH_PORT:-18192}"
export PEERCLAW_PROBE_ENABLED=false

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
export DISPLAY="$display"
until xwininfo -root >/dev/null 2>&1; do sleep 0.05; done

checkouts=("$root")
[ -n "$baseline" ] && checkouts=("$baseline" "$root")
for checkout in "${checkouts[@]}"; do
  "$checkout/peerclaw" --version >/dev/null # builds it when needed
done

now_ms() { date +%s%3N; }

# One start on $2: prints "<ms until the title names the node> <ms until the node's answer, or ->".
start_once() {
  local checkout="$1" data="$2" started pid titled answered="-" stamp
  started="$(now_ms)"
  PEERCLAW_SKIP_BUILD=1 "$checkout/peerclaw" --port "$port" --data-dir "$data" \
    >"$data/out.log" 2>&1 &
  pid=$!
  until xwininfo -root -tree 2>/dev/null | grep -q "PeerClaw — http://127.0.0.1:$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the console exited; its output:" >&2
      cat "$data/out.log" >&2
      exit 1
    fi
    sleep 0.03 # polling costs a process each time: not so often that it slows the console
  done
  titled=$(($(now_ms) - started))
  sleep 1
  # the log's first field is an ISO instant in UTC, e.g. 2026-12-08T04:10:09.898Z
  stamp="$(grep -m1 "console showing the node's answer" "$data/out.log" | awk '{print $1}' || true)"
  if [ -n "$stamp" ]; then
    answered=$(($(date -d "$stamp" +%s%3N) - started))
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$titled $answered"
}

launch() {
  local checkout="$1" data f fa r ra
  data="$(mktemp -d /tmp/peerclaw-console-startup-XXXXXX)"
  read -r f fa < <(start_once "$checkout" "$data")
  read -r r ra < <(start_once "$checkout" "$data")
  rm -rf "$data"
  echo "$f $fa $r $ra"
}

declare -A first first_answer restart restart_answer
for _ in $(seq 1 "$runs"); do
  for checkout in "${checkouts[@]}"; do
    read -r f fa r ra < <(launch "$checkout")
    first[$checkout]+="$f "
    first_answer[$checkout]+="$fa "
    restart[$checkout]+="$r "
    restart_answer[$checkout]+="$ra "
  done
done

median() {
  tr ' ' '\n' | grep -E '^[0-9]+$' | sort -n |
    awk '{a[NR]=$1} END {if (NR == 0) {printf "-"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s (%s..%s)", m, a[1], a[NR]}'
}
echo "console start-up in ms, median of $runs launches (min..max); 'page' is the sign-in page shown,"
echo "'answer' the node's answer on it (only for builds that log it):"
printf '  %-24s %-20s %-20s %-20s %s\n' build "first: page" "first: answer" "restart: page" "restart: answer"
for checkout in "${checkouts[@]}"; do
  label="$(git -C "$checkout" rev-parse --short HEAD)"
  [ "$checkout" = "$root" ] && label="$label (this checkout)"
  printf '  %-24s %-20s %-20s %-20s %s\n' "$label" \
    "$(median <<<"${first[$checkout]}")" "$(median <<<"${first_answer[$checkout]}")" \
    "$(median <<<"${restart[$checkout]}")" "$(median <<<"${restart_answer[$checkout]}")"
done
