-- CreateEnum
CREATE TYPE "DiscountDuration" AS ENUM ('ONCE', 'FOREVER', 'REPEATING');

-- AlterTable
ALTER TABLE "Offering" ADD COLUMN     "acceptsDiscounts" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "discountAmount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "discountCode" TEXT,
ADD COLUMN     "discountId" TEXT;

-- CreateTable
CREATE TABLE "Discount" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "percentOff" INTEGER,
    "amountOff" INTEGER,
    "currency" TEXT,
    "duration" "DiscountDuration" NOT NULL DEFAULT 'ONCE',
    "durationInMonths" INTEGER,
    "maxRedemptions" INTEGER,
    "expiresAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "stripeCouponId" TEXT,
    "stripePromotionCodeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Discount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscountOffering" (
    "discountId" TEXT NOT NULL,
    "offeringId" TEXT NOT NULL,

    CONSTRAINT "DiscountOffering_pkey" PRIMARY KEY ("discountId","offeringId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Discount_code_key" ON "Discount"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Discount_stripeCouponId_key" ON "Discount"("stripeCouponId");

-- CreateIndex
CREATE UNIQUE INDEX "Discount_stripePromotionCodeId_key" ON "Discount"("stripePromotionCodeId");

-- CreateIndex
CREATE INDEX "DiscountOffering_offeringId_idx" ON "DiscountOffering"("offeringId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_discountId_fkey" FOREIGN KEY ("discountId") REFERENCES "Discount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscountOffering" ADD CONSTRAINT "DiscountOffering_discountId_fkey" FOREIGN KEY ("discountId") REFERENCES "Discount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscountOffering" ADD CONSTRAINT "DiscountOffering_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering"("id") ON DELETE CASCADE ON UPDATE CASCADE;
