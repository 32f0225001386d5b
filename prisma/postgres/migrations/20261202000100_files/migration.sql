-- CreateTable
CREATE TABLE "CommunityFolder" (
    "id" TEXT NOT NULL,
    "parentId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" "CommunityVisibility" NOT NULL DEFAULT 'COMMUNITY',
    "labId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommunityFolder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityFile" (
    "id" TEXT NOT NULL,
    "folderId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "versionCount" INTEGER NOT NULL DEFAULT 0,
    "deletedAt" TIMESTAMP(3),
    "deletedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommunityFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityFileVersion" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "organizationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityFileVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommunityFolder_parentId_idx" ON "CommunityFolder"("parentId");

-- CreateIndex
CREATE INDEX "CommunityFile_folderId_deletedAt_idx" ON "CommunityFile"("folderId", "deletedAt");

-- CreateIndex
CREATE INDEX "CommunityFile_deletedAt_idx" ON "CommunityFile"("deletedAt");

-- CreateIndex
CREATE INDEX "CommunityFileVersion_organizationId_idx" ON "CommunityFileVersion"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CommunityFileVersion_fileId_number_key" ON "CommunityFileVersion"("fileId", "number");

-- AddForeignKey
ALTER TABLE "CommunityFolder" ADD CONSTRAINT "CommunityFolder_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "CommunityFolder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityFile" ADD CONSTRAINT "CommunityFile_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "CommunityFolder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityFile" ADD CONSTRAINT "CommunityFile_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityFileVersion" ADD CONSTRAINT "CommunityFileVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "CommunityFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityFileVersion" ADD CONSTRAINT "CommunityFileVersion_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

