"use client";

import { Lock, X } from "lucide-react";
import type { Ref } from "react";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { KIND_SINGULAR, REJECT_REASONS, STATUS_LABEL, type QueueStatus, type RejectReason } from "@/lib/review/kinds";
import type { DraftDetail } from "@/lib/review/queue";
import { ClientSummary, DraftHistory, ModelFacts, PaneSection, SourceSale } from "./draft-facts";
import { DraftEditor } from "./draft-editor";
import type { DraftOutput } from "./draft-fields";
import { DraftText } from "./draft-text";
import { FlagBadges, PriorityBadge } from "./queue-list";
import { OutputDiff } from "./text-diff";

export type ClaimView = { holderName: string | null; until: string | null; mine: boolean };
export type PaneMessage = { tone: "error" | "success" | "info"; text: string };

function timeOf(value: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(value));
}

function Kbd({ children }: { children: string }) {
  return <kbd className="ml-1 rounded border border-current/25 px-1 font-mono text-[0.6875rem] opacity-70">{children}</kbd>;
}

/** The pane's heading: what a reviewer would call this draft (the list's one-liner can be cut short). */
function headingOf(detail: DraftDetail, shown: DraftOutput | null, listTitle: string | null): string {
  const text = (key: string) => (typeof shown?.[key] === "string" ? (shown[key] as string).trim() : "");
  const forClient = detail.client ? ` for ${detail.client.name}` : "";
  switch (detail.kind) {
    case "client_message":
      return shown?.channel === "sms" ? `Text message${forClient}` : text("subject") || `E-mail${forClient}`;
    case "service_ticket":
      return text("title") || `Service ticket${forClient}`;
    case "clienteling_note":
      return `Clienteling note${forClient}`;
    case "purchase_recommendation":
      return listTitle ?? "Purchase recommendation";
  }
}

const DECIDED_VERB: Partial<Record<QueueStatus, string>> = {
  approved: "Approved",
  held: "Approved",
  executed: "Approved",
  execution_failed: "Approved",
  rejected: "Rejected",
};

