-- CreateTable
CREATE TABLE "organisaties" (
    "id" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "soort" TEXT NOT NULL,
    "gemeente" TEXT,
    "email" TEXT,
    "manager_email" TEXT,
    "webhook_url" TEXT,
    "actief" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "organisaties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "norm_instellingen" (
    "fase" TEXT NOT NULL,
    "organisatie" TEXT NOT NULL DEFAULT '*',
    "werkdagen" DOUBLE PRECISION NOT NULL,
    "herinnering_bij" DOUBLE PRECISION,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "norm_instellingen_pkey" PRIMARY KEY ("fase","organisatie")
);

-- CreateTable
CREATE TABLE "fase_periodes" (
    "case_id" TEXT NOT NULL,
    "nr" INTEGER NOT NULL,
    "fase" TEXT NOT NULL,
    "partij" TEXT NOT NULL,
    "organisatie" TEXT,
    "doelgroep" TEXT NOT NULL,
    "gemeente" TEXT NOT NULL,
    "wijkteam" TEXT NOT NULL,
    "zorginstelling" TEXT,
    "corporatie" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),
    "werkdagen" DOUBLE PRECISION,
    "kalenderdagen" DOUBLE PRECISION,
    "norm_werkdagen" DOUBLE PRECISION,
    "verlengd_werkdagen" DOUBLE PRECISION,
    "herinnering_at" TIMESTAMP(3),
    "deadline_at" TIMESTAMP(3),
    "over_norm" BOOLEAN,

    CONSTRAINT "fase_periodes_pkey" PRIMARY KEY ("case_id","nr")
);

-- CreateTable
CREATE TABLE "wachtbeurten" (
    "case_id" TEXT NOT NULL,
    "nr" INTEGER NOT NULL,
    "rol" TEXT NOT NULL,
    "organisatie" TEXT,
    "fase" TEXT NOT NULL,
    "doelgroep" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),
    "werkdagen" DOUBLE PRECISION,

    CONSTRAINT "wachtbeurten_pkey" PRIMARY KEY ("case_id","nr","rol")
);

-- CreateTable
CREATE TABLE "opschortingen" (
    "case_id" TEXT NOT NULL,
    "nr" INTEGER NOT NULL,
    "van" TIMESTAMP(3) NOT NULL,
    "tot" TIMESTAMP(3),
    "reden" TEXT NOT NULL,

    CONSTRAINT "opschortingen_pkey" PRIMARY KEY ("case_id","nr")
);

-- CreateTable
CREATE TABLE "case_signalen" (
    "case_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "soort" TEXT NOT NULL,
    "fase" TEXT NOT NULL,
    "organisatie" TEXT,
    "due_at" TIMESTAMP(3) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "email" TEXT NOT NULL,
    "webhook" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_signalen_pkey" PRIMARY KEY ("case_id","key")
);

-- CreateTable
CREATE TABLE "contingent_afspraken" (
    "corporatie" TEXT NOT NULL,
    "jaar" INTEGER NOT NULL,
    "opgave" TEXT NOT NULL,
    "doelgroep" TEXT NOT NULL DEFAULT '*',
    "aantal" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "contingent_afspraken_pkey" PRIMARY KEY ("corporatie","jaar","opgave","doelgroep")
);

-- CreateIndex
CREATE INDEX "fase_periodes_fase_ended_at_idx" ON "fase_periodes"("fase", "ended_at");

-- CreateIndex
CREATE INDEX "fase_periodes_organisatie_ended_at_idx" ON "fase_periodes"("organisatie", "ended_at");

-- CreateIndex
CREATE INDEX "fase_periodes_doelgroep_ended_at_idx" ON "fase_periodes"("doelgroep", "ended_at");

-- CreateIndex
CREATE INDEX "fase_periodes_ended_at_started_at_idx" ON "fase_periodes"("ended_at", "started_at");

-- CreateIndex
CREATE INDEX "wachtbeurten_organisatie_ended_at_idx" ON "wachtbeurten"("organisatie", "ended_at");

-- CreateIndex
CREATE INDEX "wachtbeurten_rol_ended_at_idx" ON "wachtbeurten"("rol", "ended_at");

-- CreateIndex
CREATE INDEX "case_signalen_at_idx" ON "case_signalen"("at");

-- CreateIndex
CREATE INDEX "cases_gemeente_idx" ON "cases"("gemeente");

-- Starting norms in werkdagen, to be set by the beheerder (the sources name no norms).
-- Nazorg has none: it lasts as long as the person needs it.
INSERT INTO "norm_instellingen" ("fase", "organisatie", "werkdagen", "herinnering_bij", "updated_at", "updated_by") VALUES
  ('vraag', '*', 10, 0.8, now(), 'migratie'),
  ('zorg', '*', 10, 0.8, now(), 'migratie'),
  ('woonvorm', '*', 10, 0.8, now(), 'migratie'),
  ('buurt', '*', 10, 0.8, now(), 'migratie'),
  ('aanbod', '*', 20, 0.8, now(), 'migratie'),
  ('persoonlijk_contact', '*', 10, 0.8, now(), 'migratie'),
  ('toewijzing', '*', 10, 0.8, now(), 'migratie'),
  ('warme_overdracht', '*', 10, 0.8, now(), 'migratie'),
  ('totaal', '*', 80, 0.8, now(), 'migratie');
