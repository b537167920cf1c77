"use client";

import { useRouter } from "next/navigation";
import { Keyboard } from "lucide-react";
import { useEffect, useRef, useState, useTransition } from "react";
import { claimDraftAction, decideDraftAction, releaseClaimAction, saveEditAction } from "@/app/(app)/queue/actions";
import { Button } from "@/components/ui/button";
import { KeysetPagination } from "@/components/ui/pagination";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/errors";
import type { DecisionOutcome } from "@/lib/review/decide";
import { KIND_SINGULAR, STATUS_LABEL, type QueueStatus, type RejectReason, type ReviewKind } from "@/lib/review/kinds";
import type { DraftDetail } from "@/lib/review/queue";
import { BulkDialog, describeKinds } from "./bulk-dialog";
import type { DraftOutput } from "./draft-fields";
import { DraftPane, type ClaimView, type PaneMessage } from "./draft-pane";
import { queueHref, type QueueView } from "./queue-href";
import { QueueEmpty } from "./queue-empty";
import { QueueList, type ListRow } from "./queue-list";
import { RejectDialog } from "./reject-dialog";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useQueueShortcuts } from "./use-queue-shortcuts";

/** Opening a draft claims it for 5 minutes (lib/review/decide CLAIM_MINUTES); renew before it lapses. */
const CLAIM_RENEW_MS = 4 * 60_000;

