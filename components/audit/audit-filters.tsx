import Link from "next/link";
import { Download } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

export type AuditFilterValues = Partial<Record<"actorId" | "action" | "targetType" | "targetId" | "storeId" | "from" | "to", string>>;

/** Filters as a GET form, so a filtered view is a link that can be shared or exported. */
export function AuditFilters({
  values,
  actors,
  stores,
  exportHref,
  fieldErrors,
}: {
  values: AuditFilterValues;
  actors: { id: string; name: string }[];
  stores: { id: string; code: string; name: string }[];
  /** null while the filters are invalid */
  exportHref: string | null;
  fieldErrors: Record<string, string[] | undefined>;
}) {
  const isFiltered = Object.values(values).some(Boolean);
  return (
    <FilterForm action="/audit" className="mb-5 rounded-xl border bg-card p-4 shadow-xs" aria-label="Audit filters">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="flex flex-col gap-2">
          <Label htmlFor="audit-actor">Actor</Label>
          <NativeSelect id="audit-actor" name="actorId" defaultValue={values.actorId ?? ""}>
            <option value="">Anyone</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="audit-action">Action</Label>
          <Input
            id="audit-action"
            name="action"
            defaultValue={values.action}
            placeholder="user.created, or user. for all"
            aria-describedby="audit-action-hint"
            className="font-mono text-[0.8125rem]"
          />
          <p id="audit-action-hint" className="sr-only">
            An exact action, or a prefix ending in a dot.
          </p>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="audit-target-type">Target type</Label>
          <Input id="audit-target-type" name="targetType" defaultValue={values.targetType} placeholder="user, draft, sale…" />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="audit-target-id">Target id</Label>
          <Input id="audit-target-id" name="targetId" defaultValue={values.targetId} className="font-mono text-[0.8125rem]" />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="audit-store">Store</Label>
          <NativeSelect id="audit-store" name="storeId" defaultValue={values.storeId ?? ""} aria-invalid={fieldErrors.storeId ? true : undefined}>
            <option value="">Any store</option>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name} ({store.code})
              </option>
            ))}
          </NativeSelect>
          <FieldError id="audit-store" errors={fieldErrors.storeId} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="audit-from">From (UTC)</Label>
          <Input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={values.from}
            aria-invalid={fieldErrors.from ? true : undefined}
            aria-describedby={fieldErrors.from ? "audit-from-error" : undefined}
          />
          <FieldError id="audit-from" errors={fieldErrors.from} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="audit-to">To (UTC)</Label>
          <Input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={values.to}
            aria-invalid={fieldErrors.to ? true : undefined}
            aria-describedby={fieldErrors.to ? "audit-to-error" : undefined}
          />
          <FieldError id="audit-to" errors={fieldErrors.to} />
        </div>
        <div className="flex items-start gap-2 sm:pt-[1.375rem]">
          <Button type="submit" variant="outline">
            Apply filters
          </Button>
          {isFiltered ? (
            <Link href="/audit" className={buttonVariants({ variant: "ghost" })}>
              Clear
            </Link>
          ) : null}
        </div>
      </div>
      {exportHref ? (
        <div className="mt-4 flex items-center justify-between gap-3 border-t pt-4">
          <p className="text-xs text-muted-foreground">The export holds every entry that matches these filters, oldest first. Exports are audited too.</p>
          {/* a plain link: the export is a file download, not a page */}
          <a href={exportHref} className={buttonVariants({ variant: "secondary", size: "sm" })}>
            <Download aria-hidden /> Export CSV
          </a>
        </div>
      ) : null}
    </FilterForm>
  );
}
