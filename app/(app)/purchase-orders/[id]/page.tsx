import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { Download } from "lucide-react";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formatDateTime, formatMoney } from "@/components/format";
import { ORDER_STATUS_LABEL, ORDER_TYPE_LABEL } from "@/components/purchase-orders/order-labels";
import { PosTransferStatus } from "@/components/purchase-orders/pos-transfer-status";
import { PurchaseOrderLines } from "@/components/purchase-orders/purchase-order-lines";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { getPurchaseOrder } from "@/lib/review/execute/queries";

export const metadata: Metadata = { title: "Purchase order" };

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!can(viewer, "purchase_orders.manage")) forbidden();
  const id = z.uuid().safeParse((await params).id);
  const order = id.success ? await getPurchaseOrder(getDb(), viewer, id.data) : null;
  if (!order) notFound();

  const facts: [string, string][] = [
    ["Type", ORDER_TYPE_LABEL[order.type]],
    ["Status", ORDER_STATUS_LABEL[order.status] ?? order.status],
    ["Store", order.storeName],
    order.type === "transfer" ? ["From store", order.fromStoreName ?? "—"] : ["Supplier", order.supplier ?? "—"],
    ["Total cost", formatMoney(order.totalCostMinor, order.currency)],
    ["Created", formatDateTime(order.createdAt)],
    ["Approved by", order.createdByName ?? "—"],
  ];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/purchase-orders" className="text-muted-foreground underline-offset-4 hover:underline">
          ← Purchase orders
        </Link>
      </p>
      <PageHeader
        title={order.number}
        description={order.type === "transfer" ? "A request to move stock between stores." : "An order to a supplier."}
        actions={
          <a href={`/api/purchase-orders/${order.id}/csv`} className={buttonVariants({ variant: "outline", size: "sm" })} download>
            <Download aria-hidden /> Download CSV
          </a>
        }
      />
      <dl className="mb-6 grid grid-cols-1 gap-x-8 gap-y-3 rounded-xl border bg-card p-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {facts.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-xs tracking-wide text-muted-foreground uppercase">{term}</dt>
            <dd className="mt-0.5 truncate">{value}</dd>
          </div>
        ))}
        {order.pos ? (
          <div className="min-w-0 sm:col-span-2">
            <dt className="text-xs tracking-wide text-muted-foreground uppercase">POS transfer</dt>
            <dd className="mt-0.5">
              <PosTransferStatus pos={order.pos} number={order.number} />
            </dd>
          </div>
        ) : null}
      </dl>
      <PurchaseOrderLines order={order} />
    </>
  );
}
