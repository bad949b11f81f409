-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "pseudonymised_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "cases_status_closed_at_idx" ON "cases"("status", "closed_at");
