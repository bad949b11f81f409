-- Reports at 100,000 cases (issue 16, item 4): the manager's scope read from one index per party column
-- instead of joining every period and turn to its case. The reports judge scope on the case's parties as
-- they are now, so the copies on fase_periodes and wachtbeurten must be the case's own: triggers keep them
-- so, whoever writes the rows (the read-model writer, a rebuild, a test), and when a case's parties change.
-- Function bodies write the semicolon as \073, as in the audit_log migration.

-- AlterTable
ALTER TABLE "wachtbeurten" ADD COLUMN "gemeente" TEXT,
ADD COLUMN "wijkteam" TEXT,
ADD COLUMN "zorginstelling" TEXT,
ADD COLUMN "corporatie" TEXT;

-- A period or turn takes its case's parties when written (left as given while the case row does not exist yet).
CREATE FUNCTION report_rows_case_parties() RETURNS trigger LANGUAGE plpgsql
  AS E'DECLARE c record\073 BEGIN SELECT gemeente, wijkteam, zorginstelling, corporatie INTO c FROM cases WHERE id = NEW.case_id\073 IF FOUND THEN NEW.gemeente := c.gemeente\073 NEW.wijkteam := c.wijkteam\073 NEW.zorginstelling := c.zorginstelling\073 NEW.corporatie := c.corporatie\073 END IF\073 RETURN NEW\073 END\073';
CREATE TRIGGER fase_periodes_case_parties BEFORE INSERT OR UPDATE OF gemeente, wijkteam, zorginstelling, corporatie ON fase_periodes
  FOR EACH ROW EXECUTE FUNCTION report_rows_case_parties();
CREATE TRIGGER wachtbeurten_case_parties BEFORE INSERT OR UPDATE OF gemeente, wijkteam, zorginstelling, corporatie ON wachtbeurten
  FOR EACH ROW EXECUTE FUNCTION report_rows_case_parties();

-- A case written or changed carries its parties to its periods and turns (only the rows that differ).
CREATE FUNCTION cases_parties_to_report_rows() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE fase_periodes SET gemeente = NEW.gemeente, wijkteam = NEW.wijkteam, zorginstelling = NEW.zorginstelling, corporatie = NEW.corporatie WHERE case_id = NEW.id AND (gemeente IS DISTINCT FROM NEW.gemeente OR wijkteam IS DISTINCT FROM NEW.wijkteam OR zorginstelling IS DISTINCT FROM NEW.zorginstelling OR corporatie IS DISTINCT FROM NEW.corporatie)\073 UPDATE wachtbeurten SET gemeente = NEW.gemeente, wijkteam = NEW.wijkteam, zorginstelling = NEW.zorginstelling, corporatie = NEW.corporatie WHERE case_id = NEW.id AND (gemeente IS DISTINCT FROM NEW.gemeente OR wijkteam IS DISTINCT FROM NEW.wijkteam OR zorginstelling IS DISTINCT FROM NEW.zorginstelling OR corporatie IS DISTINCT FROM NEW.corporatie)\073 RETURN NULL\073 END\073';
CREATE TRIGGER cases_parties_to_report_rows AFTER INSERT OR UPDATE OF gemeente, wijkteam, zorginstelling, corporatie ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_parties_to_report_rows();

-- The rows written before: their cases' parties now.
UPDATE fase_periodes fp SET gemeente = c.gemeente, wijkteam = c.wijkteam, zorginstelling = c.zorginstelling, corporatie = c.corporatie
  FROM cases c
  WHERE c.id = fp.case_id AND (fp.gemeente IS DISTINCT FROM c.gemeente OR fp.wijkteam IS DISTINCT FROM c.wijkteam
    OR fp.zorginstelling IS DISTINCT FROM c.zorginstelling OR fp.corporatie IS DISTINCT FROM c.corporatie);
UPDATE wachtbeurten w SET gemeente = c.gemeente, wijkteam = c.wijkteam, zorginstelling = c.zorginstelling, corporatie = c.corporatie
  FROM cases c WHERE c.id = w.case_id;

-- Replaced by the scope indexes below.
-- DropIndex
DROP INDEX "fase_periodes_report_idx";

-- DropIndex
DROP INDEX "wachtbeurten_report_idx";

-- CreateIndex: key (party, ended_at), INCLUDE what doorlooptijd, totaal and open-casussen read, and the other
-- parties (each row is counted by the first party column that matches, see sql.ts scopedRows).
CREATE INDEX "fase_periodes_scope_wijkteam_idx" ON "fase_periodes"("wijkteam", "ended_at")
  INCLUDE ("case_id", "nr", "fase", "werkdagen", "over_norm", "organisatie", "doelgroep", "started_at", "deadline_at", "zorginstelling", "corporatie", "gemeente");
CREATE INDEX "fase_periodes_scope_zorginstelling_idx" ON "fase_periodes"("zorginstelling", "ended_at")
  INCLUDE ("case_id", "nr", "fase", "werkdagen", "over_norm", "organisatie", "doelgroep", "started_at", "deadline_at", "wijkteam", "corporatie", "gemeente");
CREATE INDEX "fase_periodes_scope_corporatie_idx" ON "fase_periodes"("corporatie", "ended_at")
  INCLUDE ("case_id", "nr", "fase", "werkdagen", "over_norm", "organisatie", "doelgroep", "started_at", "deadline_at", "wijkteam", "zorginstelling", "gemeente");
CREATE INDEX "fase_periodes_scope_gemeente_idx" ON "fase_periodes"("gemeente", "ended_at")
  INCLUDE ("case_id", "nr", "fase", "werkdagen", "over_norm", "organisatie", "doelgroep", "started_at", "deadline_at", "wijkteam", "zorginstelling", "corporatie");

-- CreateIndex: the same for the wachttijd report.
CREATE INDEX "wachtbeurten_scope_wijkteam_idx" ON "wachtbeurten"("wijkteam", "ended_at")
  INCLUDE ("case_id", "rol", "werkdagen", "organisatie", "fase", "doelgroep", "zorginstelling", "corporatie", "gemeente");
CREATE INDEX "wachtbeurten_scope_zorginstelling_idx" ON "wachtbeurten"("zorginstelling", "ended_at")
  INCLUDE ("case_id", "rol", "werkdagen", "organisatie", "fase", "doelgroep", "wijkteam", "corporatie", "gemeente");
CREATE INDEX "wachtbeurten_scope_corporatie_idx" ON "wachtbeurten"("corporatie", "ended_at")
  INCLUDE ("case_id", "rol", "werkdagen", "organisatie", "fase", "doelgroep", "wijkteam", "zorginstelling", "gemeente");
CREATE INDEX "wachtbeurten_scope_gemeente_idx" ON "wachtbeurten"("gemeente", "ended_at")
  INCLUDE ("case_id", "rol", "werkdagen", "organisatie", "fase", "doelgroep", "wijkteam", "zorginstelling", "corporatie");