/** The open draft: its text (as text), why the AI wrote it, what it is based on, and what a reviewer can do with it. */
export function DraftPane({
  detail,
  title,
  timeZone,
  claim,
  isEditing,
  isPending,
  message,
  editErrors,
  headingRef,
  onApprove,
  onEdit,
  onCancelEdit,
  onSaveEdit,
  onReject,
  onClose,
}: {
  detail: DraftDetail;
  /** the one-line summary the list shows, when the draft is on this page */
  title: string | null;
  timeZone: string;
  claim: ClaimView | null;
  isEditing: boolean;
  isPending: boolean;
  message: PaneMessage | null;
  editErrors: string[];
  headingRef: Ref<HTMLHeadingElement>;
  onApprove: (editedOutput?: DraftOutput) => void;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSaveEdit: (output: DraftOutput) => void;
  onReject: () => void;
  onClose: () => void;
}) {
  const status = detail.status as QueueStatus;
  const isPendingDraft = detail.status === "pending";
  const holder = claim && !claim.mine && claim.holderName ? claim : detail.claimedByName && !detail.claimedByMe ? { holderName: detail.claimedByName, until: detail.claimedUntil?.toISOString() ?? null } : null;
  const isMine = claim?.mine ?? detail.claimedByMe;
  const canAct = detail.canDecide && isPendingDraft && !holder;
  const shown = detail.editedOutput ?? detail.output;
  const decidedVerb = DECIDED_VERB[status];

  return (
    <article aria-labelledby="draft-title" className="rounded-xl border bg-card shadow-xs">
      <header className="flex items-start gap-3 border-b px-5 pt-4 pb-3">
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            <span>{KIND_SINGULAR[detail.kind].replace(/^./, (c) => c.toUpperCase())}</span>
            <span aria-hidden>·</span>
            <span>{detail.store.name}</span>
            <span aria-hidden>·</span>
            <span>drafted {formatDateTime(detail.createdAt, timeZone)}</span>
          </div>
          <h2 id="draft-title" ref={headingRef} tabIndex={-1} className="font-serif text-xl leading-snug font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40">
            {headingOf(detail, shown, title)}
          </h2>
          <div className="flex flex-wrap items-center gap-1.5">
            <Badge variant={isPendingDraft ? "gold" : status === "rejected" || status === "execution_failed" ? "destructive" : "success"}>{STATUS_LABEL[status]}</Badge>
            <PriorityBadge priority={detail.priority} />
            <FlagBadges flags={detail.flags} />
          </div>
        </div>
        <Button variant="ghost" size="icon-sm" onClick={onClose} aria-label="Close the draft" aria-keyshortcuts="Escape">
          <X aria-hidden />
        </Button>
      </header>

      <div className="space-y-4 px-5 py-4">
        {holder ? (
          <Notice tone="info">
            {holder.holderName} is reviewing this{holder.until ? ` until ${timeOf(holder.until, timeZone)}` : ""}.
          </Notice>
        ) : isMine && isPendingDraft && (claim?.until ?? detail.claimedUntil) ? (
          <p className="text-xs text-muted-foreground">
            <Lock aria-hidden className="mr-1 inline size-3" />
            Yours until {timeOf(claim?.until ?? detail.claimedUntil!, timeZone)}: others see that you are reviewing it.
          </p>
        ) : null}
        {detail.blockedReason && isPendingDraft ? (
          <Notice tone="error">
            <span className="font-medium">Approval blocked: </span>
            {detail.blockedReason}
          </Notice>
        ) : null}
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}

        {isEditing && canAct ? (
          <DraftEditor
            kind={detail.kind}
            aiOutput={detail.output}
            startFrom={shown ?? {}}
            errors={editErrors}
            isPending={isPending}
            onApprove={(output) => onApprove(output)}
            onSave={onSaveEdit}
            onCancel={onCancelEdit}
          />
        ) : (
          <>
            {canAct ? (
              <div role="toolbar" aria-label="Decide" className="flex flex-wrap items-center gap-2">
                <Button onClick={() => onApprove()} disabled={isPending} aria-keyshortcuts="a">
                  Approve
                  <Kbd>a</Kbd>
                </Button>
                <Button variant="outline" onClick={onEdit} disabled={isPending} aria-keyshortcuts="e">
                  Edit
                  <Kbd>e</Kbd>
                </Button>
                <Button variant="outline" onClick={onReject} disabled={isPending} aria-keyshortcuts="r" className="text-destructive hover:text-destructive">
                  Reject
                  <Kbd>r</Kbd>
                </Button>
              </div>
            ) : !detail.canDecide ? (
              <p className="text-sm text-muted-foreground">You can read this draft; deciding it is for {detail.kind === "purchase_recommendation" ? "a buyer" : "the store's managers"}.</p>
            ) : null}
            <DraftText kind={detail.kind} output={shown} />
            {detail.editedOutput ? (
              <>
                <p className="text-xs text-muted-foreground">
                  Edited by {detail.editedByName ?? "a reviewer"}
                  {detail.editedAt ? ` on ${formatDateTime(detail.editedAt, timeZone)}` : ""}.
                </p>
                <OutputDiff kind={detail.kind} before={detail.output} after={detail.editedOutput} title="Changes from the AI's draft" />
              </>
            ) : null}
          </>
        )}

        {detail.error ? <Notice tone="error">Drafting failed: {detail.error}</Notice> : null}

        {decidedVerb ? (
          <PaneSection title="Decision">
            <p className="text-sm">
              {decidedVerb} by {detail.decidedByName ?? (detail.decidedByRuleId ? "an automation rule" : "the system")}
              {detail.decidedAt ? ` on ${formatDateTime(detail.decidedAt, timeZone)}` : ""}.
              {detail.decisionReason ? <> Reason: {REJECT_REASONS[detail.decisionReason as RejectReason] ?? detail.decisionReason}.</> : null}
            </p>
            {detail.decisionNote ? <p className="mt-1 text-sm whitespace-pre-wrap text-muted-foreground">“{detail.decisionNote}”</p> : null}
            {detail.execution ? (
              <p className="mt-1 text-xs text-muted-foreground">
                Execution: {detail.execution.status}
                {detail.execution.lastError ? ` — ${detail.execution.lastError}` : ""}
              </p>
            ) : null}
          </PaneSection>
        ) : null}

        {detail.rationale ? (
          <PaneSection title="Why the AI drafted this">
            <p className="text-sm leading-relaxed whitespace-pre-wrap">{detail.rationale}</p>
          </PaneSection>
        ) : null}
        {detail.sale ? <SourceSale sale={detail.sale} timeZone={timeZone} /> : null}
        {detail.client ? <ClientSummary client={detail.client} timeZone={timeZone} /> : null}
        <ModelFacts detail={detail} />
        <DraftHistory history={detail.history} timeZone={timeZone} />
      </div>
    </article>
  );
}
