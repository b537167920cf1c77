"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { replenishmentHref, type ReplenishmentView } from "./view";

const SORTS = { risk: "Highest stock-out risk first", value: "Highest value first" };

/** Store, supplier and sort: each change replaces the URL. */
export function RecommendationFilters({ view, stores, groups }: { view: ReplenishmentView; stores: { id: string; name: string }[]; groups: { key: string; label: string }[] }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const set = (changes: Partial<ReplenishmentView>) => startTransition(() => router.replace(replenishmentHref(view, { ...changes, show: undefined }), { scroll: false }));

  return (
    <div role="group" aria-label="Filter and sort recommendations" aria-busy={isPending} className="mb-5 flex flex-wrap items-end gap-3">
      <Field id="replenishment-store" label="Store">
        <NativeSelect id="replenishment-store" value={view.store ?? ""} onChange={(e) => set({ store: e.target.value || undefined })} className="w-48 [&_select]:h-8 [&_select]:text-[0.8125rem]">
          <option value="">All stores</option>
          {stores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.name}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="replenishment-supplier" label="Supplier">
        <NativeSelect id="replenishment-supplier" value={view.supplier ?? ""} onChange={(e) => set({ supplier: e.target.value || undefined })} className="w-64 [&_select]:h-8 [&_select]:text-[0.8125rem]">
          <option value="">All suppliers and transfers</option>
          {groups.map((group) => (
            <option key={group.key} value={group.key}>
              {group.label}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="replenishment-sort" label="Sort">
        <NativeSelect id="replenishment-sort" value={view.sort} onChange={(e) => set({ sort: e.target.value === "value" ? "value" : "risk" })} className="w-56 [&_select]:h-8 [&_select]:text-[0.8125rem]">
          {Object.entries(SORTS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </NativeSelect>
      </Field>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}
