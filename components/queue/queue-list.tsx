"use client";

import Link from "next/link";
import { Lock } from "lucide-react";
import { TierBadge } from "@/components/clients/tier-badge";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import type { CustomerTier } from "@/db/schema/customers";
import type { QueueRow } from "@/lib/review/queue";

export type ListRow = QueueRow & { age: string };

const FLAG_LABEL: Record<string, string> = { open_complaint: "Open complaint", overdue_ticket: "Overdue ticket" };

export function PriorityBadge({ priority }: { priority: number }) {
  const [label, variant] =
    priority >= 80 ? (["Urgent", "destructive"] as const) : priority >= 60 ? (["High", "warning"] as const) : priority >= 40 ? (["Normal", "neutral"] as const) : (["Low", "outline"] as const);
  return (
    <Badge variant={variant} title={`Priority ${priority} of 100`}>
      {label}
      <span className="sr-only"> priority ({priority})</span>
    </Badge>
  );
}

export function FlagBadges({ flags }: { flags: string[] }) {
  return flags.map((flag) => (
    <Badge key={flag} variant="warning">
      {FLAG_LABEL[flag] ?? flag.replaceAll("_", " ")}
    </Badge>
  ));
}

/** The page of drafts: a table whose titles are links (roving focus, so j/k and Tab both work). */
export function QueueList({
  caption,
  rows,
  openId,
  activeId,
  selected,
  canSelect,
  showClient,
  hrefFor,
  onFocusRow,
  onToggle,
  onToggleAll,
  registerLink,
}: {
  caption: string;
  rows: ListRow[];
  openId: string | null;
  activeId: string | null;
  selected: ReadonlySet<string>;
  canSelect: boolean;
  showClient: boolean;
  hrefFor: (id: string) => string;
  onFocusRow: (id: string) => void;
  onToggle: (id: string) => void;
  onToggleAll: (checked: boolean) => void;
  registerLink: (id: string, element: HTMLAnchorElement | null) => void;
}) {
  const isAllSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const isSomeSelected = rows.some((row) => selected.has(row.id));
  return (
    <div data-queue-list className="overflow-hidden rounded-xl border bg-card shadow-xs">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-muted/50 text-xs tracking-wide text-muted-foreground uppercase">
          <tr>
            {canSelect ? (
              <th scope="col" className="w-9 py-2 pl-3">
                <Checkbox
                  aria-label="Select every draft on this page"
                  checked={isAllSelected ? true : isSomeSelected ? "indeterminate" : false}
                  onCheckedChange={(checked) => onToggleAll(checked === true)}
                />
              </th>
            ) : null}
            <th scope="col" className="w-20 py-2 pl-3 text-left font-medium">
              Priority
            </th>
            <th scope="col" className="py-2 pl-3 text-left font-medium">
              Draft
            </th>
            <th scope="col" className="w-16 py-2 pr-3 text-right font-medium">
              Waiting
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const isOpen = row.id === openId;
            return (
              <tr
                key={row.id}
                data-draft-id={row.id}
                className={cn(
                  "border-b align-top transition-colors last:border-0 hover:bg-muted/40",
                  isOpen && "bg-accent/70 hover:bg-accent/70",
                  selected.has(row.id) && !isOpen && "bg-gold/5",
                )}
              >
                {canSelect ? (
                  <td className="py-2.5 pl-3">
                    <Checkbox aria-label={`Select ${row.title}`} checked={selected.has(row.id)} onCheckedChange={() => onToggle(row.id)} tabIndex={-1} />
                  </td>
                ) : null}
                <td className="py-2.5 pl-3">
                  <PriorityBadge priority={row.priority} />
                </td>
                <td className="min-w-0 py-2 pl-3">
                  <Link
                    ref={(element) => registerLink(row.id, element)}
                    href={hrefFor(row.id)}
                    replace
                    scroll={false}
                    tabIndex={row.id === activeId ? 0 : -1}
                    aria-current={isOpen ? "true" : undefined}
                    onFocus={() => onFocusRow(row.id)}
                    className={cn(
                      "-mx-1 block rounded px-1 font-medium leading-snug outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60",
                      isOpen && "text-foreground",
                    )}
                  >
                    <span className="line-clamp-2 break-words">{row.title}</span>
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                    {showClient && row.clientName ? (
                      <span className="inline-flex items-center gap-1.5">
                        <span className="text-foreground/80">{row.clientName}</span>
                        {row.clientTier ? <TierBadge tier={row.clientTier as CustomerTier} /> : null}
                      </span>
                    ) : null}
                    <span title={row.storeName}>{row.storeCode}</span>
                    <FlagBadges flags={row.flags} />
                    {row.blockedReason ? <Badge variant="destructive">Blocked</Badge> : null}
                    {row.claimedByName && !row.claimedByMe ? (
                      <span className="inline-flex items-center gap-1 text-foreground/80">
                        <Lock aria-hidden className="size-3" /> {row.claimedByName}
                        <span className="sr-only"> is reviewing this</span>
                      </span>
                    ) : null}
                  </div>
                </td>
                <td className="py-2.5 pr-3 text-right text-xs whitespace-nowrap text-muted-foreground tabular-nums">{row.age}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
