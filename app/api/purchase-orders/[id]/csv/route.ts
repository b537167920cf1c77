import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { purchaseOrderCsv } from "@/lib/review/execute/csv";
import { getPurchaseOrder } from "@/lib/review/execute/queries";

export const dynamic = "force-dynamic";

const orderId = z.uuid();

/** One purchase order (or transfer request) as CSV, one row per line; orders outside the viewer's stores are not found. */
export const GET = route({ permission: "purchase_orders.manage", query: z.object({}) }, async (_query, { db, viewer, request, req }) => {
  const id = orderId.safeParse(req.nextUrl.pathname.split("/").at(-2));
  const order = id.success ? await getPurchaseOrder(db, viewer, id.data) : null;
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
