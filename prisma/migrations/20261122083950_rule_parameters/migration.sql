-- CreateTable
CREATE TABLE "rule_parameter_sets" (
    "jaar" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "rule_parameter_sets_pkey" PRIMARY KEY ("jaar")
);

-- The 2023 set from the domain documents, so a fresh installation decides as before.
INSERT INTO "rule_parameter_sets" ("jaar", "values", "updated_at", "updated_by") VALUES (2023, '{"aftoppingsgrensLaag": 647.19, "aftoppingsgrensHoog": 693.6, "huurtoeslaggrens": 808.06, "passendheidsgrensEenpersoons": 25075, "passendheidsgrensMeerpersoons": 34025, "inkomensgrensEenpersoons": 44035, "inkomensgrensMeerpersoons": 48625, "bron": "prijspeil 2023 (Huurtoeslag, Woningwet passend toewijzen, HevoFame toolbox)"}', CURRENT_TIMESTAMP, 'migration') ON CONFLICT DO NOTHING;
