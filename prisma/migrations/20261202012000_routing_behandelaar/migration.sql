-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "behandelaar_corporatie" TEXT,
ADD COLUMN     "behandelaar_wijkteam" TEXT,
ADD COLUMN     "behandelaar_zorginstelling" TEXT;

-- CreateTable
CREATE TABLE "gebruikers" (
    "id" TEXT NOT NULL,
    "organisatie" TEXT NOT NULL,
    "naam" TEXT,
    "email" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "gebruikers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "gebruikers_organisatie_idx" ON "gebruikers"("organisatie");
