#!/usr/bin/env bash
# Writes one new migration folder per provider from the difference between a base revision's
# schema and the working prisma/schema.prisma (docs/decisions/0002-migrations.md).
# Usage: scripts/new-migration.sh <YYYYMMDDhhmmss_name> [base git revision, default: where this branch left main]
# The PostgreSQL diff needs a reachable server (PG_DIFF_URL, default the local one).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/new-migration.sh <YYYYMMDDhhmmss_name> [base]}
base=${2:-$(git merge-base HEAD main)}
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git show "$base:prisma/schema.prisma" > "$old/schema.prisma"
git show "$base:prisma/postgres/schema.prisma" > "$old/postgres.prisma"
npx tsx scripts/derive-pg-schema.ts
mkdir -p "prisma/migrations/$name" "prisma/postgres/migrations/$name"
npx prisma migrate diff --from-schema-datamodel "$old/schema.prisma" \
  --to-schema-datamodel prisma/schema.prisma --script > "prisma/migrations/$name/migration.sql"
DATABASE_URL=${PG_DIFF_URL:-postgresql://postgres@127.0.0.1:5432/postgres} timeout 120 npx prisma migrate diff \
  --config prisma.pg.config.ts --from-schema-datamodel "$old/postgres.prisma" \
  --to-schema-datamodel prisma/postgres/schema.prisma --script > "prisma/postgres/migrations/$name/migration.sql"
echo "wrote prisma/migrations/$name and prisma/postgres/migrations/$name"
