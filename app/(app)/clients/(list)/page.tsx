import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Gem, Search, SearchX } from "lucide-react";
import { getDb } from "@/db/client";
import { ClientTable } from "@/components/clients/client-table";
import { ClientsTabs } from "@/components/clients/clients-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { hrefWith, KeysetPagination } from "@/components/ui/pagination";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { CLIENTS_PAGE_SIZE, listClients, parseClientCursor } from "@/lib/customers/queries";

export const metadata: Metadata = { title: "Clients" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ClientsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "customers.read")) forbidden();
  const params = await searchParams;
  const query = single(params.q)?.trim().slice(0, 100) ?? "";
  const after = parseClientCursor(single(params.after));
  const activeStoreId = await getActiveStoreId(viewer);

  const { rows, nextCursor } = await listClients({ db: getDb(), viewer, activeStoreId, query, after });

  return (
    <>
      <PageHeader title="Clients" description="Clients whose home store is one of yours, by last name." />
      <ClientsTabs current="all" canMerge={can(viewer, "customers.merge")} />

      <form method="get" action="/clients" role="search" className="mb-4 flex max-w-md items-center gap-2">
        <label htmlFor="client-search" className="sr-only">
          Search clients by name
        </label>
        <div className="relative flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            id="client-search"
            name="q"
            type="search"
            defaultValue={query}
            placeholder="First or last name begins with…"
            autoComplete="off"
            className="pl-9"
          />
        </div>
        <Button type="submit" variant="outline">
          Search
        </Button>
        {query ? (
          <Link href="/clients" className={buttonVariants({ variant: "ghost" })}>
            Clear
          </Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        query ? (
          <EmptyState
            icon={SearchX}
            title="No client matches"
            description={<>No first or last name in your stores begins with “{query}”.</>}
            action={
              <Link href="/clients" className={buttonVariants({ variant: "outline", size: "sm" })}>
                Show all clients
              </Link>
            }
          />
        ) : (
          <EmptyState
            icon={Gem}
            title={after ? "No more clients" : "No clients yet"}
            description={after ? "You have reached the end of the list." : "Clients appear here once your stores' POS sync brings them in."}
            action={
              after ? (
                <Link href="/clients" className={buttonVariants({ variant: "outline", size: "sm" })}>
                  Back to the first page
                </Link>
              ) : null
            }
          />
        )
      ) : (
        <>
          <ClientTable rows={rows} />
          <KeysetPagination
            summary={`${rows.length} client${rows.length === 1 ? "" : "s"} on this page · ${CLIENTS_PAGE_SIZE} per page`}
            firstHref={after ? hrefWith("/clients", { q: query }) : null}
            nextHref={nextCursor ? hrefWith("/clients", { q: query, after: nextCursor }) : null}
          />
        </>
      )}
    </>
  );
}
