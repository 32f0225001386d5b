-- CreateTable
CREATE TABLE "Webinar" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 90,
    "capacity" INTEGER,
    "audience" TEXT NOT NULL DEFAULT 'KITS',
    "pathwayKit" TEXT,
    "topic" TEXT,
    "competences" TEXT,
    "joinOpensMinutesBefore" INTEGER NOT NULL DEFAULT 15,
    "selfRegistration" BOOLEAN NOT NULL DEFAULT false,
    "roomName" TEXT NOT NULL,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "registeredCount" INTEGER NOT NULL DEFAULT 0,
    "liveStartedAt" DATETIME,
    "liveEndedAt" DATETIME,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Webinar_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarAudienceKit" (
    "webinarId" TEXT NOT NULL,
    "kit" TEXT NOT NULL,

    PRIMARY KEY ("webinarId", "kit"),
    CONSTRAINT "WebinarAudienceKit_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarAudienceOrganization" (
    "webinarId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,

    PRIMARY KEY ("webinarId", "organizationId"),
    CONSTRAINT "WebinarAudienceOrganization_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarAudienceOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarRole" (
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("webinarId", "userId", "role"),
    CONSTRAINT "WebinarRole_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarMaterial" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebinarMaterial_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarRegistration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "question" TEXT,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promotedAt" DATETIME,
    "cancelledAt" DATETIME,
    "reminder24hAt" DATETIME,
    "reminder1hAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebinarRegistration_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarRegistration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LiveKitWebhookEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "event" TEXT NOT NULL,
    "roomName" TEXT,
    "createdAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WebinarAttendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT,
    "participantSid" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL,
    "leftAt" DATETIME,
    CONSTRAINT "WebinarAttendance_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarAttendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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

