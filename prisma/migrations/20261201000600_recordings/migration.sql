-- CreateTable
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "egressId" TEXT,
    "error" TEXT,
    "location" TEXT,
    "storageKey" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "durationSeconds" INTEGER,
    "size" BIGINT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "egressUpdatedAt" BIGINT,
    "captionsKey" TEXT,
    "captionsLang" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Recording_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecordingChapter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordingId" TEXT NOT NULL,
    "startSeconds" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    CONSTRAINT "RecordingChapter_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecordingWatch" (
    "recordingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seconds" BLOB NOT NULL,
    "watchedSeconds" INTEGER NOT NULL DEFAULT 0,
    "lastHeartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("recordingId", "userId"),
    CONSTRAINT "RecordingWatch_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecordingWatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "organizationName" TEXT,
    "webinarTitle" TEXT NOT NULL,
    "webinarStartsAt" DATETIME NOT NULL,
    "liveMinutes" INTEGER NOT NULL,
    "replayMinutes" INTEGER NOT NULL,
    "creditedMinutes" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (ADD COLUMN rather than a table rebuild: the rebuild would copy only the columns
-- known here and drop any another migration adds to Webinar)
ALTER TABLE "Webinar" ADD COLUMN "certificateThresholdPercent" INTEGER NOT NULL DEFAULT 75;
ALTER TABLE "Webinar" ADD COLUMN "replayCountsForCertificate" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Recording_egressId_key" ON "Recording"("egressId");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_storageKey_key" ON "Recording"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_captionsKey_key" ON "Recording"("captionsKey");

-- CreateIndex
CREATE INDEX "Recording_webinarId_status_idx" ON "Recording"("webinarId", "status");

-- CreateIndex
CREATE INDEX "RecordingChapter_recordingId_startSeconds_idx" ON "RecordingChapter"("recordingId", "startSeconds");

-- CreateIndex
CREATE INDEX "RecordingWatch_userId_idx" ON "RecordingWatch"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_codeHash_key" ON "Certificate"("codeHash");

-- CreateIndex
CREATE INDEX "Certificate_userId_idx" ON "Certificate"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_webinarId_userId_key" ON "Certificate"("webinarId", "userId");

