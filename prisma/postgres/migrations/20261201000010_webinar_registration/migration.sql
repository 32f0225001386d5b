-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "calendar" TEXT,
ADD COLUMN     "calendarMethod" TEXT;

