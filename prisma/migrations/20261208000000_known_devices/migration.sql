-- Sign-in throttling that slows guessing down without locking the owner out
-- (lib/auth/throttle.ts, lib/auth/known-devices.ts): browsers that signed in to an account before
-- are exempt from its account-wide limit, and the moment that limit first refuses is recorded, so
-- that the lock is audited once and admins can see and lift it.

-- AlterTable
ALTER TABLE "SignInCounter" ADD COLUMN "lockedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "KnownDevice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnownDevice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KnownDevice_userId_idx" ON "KnownDevice"("userId");

-- AddForeignKey
ALTER TABLE "KnownDevice" ADD CONSTRAINT "KnownDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
