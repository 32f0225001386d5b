-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Survey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'GENERAL',
    "anonymous" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "audience" TEXT NOT NULL DEFAULT 'KITS',
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "previousId" TEXT,
    "webinarId" TEXT,
    "labId" TEXT,
    "launchedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Survey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Survey_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Survey_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Survey" ("anonymous", "audience", "closesAt", "createdAt", "createdById", "description", "id", "kind", "launchedAt", "opensAt", "previousId", "status", "title", "updatedAt", "version", "webinarId") SELECT "anonymous", "audience", "closesAt", "createdAt", "createdById", "description", "id", "kind", "launchedAt", "opensAt", "previousId", "status", "title", "updatedAt", "version", "webinarId" FROM "Survey";
DROP TABLE "Survey";
ALTER TABLE "new_Survey" RENAME TO "Survey";
CREATE UNIQUE INDEX "Survey_webinarId_key" ON "Survey"("webinarId");
CREATE INDEX "Survey_status_kind_idx" ON "Survey"("status", "kind");
CREATE INDEX "Survey_labId_idx" ON "Survey"("labId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

