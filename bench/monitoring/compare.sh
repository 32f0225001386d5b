#!/usr/bin/env bash
# Before/after of the monitoring dashboards, back to back on the same databases: runs
# bench/monitoring/run.ts with the code of BASE (a git revision, extracted to a temporary folder
# that shares this checkout's node_modules and generated clients) and then with this checkout, on
# SQLite and on PostgreSQL. The databases are seeded by seed-province.ts if absent and migrated to
# this checkout's schema first (the base code does not read the columns added since).
# Usage: bash bench/monitoring/compare.sh [BASE=64ef024] [iterations=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-64ef024}
iterations=${2:-30}
sqlite=${SQLITE_URL:-file:/tmp/monitoring-bench.db}
pg=${PG_URL:-postgresql://postgres@127.0.0.1:5432/bench_monitoring}
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
git archive "$base" app bench emails resources server tsconfig.json package.json | tar -x -C "$before"
ln -s "$PWD/node_modules" "$before/node_modules"
cp -r app/generated "$before/app/generated"
if [ ! -e "${sqlite#file:}" ]; then DATABASE_URL=$sqlite npx tsx bench/monitoring/seed-province.ts; fi
if ! psql "$pg" -c 'SELECT 1 FROM "Organization" LIMIT 1' >/dev/null 2>&1; then
  createdb -h 127.0.0.1 -U postgres "${pg##*/}" 2>/dev/null || true
  DATABASE_URL=$pg npx tsx bench/monitoring/seed-province.ts
fi
for url in "$sqlite" "$pg"; do
  DATABASE_URL=$url npx tsx scripts/migrate.ts >/dev/null
  echo "## $url"
  echo "load before: $(uptime | sed 's/.*load average: //')"
  echo "### base $base"
  (cd "$before" && DATABASE_URL=$url npx tsx bench/monitoring/run.ts "$iterations")
  echo "### this checkout ($(git rev-parse --short HEAD))"
  DATABASE_URL=$url npx tsx bench/monitoring/run.ts "$iterations"
  echo "load after: $(uptime | sed 's/.*load average: //')"
done
