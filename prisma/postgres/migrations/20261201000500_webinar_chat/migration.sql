-- CreateEnum
CREATE TYPE "WebinarQuestionState" AS ENUM ('PENDING', 'OPEN', 'ANSWERING', 'ANSWERED_LIVE', 'ANSWERED_WRITTEN', 'DISMISSED');

-- CreateEnum
CREATE TYPE "WebinarPollState" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "WebinarLiveSettings" (
    "webinarId" TEXT NOT NULL,
    "chatEnabled" BOOLEAN NOT NULL DEFAULT true,
    "slowModeSeconds" INTEGER NOT NULL DEFAULT 0,
    "qaPremoderated" BOOLEAN NOT NULL DEFAULT false,
    "questionsImportedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebinarLiveSettings_pkey" PRIMARY KEY ("webinarId")
);

-- CreateTable
CREATE TABLE "WebinarLiveMember" (
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "mutedAt" TIMESTAMP(3),
    "removedAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3),

    CONSTRAINT "WebinarLiveMember_pkey" PRIMARY KEY ("webinarId","userId")
);

-- CreateTable
CREATE TABLE "WebinarChatMessage" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarChatMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarQuestion" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT,
    "authorName" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "body" TEXT NOT NULL,
    "state" "WebinarQuestionState" NOT NULL DEFAULT 'OPEN',
    "answer" TEXT,
    "answeredById" TEXT,
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "registrationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebinarQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarQuestionVote" (
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarQuestionVote_pkey" PRIMARY KEY ("questionId","userId")
);

-- CreateTable
CREATE TABLE "WebinarPoll" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "multiple" BOOLEAN NOT NULL DEFAULT false,
    "state" "WebinarPollState" NOT NULL DEFAULT 'DRAFT',
    "showResults" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarPoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarPollOption" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "WebinarPollOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarPollBallot" (
    "pollId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarPollBallot_pkey" PRIMARY KEY ("pollId","userId")
);

-- CreateTable
CREATE TABLE "WebinarPollChoice" (
    "pollId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarPollChoice_pkey" PRIMARY KEY ("pollId","userId","optionId")
);

-- CreateTable
CREATE TABLE "WebinarAssistThread" (
    "id" TEXT NOT NULL,
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "handledById" TEXT,
    "awaitingStaff" BOOLEAN NOT NULL DEFAULT true,
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarAssistThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarAssistMessage" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "fromStaff" BOOLEAN NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebinarAssistMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebinarPresence" (
    "webinarId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebinarPresence_pkey" PRIMARY KEY ("webinarId","userId")
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

-- AddForeignKey
ALTER TABLE "WebinarLiveSettings" ADD CONSTRAINT "WebinarLiveSettings_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarLiveMember" ADD CONSTRAINT "WebinarLiveMember_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarLiveMember" ADD CONSTRAINT "WebinarLiveMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarChatMessage" ADD CONSTRAINT "WebinarChatMessage_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarChatMessage" ADD CONSTRAINT "WebinarChatMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarQuestion" ADD CONSTRAINT "WebinarQuestion_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarQuestion" ADD CONSTRAINT "WebinarQuestion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarQuestionVote" ADD CONSTRAINT "WebinarQuestionVote_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "WebinarQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarQuestionVote" ADD CONSTRAINT "WebinarQuestionVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarPoll" ADD CONSTRAINT "WebinarPoll_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarPollOption" ADD CONSTRAINT "WebinarPollOption_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "WebinarPoll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarPollBallot" ADD CONSTRAINT "WebinarPollBallot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "WebinarPoll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarPollChoice" ADD CONSTRAINT "WebinarPollChoice_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "WebinarPoll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarPollChoice" ADD CONSTRAINT "WebinarPollChoice_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "WebinarPollOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarPollChoice" ADD CONSTRAINT "WebinarPollChoice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAssistThread" ADD CONSTRAINT "WebinarAssistThread_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAssistThread" ADD CONSTRAINT "WebinarAssistThread_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarAssistMessage" ADD CONSTRAINT "WebinarAssistMessage_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "WebinarAssistThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebinarPresence" ADD CONSTRAINT "WebinarPresence_webinarId_fkey" FOREIGN KEY ("webinarId") REFERENCES "Webinar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

