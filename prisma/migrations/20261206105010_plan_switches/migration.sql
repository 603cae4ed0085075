-- AlterTable
ALTER TABLE "Offering" ADD COLUMN     "planFamily" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "pendingOfferingId" TEXT,
ADD COLUMN     "pendingPriceId" TEXT,
ADD COLUMN     "pendingSwitchAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "proration" BOOLEAN NOT NULL DEFAULT false,
    "stripePriceId" TEXT,
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrderLine_orderId_position_key" ON "OrderLine"("orderId", "position");

-- CreateIndex
CREATE INDEX "Offering_planFamily_idx" ON "Offering"("planFamily");

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_pendingOfferingId_fkey" FOREIGN KEY ("pendingOfferingId") REFERENCES "Offering"("id") ON DELETE SET NULL ON UPDATE CASCADE;
