#!/usr/bin/env bash
# Before the first release only: regenerate the single init migration of both providers from
# prisma/schema.prisma (nothing has been deployed, so no incremental migration is needed yet).
# After the first release, add new migration folders with `prisma migrate diff` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/derive-pg-schema.ts
npx prisma generate >/dev/null
npx prisma generate --config prisma.pg.config.ts >/dev/null

npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script \
  > prisma/migrations/20261123000000_init/migration.sql
DATABASE_URL=${PG_DIFF_URL:-postgresql://postgres@127.0.0.1:5432/postgres} timeout 120 npx prisma migrate diff --config prisma.pg.config.ts \
  --from-empty --to-schema-datamodel prisma/postgres/schema.prisma --script \
  > prisma/postgres/migrations/20261123000000_init/migration.sql
echo "init migrations regenerated for sqlite and postgres"
