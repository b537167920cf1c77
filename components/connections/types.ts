import type { PosProvider } from "@/db/schema/enums";

/** A connection's health as the admin table shows it (lib/sync/queries.ts listConnectionHealth). */
export type ConnectionHealthSummary = {
  lastReceivedAt: string | null;
  dead24h: number;
  lastSyncAt: string | null;
  lastSyncStatus: string | null;
  lastError: string | null;
};

/** A connection as the admin table shows it: secrets only as their masked hints. */
export type ConnectionListItem = {
  id: string;
  provider: PosProvider;
  name: string;
  isActive: boolean;
  stores: { id: string; code: string; name: string; locationRef: string }[];
  /** "••••a1b2", or null when no secret is set */
  webhookSecretHint: string | null;
  /** "••••a1b2", or null when no API credentials are set */
  credentialsHint: string | null;
  webhookUrl: string;
  notificationUrl: string | null;
  apiBaseUrl: string | null;
  canReceiveTestEvent: boolean;
  health: ConnectionHealthSummary | null;
};
