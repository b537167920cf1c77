import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { getDb } from "@/db/client";
import { formatDate } from "@/components/format";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { ITEM_STATUS_LABEL, pieceName } from "@/lib/clienteling/labels";
import { FLAG_LABEL } from "@/lib/registry/flag-labels";
import { listFlags } from "@/lib/registry/flags";

export const metadata: Metadata = { title: "Registry flags" };

/** Serial numbers whose chain of custody contradicts itself, in the viewer's stores. */
export default async function RegistryFlagsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "inventory.read")) forbidden();
  const rows = await listFlags({ db: getDb(), viewer, activeStoreId: await getActiveStoreId(viewer) });

  return (
    <>
      <PageHeader
        title="Registry flags"
        description="Serials sold twice without a return, sold before the registry knew them, or recorded on two products."
      />
      {rows.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="No flags" description="Every serial in your stores has a consistent chain of custody." />
      ) : (
        <Table label="Registry flags">
          <TableCaption>Integrity flags, newest first{rows.length === 200 ? " (the latest 200)" : ""}</TableCaption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Flag</TableHead>
              <TableHead>Serial</TableHead>
              <TableHead>Piece</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Store</TableHead>
              <TableHead>Since</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, index) => (
              <TableRow key={`${row.itemId}-${row.kind}-${index}`}>
                <TableCell>
                  <Badge variant="destructive">{FLAG_LABEL[row.kind].title}</Badge>
                </TableCell>
                <TableCell>
                  <Link href={`/items/${row.itemId}`} className="font-mono text-sm underline-offset-4 hover:underline">
                    {row.serialNumber}
                  </Link>
                </TableCell>
                <TableCell>{pieceName(row.brand, row.productName)}</TableCell>
                <TableCell>{ITEM_STATUS_LABEL[row.status]}</TableCell>
                <TableCell>{row.store?.name ?? "—"}</TableCell>
                <TableCell className="whitespace-nowrap tabular-nums">{formatDate(row.detectedAt, row.store?.timezone)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
