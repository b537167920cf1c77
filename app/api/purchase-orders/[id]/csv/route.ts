import { z } from "zod";
import type { NextRequest } from "next/server";
import { appendAudit } from "@/lib/audit/append";
import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { purchaseOrderCsv } from "@/lib/review/execute/csv";
import { getPurchaseOrder } from "@/lib/review/execute/queries";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid() });

/** One purchase order (or transfer request) as CSV, one row per line. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = paramsSchema.safeParse(await params);
  const handler = route({ permission: "purchase_orders.manage", query: z.object({}) }, async (_query, { db, viewer, request }) => {
    const order = parsed.success ? await getPurchaseOrder(db, viewer, parsed.data.id) : null;
    if (!order) throw new AppError("not_found", "That purchase order does not exist or is not in your stores.");
    await appendAudit(db, {
      actorType: "user",
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "purchase_order.exported",
      targetType: "purchase_order",
      targetId: order.id,
      storeId: order.storeId,
      details: { number: order.number, lines: order.lines.length },
      ip: request.ip,
      requestId: request.requestId,
    });
    return new Response(purchaseOrderCsv(order), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${order.number}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
  return handler(req);
}
