#!/usr/bin/env bash
# Two web workers against one, side by side in the same run: the built app started with
# WEB_CONCURRENCY=1 (one process) and WEB_CONCURRENCY=2 (supervisor + two workers), alternating
# A B A B ..., measured with wrk (64 connections, one thread) on the visitor home page and a
# signed-in page. Also the supervisor with the OS distributing connections (SCHED_NONE) instead of
# Node's default round robin in the primary. Fresh seeded SQLite database per start.
# Usage: bash bench/cluster.sh [seconds per run, default 8] [rounds, default 2]   (`npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-8}
ROUNDS=${2:-2}
PORT=${BENCH_PORT:-3391}
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
[ -f build/server.js ] || { echo "build/server.js is missing: npm run build"; exit 1; }

# The visitor home page is answered by the public-page cache since issue 7 §4; this benchmark is
# about rendering with every core, so the cache is off here (bench/page-cache.sh measures the cache).
export PAGE_CACHE_ENABLED=false
export COOKIE_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') NODE_ENV=production LOG_LEVEL=warn \
  PORT HOST=127.0.0.1 APP_URL="http://127.0.0.1:$PORT" RATE_LIMIT_ENABLED=false MAIL_DIR="$WORK/mail"
export DATABASE_URL="file:$WORK/template.db"
npx tsx scripts/migrate.ts >/dev/null
npx tsx prisma/seed.ts >/dev/null

start() { # WEB_CONCURRENCY, scheduling policy (rr|none; Node reads NODE_CLUSTER_SCHED_POLICY)
  cp "$WORK/template.db" "$WORK/bench.db"
  DATABASE_URL="file:$WORK/bench.db" WEB_CONCURRENCY=$1 NODE_CLUSTER_SCHED_POLICY=$2 node build/server.js & SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
  # Warm every worker (fresh connections go round the workers).
  for _ in $(seq 20); do curl -s -o /dev/null "http://127.0.0.1:$PORT/"; done
}
stop() { kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

sign_in() {
  curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$PORT/login" \
    -H "Origin: http://127.0.0.1:$PORT" --data "email=member.plus%40coop.example&password=Demo-CO-OP-2026" \
    | grep -i '^set-cookie: coop_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/'
}

measure() { # label, path, extra wrk args
  local out rps p99 timeouts non2xx
  out=$(wrk -t1 -c64 -d"${DURATION}s" --latency "${@:3}" "http://127.0.0.1:$PORT$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  # wrk drops requests slower than 2 s from the latency figures and counts them as timeouts.
  timeouts=$(sed -nE 's/.*timeout ([0-9]+).*/\1/p' <<<"$out"); timeouts=${timeouts:-0}
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$1" "$2" "$rps" "$p99" "$timeouts" "$non2xx"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| server | path | requests/s | p99 | timeouts (> 2 s) | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- |"
for round in $(seq "$ROUNDS"); do
  for config in "1 rr" "2 rr" "2 none"; do
    set -- $config
    label="round $round, WEB_CONCURRENCY=$1"
    if [ "$1" -gt 1 ]; then label="$label, $([ "$2" = rr ] && echo "round robin" || echo "OS scheduling")"; fi
    start "$1" "$2"
    COOKIE=$(sign_in)
    [ -n "$COOKIE" ] || { echo "could not sign in"; exit 1; }
    measure "$label, visitor" /
    measure "$label, signed in" /account -H "Cookie: $COOKIE"
    stop
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
