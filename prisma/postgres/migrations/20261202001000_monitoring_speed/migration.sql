-- AlterEnum
ALTER TYPE "SurveyAudience" ADD VALUE 'LAB';

-- AlterTable
ALTER TABLE "Survey" ADD COLUMN     "labId" TEXT;

-- CreateIndex
CREATE INDEX "Survey_labId_idx" ON "Survey"("labId");

-- CreateIndex
CREATE INDEX "RecordingWatch_lastHeartbeatAt_idx" ON "RecordingWatch"("lastHeartbeatAt");

-- CreateIndex
CREATE INDEX "CommunityTopic_createdAt_idx" ON "CommunityTopic"("createdAt");

-- CreateIndex
CREATE INDEX "CommunityPost_createdAt_idx" ON "CommunityPost"("createdAt");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE SET NULL ON UPDATE CASCADE;

