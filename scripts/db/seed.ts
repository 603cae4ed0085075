/** `npm run db:seed`: demo data into DATABASE_URL when it is empty. */
import { demoAccounts, seedDemoData } from "../../prisma/seed";

const result = await seedDemoData();
console.log(
  result === "seeded"
    ? `Seeded. Admin: ${demoAccounts.admin.email} / ${demoAccounts.admin.password}`
    : "Database not empty; nothing seeded.",
);
process.exit(0);
