import type { DraftKind } from "@/db/schema";

/** Client messages a client may receive drafts for in any 7 days (`DRAFT_CLIENT_MESSAGE_CAP`, default 1). */
export function clientMessageCap(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DRAFT_CLIENT_MESSAGE_CAP?.trim();
  if (!raw) return 1;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`DRAFT_CLIENT_MESSAGE_CAP=${raw} is not a whole number of messages (0 or more).`);
  }
  return value;
}

export const CAP_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

/** How long a pending draft stays useful before it expires unreviewed. */
export const EXPIRY_DAYS: Partial<Record<DraftKind, number>> = {
  client_message: 7,
  clienteling_note: 14,
  service_ticket: 30,
};

export function expiresAt(kind: DraftKind, now: Date): Date | null {
  const days = EXPIRY_DAYS[kind];
  return days === undefined ? null : new Date(now.getTime() + days * DAY_MS);
}

const BASE_PRIORITY: Partial<Record<DraftKind, number>> = {
  client_message: 60,
  clienteling_note: 70,
  service_ticket: 40,
};

/** 0–100: a high-value client's drafts come first; a warranty registration has a 30-day deadline. */
export function priorityFor(kind: DraftKind, options: { isHighValue: boolean; isRegistration?: boolean }): number {
  const base = (BASE_PRIORITY[kind] ?? 50) + (options.isRegistration ? 20 : 0);
  return Math.min(100, base + (options.isHighValue ? 20 : 0));
}
