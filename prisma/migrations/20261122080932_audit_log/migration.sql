-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "organisatie" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "case_id" TEXT,
    "status" INTEGER NOT NULL,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_entries_case_id_at_idx" ON "audit_entries"("case_id", "at");

-- The audit log is append-only for everyone, the application included.
-- The body's statement terminators are written as the escape 073 in an E-string, because
-- Prisma's pg adapter splits migration scripts at every semicolon, even inside a function body
-- (and inside comments: keep semicolons out of them).
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''audit_entries is append-only''\073 END\073';
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
