-- AlterTable
ALTER TABLE "auth_sessions" ADD COLUMN     "access_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "idp_tokens" TEXT,
ADD COLUMN     "principal" JSONB,
ADD COLUMN     "refresh_locked_until" TIMESTAMPTZ(3);
