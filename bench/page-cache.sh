#!/usr/bin/env bash
# A cached public page (PAGE, default the accessibility statement; bench/blog/post-page.sh passes a
# blog post) against nginx serving the same HTML from a file, side by side in the same run
# (alternating nginx / app, ROUNDS times), wrk with one thread and 64 connections.
# Two pairings, alternated: one process each (nginx with one worker, the app with WEB_CONCURRENCY=1),
# and each as shipped (Debian's nginx.conf says `worker_processes auto`, one per core; `npm start`
# runs one app worker per core). For scale, the same page with the cache bypassed (a language
# cookie the cache does not know: Remix renders it).
# Usage: bash bench/page-cache.sh [seconds per run, default 8] [rounds, default 2]   (`npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-8}
ROUNDS=${2:-2}
PORT=${BENCH_PORT:-3392}
NGINX_PORT=${BENCH_NGINX_PORT:-3393}
# The "as shipped" pair listens on the next ports up.
PORT_AUTO=$((PORT + 10))
NGINX_PORT_AUTO=$((NGINX_PORT + 10))
PAGE=${PAGE:-/accessibility}
WORK=$(mktemp -d)
SERVER=
SERVER_AUTO=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; [ -n "$SERVER_AUTO" ] && kill $SERVER_AUTO 2>/dev/null
  for pid in "$WORK"/nginx*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is missing: apt-get install -y nginx"; exit 1; }
[ -f build/server.js ] || { echo "build/server.js is missing: npm run build"; exit 1; }

export COOKIE_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') NODE_ENV=production LOG_LEVEL=warn \
  PORT HOST=127.0.0.1 APP_URL="http://127.0.0.1:$PORT" RATE_LIMIT_ENABLED=false MAIL_DIR="$WORK/mail" \
  DATABASE_URL="file:$WORK/bench.db" WEB_CONCURRENCY=1
npx tsx scripts/migrate.ts >/dev/null
npx tsx prisma/seed.ts >/dev/null
node build/server.js & SERVER=$!
# As shipped: production start without WEB_CONCURRENCY (one worker per core); the same APP_URL,
# so both serve the same bytes (canonical links carry it).
env -u WEB_CONCURRENCY PORT=$PORT_AUTO node build/server.js & SERVER_AUTO=$!
for port in $PORT $PORT_AUTO; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
done

# The very bytes the cache serves, as nginx's file.
mkdir -p "$WORK/www"
curl -sf "http://127.0.0.1:$PORT$PAGE" -o "$WORK/www/page.html"
# nginx started as root serves with an unprivileged worker: it must be able to read the file.
chmod 755 "$WORK" "$WORK/www"; chmod 644 "$WORK/www/page.html"
nginx_conf() { # name, workers, port
  cat > "$WORK/$1.conf" <<CONF
worker_processes $2;
pid $WORK/$1.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$3;
    root $WORK/www;
    location = $PAGE { default_type "text/html; charset=utf-8"; try_files /page.html =404; etag on; }
  }
}
CONF
  "$NGINX" -c "$WORK/$1.conf" -p "$WORK" -g "error_log $WORK/nginx-error.log warn;" 2>"$WORK/nginx-start.log" || { cat "$WORK/nginx-start.log"; exit 1; }
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$3$PAGE" >/dev/null && break; sleep 0.1; done
}
mkdir -p "$WORK/tmp"
nginx_conf nginx 1 "$NGINX_PORT"
nginx_conf nginx-auto auto "$NGINX_PORT_AUTO"
for pair in "$NGINX_PORT $PORT" "$NGINX_PORT_AUTO $PORT_AUTO"; do
  set -- $pair
  # Warm every app worker's cache copy (the cluster hands connections round-robin).
  for _ in $(seq 20); do curl -s -o /dev/null "http://127.0.0.1:$2$PAGE"; done
  cmp -s <(curl -s "http://127.0.0.1:$1$PAGE") <(curl -s "http://127.0.0.1:$2$PAGE") \
    || { echo "nginx ($1) and the app ($2) do not serve the same bytes"; diff <(curl -s "http://127.0.0.1:$1$PAGE" | fold -w 200) <(curl -s "http://127.0.0.1:$2$PAGE" | fold -w 200) | head -6; curl -si "http://127.0.0.1:$1$PAGE" | head -5; tail -3 "$WORK/nginx-error.log"; exit 1; }
done

BYPASS=$(curl -s -o /dev/null -w '%{http_code}' -H 'Cookie: coop_lng=unknown' "http://127.0.0.1:$PORT$PAGE")
[ "$BYPASS" = 200 ] || { echo "bypass request answered $BYPASS"; exit 1; }

measure() { # label, url, extra wrk args
  local out; out=$(wrk -t1 -c64 -d"${DURATION}s" --latency "${@:3}" "$2")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "| $1 | $rps | $p50 | $p99 |"
}

echo "Page: $PAGE, $(wc -c < "$WORK/www/page.html") bytes; wrk -t1 -c64 -d${DURATION}s; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| server | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- |"
for round in $(seq "$ROUNDS"); do
  measure "nginx 1 worker, static file (round $round)" "http://127.0.0.1:$NGINX_PORT$PAGE"
  measure "app 1 process, cached page (round $round)" "http://127.0.0.1:$PORT$PAGE"
  measure "nginx as shipped ($(nproc) workers), static file (round $round)" "http://127.0.0.1:$NGINX_PORT_AUTO$PAGE"
  measure "app as shipped ($(nproc) workers), cached page (round $round)" "http://127.0.0.1:$PORT_AUTO$PAGE"
done
measure "app, cache bypassed: Remix renders every request" "http://127.0.0.1:$PORT$PAGE" -H "Cookie: coop_lng=unknown"
