-- AlterTable
ALTER TABLE "User" ADD COLUMN     "referredById" TEXT;
