import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { visibleKinds } from "@/lib/review/queue";

/** Gate above the loading boundary, so a refusal is a real 403 (see inventory/layout.tsx). */
export default async function QueueLayout({ children }: { children: ReactNode }) {
  if (visibleKinds(await requireViewer()).length === 0) forbidden();
  return children;
}
