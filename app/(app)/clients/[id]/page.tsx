import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { getDb } from "@/db/client";
import { ClientNotes } from "@/components/clienteling/client-notes";
import { ClientProfile } from "@/components/clienteling/client-profile";
import { OpenWork } from "@/components/clienteling/open-work";
import { OwnedItems } from "@/components/clienteling/owned-items";
import { PurchaseHistory } from "@/components/clienteling/purchase-history";
import { Suggestions } from "@/components/clienteling/suggestions";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { getClientCard } from "@/lib/clienteling/card";

export const metadata: Metadata = { title: "Client" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The clienteling card: who the client is, what they own, what is open, what to talk about. */
export default async function ClientCardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const viewer = await requireViewer();
  const card = await getClientCard({ db: getDb(), viewer, customerId: id, activeStoreId: await getActiveStoreId(viewer) });
  if (!card) notFound();
  const { client } = card;
  const timezone = client.homeStore?.timezone ?? viewer.stores[0]?.timezone ?? "UTC";

  return (
    <>
      <Link href="/clients" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ChevronLeft aria-hidden className="size-4" /> Clients
      </Link>
      <PageHeader
        title={`${client.firstName} ${client.lastName}`}
        description={client.homeStore ? `Client of ${client.homeStore.name}` : "Client"}
        actions={client.doNotContact ? <Badge variant="destructive">Do not contact</Badge> : null}
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="space-y-6">
          <ClientProfile client={client} />
          <ClientNotes notes={card.notes} customerId={client.id} storeId={card.actingStoreId} canNote={card.can.note} timezone={timezone} />
        </div>
        <div className="min-w-0 space-y-6">
          <Suggestions talkingPoints={card.talkingPoints} suggestions={card.suggestions} storeId={card.actingStoreId} canFeedback={card.can.feedback} />
          <OwnedItems items={card.ownedItems} />
          <OpenWork tickets={card.openTickets} drafts={card.drafts} />
          <PurchaseHistory purchases={card.purchases} />
        </div>
      </div>
    </>
  );
}
