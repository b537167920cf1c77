import type { ReactNode } from "react";
import { formatDay, formatMoney, formatNumber } from "@/components/format";
import type { ReviewKind } from "@/lib/review/kinds";
import { recommendationLines, textOf, type DraftOutput } from "./draft-fields";

function serviceLabel(kind: string): string {
  const words = kind.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="mb-0.5 text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="text-sm leading-relaxed whitespace-pre-wrap break-words">{children}</dd>
    </div>
  );
}

/**
 * The draft as text. Model output is only ever rendered as React text nodes: markup in it shows as
 * the characters it is made of and never becomes an element.
 */
export function DraftText({ kind, output }: { kind: ReviewKind; output: DraftOutput | null }) {
  if (!output) return <p className="text-sm text-muted-foreground">No text: drafting failed.</p>;
  switch (kind) {
    case "client_message":
      return (
        <dl className="space-y-3" data-testid="draft-text">
          <Field label="Channel">{output.channel === "sms" ? "SMS" : "E-mail"}</Field>
          {output.channel === "sms" ? null : <Field label="Subject">{textOf(output, "subject")}</Field>}
          <Field label="Message">{textOf(output, "body")}</Field>
        </dl>
      );
    case "service_ticket":
      return (
        <dl className="grid gap-3 sm:grid-cols-2" data-testid="draft-text">
          <Field label="Service">{serviceLabel(textOf(output, "kind"))}</Field>
          <Field label="Due on">{textOf(output, "dueOn") ? formatDay(textOf(output, "dueOn")) : "—"}</Field>
          <div className="sm:col-span-2">
            <Field label="Title">{textOf(output, "title")}</Field>
          </div>
          <div className="sm:col-span-2">
            <Field label="Description">{textOf(output, "description")}</Field>
          </div>
        </dl>
      );
    case "clienteling_note": {
      const actions = Array.isArray(output.nextBestActions) ? (output.nextBestActions as { brand: string; name: string; reason: string }[]) : [];
      return (
        <dl className="space-y-3" data-testid="draft-text">
          <Field label="Note for the associates">{textOf(output, "note") || "—"}</Field>
          {textOf(output, "managerThankYou") ? <Field label="Suggestion for the manager">{textOf(output, "managerThankYou")}</Field> : null}
          {actions.length > 0 ? (
            <Field label="Next best actions">
              <ul className="list-disc space-y-1 pl-5 whitespace-normal">
                {actions.map((action, index) => (
                  <li key={index}>
                    <span className="font-medium">
                      {action.brand} {action.name}
                    </span>{" "}
                    — {action.reason}
                  </li>
                ))}
              </ul>
            </Field>
          ) : null}
        </dl>
      );
    }
    case "purchase_recommendation": {
      const currency = typeof output.currency === "string" ? output.currency : "EUR";
      const lines = recommendationLines(output);
      const total = lines.reduce((sum, line) => sum + line.quantity * line.unitCostMinor, 0);
      return (
        <div className="space-y-3" data-testid="draft-text">
          <dl className="grid gap-3 sm:grid-cols-2">
            <Field label="Type">{output.type === "transfer" ? "Transfer between stores" : "Purchase from a supplier"}</Field>
            <Field label="Supplier">{textOf(output, "supplier") || "—"}</Field>
          </dl>
          <table className="w-full text-sm">
            <caption className="sr-only">Lines to order</caption>
            <thead className="text-xs text-muted-foreground">
              <tr className="border-b">
                <th scope="col" className="py-1.5 text-left font-medium">Item</th>
                <th scope="col" className="py-1.5 pl-3 text-right font-medium">Qty</th>
                <th scope="col" className="py-1.5 pl-3 text-right font-medium whitespace-nowrap">Unit cost</th>
                <th scope="col" className="py-1.5 pl-3 text-right font-medium">Total</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.productId} className="border-b last:border-0">
                  <td className="py-1.5 pr-3">
                    {line.name}
                    <div className="font-mono text-xs text-muted-foreground">{line.sku}</div>
                  </td>
                  <td className="py-1.5 pl-3 text-right align-top tabular-nums">{formatNumber(line.quantity)}</td>
                  <td className="py-1.5 pl-3 text-right align-top whitespace-nowrap tabular-nums">{formatMoney(line.unitCostMinor, currency)}</td>
                  <td className="py-1.5 pl-3 text-right align-top whitespace-nowrap tabular-nums">{formatMoney(line.quantity * line.unitCostMinor, currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3} className="pt-2 pr-3 text-right text-xs font-medium text-muted-foreground">
                  Order total
                </th>
                <td className="pt-2 text-right font-medium whitespace-nowrap tabular-nums">{formatMoney(total, currency)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      );
    }
  }
}
