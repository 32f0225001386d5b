-- Full-text search covers the topic's title, as on SQLite (where the first post's searchText
-- holds the title and the body). Written by hand: Prisma cannot describe it, and
-- scripts/check-drift.ts skips objects named *_fts*.
-- A generated column cannot read another table, so the vector is now kept by a trigger: the
-- first post's vector is its topic's title (weight A, ranked above the body) and its body; the
-- others, their body. Renaming a topic indexes its first post again.
DROP INDEX IF EXISTS "CommunityPost_search_fts_idx";
ALTER TABLE "CommunityPost" DROP COLUMN "search_fts";
ALTER TABLE "CommunityPost" ADD COLUMN "search_fts" tsvector;

CREATE FUNCTION "community_post_search_fts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_fts" := to_tsvector('italian', NEW."body");
  IF NEW."postNumber" = 1 THEN
    NEW."search_fts" := COALESCE((SELECT setweight(to_tsvector('italian', t."title"), 'A') FROM "CommunityTopic" t WHERE t."id" = NEW."topicId"), ''::tsvector) || NEW."search_fts";
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "CommunityPost_search_fts_trg" BEFORE INSERT OR UPDATE OF "body", "postNumber", "topicId" ON "CommunityPost"
  FOR EACH ROW EXECUTE FUNCTION "community_post_search_fts"();

CREATE FUNCTION "community_topic_search_fts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CommunityPost" SET "body" = "body" WHERE "topicId" = NEW."id" AND "postNumber" = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER "CommunityTopic_search_fts_trg" AFTER UPDATE OF "title" ON "CommunityTopic"
  FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title") EXECUTE FUNCTION "community_topic_search_fts"();

-- Existing posts: the trigger computes their vector.
UPDATE "CommunityPost" SET "body" = "body";
CREATE INDEX "CommunityPost_search_fts_idx" ON "CommunityPost" USING GIN ("search_fts");
