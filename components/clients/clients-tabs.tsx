import Link from "next/link";
import { cn } from "@/components/ui/cn";

const TABS = [
  { key: "all", href: "/clients", label: "All clients" },
  { key: "duplicates", href: "/clients/duplicates", label: "Duplicates" },
] as const;

/** The Clients section's views; Duplicates only for those who may merge. */
export function ClientsTabs({ current, canMerge }: { current: (typeof TABS)[number]["key"]; canMerge: boolean }) {
  const tabs = TABS.filter((tab) => tab.key !== "duplicates" || canMerge);
  if (tabs.length < 2) return null;
  return (
    <nav aria-label="Client views" className="mb-5 border-b">
      <ul className="-mb-px flex gap-4">
        {tabs.map((tab) => {
          const isCurrent = tab.key === current;
          return (
            <li key={tab.key}>
              <Link
                href={tab.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "inline-flex border-b-2 px-1 pb-2 text-sm font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/60",
                  isCurrent ? "border-gold text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
