import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";

/** Gated above this view's loading boundary, so a refusal is a real 403 (as in ../layout.tsx). */
export default async function DuplicatesLayout({ children }: { children: ReactNode }) {
  if (!can(await requireViewer(), "customers.merge")) forbidden();
  return children;
}
