import { jsonObject } from "@/lib/admin/schemas";
import { adminPageQuery } from "@/lib/http/paging";
import { readJsonBody } from "@/lib/http/read-body";
import { adminRoute } from "@/lib/auth/route-guards";
import { createOffering } from "@/lib/offerings/create-offering";
import { listOfferingsForAdmin } from "@/lib/offerings/list-offerings";
import { offeringInput } from "@/lib/offerings/schemas";

const MAX_BODY_BYTES = 64 * 1024;

/** Every offering, archived ones too, a page at a time: ?page=1&pageSize=25. */
export const GET = adminRoute(async (request) => {
  const query = adminPageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { items, ...paging } = await listOfferingsForAdmin(query);
  return Response.json({ offerings: items, ...paging });
});

/** Creates an offering; the answer carries its webhook URL and secret. */
export const POST = adminRoute(async (request) => {
  const body = jsonObject.parse(await readJsonBody(request, MAX_BODY_BYTES));
  const created = await createOffering({ input: offeringInput.parse(body) });
  return Response.json(
    {
      offering: { id: created.id, name: created.name },
      webhookUrl: created.webhookUrl,
      webhookSecret: created.webhookSecret,
    },
    { status: 201 },
  );
});
