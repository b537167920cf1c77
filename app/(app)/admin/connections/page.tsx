import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getDb } from "@/db/client";
import { ConnectionsTable } from "@/components/connections/connections-table";
import { CreateConnectionDialog } from "@/components/connections/create-connection-dialog";
import type { ConnectionListItem } from "@/components/connections/types";
import { PageHeader } from "@/components/shell/page-header";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { listConnections } from "@/lib/pos/connections";
import { listConnectionHealth } from "@/lib/sync/queries";
import { canReceiveTestEvent } from "@/lib/sync/test-event";
import { listStoreOptions } from "@/lib/users/service";

export const metadata: Metadata = { title: "Connections" };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export default async function ConnectionsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "connections.manage")) forbidden();
  const db = getDb();
  const [connections, stores, health] = await Promise.all([listConnections(db), listStoreOptions(db), listConnectionHealth(db, viewer)]);
  const healthById = new Map(health.map((h) => [h.id, h]));

  // only what the table and the edit form show: never a secret, only its masked hint
  const items: ConnectionListItem[] = connections.map((c) => {
    const h = healthById.get(c.id);
    return {
      id: c.id,
      provider: c.provider,
      name: c.name,
      isActive: c.isActive,
      stores: c.stores,
      webhookSecretHint: c.hasWebhookSecret ? (c.webhookSecretHint ?? "Set") : null,
      credentialsHint: c.hasCredentials ? (c.credentialsHint ?? "Set") : null,
      webhookUrl: c.webhookUrl,
      notificationUrl: typeof c.config.notificationUrl === "string" ? c.config.notificationUrl : null,
      apiBaseUrl: typeof c.config.apiBaseUrl === "string" ? c.config.apiBaseUrl : null,
      canReceiveTestEvent: canReceiveTestEvent(c.provider),
      health: h
        ? { lastReceivedAt: iso(h.lastReceivedAt), dead24h: h.dead24h, lastSyncAt: iso(h.lastSyncAt), lastSyncStatus: h.lastSyncStatus, lastError: h.lastError }
        : null,
    };
  });

  return (
    <>
      <PageHeader
        title="Connections"
        description="The point-of-sale platforms that send sales to Vitrine, and which store each of their locations is. Every change is audited."
        actions={<CreateConnectionDialog stores={stores} />}
      />
      <ConnectionsTable connections={items} stores={stores} />
    </>
  );
}
