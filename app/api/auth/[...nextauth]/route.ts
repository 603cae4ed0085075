import { handlers } from "@/lib/auth/config";
import { refuseUnstorableInput } from "@/lib/auth/refuse-unstorable-input";

export const GET = refuseUnstorableInput(handlers.GET);
export const POST = refuseUnstorableInput(handlers.POST);
