#!/usr/bin/env bash
# Makes docs/dashboard.png, the README's picture of the dashboard: the demo project run for eleven days, then a
# day whose raw_orders fails, so that RAW is blocked and STG and MART wait; the page photographed by headless
# Chromium through chromedriver (Debian's chromium and chromium-driver), at 1280 pixels wide.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=examples/demo
port=18099
rm -rf "$demo/.switchyard"
for day in 16 17 18 19 20 21 22 23 24 25 26; do
  ./switchyard run RAW --project "$demo" --date "2026-11-$day" >/dev/null
done
touch "$demo/.switchyard/fail-raw_orders"
./switchyard run RAW --project "$demo" --date 2026-11-27 >/dev/null || true   # blocked: exit 1
rm "$demo/.switchyard/fail-raw_orders"

./switchyard dashboard --table "sqlite:$demo/.switchyard/run.db" --port "$port" >/dev/null &
dashboard=$!
chromedriver --port=9599 >/dev/null 2>&1 &
driver=$!
trap 'kill $dashboard $driver 2>/dev/null' EXIT
sleep 3
session=$(curl -s -X POST localhost:9599/session -d '{"capabilities":{"alwaysMatch":{"goog:chromeOptions":{
  "binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox","--disable-gpu","--hide-scrollbars",
  "--disable-background-networking","--disable-component-update","--window-size=1280,1240"]}}}}' \
  | sed -E 's/.*"sessionId":"([^"]+)".*/\1/')
curl -s -X POST "localhost:9599/session/$session/url" -d "{\"url\":\"http://127.0.0.1:$port/?date=2026-11-27\"}" >/dev/null
sleep 3
curl -s "localhost:9599/session/$session/screenshot" | sed -E 's/.*"value":"([^"]+)".*/\1/' | base64 -d > docs/dashboard.png
curl -s -X DELETE "localhost:9599/session/$session" >/dev/null
echo "docs/dashboard.png: $(wc -c < docs/dashboard.png) bytes"
