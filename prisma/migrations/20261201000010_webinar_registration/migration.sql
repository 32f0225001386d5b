-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "calendar" TEXT;
ALTER TABLE "OutboxEmail" ADD COLUMN "calendarMethod" TEXT;

