-- AlterEnum
ALTER TYPE "SurveyAudience" ADD VALUE 'LAB';

-- AlterTable
ALTER TABLE "Survey" ADD COLUMN     "labId" TEXT;

-- CreateIndex
CREATE INDEX "Survey_labId_idx" ON "Survey"("labId");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE SET NULL ON UPDATE CASCADE;

