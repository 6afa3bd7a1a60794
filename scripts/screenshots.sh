#!/usr/bin/env bash
# Starts the desktop console under Xvfb on a fresh node filled with sample data and saves a PNG
# of every view into docs/screenshots/ (the console's hidden --screenshots option walks the views).
#
#   scripts/screenshots.sh            needs: xvfb-run, libgtk-3-0 (apt-get install -y xvfb libgtk-3-0)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
out="$root/docs/screenshots"
command -v xvfb-run >/dev/null || { echo "screenshots: install xvfb and libgtk-3-0 first (apt-get install -y xvfb libgtk-3-0)" >&2; exit 1; }

cd "$root"
./mvnw -q -B -ntp -pl shared,node-server,app-desktop package -DskipTests
jar="$root/app-desktop/target/peerclaw.jar"

data="$(mktemp -d)"
trap 'kill "${console:-}" 2>/dev/null || true; rm -rf "$data"' EXIT
port=$(( 20000 + RANDOM % 20000 ))
export PEERCLAW_ADMIN_EMAIL=admin@example.com PEERCLAW_ADMIN_PASSWORD='correct horse battery'

"$java" -jar "$jar" --create-admin "$PEERCLAW_ADMIN_EMAIL" --data-dir "$data" >/dev/null

rm -f "$out"/*.png
start=$(date +%s.%N)
# The console signs in, waits 12 s, then walks the views; meanwhile the seed registers agents,
# users, reviews and reports through the API, so the live feed shows them as they happen.
xvfb-run -a -s "-screen 0 1400x900x24" \
  "$java" --enable-native-access=ALL-UNNAMED -Dprism.order=sw -jar "$jar" \
  --port "$port" --data-dir "$data" --screenshots "$out" &
console=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.25; done
echo "node healthy $(echo "$(date +%s.%N) - $start" | bc) s after the console was launched"
sleep 2
"$java" -cp "$root/app-desktop/target/libs/*" "$root/scripts/ScreenshotSeed.java" "http://127.0.0.1:$port"
wait "$console"
end=$(date +%s.%N)
ls -1 "$out"
echo "screenshots: $(ls "$out"/*.png | wc -l) files in $out ($(echo "$end - $start" | bc) s for the whole run)"
