-- AlterTable
ALTER TABLE "CommunityProfile" DROP COLUMN "lastDigestAt";


-- The community digest became part of the one personal digest (decision 0024): its job type has
-- no handler any more, so a row left pending by an older version would wait forever.
DELETE FROM "Job" WHERE "type" = 'community.digest';
