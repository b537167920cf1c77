import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/components/format";
import { FactStrip } from "@/components/registry/fact-list";
import { posSourceLabel } from "@/components/sales/pos-source";
import { SaleLines } from "@/components/sales/sale-lines";
import { SaleReturns } from "@/components/sales/sale-returns";
import { SaleStateBadge } from "@/components/sales/sale-state-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireViewer } from "@/lib/auth/session";
import { canLookUpItems } from "@/lib/clienteling/scope";
import { getSale, type SaleDetail } from "@/lib/sales/sale";

export const metadata: Metadata = { title: "Sale" };

function SaleClient({ client }: { client: NonNullable<SaleDetail["customer"]> | null }) {
  if (!client) return <span className="text-muted-foreground">No client on the sale</span>;
  return (
    <Link href={`/clients/${client.id}`} className="underline-offset-4 hover:underline">
      {client.name}
    </Link>
  );
}

/** A sale as its receipt reads, with the returns made against it; its serials lead to the registry. */
export default async function SalePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!canLookUpItems(viewer)) forbidden();
  const id = z.uuid().safeParse((await params).id);
  const sale = id.success ? await getSale({ db: getDb(), viewer, saleId: id.data }) : null;
  if (!sale) notFound();
  const when = formatDateTime(sale.completedAt, sale.store.timezone);

  return (
    <>
      <PageHeader
        title={`Sale ${sale.externalId}`}
        description={`${sale.store.name} · ${when}`}
        actions={<SaleStateBadge state={sale.state} />}
      />
      <section aria-label="The sale" className="mb-6">
        <FactStrip
          facts={[
            { label: "Store", value: sale.store.name },
            { label: "Date", value: <time dateTime={sale.completedAt.toISOString()}>{when}</time> },
            { label: "POS", value: posSourceLabel(sale.provider) },
            { label: "POS reference", value: <span className="font-mono text-xs break-all">{sale.externalId}</span> },
            { label: "Associate", value: sale.associate?.name ?? <span className="text-muted-foreground">—</span> },
            ...(sale.customer !== undefined ? [{ label: "Client", value: <SaleClient client={sale.customer} /> }] : []),
          ]}
        />
      </section>
      <div className="space-y-6">
        <Card aria-labelledby="sale-lines">
          <CardHeader>
            <CardTitle id="sale-lines">Lines</CardTitle>
          </CardHeader>
          <CardContent>
            <SaleLines sale={sale} />
          </CardContent>
        </Card>
        <Card aria-labelledby="sale-returns">
          <CardHeader>
            <CardTitle id="sale-returns">Returns</CardTitle>
          </CardHeader>
          <CardContent>
            <SaleReturns returns={sale.returns} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
