import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PackageOpen } from "lucide-react";
import { getDb } from "@/db/client";
import { PurchaseOrderTable } from "@/components/purchase-orders/purchase-order-table";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { listPurchaseOrders } from "@/lib/review/execute/queries";

export const metadata: Metadata = { title: "Purchase orders" };

const SHOWN = 100;

export default async function PurchaseOrdersPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "purchase_orders.manage")) forbidden();
  const orders = await listPurchaseOrders(getDb(), viewer, SHOWN);
  return (
    <>
      <PageHeader title="Purchase orders" description={`Orders and transfer requests raised from approved recommendations, newest first (up to ${SHOWN}).`} />
      {orders.length === 0 ? (
        <EmptyState icon={PackageOpen} title="No purchase orders yet" description="Approving a purchase recommendation in the review queue raises one here." />
      ) : (
        <PurchaseOrderTable orders={orders} />
      )}
    </>
  );
}
