import type { PosProvider } from "@/db/schema/enums";

/** A connection as the admin table shows it: the webhook secret only as its masked hint. */
export type ConnectionListItem = {
  id: string;
  provider: PosProvider;
  name: string;
  isActive: boolean;
  stores: { id: string; code: string; name: string; locationRef: string }[];
  /** "••••a1b2", or null when no secret is set */
  webhookSecretHint: string | null;
  webhookUrl: string;
  notificationUrl: string | null;
};
