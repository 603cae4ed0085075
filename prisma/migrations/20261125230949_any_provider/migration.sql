-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'EXPIRED';

-- AlterTable
ALTER TABLE "Offering" ADD COLUMN     "stripeSigningSecret" TEXT;

-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "renewalCanceledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "UnclaimedPayment" (
    "id" TEXT NOT NULL,
    "offeringId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "eventRecordId" TEXT,
    "refundedAt" TIMESTAMP(3),
    "claimedAt" TIMESTAMP(3),
    "purchaseId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnclaimedPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "offeringId" TEXT NOT NULL,
    "format" TEXT,
    "status" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "eventKey" TEXT,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnclaimedPayment_email_claimedAt_idx" ON "UnclaimedPayment"("email", "claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UnclaimedPayment_offeringId_paymentId_key" ON "UnclaimedPayment"("offeringId", "paymentId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_offeringId_receivedAt_idx" ON "WebhookDelivery"("offeringId", "receivedAt");

-- AddForeignKey
ALTER TABLE "UnclaimedPayment" ADD CONSTRAINT "UnclaimedPayment_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering"("id") ON DELETE CASCADE ON UPDATE CASCADE;
