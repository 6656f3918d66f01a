// GET /api/studio/sales[?item=:id] — the signed-in creator's settled sales as CSV
import { getSales } from "@/db/queries/sales";
import { requireCreator, requireCreatorItem } from "@/lib/studio/current-creator";
import { salesCsv } from "@/lib/studio/sales-csv";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function csvResponse(fileName: string, csv: string) {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "private, no-store",
    },
  });
}

export async function GET(request: Request) {
  const itemId = new URL(request.url).searchParams.get("item");
  if (itemId) {
    const access = await requireCreatorItem(itemId);
    if (!access.ok) return access.response;
    return csvResponse(`sales-${access.item.slug}.csv`, salesCsv(await getSales({ creatorId: access.creator.id, itemId })));
  }
  const access = await requireCreator();
  if (!access.ok) return access.response;
  return csvResponse("sales.csv", salesCsv(await getSales({ creatorId: access.creator.id })));
}
