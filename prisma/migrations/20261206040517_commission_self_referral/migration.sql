-- AlterTable
ALTER TABLE "Commission" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "reviewFlags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "StripeCharge" (
    "id" TEXT NOT NULL,
    "paymentIntentId" TEXT,
    "orderId" TEXT,
    "customerId" TEXT,
    "cardFingerprint" TEXT,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeCharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StripeCharge_paymentIntentId_idx" ON "StripeCharge"("paymentIntentId");

-- CreateIndex
CREATE INDEX "StripeCharge_orderId_idx" ON "StripeCharge"("orderId");
