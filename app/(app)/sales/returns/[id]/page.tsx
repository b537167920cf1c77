import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formatDateTime, formatMoney } from "@/components/format";
import { Fact, FactList } from "@/components/registry/fact-list";
import { posSourceLabel } from "@/components/sales/pos-source";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireViewer } from "@/lib/auth/session";
import { pieceName } from "@/lib/clienteling/labels";
import { canLookUpItems } from "@/lib/clienteling/scope";
import { getReturn, type ReturnDetail } from "@/lib/sales/return";

export const metadata: Metadata = { title: "Return" };

function OriginalSale({ sale }: { sale: NonNullable<ReturnDetail["sale"]> }) {
  const label = `Sale ${sale.externalId}`;
  return (
    <FactList>
      <Fact label="Sale">
        {sale.canOpen ? (
          <Link href={`/sales/${sale.id}`} className="font-mono text-xs underline underline-offset-4">
            {label}
          </Link>
        ) : (
          <span className="font-mono text-xs">{label}</span>
        )}
        {sale.lineNo !== null ? <span className="text-xs text-muted-foreground"> · line {sale.lineNo}</span> : null}
      </Fact>
      <Fact label="Sold">
        <time dateTime={sale.completedAt.toISOString()}>{formatDateTime(sale.completedAt, sale.store.timezone)}</time>
      </Fact>
      <Fact label="Store">{sale.store.name}</Fact>
      <Fact label="Sale total">{formatMoney(sale.totalMinor, sale.currency)}</Fact>
    </FactList>
  );
}

/** One returned line: when and where it came back, the refund, and the sale it refunds. */
export default async function ReturnPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!canLookUpItems(viewer)) forbidden();
  const id = z.uuid().safeParse((await params).id);
  const detail = id.success ? await getReturn({ db: getDb(), viewer, returnId: id.data }) : null;
  if (!detail) notFound();
  const when = formatDateTime(detail.returnedAt, detail.store.timezone);

  return (
    <>
      <PageHeader
        title={`Return ${detail.externalId}`}
        description={`${detail.store.name} · ${when}`}
        actions={<Badge variant="warning">Refund {formatMoney(detail.refundMinor, detail.currency)}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="return-facts">
          <CardHeader>
            <CardTitle id="return-facts">The return</CardTitle>
          </CardHeader>
          <CardContent>
            <FactList>
              <Fact label="Store">{detail.store.name}</Fact>
              <Fact label="Date">
                <time dateTime={detail.returnedAt.toISOString()}>{when}</time>
              </Fact>
              <Fact label="POS">{posSourceLabel(detail.provider)}</Fact>
              <Fact label="POS reference">
                <span className="font-mono text-xs break-all">{detail.externalId}</span>
              </Fact>
              {detail.customer !== undefined ? (
                <Fact label="Client">
                  {detail.customer ? (
                    <Link href={`/clients/${detail.customer.id}`} className="underline-offset-4 hover:underline">
                      {detail.customer.name}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </Fact>
              ) : null}
              <Fact label="Piece">
                {detail.product ? pieceName(detail.product.brand, detail.product.name) : "—"}
                {detail.product ? <span className="block text-xs text-muted-foreground">{detail.product.sku}</span> : null}
              </Fact>
              <Fact label="Serial">
                {detail.serial?.itemId ? (
                  <Link href={`/items/${detail.serial.itemId}`} className="font-mono underline underline-offset-4">
                    {detail.serial.number}
                  </Link>
                ) : (
                  <span className="font-mono">{detail.serial?.number ?? "—"}</span>
                )}
              </Fact>
              <Fact label="Quantity">{detail.quantity}</Fact>
              <Fact label="Refund">{formatMoney(detail.refundMinor, detail.currency)}</Fact>
              <Fact label="Reason">{detail.reason ?? <span className="text-muted-foreground">—</span>}</Fact>
            </FactList>
          </CardContent>
        </Card>
        <Card aria-labelledby="return-sale" className="self-start">
          <CardHeader>
            <CardTitle id="return-sale">Refunds</CardTitle>
          </CardHeader>
          <CardContent>
            {detail.sale ? (
              <OriginalSale sale={detail.sale} />
            ) : (
              <p className="text-sm text-muted-foreground">The POS did not tie this refund to a sale.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
