-- Covering indexes for the reports' join from the cases in scope (issue 16, item 4): per case an
-- index-only scan of its periods/turns instead of a sequential scan of the whole table.

-- CreateIndex
CREATE INDEX "fase_periodes_report_idx" ON "fase_periodes"("case_id", "fase", "ended_at", "werkdagen", "over_norm", "organisatie", "doelgroep");

-- CreateIndex
CREATE INDEX "wachtbeurten_report_idx" ON "wachtbeurten"("case_id", "rol", "ended_at", "werkdagen", "organisatie", "fase", "doelgroep");
