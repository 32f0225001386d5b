-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "calendar" TEXT,
ADD COLUMN     "calendarMethod" TEXT;

-- CreateTable
CREATE TABLE "WebinarSignup" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'it',
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarSignup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebinarSignup_tokenHash_key" ON "WebinarSignup"("tokenHash");

-- CreateIndex
CREATE INDEX "WebinarSignup_email_idx" ON "WebinarSignup"("email");

-- AddForeignKey
ALTER TABLE "WebinarSignup" ADD CONSTRAINT "WebinarSignup_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

