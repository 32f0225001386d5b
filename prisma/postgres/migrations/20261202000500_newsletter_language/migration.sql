-- AlterEnum
ALTER TYPE "NewsletterSubscriberStatus" ADD VALUE 'BOUNCED';

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'it';

-- AlterTable
ALTER TABLE "NewsletterSubscriber" ADD COLUMN     "bouncedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "NewsletterDelivery" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bouncedAt" TIMESTAMP(3),
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'it';

-- CreateTable
CREATE TABLE "NewsletterSendVersion" (
    "id" TEXT NOT NULL,
    "sendId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "NewsletterSendVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NewsletterBounce" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "deliveryId" TEXT,
    "subscriberId" TEXT,
    "permanent" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "diagnostic" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NewsletterBounce_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NewsletterSendVersion_sendId_locale_key" ON "NewsletterSendVersion"("sendId", "locale");

-- CreateIndex
CREATE UNIQUE INDEX "NewsletterBounce_source_key" ON "NewsletterBounce"("source");

-- CreateIndex
CREATE INDEX "NewsletterBounce_subscriberId_idx" ON "NewsletterBounce"("subscriberId");

-- AddForeignKey
ALTER TABLE "NewsletterSendVersion" ADD CONSTRAINT "NewsletterSendVersion_sendId_fkey" FOREIGN KEY ("sendId") REFERENCES "NewsletterSend"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NewsletterBounce" ADD CONSTRAINT "NewsletterBounce_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "NewsletterSubscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

