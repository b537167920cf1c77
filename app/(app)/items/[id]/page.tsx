import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { TriangleAlert } from "lucide-react";
import { getDb } from "@/db/client";
import { formatDate, formatDay } from "@/components/format";
import { WarrantyBadge } from "@/components/clienteling/warranty-badge";
import { CustodyTimeline } from "@/components/registry/custody-timeline";
import { Fact, FactList } from "@/components/registry/fact-list";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { canLookUpItems } from "@/lib/clienteling/scope";
import { ITEM_STATUS_LABEL, pieceName } from "@/lib/clienteling/labels";
import { FLAG_LABEL } from "@/lib/registry/flag-labels";
import { getRegistryItem } from "@/lib/registry/item";

export const metadata: Metadata = { title: "Item" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A serialized piece in the registry: what it is, who owns it, its warranty, chain of custody and integrity flags. */
export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!canLookUpItems(viewer)) forbidden();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const item = await getRegistryItem({ db: getDb(), viewer, itemId: id });
  if (!item) notFound();

  return (
    <>
      <PageHeader
        title={pieceName(item.product.brand, item.product.name)}
        description={
          <>
            Serial <span className="font-mono text-foreground">{item.serialNumber}</span> · {item.product.sku}
          </>
        }
        actions={<Badge variant="outline">{ITEM_STATUS_LABEL[item.status]}</Badge>}
      />
      {item.flags.length > 0 ? (
        <section aria-labelledby="item-flags" className="mb-6 rounded-xl border border-destructive/30 bg-destructive/5 px-4 py-3">
          <h2 id="item-flags" className="flex items-center gap-2 text-sm font-medium text-destructive">
            <TriangleAlert aria-hidden className="size-4" /> Integrity flags
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {item.flags.map((flag, index) => (
              <li key={`${flag.kind}-${index}`}>
                <span className="font-medium">{FLAG_LABEL[flag.kind].title}</span>
                <span className="text-muted-foreground"> — {FLAG_LABEL[flag.kind].description} ({formatDate(flag.detectedAt)})</span>
              </li>
            ))}
          </ul>
          {can(viewer, "inventory.read") ? (
            <Link href="/items/flags" className="mt-2 inline-block text-xs underline underline-offset-4">
              All flags in your stores
            </Link>
          ) : null}
        </section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <Card aria-labelledby="item-facts">
          <CardHeader>
            <CardTitle id="item-facts">The piece</CardTitle>
          </CardHeader>
          <CardContent>
            <FactList>
              <Fact label="Product">
                {pieceName(item.product.brand, item.product.name)}
                <span className="block text-xs text-muted-foreground capitalize">{item.product.category.replaceAll("_", " ")}</span>
              </Fact>
              <Fact label="Serial">
                <span className="font-mono">{item.serialNumber}</span>
              </Fact>
              {item.owner !== undefined ? (
                <Fact label="Owner">
                  {item.owner ? (
                    <Link href={`/clients/${item.owner.id}`} className="underline-offset-4 hover:underline">
                      {item.owner.name}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </Fact>
              ) : null}
              <Fact label="Store">{item.store?.name ?? "—"}</Fact>
              <Fact label="Sold">{item.soldAt ? formatDate(item.soldAt, item.store?.timezone) : "—"}</Fact>
              <Fact label="Warranty">
                <WarrantyBadge status={item.warranty} endsOn={item.warrantyEndsOn} />
              </Fact>
              <Fact label="Next service">{item.nextServiceDueOn ? formatDay(item.nextServiceDueOn) : "—"}</Fact>
            </FactList>
          </CardContent>
        </Card>
        <Card aria-labelledby="item-custody">
          <CardHeader>
            <CardTitle id="item-custody">Chain of custody</CardTitle>
          </CardHeader>
          <CardContent>
            <CustodyTimeline steps={item.custody} flags={item.flags} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
