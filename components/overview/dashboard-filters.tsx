import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { FilterForm } from "@/components/ui/filter-form";
import { NativeSelect } from "@/components/ui/native-select";
import { Button } from "@/components/ui/button";
import { RANGE_PRESETS, type DashboardFilters } from "@/lib/overview/filters";

const fieldClass = "h-9 rounded-md border bg-background px-2 text-sm tabular-nums";

/** Range presets as links, a custom from/to and the store: all in the URL, so a view can be shared. */
export function DashboardFiltersBar({ filters, stores }: { filters: DashboardFilters; stores: { id: string; code: string; name: string }[] }) {
  const href = (range: string) => {
    const query = new URLSearchParams({ range });
    if (filters.storeId) query.set("store", filters.storeId);
    return `/?${query}`;
  };
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Period" className="flex rounded-lg border bg-card p-0.5">
        {Object.keys(RANGE_PRESETS).map((range) => (
          <Link
            key={range}
            href={href(range)}
            aria-current={filters.preset === range ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-xs font-medium transition-colors",
              filters.preset === range ? "bg-foreground text-background" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {range.replace("d", " days")}
          </Link>
        ))}
      </nav>
      <FilterForm action="/" className="flex flex-wrap items-end gap-2" aria-label="Dashboard filters">
        <label className="flex flex-col gap-1 text-xs text-muted-foreground">
          From
          <input type="date" name="from" defaultValue={filters.from} className={fieldClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-muted-foreground">
          To
          <input type="date" name="to" defaultValue={filters.to} className={fieldClass} />
        </label>
        {stores.length > 1 ? (
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            Show store
            <NativeSelect name="store" defaultValue={filters.storeId ?? ""} className="min-w-40">
              <option value="">All my stores</option>
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
          </label>
        ) : null}
        <Button type="submit" variant="outline" size="sm" className="h-9">
          Apply
        </Button>
      </FilterForm>
    </div>
  );
}
