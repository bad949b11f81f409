-- CreateTable
CREATE TABLE "lokale_activiteit_overdrachten" (
    "run_id" TEXT NOT NULL,
    "history_length" INTEGER NOT NULL,
    "activiteit" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lokale_activiteit_overdrachten_pkey" PRIMARY KEY ("run_id","history_length","activiteit")
);

-- CreateIndex
CREATE INDEX "lokale_activiteit_overdrachten_at_idx" ON "lokale_activiteit_overdrachten"("at");
