import type { CustodyKind, DraftKind, DraftStatus, ItemStatus, ServiceKind, TicketStatus } from "@/db/schema/enums";

export const SERVICE_KIND_LABEL: Record<ServiceKind, string> = {
  regulation: "Regulation",
  full_service: "Full service",
  battery: "Battery",
  water_resistance: "Water-resistance test",
  cleaning: "Cleaning",
  resizing: "Resizing",
  rhodium_plating: "Rhodium plating",
  restringing: "Restringing",
  warranty_registration: "Warranty registration",
  sensor_cleaning: "Sensor cleaning",
  repair: "Repair",
  complaint: "Complaint",
};

export const TICKET_STATUS_LABEL: Record<TicketStatus, string> = {
  open: "open",
  in_progress: "in progress",
  waiting_parts: "waiting for parts",
  ready: "ready",
  closed: "done",
  cancelled: "cancelled",
};

export const DRAFT_KIND_LABEL: Record<DraftKind, string> = {
  client_message: "Client message",
  service_ticket: "Service ticket",
  purchase_recommendation: "Purchase recommendation",
  clienteling_note: "Clienteling note",
  return_assessment: "Return assessment",
  consignment_offer: "Consignment offer",
};

export const DRAFT_STATUS_LABEL: Record<DraftStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  expired: "Expired",
  superseded: "Superseded",
  cancelled: "Cancelled",
  executed: "Executed",
  held: "Held",
  execution_failed: "Execution failed",
  generation_failed: "Generation failed",
};

export const ITEM_STATUS_LABEL: Record<ItemStatus, string> = {
  in_stock: "In stock",
  sold: "Sold",
  in_service: "In service",
  returned: "Returned",
  consigned: "Consigned",
};

export const CUSTODY_KIND_LABEL: Record<CustodyKind, string> = {
  received: "Received",
  sold: "Sold",
  registered: "Registered",
  in_service: "In service",
  service_completed: "Service completed",
  returned: "Returned",
  resold: "Resold",
  consigned: "Consigned",
  transferred: "Transferred",
};

/** A piece's display name: product names often begin with their brand already ("Aurelian Automatic 38"). */
export function pieceName(brand: string | null, name: string | null): string {
  if (!name) return brand ?? "";
  if (!brand || name.toLowerCase().startsWith(brand.toLowerCase())) return name;
  return `${brand} ${name}`;
}
