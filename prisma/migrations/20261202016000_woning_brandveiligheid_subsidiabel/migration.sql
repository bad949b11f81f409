-- AlterTable
ALTER TABLE "woningen" ADD COLUMN     "brandmeldinstallatie" TEXT,
ADD COLUMN     "brandveiligheid_typering" TEXT,
ADD COLUMN     "gebouw_oppervlak_m2" INTEGER,
ADD COLUMN     "subsidiabele_servicekosten_cent" INTEGER;
