-- AlterTable
ALTER TABLE "Recording" ADD COLUMN "activeWebinarId" TEXT;

-- AlterTable
ALTER TABLE "WebinarQuestion" ADD COLUMN "liveAnsweredAt" DATETIME;

-- CreateTable
CREATE TABLE "Pathway" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "createdById" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PathwayCriterion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pathwayId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "webinarId" TEXT,
    "minHours" INTEGER,
    CONSTRAINT "PathwayCriterion_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PathwayCriterion_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BadgeAssertion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pathwayId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "recipientHash" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "issuedOn" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revocationReason" TEXT,
    "revokedById" TEXT,
    CONSTRAINT "BadgeAssertion_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BadgeAssertion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PathwayCriterion_webinarId_idx" ON "PathwayCriterion"("webinarId");

-- CreateIndex
CREATE UNIQUE INDEX "PathwayCriterion_pathwayId_webinarId_key" ON "PathwayCriterion"("pathwayId", "webinarId");

-- CreateIndex
CREATE INDEX "BadgeAssertion_userId_idx" ON "BadgeAssertion"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "BadgeAssertion_pathwayId_userId_key" ON "BadgeAssertion"("pathwayId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_activeWebinarId_key" ON "Recording"("activeWebinarId");


-- An egress recording being made when this migration runs holds its webinar's slot (the newest
-- one, should a webinar have several).
UPDATE "Recording" SET "activeWebinarId" = "webinarId"
WHERE "source" = 'EGRESS' AND "status" IN ('STARTING', 'ACTIVE')
  AND "id" = (SELECT r2."id" FROM "Recording" r2
              WHERE r2."webinarId" = "Recording"."webinarId" AND r2."source" = 'EGRESS' AND r2."status" IN ('STARTING', 'ACTIVE')
              ORDER BY r2."createdAt" DESC, r2."id" DESC LIMIT 1);
