-- AlterTable
ALTER TABLE "audit_entries" ADD COLUMN     "chain_seq" BIGINT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "on_behalf_of" TEXT,
ADD COLUMN     "prev_hash" TEXT,
ADD COLUMN     "request_id" TEXT,
ADD COLUMN     "session_id" TEXT,
ADD COLUMN     "source_ip" TEXT,
ADD COLUMN     "user_agent" TEXT,
ADD COLUMN     "view" TEXT;

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "chain_seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_chain_seq_key" ON "audit_entries"("chain_seq");

-- One chain head, starting at the genesis hash. Entries written before this migration keep
-- chain_seq NULL: audit:verify counts them as written before the chain began.
ALTER TABLE "audit_chain_head" ADD CONSTRAINT "audit_chain_head_single_row" CHECK ("id" = 1);
INSERT INTO "audit_chain_head" ("id", "chain_seq", "hash") VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
