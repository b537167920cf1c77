import { can, type Viewer } from "@/lib/auth/viewer";
import { canLookUpItems } from "@/lib/clienteling/scope";

/** What the header's search box offers this viewer; null when it can find nothing. */
export function searchPlaceholder(viewer: Viewer): string | null {
  if (can(viewer, "customers.read")) return "Search clients, e-mail, phone, serial…";
  if (canLookUpItems(viewer)) return "Search serial numbers…";
  return null;
}
