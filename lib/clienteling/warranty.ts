export type WarrantyStatus = "active" | "expiring" | "expired" | "none";

const EXPIRING_WITHIN_DAYS = 90;

/** Under warranty, ending within 90 days, ended, or none at all; `today` and the end date are yyyy-mm-dd. */
export function warrantyStatus(endsOn: string | null, today: string): WarrantyStatus {
  if (!endsOn) return "none";
  if (endsOn < today) return "expired";
  const days = (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= EXPIRING_WITHIN_DAYS ? "expiring" : "active";
}
