import { redirect } from "next/navigation";

/** The offerings list lives at /admin. */
export default function AdminOfferingsIndex() {
  redirect("/admin");
}
