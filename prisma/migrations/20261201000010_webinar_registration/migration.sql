-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "calendar" TEXT;
ALTER TABLE "OutboxEmail" ADD COLUMN "calendarMethod" TEXT;

-- CreateTable
CREATE TABLE "WebinarSignup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'it',
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebinarSignup_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WebinarSignup_tokenHash_key" ON "WebinarSignup"("tokenHash");

-- CreateIndex
CREATE INDEX "WebinarSignup_email_idx" ON "WebinarSignup"("email");

