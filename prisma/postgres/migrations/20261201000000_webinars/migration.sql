-- CreateEnum
CREATE TYPE "WebinarStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WebinarAudience" AS ENUM ('PUBLIC', 'KITS', 'ORGANIZATIONS');

-- CreateEnum
CREATE TYPE "WebinarRoleKind" AS ENUM ('HOST', 'SPEAKER', 'SUPPORT');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('REGISTERED', 'WAITLISTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Webinar" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "WebinarStatus" NOT NULL DEFAULT 'DRAFT',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 90,
    "capacity" INTEGER,
    "audience" "WebinarAudience" NOT NULL DEFAULT 'KITS',
    "pathwayKit" "Kit",
    "topic" TEXT,
    "competences" TEXT,
    "joinOpensMinutesBefore" INTEGER NOT NULL DEFAULT 15,
    "selfRegistration" BOOLEAN NOT NULL DEFAULT false,
    "roomName" TEXT NOT NULL,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "registeredCount" INTEGER NOT NULL DEFAULT 0,
    "liveStartedAt" TIMESTAMP(3),
    "liveEndedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webinar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarAudienceKit" (
    "webinarId" TEXT NOT NULL,
    "kit" "Kit" NOT NULL,

    CONSTRAINT "WebinarAudienceKit_pkey" PRIMARY KEY ("webinarId","kit")
);

-- CreateTable
CREATE TABLE "WebinarAudienceOrganization" (
    "webinarId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,

    CONSTRAINT "WebinarAudienceOrganization_pkey" PRIMARY KEY ("webinarId","organizationId")
);

-- CreateTable
CREATE TABLE "WebinarRole" (
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "WebinarRoleKind" NOT NULL,

    CONSTRAINT "WebinarRole_pkey" PRIMARY KEY ("webinarId","userId","role")
);

-- CreateTable
CREATE TABLE "WebinarMaterial" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarRegistration" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "question" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promotedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "reminder24hAt" TIMESTAMP(3),
    "reminder1hAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebinarRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveKitWebhookEvent" (
    "id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "roomName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveKitWebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarAttendance" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT,
    "participantSid" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL,
    "leftAt" TIMESTAMP(3),

    CONSTRAINT "WebinarAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Webinar_slug_key" ON "Webinar"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Webinar_roomName_key" ON "Webinar"("roomName");

-- CreateIndex
CREATE INDEX "Webinar_status_startsAt_idx" ON "Webinar"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Webinar_startsAt_idx" ON "Webinar"("startsAt");

-- CreateIndex
CREATE INDEX "WebinarAudienceOrganization_organizationId_idx" ON "WebinarAudienceOrganization"("organizationId");

-- CreateIndex
CREATE INDEX "WebinarRole_userId_idx" ON "WebinarRole"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "WebinarMaterial_storageKey_key" ON "WebinarMaterial"("storageKey");

-- CreateIndex
CREATE INDEX "WebinarMaterial_webinarId_idx" ON "WebinarMaterial"("webinarId");

-- CreateIndex
CREATE INDEX "WebinarRegistration_webinarId_status_queuedAt_idx" ON "WebinarRegistration"("webinarId", "status", "queuedAt");

-- CreateIndex
CREATE INDEX "WebinarRegistration_userId_status_idx" ON "WebinarRegistration"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WebinarRegistration_webinarId_userId_key" ON "WebinarRegistration"("webinarId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_userId_idx" ON "CalendarFeed"("userId");

-- CreateIndex
CREATE INDEX "WebinarAttendance_webinarId_userId_idx" ON "WebinarAttendance"("webinarId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "WebinarAttendance_webinarId_participantSid_key" ON "WebinarAttendance"("webinarId", "participantSid");

-- AddForeignKey
ALTER TABLE "Webinar" ADD CONSTRAINT "Webinar_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAudienceKit" ADD CONSTRAINT "WebinarAudienceKit_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAudienceOrganization" ADD CONSTRAINT "WebinarAudienceOrganization_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAudienceOrganization" ADD CONSTRAINT "WebinarAudienceOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarRole" ADD CONSTRAINT "WebinarRole_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarRole" ADD CONSTRAINT "WebinarRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarMaterial" ADD CONSTRAINT "WebinarMaterial_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarRegistration" ADD CONSTRAINT "WebinarRegistration_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarRegistration" ADD CONSTRAINT "WebinarRegistration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAttendance" ADD CONSTRAINT "WebinarAttendance_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAttendance" ADD CONSTRAINT "WebinarAttendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

