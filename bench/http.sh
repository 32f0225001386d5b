#!/usr/bin/env bash
# HTTP throughput of the built app on this machine, with wrk (Debian package `wrk`).
# Starts the production server on a fresh seeded SQLite database, signs a demo user in,
# then measures a few representative pages. Loopback only; every run is bounded in time.
# Usage: bash bench/http.sh [seconds per run, default 8]   (run `npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-8}
PORT=${BENCH_PORT:-3390}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
[ -f build/server.js ] || { echo "build/server.js is missing: npm run build"; exit 1; }

export DATABASE_URL="file:$WORK/bench.db" COOKIE_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
  NODE_ENV=production LOG_LEVEL=warn PORT APP_URL="http://127.0.0.1:$PORT" RATE_LIMIT_ENABLED=false MAIL_DIR="$WORK/mail"
npx tsx scripts/migrate.ts >/dev/null
npx tsx prisma/seed.ts >/dev/null
WEB_CONCURRENCY=1 node build/server.js & SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
kill -0 "$SERVER" 2>/dev/null || { echo "the server did not start (port $PORT in use?)"; exit 1; }

COOKIE=$(curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$PORT/login" \
  -H "Origin: http://127.0.0.1:$PORT" --data "email=member.plus%40coop.example&password=Demo-CO-OP-2026" \
  | grep -i '^set-cookie: coop_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/')
[ -n "$COOKIE" ] || { echo "could not sign in"; exit 1; }

run() { # name, path, extra wrk args
  local out; out=$(wrk -t1 -c64 -d"${DURATION}s" --latency "${@:3}" "http://127.0.0.1:$PORT$2")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '| %s | `%s` | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99"
}
echo "| page | path | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- |"
run "health check (Express only)" /healthz
run "readiness (one SELECT 1)" /readyz
run "home, visitor (SSR)" /
run "sign-in page, visitor (SSR)" /login
run "profile, signed in (SSR + session lookup)" /account -H "Cookie: $COOKIE"
