-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Purchase_createdAt_id_idx" ON "Purchase"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Purchase_status_createdAt_id_idx" ON "Purchase"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Purchase_offeringId_createdAt_id_idx" ON "Purchase"("offeringId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_providerCaptureId_idx" ON "Order"("providerCaptureId");

-- CreateIndex
CREATE INDEX "Subscription_createdAt_id_idx" ON "Subscription"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Subscription_stripeCustomerId_idx" ON "Subscription"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_id_idx" ON "ProcessedEvent"("receivedAt", "id");

-- CreateIndex
CREATE INDEX "ProcessedEvent_providerEventId_idx" ON "ProcessedEvent"("providerEventId");

-- CreateIndex
CREATE INDEX "UnclaimedPayment_paymentId_idx" ON "UnclaimedPayment"("paymentId");

-- CreateIndex
CREATE INDEX "Commission_createdAt_id_idx" ON "Commission"("createdAt", "id");
