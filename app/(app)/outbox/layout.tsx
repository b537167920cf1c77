import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";

/** Gate above any loading boundary, so a refusal is a real 403. */
export default async function OutboxLayout({ children }: { children: ReactNode }) {
  if (!can(await requireViewer(), "drafts.review.client_message")) forbidden();
  return children;
}
