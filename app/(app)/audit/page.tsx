import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ScrollText, SearchX } from "lucide-react";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { hrefWith, KeysetPagination } from "@/components/ui/pagination";
import { auditFilterSchema, listAuditActors, listAuditEntries, type AuditFilters as Filters } from "@/lib/audit/queries";
import { requireViewer } from "@/lib/auth/session";
import { can, scopeFor } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Audit" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTER_KEYS = ["actorId", "action", "targetType", "targetId", "storeId", "from", "to"] as const;

function filterQuery(filters: Filters): Record<string, string | undefined> {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, filters[key]]));
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "audit.read")) forbidden();
  const params = await searchParams;
  const raw = Object.fromEntries(
    [...FILTER_KEYS, "cursor"].map((key) => {
      const value = params[key];
      return [key, Array.isArray(value) ? value[0] : value];
    }),
  );
  const values: AuditFilterValues = Object.fromEntries(FILTER_KEYS.map((key) => [key, raw[key]]));
  const parsed = auditFilterSchema.safeParse(raw);
  const db = getDb();

  const [actors, page] = await Promise.all([
    listAuditActors(db, viewer),
    parsed.success ? listAuditEntries(db, viewer, parsed.data, { limit: 50 }) : null,
  ]);
  const fieldErrors = parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>);
  const filters = parsed.success ? parsed.data : null;
  const isFiltered = filters ? FILTER_KEYS.some((key) => filters[key] !== undefined) : false;
  const timezones = Object.fromEntries(viewer.stores.map((store) => [store.id, store.timezone]));
  const scope = scopeFor(viewer, "audit.read");

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={
          scope === "self"
            ? "Your own actions in Vitrine. The trail is append-only and hash-chained."
            : scope === "own"
              ? "What happened in your stores, and your own actions. The trail is append-only and hash-chained."
              : "Everything that happened in Vitrine. The trail is append-only and hash-chained."
        }
      />

      <AuditFilters
        values={values}
        actors={actors}
        stores={viewer.stores}
        fieldErrors={fieldErrors}
        exportHref={filters ? hrefWith("/audit/export", filterQuery(filters)) : null}
      />

      {!page ? (
        <Notice tone="error">Some filters are not valid; correct them above to see entries.</Notice>
      ) : page.rows.length === 0 ? (
        isFiltered || filters?.cursor ? (
          <EmptyState
            icon={SearchX}
            title={filters?.cursor && !isFiltered ? "No older entries" : "No entries match these filters"}
            description="Widen the dates or clear a filter."
            action={
              <Link href="/audit" className={buttonVariants({ variant: "outline", size: "sm" })}>
                Clear filters
              </Link>
            }
          />
        ) : (
          <EmptyState icon={ScrollText} title="Nothing recorded yet" description="Entries appear here as people and Vitrine act." />
        )
      ) : (
        <>
          <AuditTable rows={page.rows} timezones={timezones} />
          <KeysetPagination
            summary={`${page.rows.length} entr${page.rows.length === 1 ? "y" : "ies"} on this page, newest first`}
            firstHref={filters?.cursor ? hrefWith("/audit", filterQuery(filters)) : null}
            nextHref={page.nextCursor && filters ? hrefWith("/audit", { ...filterQuery(filters), cursor: page.nextCursor }) : null}
            nextLabel="Older entries"
            firstLabel="Newest entries"
          />
        </>
      )}
    </>
  );
}
