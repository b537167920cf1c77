"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { QUEUE_STATUSES, STATUS_LABEL, type QueueStatus } from "@/lib/review/kinds";
import { queueHref, type QueueView } from "./queue-href";

const PRIORITIES = { urgent: "Urgent (80+)", high: "High (60–79)", normal: "Normal (40–59)", low: "Low (below 40)" };
const AGES = { "1d": "Older than a day", "3d": "Older than 3 days", "7d": "Older than a week" };
const TIERS = { platinum: "Platinum", gold: "Gold", silver: "Silver", client: "Client" };
const SORTS = { priority: "Most urgent first", oldest: "Oldest first", newest: "Newest first" };

/** Filters and sort: each change replaces the URL, so a view can be reloaded or shared. */
export function QueueFilters({ view, stores, showTier }: { view: QueueView; stores: { id: string; code: string; name: string }[]; showTier: boolean }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const set = (key: keyof QueueView, value: string) =>
    startTransition(() => router.replace(queueHref({ ...view, [key]: value === "" ? undefined : value }), { scroll: false }));

  const select = (key: keyof QueueView, label: string, options: Record<string, string>, anyLabel?: string, width = "w-36") => (
    <div className={`flex flex-col gap-1 ${width}`}>
      <Label htmlFor={`queue-${key}`} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <NativeSelect id={`queue-${key}`} value={view[key] ?? ""} onChange={(event) => set(key, event.target.value)} className="[&_select]:h-8 [&_select]:text-[0.8125rem]">
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </NativeSelect>
    </div>
  );

  return (
    <form role="search" aria-label="Queue filters" aria-busy={isPending} onSubmit={(event) => event.preventDefault()} className="mb-4 flex flex-wrap items-end gap-2">
      {select(
        "status",
        "Status",
        Object.fromEntries(QUEUE_STATUSES.map((status: QueueStatus) => [status, STATUS_LABEL[status]])),
        undefined,
        "w-44",
      )}
      {stores.length > 1 ? select("store", "Store", Object.fromEntries(stores.map((store) => [store.id, `${store.name} (${store.code})`])), "All my stores", "w-40") : null}
      {select("priority", "Priority", PRIORITIES, "Any priority")}
      {select("age", "Waiting", AGES, "Any age")}
      {showTier ? select("tier", "Client tier", TIERS, "Any tier", "w-32") : null}
      {select("sort", "Sort", SORTS, undefined, "w-40")}
    </form>
  );
}
