-- AlterTable
ALTER TABLE "organisaties" ADD COLUMN     "werkgebied" TEXT[] DEFAULT ARRAY[]::TEXT[];
