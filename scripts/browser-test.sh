#!/usr/bin/env bash
# Browser test of the dashboard in real headless Chromium (Debian's chromium, driven by playwright-core).
# Installs what it needs (idempotently), builds the fat jar if missing, starts `mxray serve` on 127.0.0.1
# with a zone file (no network DNS), runs web/browser-test/dashboard.test.mjs, and leaves screenshots in
# test-artifacts/browser/. Environment: MXRAY_JAR (default cli/target/mxray.jar), CHROMIUM (default
# /usr/bin/chromium), MXRAY_BROWSER_REBUILD=1 to rebuild the jar first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts="$root/test-artifacts/browser"
jar="${MXRAY_JAR:-$root/cli/target/mxray.jar}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "$CHROMIUM" ]; then
  echo "browser-test: installing chromium (apt)"
  as_root apt-get install -y chromium >/dev/null || { as_root apt-get update >/dev/null && as_root apt-get install -y chromium >/dev/null; }
fi
command -v node >/dev/null || { echo "browser-test: installing nodejs and npm (apt)"; as_root apt-get install -y nodejs npm >/dev/null; }

( cd web/browser-test
  want=$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
  have=$(node -p "try { require('./node_modules/playwright-core/package.json').version } catch (e) { '' }")
  if [ "$want" != "$have" ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi )

if [ "${MXRAY_BROWSER_REBUILD:-0}" = 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -q -pl cli -am package -DskipTests
fi

mkdir -p "$artifacts"
log="$artifacts/serve.log"
watchdir=$(mktemp -d)
insight="$root/core/src/test/resources/zones/insight"
java -jar "$jar" serve --port 0 --bind 127.0.0.1 --watch --data-dir "$watchdir" --zone-file "$root/web/browser-test/lab.zone" \
  --zone-file "$insight/lab.zone" --zone-file "$insight/vendor.zone" --zone-file "$insight/reverse.zone" \
  --smtp-port 0 --report-address dmarc@lab.example --test-domain t.lab.example \
  --assume-public 192.0.2.0/24,198.51.100.0/24,2001:db8::/32 --rate-limit 600 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$watchdir"' EXIT

port=""
for _ in $(seq 1 150); do
  port=$(sed -n 's|^mxray serving on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { echo "browser-test: mxray serve exited:"; cat "$log"; exit 1; }
  sleep 0.2
done
[ -n "$port" ] || { echo "browser-test: mxray serve did not start within 30 s:"; cat "$log"; exit 1; }
echo "browser-test: mxray serve on 127.0.0.1:$port"

MXRAY_SMTP_PORT=$(sed -n 's|^mxray receiving mail on 127\.0\.0\.1:\([0-9]*\) .*|\1|p' "$log" | head -1)
export MXRAY_SMTP_PORT MXRAY_REPORT_FIXTURES="$root/core/src/test/resources/feedback"
timeout 150 node web/browser-test/dashboard.test.mjs "http://127.0.0.1:$port" "$artifacts"