/** The list and the open draft beside it, with every decision, the keyboard shortcuts and the claim. */
export function QueueWorkspace({
  kind,
  kindLabel,
  status,
  rows,
  detail,
  draftParam,
  canReviewKind,
  showClient,
  tabHrefs,
  view,
  firstHref,
  nextHref,
  cursor,
  timezones,
}: {
  kind: ReviewKind;
  kindLabel: string;
  status: QueueStatus;
  rows: ListRow[];
  detail: DraftDetail | null;
  draftParam: string | null;
  canReviewKind: boolean;
  showClient: boolean;
  tabHrefs: string[];
  view: QueueView;
  firstHref: string | null;
  nextHref: string | null;
  cursor: string | null;
  timezones: Record<string, string>;
}) {
  const router = useRouter();
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  const [activeId, setActiveId] = useState<string | null>(draftParam);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const [editErrors, setEditErrors] = useState<string[]>([]);
  const [claim, setClaim] = useState<(ClaimView & { id: string }) | null>(null);
  const [message, setMessage] = useState<(PaneMessage & { id: string }) | null>(null);
  const [savedVersion, setSavedVersion] = useState<{ id: string; version: number } | null>(null);
  const [isRejectOpen, setIsRejectOpen] = useState(false);
  const [rejectErrors, setRejectErrors] = useState<Record<string, string[] | undefined>>({});
  const [bulkDecision, setBulkDecision] = useState<"approve" | "reject" | null>(null);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const links = useRef(new Map<string, HTMLAnchorElement>());
  const heading = useRef<HTMLHeadingElement>(null);

  const rowIds = rows.map((row) => row.id);
  const current = activeId && rowIds.includes(activeId) ? activeId : detail && rowIds.includes(detail.id) ? detail.id : (rowIds[0] ?? null);
  const selectedRows = rows.filter((row) => selected.has(row.id));
  const canSelect = canReviewKind && status === "pending";
  const detailId = detail?.id ?? null;
  const isClaimable = Boolean(detail?.canDecide && detail.status === "pending");
  const version = detail && savedVersion?.id === detail.id ? Math.max(savedVersion.version, detail.version) : detail?.version;
  const isEditing = detail !== null && editingId === detail.id;
  const isDialogOpen = isRejectOpen || bulkDecision !== null || isHelpOpen;
  const hrefFor = (id: string) => queueHref(view, { cursor, draft: id });

  // Opening a draft claims it (renewed while it stays open); moving away lets it go.
  useEffect(() => {
    if (!detailId || !isClaimable) return;
    let isCurrent = true;
    const take = () =>
      void claimDraftAction({ id: detailId }).then((result) => {
        if (isCurrent && result.ok) setClaim({ id: detailId, ...result.data });
      });
    take();
    const renew = setInterval(take, CLAIM_RENEW_MS);
    return () => {
      isCurrent = false;
      clearInterval(renew);
      void releaseClaimAction({ id: detailId });
    };
  }, [detailId, isClaimable]);

  const focusRow = (id: string | null) => {
    if (id) links.current.get(id)?.focus();
  };

  const open = (id: string) => {
    setActiveId(id);
    startTransition(() => router.replace(hrefFor(id), { scroll: false }));
  };

  const close = () => {
    setEditingId(null);
    startTransition(() => router.replace(queueHref(view, { cursor }), { scroll: false }));
    focusRow(current);
  };

  const move = (step: 1 | -1) => {
    if (rowIds.length === 0) return;
    const index = current ? rowIds.indexOf(current) : -1;
    const next = rowIds[Math.min(rowIds.length - 1, Math.max(0, index + step))];
    setActiveId(next);
    focusRow(next);
  };

  /** After a decision: on to the next draft in the list, or close the pane at the end of the page. */
  const moveOn = (decidedId: string) => {
    const index = rowIds.indexOf(decidedId);
    const next = rowIds[index + 1] ?? rowIds[index - 1] ?? null;
    setEditingId(null);
    if (next) {
      open(next);
      focusRow(next);
    } else {
      startTransition(() => router.replace(queueHref(view, { cursor }), { scroll: false }));
    }
  };

  const titleOf = (id: string) => rows.find((row) => row.id === id)?.title ?? `this ${KIND_SINGULAR[kind]}`;

  const afterDecision = (id: string, decision: "approve" | "reject", result: ActionResult<DecisionOutcome>) => {
    if (!result.ok) {
      if (result.code === "invalid_input" && result.fieldErrors) {
        if (decision === "reject") setRejectErrors(result.fieldErrors);
        else setEditErrors(result.fieldErrors.output ?? [result.message]);
        return false;
      }
      setMessage({ id, tone: "error", text: result.message });
      router.refresh();
      return true;
    }
    if (!result.data.ok) {
      setMessage({ id, tone: "error", text: `Not approved: ${result.data.blocked}` });
      router.refresh();
      return true;
    }
    const outcome = result.data.status === "held" ? " Held: the store is in rollout phase 1, nothing leaves Vitrine." : "";
    toast(`${decision === "reject" ? "Rejected" : "Approved"} “${titleOf(id)}”.${outcome}`);
    moveOn(id);
    return true;
  };

  const approve = (editedOutput?: DraftOutput) => {
    if (!detail || version === undefined) return;
    const id = detail.id;
    setMessage(null);
    setEditErrors([]);
    startTransition(async () => {
      afterDecision(id, "approve", await decideDraftAction({ id, version, decision: "approve", editedOutput: editedOutput ?? null }));
    });
  };

  const reject = (reason: RejectReason, note: string) => {
    if (!detail || version === undefined) return;
    const id = detail.id;
    setMessage(null);
    startTransition(async () => {
      const isDone = afterDecision(id, "reject", await decideDraftAction({ id, version, decision: "reject", reason, note: note || null }));
      if (isDone) setIsRejectOpen(false);
    });
  };

  const saveEdit = (output: DraftOutput) => {
    if (!detail || version === undefined) return;
    const id = detail.id;
    setEditErrors([]);
    startTransition(async () => {
      const result = await saveEditAction({ id, version, output });
      if (!result.ok) {
        if (result.code === "invalid_input") setEditErrors(result.fieldErrors?.output ?? [result.message]);
        else {
          setMessage({ id, tone: "error", text: result.message });
          router.refresh();
        }
        return;
      }
      setSavedVersion({ id, version: result.data.version });
      setEditingId(null);
      toast("Edits saved. The draft is still waiting for approval.");
      router.refresh();
      heading.current?.focus();
    });
  };

  const startEdit = () => {
    if (!detail?.canDecide || detail.status !== "pending") return;
    setEditErrors([]);
    setEditingId(detail.id);
  };

  const toggle = (id: string) =>
    setSelected((all) => {
      const next = new Set(all);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const isHeldByOther = claim?.id === detail?.id ? Boolean(claim && !claim.mine && claim.holderName) : Boolean(detail?.claimedByName && !detail.claimedByMe);
  const canDecideOpen = Boolean(detail?.canDecide && detail.status === "pending" && !isEditing && !isHeldByOther);
  useQueueShortcuts({
    isDialogOpen,
    move: (step) => {
      move(step);
      return rowIds.length > 0;
    },
    openCurrent: () => {
      if (current) open(current);
      return current !== null;
    },
    approve: () => {
      if (canDecideOpen) approve();
      return canDecideOpen;
    },
    edit: () => {
      if (canDecideOpen) startEdit();
      return canDecideOpen;
    },
    reject: () => {
      if (canDecideOpen) setIsRejectOpen(true);
      return canDecideOpen;
    },
    toggleCurrent: () => {
      if (canSelect && current) toggle(current);
      return canSelect && current !== null;
    },
    decideSelected: (decision) => {
      const canBulk = canSelect && selectedRows.length > 0;
      if (canBulk) setBulkDecision(decision);
      return canBulk;
    },
    switchTab: (index) => {
      const href = tabHrefs[index];
      if (href) router.push(href);
      return Boolean(href);
    },
    showHelp: () => setIsHelpOpen(true),
    escape: () => {
      if (isEditing) setEditingId(null);
      else if (detail) close();
      return detail !== null;
    },
  });

  const timeZone = (detail && timezones[detail.store.id]) ?? "UTC";
  const list =
    rows.length === 0 ? (
      <QueueEmpty view={view} kindLabel={kindLabel} isLaterPage={cursor !== null} />
    ) : (
      <>
        <QueueList
          caption={`${kindLabel}: ${STATUS_LABEL[status].toLowerCase()}`}
          rows={rows}
          openId={detail?.id ?? null}
          activeId={current}
          selected={selected}
          canSelect={canSelect}
          showClient={showClient}
          hrefFor={hrefFor}
          onFocusRow={setActiveId}
          onToggle={toggle}
          onToggleAll={(checked) => setSelected(checked ? new Set(rowIds) : new Set())}
          registerLink={(id, element) => {
            if (element) links.current.set(id, element);
            else links.current.delete(id);
          }}
        />
        <KeysetPagination
          summary={`${rows.length} on this page`}
          firstHref={firstHref}
          nextHref={nextHref}
          firstLabel="Back to first page"
        />
      </>
    );

  return (
    <>
      <div className="mb-3 flex min-h-8 flex-wrap items-center gap-2">
        {canSelect && selectedRows.length > 0 ? (
          <div role="group" aria-label="Selected drafts" className="flex flex-wrap items-center gap-2 rounded-lg border bg-card px-3 py-1 shadow-xs">
            <span className="text-sm">{describeKinds(selectedRows)} selected</span>
            <Button size="sm" onClick={() => setBulkDecision("approve")} aria-keyshortcuts="Shift+A">
              Approve selected…
            </Button>
            <Button size="sm" variant="outline" onClick={() => setBulkDecision("reject")} aria-keyshortcuts="Shift+R">
              Reject selected…
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              Clear
            </Button>
          </div>
        ) : (
          <p className="text-xs text-muted-foreground">
            {canReviewKind ? "Open a draft to review it; others see that you hold it." : "You can read these drafts; deciding them is for a buyer."}
          </p>
        )}
        <Button variant="ghost" size="sm" className="ml-auto" onClick={() => setIsHelpOpen(true)} aria-keyshortcuts="?">
          <Keyboard aria-hidden /> Shortcuts <kbd className="rounded border px-1 font-mono text-[0.6875rem]">?</kbd>
        </Button>
      </div>

      <div className={detail ? "grid items-start gap-5 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]" : undefined}>
        <div aria-busy={isPending}>{list}</div>
        {detail ? (
          <div className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto">
            <DraftPane
              key={detail.id}
              detail={detail}
              title={rows.find((row) => row.id === detail.id)?.title ?? null}
              timeZone={timeZone}
              claim={claim?.id === detail.id ? claim : null}
              isEditing={isEditing}
              isPending={isPending}
              message={message?.id === detail.id ? message : null}
              editErrors={editErrors}
              headingRef={heading}
              onApprove={approve}
              onEdit={startEdit}
              onCancelEdit={() => {
                setEditingId(null);
                heading.current?.focus();
              }}
              onSaveEdit={saveEdit}
              onReject={() => setIsRejectOpen(true)}
              onClose={close}
            />
          </div>
        ) : draftParam ? (
          <p role="alert" className="mt-4 text-sm text-muted-foreground">
            That draft is not in your queue: it may belong to another store, or no longer exist.
          </p>
        ) : null}
      </div>

      <RejectDialog
        open={isRejectOpen}
        onOpenChange={(next) => {
          setIsRejectOpen(next);
          if (!next) setRejectErrors({});
        }}
        title={`Reject this ${KIND_SINGULAR[detail?.kind ?? kind]}?`}
        description="Say why, so the drafts get better. Nothing is sent."
        isPending={isPending}
        serverErrors={rejectErrors}
        onReject={reject}
      />
      <BulkDialog
        decision={bulkDecision}
        items={selectedRows.map((row) => ({ id: row.id, version: row.version, kind: row.kind, title: row.title }))}
        onOpenChange={(next) => {
          if (!next) setBulkDecision(null);
        }}
        onDone={(results) => {
          const succeeded = results.filter((r) => r.ok).length;
          toast(`${succeeded} of ${results.length} ${bulkDecision === "reject" ? "rejected" : "approved"}.`, succeeded === results.length ? "success" : "error");
          setSelected(new Set());
          router.refresh();
        }}
      />
      <ShortcutsDialog open={isHelpOpen} onOpenChange={setIsHelpOpen} />
    </>
  );
}
