-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "referentie_hash" TEXT;

-- CreateTable
CREATE TABLE "notes" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "organisatie" TEXT NOT NULL,
    "voor" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "author_name" TEXT,
    "author_rol" TEXT NOT NULL,
    "tekst" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meldingen_gelezen" (
    "organisatie" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "case_id" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meldingen_gelezen_pkey" PRIMARY KEY ("organisatie","user_id","key")
);

-- CreateIndex
CREATE INDEX "notes_case_id_at_idx" ON "notes"("case_id", "at");

-- CreateIndex
CREATE INDEX "notes_at_idx" ON "notes"("at");

-- CreateIndex
CREATE INDEX "meldingen_gelezen_case_id_idx" ON "meldingen_gelezen"("case_id");

-- CreateIndex
CREATE INDEX "cases_wijkteam_referentie_hash_idx" ON "cases"("wijkteam", "referentie_hash");

-- The domain's limits again, so nothing written around the API holds more (domain/notes.ts).
ALTER TABLE "notes" ADD CONSTRAINT "notes_voor_check" CHECK ("voor" IN ('eigen', 'alle'));
ALTER TABLE "notes" ADD CONSTRAINT "notes_tekst_length" CHECK (char_length("tekst") BETWEEN 1 AND 2000);
