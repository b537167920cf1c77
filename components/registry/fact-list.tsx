import type { ReactNode } from "react";

/** A record's facts as a definition list, one labelled row each (item, sale, return and ticket pages). */
export function FactList({ children }: { children: ReactNode }) {
  return <dl className="divide-y">{children}</dl>;
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

/** The same facts as a summary strip above a wide table: label over value, several to a row. */
export function FactStrip({ facts }: { facts: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-xl border bg-card p-4 text-sm shadow-xs sm:grid-cols-2 lg:grid-cols-4">
      {facts.map((fact) => (
        <div key={fact.label} className="min-w-0">
          <dt className="text-xs tracking-wide text-muted-foreground uppercase">{fact.label}</dt>
          <dd className="mt-0.5">{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
