"use client";

import { useState, useTransition } from "react";
import { dismissDuplicateAction } from "@/app/(app)/clients/duplicates/actions";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { ComparedField, DuplicatePair, DuplicateSide } from "@/lib/customers/duplicates";
import { MergeForm } from "./merge-dialog";

/** The record to keep by default: the one with more purchases, else the older one. */
function suggestedSurvivor({ a, b }: DuplicatePair): string {
  if (a.purchases !== b.purchases) return a.purchases > b.purchases ? a.id : b.id;
  return a.createdAt <= b.createdAt ? a.id : b.id;
}

/** Two records side by side, differences marked, with a choice of which one to keep. */
export function DuplicatePairCard({ pair }: { pair: DuplicatePair }) {
  const toast = useToast();
  const [survivorId, setSurvivorId] = useState(() => suggestedSurvivor(pair));
  const [isMergeOpen, setMergeOpen] = useState(false);
  const [isDismissing, startDismiss] = useTransition();
  const survivor = survivorId === pair.a.id ? pair.a : pair.b;
  const merged = survivor === pair.a ? pair.b : pair.a;
  const titleId = `duplicate-${pair.id}-title`;

  function dismiss() {
    startDismiss(async () => {
      const result = await dismissDuplicateAction({ duplicateId: pair.id });
      if (result.ok) toast("Dismissed: the two records stay separate clients.");
      else toast(result.message, "error");
    });
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>
          {pair.a.firstName} {pair.a.lastName} <span className="text-muted-foreground">and</span> {pair.b.firstName} {pair.b.lastName}
        </CardTitle>
        <CardDescription>
          <Badge variant="warning" className="mr-2">
            {pair.reason}
          </Badge>
          Listed <time dateTime={pair.createdAt.toISOString()}>{formatDate(pair.createdAt)}</time>
          {pair.differences.length > 0 ? ` · ${pair.differences.length} difference${pair.differences.length === 1 ? "" : "s"} highlighted` : null}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <fieldset>
          <legend className="mb-2 text-sm font-medium">Record to keep</legend>
          <div className="grid gap-3 md:grid-cols-2">
            {[pair.a, pair.b].map((side, index) => (
              <SideOption
                key={side.id}
                pairId={pair.id}
                side={side}
                letter={index === 0 ? "A" : "B"}
                differences={pair.differences}
                isChosen={side.id === survivorId}
                onChoose={() => setSurvivorId(side.id)}
              />
            ))}
          </div>
        </fieldset>
      </CardContent>
      <CardFooter className="justify-end gap-2">
        <Button type="button" variant="ghost" onClick={dismiss} disabled={isDismissing}>
          {isDismissing ? "Dismissing…" : "Not the same person"}
        </Button>
        <Dialog open={isMergeOpen} onOpenChange={setMergeOpen}>
          <DialogTrigger asChild>
            <Button type="button">Merge…</Button>
          </DialogTrigger>
          <DialogContent>
            <MergeForm duplicateId={pair.id} survivor={survivor} merged={merged} onDone={() => setMergeOpen(false)} />
          </DialogContent>
        </Dialog>
      </CardFooter>
    </Card>
  );
}

function SideOption({
  pairId,
  side,
  letter,
  differences,
  isChosen,
  onChoose,
}: {
  pairId: string;
  side: DuplicateSide;
  letter: "A" | "B";
  differences: ComparedField[];
  isChosen: boolean;
  onChoose: () => void;
}) {
  const inputId = `keep-${pairId}-${letter}`;
  const detailsId = `${inputId}-details`;
  const rows: { field?: ComparedField; label: string; value: string | null }[] = [
    { field: "name", label: "Name", value: `${side.firstName} ${side.lastName}` },
    { field: "email", label: "E-mail", value: side.email },
    { field: "phone", label: "Phone", value: side.phone },
    { field: "city", label: "City", value: side.city },
    { field: "homeStore", label: "Home store", value: side.homeStore ? `${side.homeStore.name} (${side.homeStore.code})` : null },
    { label: "Lifetime value", value: formatMoney(side.lifetimeValueMinor, side.currency) },
    { label: "Purchases", value: formatNumber(side.purchases) },
    { label: "POS records", value: side.providers.length ? side.providers.join(", ") : null },
    { label: "Created", value: formatDate(side.createdAt) },
  ];
  return (
    <div className={cn("rounded-lg border p-4 transition-colors", isChosen ? "border-gold bg-gold/5 ring-1 ring-gold/40" : "bg-card")}>
      <div className="mb-3 flex items-center gap-2">
        <input
          id={inputId}
          type="radio"
          name={`keep-${pairId}`}
          value={side.id}
          checked={isChosen}
          onChange={onChoose}
          aria-describedby={detailsId}
          className="size-4 accent-gold"
        />
        <label htmlFor={inputId} className="text-sm font-medium">
          Keep record {letter}
        </label>
        {isChosen ? <Badge variant="gold">Kept</Badge> : null}
      </div>
      <dl id={detailsId} className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows.map(({ field, label, value }) => {
          const differs = field !== undefined && differences.includes(field);
          return (
            <div key={label} className={cn("col-span-2 grid grid-cols-subgrid rounded px-1", differs && "bg-warning/10")}>
              <dt className="text-muted-foreground">{label}</dt>
              <dd className={cn("min-w-0 break-words", differs && "font-medium")}>
                {value ?? <span className="text-muted-foreground">—</span>}
                {differs ? <span className="sr-only"> (differs)</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
