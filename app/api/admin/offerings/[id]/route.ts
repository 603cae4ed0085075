import { patchOffering } from "@/lib/offerings/patch-offering";
import { jsonObject } from "@/lib/admin/schemas";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-body";
import { adminRoute } from "@/lib/auth/route-guards";
import { getOfferingForEdit } from "@/lib/offerings/list-offerings";
import { idParam } from "@/lib/offerings/schemas";

const MAX_BODY_BYTES = 64 * 1024;

/** One offering with every editable field (never its secret). */
export const GET = adminRoute<{ id: string }>(async (_request, { params }) => {
  const offering = await getOfferingForEdit(idParam.parse(params.id));
  if (!offering) throw new AppError("not_found", "No offering has this id.");
  return Response.json({ offering });
});

/** Changes the given fields (and `archived`), validating the offering as a whole. */
export const PATCH = adminRoute<{ id: string }>(async (request, { params, user }) => {
  const changes = jsonObject.parse(await readJsonBody(request, MAX_BODY_BYTES));
  const offering = await patchOffering({
    offeringId: idParam.parse(params.id),
    changes,
    actorId: user.id,
  });
  return Response.json({ offering });
});
