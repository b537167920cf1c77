"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useState, useTransition, type FormEvent } from "react";
import { bulkDecideAction } from "@/app/(app)/queue/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field";
import { fieldControlClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Notice } from "@/components/ui/notice";
import type { BulkResult } from "@/lib/review/decide";
import { KIND_SINGULAR, REJECT_REASON_KEYS, REJECT_REASONS, STATUS_LABEL, type QueueStatus, type RejectReason, type ReviewKind } from "@/lib/review/kinds";

export type BulkItem = { id: string; version: number; kind: ReviewKind; title: string };

/** "3 client messages", "1 service ticket and 2 clienteling notes". */
export function describeKinds(items: { kind: ReviewKind }[]): string {
  const counts = new Map<ReviewKind, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${KIND_SINGULAR[kind]}${n === 1 ? "" : "s"}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "");
}

/** Confirms a bulk decision (how many, which kinds), runs it, and shows each draft's outcome. */
export function BulkDialog({
  decision,
  items,
  onOpenChange,
  onDone,
}: {
  /** null: closed */
  decision: "approve" | "reject" | null;
  items: BulkItem[];
  onOpenChange: (open: boolean) => void;
  onDone: (results: BulkResult[]) => void;
}) {
  const [isPending, startTransition] = useTransition();
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<RejectReason | "">("");
  const [note, setNote] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  // the selection is cleared once the decisions are made: keep the titles the results refer to
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const verb = decision === "reject" ? "Reject" : "Approve";
  const what = describeKinds(items);

  const close = (open: boolean) => {
    if (open) return;
    setResults(null);
    setError(null);
    setReason("");
    setNote("");
    setFieldErrors({});
    onOpenChange(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!decision) return;
    if (decision === "reject" && !reason) return setFieldErrors({ reason: ["Choose a reason."] });
    if (decision === "reject" && reason === "other" && !note.trim()) return setFieldErrors({ note: ["Say why the drafts are rejected."] });
    setFieldErrors({});
    setTitles(new Map(items.map((item) => [item.id, item.title])));
    startTransition(async () => {
      const result = await bulkDecideAction({
        items: items.map(({ id, version }) => ({ id, version })),
        decision,
        ...(decision === "reject" ? { reason: reason as RejectReason, note: note.trim() || null } : {}),
      });
      if (!result.ok) return setError(result.message);
      setResults(result.data);
      onDone(result.data);
    });
  };

  const succeeded = results?.filter((r) => r.ok).length ?? 0;

  return (
    <Dialog open={decision !== null} onOpenChange={close}>
      <DialogContent className="max-w-xl">
        {results ? (
          <>
            <DialogHeader>
              <DialogTitle>
                {succeeded} of {results.length} {decision === "reject" ? "rejected" : "approved"}
              </DialogTitle>
              <DialogDescription>Each draft is decided on its own: one that could not be does not undo the others.</DialogDescription>
            </DialogHeader>
            <ul aria-label="Results" className="max-h-72 space-y-1.5 overflow-y-auto text-sm">
              {results.map((result) => (
                <li key={result.id} className="flex items-start gap-2">
                  {result.ok ? (
                    <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                  ) : (
                    <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
                  )}
                  <span className="min-w-0">
                    <span className="font-medium">{titles.get(result.id)}</span>
                    <span className={cn("block text-xs", result.ok ? "text-muted-foreground" : "text-destructive")}>
                      {result.ok ? STATUS_LABEL[result.status as QueueStatus] ?? result.status : result.message}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
            <DialogFooter>
              <Button autoFocus onClick={() => close(false)}>
                Done
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={submit} className="grid gap-5">
            <DialogHeader>
              <DialogTitle>
                {verb} {what}?
              </DialogTitle>
              <DialogDescription>
                {decision === "reject"
                  ? "They leave the queue and nothing is sent or ordered."
                  : "Each is checked again before it is approved (consent, returns, stock); one whose facts changed is held back with the reason."}
              </DialogDescription>
            </DialogHeader>
            <ul aria-label="Selected drafts" className="max-h-48 list-disc space-y-0.5 overflow-y-auto pl-5 text-sm">
              {items.map((item) => (
                <li key={item.id}>{item.title}</li>
              ))}
            </ul>
            {decision === "reject" ? (
              <>
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor="bulk-reason">Reason</Label>
                  <NativeSelect id="bulk-reason" value={reason} autoFocus onChange={(event) => setReason(event.target.value as RejectReason | "")} aria-invalid={fieldErrors.reason ? true : undefined}>
                    <option value="">Choose a reason…</option>
                    {REJECT_REASON_KEYS.map((key) => (
                      <option key={key} value={key}>
                        {REJECT_REASONS[key]}
                      </option>
                    ))}
                  </NativeSelect>
                  <FieldError id="bulk-reason" errors={fieldErrors.reason} />
                </div>
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor="bulk-note">Note {reason === "other" ? "(required)" : "(optional)"}</Label>
                  <textarea id="bulk-note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} className={cn(fieldControlClass, "h-auto py-2")} />
                  <FieldError id="bulk-note" errors={fieldErrors.note} />
                </div>
              </>
            ) : null}
            {error ? <Notice tone="error">{error}</Notice> : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="ghost">
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" autoFocus={decision === "approve"} variant={decision === "reject" ? "destructive" : "default"} disabled={isPending}>
                {isPending ? (decision === "reject" ? "Rejecting…" : "Approving…") : `${verb} ${items.length}`}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
