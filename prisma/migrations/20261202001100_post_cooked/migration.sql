-- The renderer's version that wrote each post's stored HTML (forum.server.ts COOK_VERSION).
-- Written by hand: Prisma would rebuild the table, which drops the full-text triggers and may
-- renumber the rowids that CommunityPost_fts points at. ADD COLUMN with a constant default keeps
-- both and does not rewrite the table; existing rows were cooked by version 1.
ALTER TABLE "CommunityPost" ADD COLUMN "cookedVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "CommunityPost_cookedVersion_idx" ON "CommunityPost"("cookedVersion");
