import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";

/**
 * The permission gate sits in a layout, above this section's loading boundary, so a refusal is
 * decided before anything streams and the response is a real 403. The page checks again.
 */
export default async function ConnectionsLayout({ children }: { children: ReactNode }) {
  if (!can(await requireViewer(), "connections.manage")) forbidden();
  return children;
}
