-- CreateTable
CREATE TABLE "woningen" (
    "id" TEXT NOT NULL,
    "corporatie" TEXT NOT NULL,
    "referentie" TEXT NOT NULL,
    "gemeente" TEXT NOT NULL,
    "wijk" TEXT,
    "buurtcode" TEXT NOT NULL,
    "woonvorm" TEXT NOT NULL,
    "kamers" INTEGER NOT NULL,
    "kale_huur_cent" INTEGER NOT NULL,
    "servicekosten_cent" INTEGER NOT NULL,
    "zelfstandig" BOOLEAN NOT NULL,
    "drempels_overbrugd" BOOLEAN NOT NULL,
    "gangbreedte_cm" INTEGER NOT NULL,
    "noodoproep" BOOLEAN NOT NULL,
    "gemeenschappelijke_ruimte" BOOLEAN NOT NULL,
    "opgave" TEXT NOT NULL,
    "beschikbaar_vanaf" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "case_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "woningen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plaatsingen" (
    "case_id" TEXT NOT NULL,
    "woning_id" TEXT,
    "corporatie" TEXT NOT NULL,
    "buurtcode" TEXT NOT NULL,
    "opgave" TEXT,
    "doelgroep" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "plaatsingen_pkey" PRIMARY KEY ("case_id")
);

-- CreateIndex
CREATE INDEX "woningen_status_woonvorm_gemeente_idx" ON "woningen"("status", "woonvorm", "gemeente");

-- CreateIndex
CREATE INDEX "woningen_buurtcode_idx" ON "woningen"("buurtcode");

-- CreateIndex
CREATE INDEX "woningen_case_id_idx" ON "woningen"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "woningen_corporatie_referentie_key" ON "woningen"("corporatie", "referentie");

-- CreateIndex
CREATE INDEX "plaatsingen_buurtcode_at_idx" ON "plaatsingen"("buurtcode", "at");

-- CreateIndex
CREATE INDEX "plaatsingen_corporatie_at_idx" ON "plaatsingen"("corporatie", "at");
