import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";

/** Gate above the loading boundary, so a refusal is a real 403 (see inventory/layout.tsx). */
export default async function SyncLayout({ children }: { children: ReactNode }) {
  if (!can(await requireViewer(), "sync.read")) forbidden();
  return children;
}
