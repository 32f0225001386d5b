-- CreateEnum
CREATE TYPE "RecordingStatus" AS ENUM ('STARTING', 'ACTIVE', 'COMPLETE', 'FAILED', 'ABORTED');

-- CreateEnum
CREATE TYPE "RecordingSource" AS ENUM ('EGRESS', 'UPLOAD');

-- AlterTable
ALTER TABLE "Webinar" ADD COLUMN     "certificateThresholdPercent" INTEGER NOT NULL DEFAULT 75,
ADD COLUMN     "replayCountsForCertificate" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "source" "RecordingSource" NOT NULL,
    "status" "RecordingStatus" NOT NULL,
    "egressId" TEXT,
    "error" TEXT,
    "location" TEXT,
    "storageKey" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "durationSeconds" INTEGER,
    "size" BIGINT,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "egressUpdatedAt" BIGINT,
    "captionsKey" TEXT,
    "captionsLang" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordingChapter" (
    "id" TEXT NOT NULL,
    "recordingId" TEXT NOT NULL,
    "startSeconds" INTEGER NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "RecordingChapter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordingWatch" (
    "recordingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seconds" BYTEA NOT NULL,
    "watchedSeconds" INTEGER NOT NULL DEFAULT 0,
    "lastHeartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordingWatch_pkey" PRIMARY KEY ("recordingId","userId")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "organizationName" TEXT,
    "webinarTitle" TEXT NOT NULL,
    "webinarStartsAt" TIMESTAMP(3) NOT NULL,
    "liveMinutes" INTEGER NOT NULL,
    "replayMinutes" INTEGER NOT NULL,
    "creditedMinutes" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordingChapter" ADD CONSTRAINT "RecordingChapter_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordingWatch" ADD CONSTRAINT "RecordingWatch_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordingWatch" ADD CONSTRAINT "RecordingWatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

