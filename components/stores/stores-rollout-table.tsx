"use client";

import { PencilLine, Store } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EditRolloutForm } from "./edit-rollout-form";
import { ReleaseHeldForm } from "./release-held-form";
import { PHASE_LABEL, type StoreRolloutItem } from "./types";

type Open = { store: StoreRolloutItem; dialog: "edit" | "release" } | null;

export function StoresRolloutTable({ stores }: { stores: StoreRolloutItem[] }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  if (stores.length === 0) {
    return <EmptyState icon={Store} title="No store yet" description="Stores appear here once they exist; each starts in phase 1, insights only." />;
  }

  return (
    <>
      <Table label="Store rollout">
        <TableCaption>Rollout phase, go-live and held approvals per store</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Store</TableHead>
            <TableHead>Phase</TableHead>
            <TableHead>Go-live</TableHead>
            <TableHead>Held approvals</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {stores.map((store) => (
            <TableRow key={store.id}>
              <TableCell className="min-w-44">
                <div className="font-medium">{store.name}</div>
                <div className="font-mono text-xs text-muted-foreground">{store.code}</div>
              </TableCell>
              <TableCell>
                <Badge variant={store.phase === 3 ? "gold" : store.phase === 2 ? "success" : "neutral"}>
                  {store.phase} · {PHASE_LABEL[store.phase]}
                </Badge>
              </TableCell>
              <TableCell>
                <GoLive store={store} />
              </TableCell>
              <TableCell>
                {store.heldCount === 0 ? (
                  <span className="text-muted-foreground">None</span>
                ) : store.phase >= 2 ? (
                  <Button variant="outline" size="sm" onClick={() => setOpen({ store, dialog: "release" })}>
                    Execute {store.heldCount} held {store.heldCount === 1 ? "draft" : "drafts"}
                  </Button>
                ) : (
                  <span>
                    {store.heldCount} held <span className="text-xs text-muted-foreground">(executable from phase 2)</span>
                  </span>
                )}
              </TableCell>
              <TableCell>
                <Button variant="ghost" size="icon-sm" aria-label={`Edit rollout of ${store.name}`} onClick={() => setOpen({ store, dialog: "edit" })}>
                  <PencilLine aria-hidden />
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Dialog open={open !== null} onOpenChange={(isOpen) => (isOpen ? undefined : close())}>
        <DialogContent>
          {open?.dialog === "edit" ? <EditRolloutForm key={open.store.id} store={open.store} onDone={close} /> : null}
          {open?.dialog === "release" ? <ReleaseHeldForm key={open.store.id} store={open.store} onDone={close} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function GoLive({ store }: { store: StoreRolloutItem }) {
  if (!store.goLiveDate) return <span className="text-muted-foreground">Not live yet: every client-facing draft needs a human</span>;
  return (
    <div className="text-sm">
      <div>
        <time dateTime={store.goLiveDate}>{store.goLiveDate}</time>
        {store.daysSinceGoLive !== null && store.daysSinceGoLive >= 0 ? (
          <span className="text-muted-foreground"> · {store.daysSinceGoLive} days ago</span>
        ) : (
          <span className="text-muted-foreground"> · upcoming</span>
        )}
      </div>
      {store.isHumanOnly && store.humanOnlyUntil ? (
        <div className="text-xs text-warning">
          Human approval required until <time dateTime={store.humanOnlyUntil}>{store.humanOnlyUntil}</time>
        </div>
      ) : null}
    </div>
  );
}
