-- CreateEnum
CREATE TYPE "CommunityVisibility" AS ENUM ('COMMUNITY', 'STAFF', 'LAB');

-- CreateEnum
CREATE TYPE "CommunityEmailMode" AS ENUM ('IMMEDIATE', 'DAILY', 'NONE');

-- CreateTable
CREATE TABLE "CommunityCategory" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" "CommunityVisibility" NOT NULL DEFAULT 'COMMUNITY',
    "labId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "topicCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommunityCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityTopic" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "pinnedAt" TIMESTAMP(3),
    "lockedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "lastPostAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityPost" (
    "id" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "postNumber" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "cooked" TEXT NOT NULL DEFAULT '',
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "editedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityPostRevision" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "editorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityPostRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityTopicUser" (
    "userId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "lastReadPostNumber" INTEGER NOT NULL DEFAULT 0,
    "watching" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommunityTopicUser_pkey" PRIMARY KEY ("userId","topicId")
);

-- CreateTable
CREATE TABLE "CommunityCategoryWatch" (
    "userId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityCategoryWatch_pkey" PRIMARY KEY ("userId","categoryId")
);

-- CreateTable
CREATE TABLE "CommunityProfile" (
    "userId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "emailMode" "CommunityEmailMode" NOT NULL DEFAULT 'IMMEDIATE',
    "unsubscribeToken" TEXT NOT NULL,
    "lastDigestAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "CommunityNotification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityFlag" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,

    CONSTRAINT "CommunityFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommunityCategory_visibility_idx" ON "CommunityCategory"("visibility");

-- CreateIndex
CREATE INDEX "CommunityTopic_categoryId_lastPostAt_idx" ON "CommunityTopic"("categoryId", "lastPostAt");

-- CreateIndex
CREATE INDEX "CommunityTopic_lastPostAt_idx" ON "CommunityTopic"("lastPostAt");

-- CreateIndex
CREATE INDEX "CommunityTopic_authorId_createdAt_idx" ON "CommunityTopic"("authorId", "createdAt");

-- CreateIndex
CREATE INDEX "CommunityPost_authorId_createdAt_idx" ON "CommunityPost"("authorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommunityPost_topicId_postNumber_key" ON "CommunityPost"("topicId", "postNumber");

-- CreateIndex
CREATE INDEX "CommunityPostRevision_postId_createdAt_idx" ON "CommunityPostRevision"("postId", "createdAt");

-- CreateIndex
CREATE INDEX "CommunityTopicUser_topicId_idx" ON "CommunityTopicUser"("topicId");

-- CreateIndex
CREATE INDEX "CommunityCategoryWatch_categoryId_idx" ON "CommunityCategoryWatch"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "CommunityProfile_handle_key" ON "CommunityProfile"("handle");

-- CreateIndex
CREATE UNIQUE INDEX "CommunityProfile_unsubscribeToken_key" ON "CommunityProfile"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "CommunityNotification_userId_createdAt_idx" ON "CommunityNotification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "CommunityNotification_emailedAt_createdAt_idx" ON "CommunityNotification"("emailedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommunityNotification_userId_postId_kind_key" ON "CommunityNotification"("userId", "postId", "kind");

-- CreateIndex
CREATE INDEX "CommunityFlag_resolvedAt_createdAt_idx" ON "CommunityFlag"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommunityFlag_postId_userId_key" ON "CommunityFlag"("postId", "userId");

-- AddForeignKey
ALTER TABLE "CommunityTopic" ADD CONSTRAINT "CommunityTopic_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CommunityCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityTopic" ADD CONSTRAINT "CommunityTopic_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityPost" ADD CONSTRAINT "CommunityPost_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "CommunityTopic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityPost" ADD CONSTRAINT "CommunityPost_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityPostRevision" ADD CONSTRAINT "CommunityPostRevision_postId_fkey" FOREIGN KEY ("postId") REFERENCES "CommunityPost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityTopicUser" ADD CONSTRAINT "CommunityTopicUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityTopicUser" ADD CONSTRAINT "CommunityTopicUser_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "CommunityTopic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityCategoryWatch" ADD CONSTRAINT "CommunityCategoryWatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityCategoryWatch" ADD CONSTRAINT "CommunityCategoryWatch_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CommunityCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityProfile" ADD CONSTRAINT "CommunityProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityNotification" ADD CONSTRAINT "CommunityNotification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityFlag" ADD CONSTRAINT "CommunityFlag_postId_fkey" FOREIGN KEY ("postId") REFERENCES "CommunityPost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityFlag" ADD CONSTRAINT "CommunityFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search (written by hand: Prisma cannot describe it; scripts/check-drift.ts skips
-- objects named *_fts*): a generated tsvector of the post's text with PostgreSQL's own Italian
-- configuration, and a GIN index over it.
ALTER TABLE "CommunityPost" ADD COLUMN "search_fts" tsvector GENERATED ALWAYS AS (to_tsvector('italian', "body")) STORED;
CREATE INDEX "CommunityPost_search_fts_idx" ON "CommunityPost" USING GIN ("search_fts");
