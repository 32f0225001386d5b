-- CreateTable
CREATE TABLE "CommunityCategory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" TEXT NOT NULL DEFAULT 'COMMUNITY',
    "labId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "topicCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CommunityTopic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "categoryId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "pinnedAt" DATETIME,
    "lockedAt" DATETIME,
    "hiddenAt" DATETIME,
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "lastPostAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityTopic_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CommunityCategory" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommunityTopic_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityPost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "topicId" TEXT NOT NULL,
    "postNumber" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "cooked" TEXT NOT NULL DEFAULT '',
    "hiddenAt" DATETIME,
    "hiddenReason" TEXT,
    "editedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityPost_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "CommunityTopic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunityPost_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityPostRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "editorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityPostRevision_postId_fkey" FOREIGN KEY ("postId") REFERENCES "CommunityPost" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityTopicUser" (
    "userId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "lastReadPostNumber" INTEGER NOT NULL DEFAULT 0,
    "watching" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "topicId"),
    CONSTRAINT "CommunityTopicUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunityTopicUser_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "CommunityTopic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityCategoryWatch" (
    "userId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "categoryId"),
    CONSTRAINT "CommunityCategoryWatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunityCategoryWatch_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CommunityCategory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityProfile" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "handle" TEXT NOT NULL,
    "emailMode" TEXT NOT NULL DEFAULT 'IMMEDIATE',
    "unsubscribeToken" TEXT NOT NULL,
    "lastDigestAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityNotification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "readAt" DATETIME,
    "emailedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityNotification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolution" TEXT,
    CONSTRAINT "CommunityFlag_postId_fkey" FOREIGN KEY ("postId") REFERENCES "CommunityPost" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunityFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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


-- Full-text search (written by hand: Prisma cannot describe it; scripts/check-drift.ts skips
-- objects named *_fts*). An external-content FTS5 table over CommunityPost.searchText (the text
-- reduced to Italian stems by app/modules/community/stemmer.ts, since FTS5 has no Italian
-- stemmer), kept by triggers. CommunityPost has no INTEGER PRIMARY KEY, so VACUUM may renumber
-- its rowids: after a VACUUM run INSERT INTO "CommunityPost_fts"("CommunityPost_fts") VALUES ('rebuild').
CREATE VIRTUAL TABLE "CommunityPost_fts" USING fts5("searchText", content='CommunityPost', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');

CREATE TRIGGER "CommunityPost_fts_ai" AFTER INSERT ON "CommunityPost" BEGIN
  INSERT INTO "CommunityPost_fts"(rowid, "searchText") VALUES (new.rowid, new."searchText");
END;

CREATE TRIGGER "CommunityPost_fts_ad" AFTER DELETE ON "CommunityPost" BEGIN
  INSERT INTO "CommunityPost_fts"("CommunityPost_fts", rowid, "searchText") VALUES ('delete', old.rowid, old."searchText");
END;

CREATE TRIGGER "CommunityPost_fts_au" AFTER UPDATE OF "searchText" ON "CommunityPost" BEGIN
  INSERT INTO "CommunityPost_fts"("CommunityPost_fts", rowid, "searchText") VALUES ('delete', old.rowid, old."searchText");
  INSERT INTO "CommunityPost_fts"(rowid, "searchText") VALUES (new.rowid, new."searchText");
END;
