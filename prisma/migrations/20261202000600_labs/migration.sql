-- CreateTable
CREATE TABLE "Lab" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "quietAfterDays" INTEGER NOT NULL DEFAULT 14,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "categoryId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LabOrganization" (
    "labId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("labId", "organizationId"),
    CONSTRAINT "LabOrganization_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabTutor" (
    "labId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("labId", "userId"),
    CONSTRAINT "LabTutor_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabTutor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabMember" (
    "labId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedById" TEXT,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("labId", "userId"),
    CONSTRAINT "LabMember_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "labId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 120,
    "place" TEXT,
    "address" TEXT,
    "webinarId" TEXT,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabSession_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabAttendance" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "markedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sessionId", "userId"),
    CONSTRAINT "LabAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabAttendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "labId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "dueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabActivity_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "activityId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "fileKey" TEXT,
    "fileName" TEXT,
    "fileType" TEXT,
    "fileSize" INTEGER,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "comment" TEXT,
    "reviewedAt" DATETIME,
    "reviewerId" TEXT,
    CONSTRAINT "LabSubmission_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "LabActivity" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabSubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "labId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sentById" TEXT,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabReminder_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabReminder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Webinar" (
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
    "certificateThresholdPercent" INTEGER NOT NULL DEFAULT 75,
    "replayCountsForCertificate" BOOLEAN NOT NULL DEFAULT false,
    "labId" TEXT,
    CONSTRAINT "Webinar_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Webinar_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Webinar" ("audience", "cancelReason", "cancelledAt", "capacity", "certificateThresholdPercent", "competences", "createdAt", "createdById", "description", "durationMinutes", "icsSequence", "id", "joinOpensMinutesBefore", "liveEndedAt", "liveStartedAt", "pathwayKit", "registeredCount", "replayCountsForCertificate", "roomName", "selfRegistration", "slug", "startsAt", "status", "title", "topic", "updatedAt") SELECT "audience", "cancelReason", "cancelledAt", "capacity", "certificateThresholdPercent", "competences", "createdAt", "createdById", "description", "durationMinutes", "icsSequence", "id", "joinOpensMinutesBefore", "liveEndedAt", "liveStartedAt", "pathwayKit", "registeredCount", "replayCountsForCertificate", "roomName", "selfRegistration", "slug", "startsAt", "status", "title", "topic", "updatedAt" FROM "Webinar";
DROP TABLE "Webinar";
ALTER TABLE "new_Webinar" RENAME TO "Webinar";
CREATE UNIQUE INDEX "Webinar_slug_key" ON "Webinar"("slug");
CREATE UNIQUE INDEX "Webinar_roomName_key" ON "Webinar"("roomName");
CREATE INDEX "Webinar_status_startsAt_idx" ON "Webinar"("status", "startsAt");
CREATE INDEX "Webinar_startsAt_idx" ON "Webinar"("startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Lab_status_startsAt_idx" ON "Lab"("status", "startsAt");

-- CreateIndex
CREATE INDEX "LabOrganization_organizationId_idx" ON "LabOrganization"("organizationId");

-- CreateIndex
CREATE INDEX "LabTutor_userId_idx" ON "LabTutor"("userId");

-- CreateIndex
CREATE INDEX "LabMember_userId_idx" ON "LabMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LabSession_webinarId_key" ON "LabSession"("webinarId");

-- CreateIndex
CREATE INDEX "LabSession_labId_startsAt_idx" ON "LabSession"("labId", "startsAt");

-- CreateIndex
CREATE INDEX "LabSession_startsAt_idx" ON "LabSession"("startsAt");

-- CreateIndex
CREATE INDEX "LabAttendance_userId_idx" ON "LabAttendance"("userId");

-- CreateIndex
CREATE INDEX "LabActivity_labId_dueAt_idx" ON "LabActivity"("labId", "dueAt");

-- CreateIndex
CREATE INDEX "LabSubmission_userId_submittedAt_idx" ON "LabSubmission"("userId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LabSubmission_activityId_userId_key" ON "LabSubmission"("activityId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "LabReminder_labId_userId_day_key" ON "LabReminder"("labId", "userId", "day");

