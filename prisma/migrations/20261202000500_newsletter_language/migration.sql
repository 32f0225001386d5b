-- AlterTable
ALTER TABLE "NewsletterSubscriber" ADD COLUMN "bouncedAt" DATETIME;

-- CreateTable
CREATE TABLE "NewsletterSendVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sendId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "NewsletterSendVersion_sendId_fkey" FOREIGN KEY ("sendId") REFERENCES "NewsletterSend" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NewsletterBounce" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "deliveryId" TEXT,
    "subscriberId" TEXT,
    "permanent" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "diagnostic" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NewsletterBounce_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "NewsletterSubscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "organizationId" TEXT,
    "role" TEXT NOT NULL DEFAULT 'MEMBER',
    "asManager" BOOLEAN NOT NULL DEFAULT false,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "acceptedAt" DATETIME,
    "acceptedById" TEXT,
    "revokedAt" DATETIME,
    "locale" TEXT NOT NULL DEFAULT 'it',
    "sendCount" INTEGER NOT NULL DEFAULT 1,
    "lastSentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invitation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Invitation_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Invitation" ("acceptedAt", "acceptedById", "asManager", "createdAt", "email", "expiresAt", "id", "invitedById", "lastSentAt", "name", "organizationId", "revokedAt", "role", "sendCount", "tokenHash") SELECT "acceptedAt", "acceptedById", "asManager", "createdAt", "email", "expiresAt", "id", "invitedById", "lastSentAt", "name", "organizationId", "revokedAt", "role", "sendCount", "tokenHash" FROM "Invitation";
DROP TABLE "Invitation";
ALTER TABLE "new_Invitation" RENAME TO "Invitation";
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");
CREATE INDEX "Invitation_organizationId_idx" ON "Invitation"("organizationId");
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");
CREATE TABLE "new_NewsletterDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sendId" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "error" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'it',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "bouncedAt" DATETIME,
    CONSTRAINT "NewsletterDelivery_sendId_fkey" FOREIGN KEY ("sendId") REFERENCES "NewsletterSend" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NewsletterDelivery_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "NewsletterSubscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_NewsletterDelivery" ("claimedAt", "claimedBy", "email", "error", "id", "sendId", "sentAt", "status", "subscriberId") SELECT "claimedAt", "claimedBy", "email", "error", "id", "sendId", "sentAt", "status", "subscriberId" FROM "NewsletterDelivery";
DROP TABLE "NewsletterDelivery";
ALTER TABLE "new_NewsletterDelivery" RENAME TO "NewsletterDelivery";
CREATE INDEX "NewsletterDelivery_sendId_status_idx" ON "NewsletterDelivery"("sendId", "status");
CREATE INDEX "NewsletterDelivery_subscriberId_idx" ON "NewsletterDelivery"("subscriberId");
CREATE UNIQUE INDEX "NewsletterDelivery_sendId_subscriberId_key" ON "NewsletterDelivery"("sendId", "subscriberId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "NewsletterSendVersion_sendId_locale_key" ON "NewsletterSendVersion"("sendId", "locale");

-- CreateIndex
CREATE UNIQUE INDEX "NewsletterBounce_source_key" ON "NewsletterBounce"("source");

-- CreateIndex
CREATE INDEX "NewsletterBounce_subscriberId_idx" ON "NewsletterBounce"("subscriberId");

