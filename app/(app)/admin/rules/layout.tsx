import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";

/** The permission gate sits above the loading boundary, so a refusal is a real 403; the page checks again. */
export default async function RulesLayout({ children }: { children: ReactNode }) {
  if (!can(await requireViewer(), "rules.manage")) forbidden();
  return children;
}
