#!/usr/bin/env bash
# Before/after of the fast read path (decision 0029), back to back: runs bench/community/run.ts from
# a checkout of BEFORE (a commit, default the branch's merge base with main) and from this tree,
# alternating ROUNDS times, on the same database, with the load average before each run.
# Usage: DATABASE_URL=file:/tmp/forum.db bash bench/community/fastread-ab.sh [iterations] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
ITERATIONS=${1:-300}
ROUNDS=${2:-2}
BEFORE=${BEFORE:-$(git merge-base HEAD main)}
: "${DATABASE_URL:?set DATABASE_URL to a database seeded by bench/community/seed.ts}"
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git archive "$BEFORE" | tar -x -C "$old"
ln -s "$PWD/node_modules" "$old/node_modules"
cp -r app/generated "$old/app/"
# Both sides run this tree's run.ts, so they measure the same bare handler.
cp bench/community/run.ts "$old/bench/community/run.ts"
for round in $(seq "$ROUNDS"); do
  for side in before after; do
    dir=$PWD; [ "$side" = before ] && dir=$old
    echo "== round $round, $side ($(uptime | sed 's/.*load average/load average/'))"
    (cd "$dir" && npx tsx bench/community/run.ts "$ITERATIONS" | sed -n '4,7p')
  done
done
