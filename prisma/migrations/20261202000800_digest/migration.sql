-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "headers" TEXT;

-- CreateTable
CREATE TABLE "DigestPreference" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "frequency" TEXT NOT NULL DEFAULT 'WEEKLY',
    "unsubscribeToken" TEXT NOT NULL,
    "calendarAllWebinars" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DigestPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DigestSend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "items" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DigestSend_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DigestPreference_unsubscribeToken_key" ON "DigestPreference"("unsubscribeToken");

-- CreateIndex
CREATE UNIQUE INDEX "DigestSend_userId_periodKey_key" ON "DigestSend"("userId", "periodKey");

