-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "cases" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "fase" TEXT NOT NULL,
    "uitkomst" TEXT,
    "route" TEXT NOT NULL,
    "deelgroep" TEXT NOT NULL,
    "doelgroep" TEXT NOT NULL,
    "gemeente" TEXT NOT NULL,
    "wijkteam" TEXT NOT NULL,
    "zorginstelling" TEXT,
    "corporatie" TEXT,
    "aan_zet_rol" TEXT,
    "version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "case_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "fase_before" TEXT NOT NULL,
    "fase_after" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "organisatie" TEXT NOT NULL,
    "summary" JSONB NOT NULL,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("case_id","seq")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "case_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "cases_workflow_id_key" ON "cases"("workflow_id");

-- CreateIndex
CREATE INDEX "cases_status_fase_idx" ON "cases"("status", "fase");

-- CreateIndex
CREATE INDEX "cases_doelgroep_idx" ON "cases"("doelgroep");

-- CreateIndex
CREATE INDEX "cases_wijkteam_idx" ON "cases"("wijkteam");

-- CreateIndex
CREATE INDEX "cases_zorginstelling_idx" ON "cases"("zorginstelling");

-- CreateIndex
CREATE INDEX "cases_corporatie_idx" ON "cases"("corporatie");

-- CreateIndex
CREATE INDEX "cases_started_at_id_idx" ON "cases"("started_at" DESC, "id");

-- CreateIndex
CREATE INDEX "case_events_step_at_idx" ON "case_events"("step", "at");

-- CreateIndex
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

