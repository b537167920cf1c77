import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";

/** Gate above any loading boundary, so a refusal is a real 403 (managers do not manage orders). */
export default async function PurchaseOrdersLayout({ children }: { children: ReactNode }) {
  if (!can(await requireViewer(), "purchase_orders.manage")) forbidden();
  return children;
}
