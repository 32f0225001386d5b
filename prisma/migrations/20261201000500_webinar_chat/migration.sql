-- CreateTable
CREATE TABLE "WebinarLiveSettings" (
    "webinarId" TEXT NOT NULL PRIMARY KEY,
    "chatEnabled" BOOLEAN NOT NULL DEFAULT true,
    "slowModeSeconds" INTEGER NOT NULL DEFAULT 0,
    "qaPremoderated" BOOLEAN NOT NULL DEFAULT false,
    "questionsImportedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebinarLiveSettings_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarLiveMember" (
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "mutedAt" DATETIME,
    "removedAt" DATETIME,
    "lastMessageAt" DATETIME,

    PRIMARY KEY ("webinarId", "userId"),
    CONSTRAINT "WebinarLiveMember_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarLiveMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarChatMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "hiddenAt" DATETIME,
    "hiddenById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebinarChatMessage_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarChatMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT,
    "authorName" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'OPEN',
    "answer" TEXT,
    "answeredById" TEXT,
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "registrationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebinarQuestion_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarQuestion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarQuestionVote" (
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("questionId", "userId"),
    CONSTRAINT "WebinarQuestionVote_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "WebinarQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarQuestionVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarPoll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "multiple" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'DRAFT',
    "showResults" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebinarPoll_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarPollOption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "WebinarPollOption_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "WebinarPoll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarPollBallot" (
    "pollId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("pollId", "userId"),
    CONSTRAINT "WebinarPollBallot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "WebinarPoll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarPollChoice" (
    "pollId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("pollId", "userId", "optionId"),
    CONSTRAINT "WebinarPollChoice_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "WebinarPoll" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarPollChoice_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "WebinarPollOption" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarPollChoice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarAssistThread" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "handledById" TEXT,
    "awaitingStaff" BOOLEAN NOT NULL DEFAULT true,
    "lastMessageAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebinarAssistThread_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebinarAssistThread_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarAssistMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "fromStaff" BOOLEAN NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebinarAssistMessage_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "WebinarAssistThread" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebinarPresence" (
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("webinarId", "userId"),
    CONSTRAINT "WebinarPresence_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WebinarChatMessage_webinarId_createdAt_idx" ON "WebinarChatMessage"("webinarId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebinarQuestion_registrationId_key" ON "WebinarQuestion"("registrationId");

-- CreateIndex
CREATE INDEX "WebinarQuestion_webinarId_createdAt_idx" ON "WebinarQuestion"("webinarId", "createdAt");

-- CreateIndex
CREATE INDEX "WebinarQuestionVote_userId_idx" ON "WebinarQuestionVote"("userId");

-- CreateIndex
CREATE INDEX "WebinarPoll_webinarId_createdAt_idx" ON "WebinarPoll"("webinarId", "createdAt");

-- CreateIndex
CREATE INDEX "WebinarPollOption_pollId_position_idx" ON "WebinarPollOption"("pollId", "position");

-- CreateIndex
CREATE INDEX "WebinarPollChoice_optionId_idx" ON "WebinarPollChoice"("optionId");

-- CreateIndex
CREATE INDEX "WebinarPollChoice_userId_idx" ON "WebinarPollChoice"("userId");

-- CreateIndex
CREATE INDEX "WebinarAssistThread_webinarId_awaitingStaff_lastMessageAt_idx" ON "WebinarAssistThread"("webinarId", "awaitingStaff", "lastMessageAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebinarAssistThread_webinarId_userId_key" ON "WebinarAssistThread"("webinarId", "userId");

-- CreateIndex
CREATE INDEX "WebinarAssistMessage_threadId_createdAt_idx" ON "WebinarAssistMessage"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "WebinarPresence_webinarId_seenAt_idx" ON "WebinarPresence"("webinarId", "seenAt");

