"use client";

import { Copy, PencilLine, Plug } from "lucide-react";
import { useState } from "react";
import { Notice } from "@/components/ui/notice";
import { providerLabel } from "@/components/sync/provider-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { StoreOption } from "@/components/users/types";
import { ConnectionHealthCell } from "./connection-health-cell";
import { EditConnectionForm } from "./edit-connection-dialog";
import { TestEventButton, type TestEventReport } from "./test-event-button";
import type { ConnectionListItem } from "./types";

export function ConnectionsTable({ connections, stores }: { connections: ConnectionListItem[]; stores: StoreOption[] }) {
  const [editing, setEditing] = useState<ConnectionListItem | null>(null);
  const [report, setReport] = useState<TestEventReport | null>(null);
  const close = () => setEditing(null);

  if (connections.length === 0) {
    return <EmptyState icon={Plug} title="No connection yet" description="Add one for each point-of-sale account that should send its sales to Vitrine." />;
  }

  return (
    <>
      {report ? (
        <Notice tone={report.ok ? "success" : "error"} className="mb-4">
          <span className="font-medium">Test event to {report.connectionName}:</span> {report.message}
        </Notice>
      ) : null}
      <Table label="POS connections">
        <TableCaption>Point-of-sale connections</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Name</TableHead>
            <TableHead>Stores</TableHead>
            <TableHead>Health</TableHead>
            <TableHead>Webhook URL</TableHead>
            <TableHead>Secrets</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {connections.map((connection) => (
            <TableRow key={connection.id} data-state={connection.isActive ? undefined : "inactive"} className="data-[state=inactive]:text-muted-foreground">
              <TableCell className="min-w-44">
                <div className="font-medium">{connection.name}</div>
                <div className="mt-0.5 flex items-center gap-1.5 text-xs text-muted-foreground">
                  {providerLabel(connection.provider)}
                  {connection.isActive ? <Badge variant="success">Active</Badge> : <Badge variant="destructive">Inactive</Badge>}
                </div>
              </TableCell>
              <TableCell>
                {connection.stores.length === 0 ? (
                  <span className="text-destructive">None</span>
                ) : (
                  <span className="flex flex-wrap gap-1">
                    {connection.stores.map((s) => (
                      <abbr key={`${s.id}-${s.locationRef}`} title={`${s.name} (location ${s.locationRef})`} className="rounded border px-1.5 py-px font-mono text-[0.7rem] no-underline">
                        {s.code}
                      </abbr>
                    ))}
                  </span>
                )}
              </TableCell>
              <TableCell>
                <ConnectionHealthCell provider={connection.provider} health={connection.health} />
              </TableCell>
              <TableCell>
                <CopyField label={`Webhook URL of ${connection.name}`} value={connection.webhookUrl} />
              </TableCell>
              <TableCell>
                <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs whitespace-nowrap">
                  <dt className="text-muted-foreground">Webhook</dt>
                  <dd>{secretHint(connection.webhookSecretHint, connection.canReceiveTestEvent ? "Not set" : "—")}</dd>
                  <dt className="text-muted-foreground">API</dt>
                  <dd>{secretHint(connection.credentialsHint, "Not set")}</dd>
                </dl>
              </TableCell>
              <TableCell>
                <div className="flex items-center justify-end gap-1">
                  <TestEventButton connection={connection} onReport={setReport} />
                  <Button variant="ghost" size="icon-sm" aria-label={`Edit ${connection.name}`} onClick={() => setEditing(connection)}>
                    <PencilLine aria-hidden />
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Dialog open={editing !== null} onOpenChange={(open) => (open ? undefined : close())}>
        <DialogContent>{editing ? <EditConnectionForm key={editing.id} connection={editing} stores={stores} onDone={close} /> : null}</DialogContent>
      </Dialog>
    </>
  );
}

function secretHint(hint: string | null, missing: string) {
  if (hint) return <span className="font-mono">{hint}</span>;
  return <span className={missing === "—" ? "text-muted-foreground" : "text-destructive"}>{missing}</span>;
}

function CopyField({ label, value }: { label: string; value: string }) {
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      toast("Copied the webhook URL.");
    } catch {
      toast("Could not copy: select the URL and copy it by hand.", "error");
    }
  }
  return (
    <div className="flex min-w-56 items-center gap-1">
      <Input readOnly aria-label={label} value={value} className="h-8 font-mono text-xs" onFocus={(event) => event.currentTarget.select()} />
      <Button type="button" variant="ghost" size="icon-sm" aria-label={`Copy ${label}`} onClick={copy}>
        <Copy aria-hidden />
      </Button>
    </div>
  );
}
