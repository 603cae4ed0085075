-- AlterTable
ALTER TABLE "Offering" ADD COLUMN     "trialDays" INTEGER;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "trialEnd" TIMESTAMP(3),
ADD COLUMN     "trialStart" TIMESTAMP(3);
