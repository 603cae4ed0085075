-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "refundedAmount" INTEGER NOT NULL DEFAULT 0;

-- Orders refunded before the amount was recorded were refunded in full.
UPDATE "Order" SET "refundedAmount" = amount WHERE status = 'REFUNDED';
