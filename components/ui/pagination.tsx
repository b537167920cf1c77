import Link from "next/link";
import { ChevronRight, ChevronsLeft } from "lucide-react";
import { cn } from "./cn";
import { buttonVariants } from "./button";

/** A URL for `pathname` with the given query; empty values are left out so URLs stay short. */
export function hrefWith(pathname: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${pathname}?${text}` : pathname;
}

/**
 * Keyset pagination: forward to the next page, or back to the first. There is no page count on
 * purpose: counting every matching row is what keyset pagination avoids.
 */
export function KeysetPagination({
  firstHref,
  nextHref,
  nextLabel = "Next page",
  firstLabel = "First page",
  summary,
  className,
}: {
  /** null on the first page */
  firstHref: string | null;
  /** null on the last page */
  nextHref: string | null;
  nextLabel?: string;
  firstLabel?: string;
  summary?: string;
  className?: string;
}) {
  if (!firstHref && !nextHref && !summary) return null;
  return (
    <nav aria-label="Pagination" className={cn("mt-4 flex flex-wrap items-center justify-between gap-3", className)}>
      <p className="text-xs text-muted-foreground">{summary}</p>
      <div className="flex items-center gap-2">
        {firstHref ? (
          <Link href={firstHref} className={buttonVariants({ variant: "ghost", size: "sm" })}>
            <ChevronsLeft aria-hidden /> {firstLabel}
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className={buttonVariants({ variant: "outline", size: "sm" })}>
            {nextLabel} <ChevronRight aria-hidden />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
