-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CommunityProfile" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "handle" TEXT NOT NULL,
    "emailMode" TEXT NOT NULL DEFAULT 'IMMEDIATE',
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CommunityProfile" ("createdAt", "emailMode", "handle", "unsubscribeToken", "userId") SELECT "createdAt", "emailMode", "handle", "unsubscribeToken", "userId" FROM "CommunityProfile";
DROP TABLE "CommunityProfile";
ALTER TABLE "new_CommunityProfile" RENAME TO "CommunityProfile";
CREATE UNIQUE INDEX "CommunityProfile_handle_key" ON "CommunityProfile"("handle");
CREATE UNIQUE INDEX "CommunityProfile_unsubscribeToken_key" ON "CommunityProfile"("unsubscribeToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The community digest became part of the one personal digest (decision 0024): its job type has
-- no handler any more, so a row left pending by an older version would wait forever.
DELETE FROM "Job" WHERE "type" = 'community.digest';
