import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";

/** Gate above the loading boundary, so a refusal is a real 403 (see inventory/layout.tsx). The pages check again. */
export default async function ReplenishmentLayout({ children }: { children: ReactNode }) {
  if (!can(await requireViewer(), "forecast.read")) forbidden();
  return children;
}
