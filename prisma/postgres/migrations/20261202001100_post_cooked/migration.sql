-- The renderer's version that wrote each post's stored HTML (forum.server.ts COOK_VERSION); existing
-- rows were cooked by version 1. A constant default: PostgreSQL does not rewrite the table.
-- AlterTable
ALTER TABLE "CommunityPost" ADD COLUMN     "cookedVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "CommunityPost_cookedVersion_idx" ON "CommunityPost"("cookedVersion");

