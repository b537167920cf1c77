import type { DraftContext } from "../context";
import type { ClientelingNoteOutput } from "../prompts/clienteling-note";
import { mentionsPrice } from "../prompts/output-rules";
import { planService, SERVICE_LABEL } from "./care";
import { longDate, monthYear } from "./dates";
import { pieceName } from "./names";

function complementReason(bought: DraftContext["sale"]["lines"][number], suggestion: { category: string }): string {
  if (bought.category.endsWith("watch") && suggestion.category.endsWith("watch")) {
    return `A second watch to alternate with the ${pieceName(bought)}.`;
  }
  if (bought.category.endsWith("watch")) return `Pairs with the ${pieceName(bought)} for evenings.`;
  return `Complements the ${pieceName(bought)}; in stock here.`;
}

/** A note for the associates and a manager thank-you, written only for high-value clients. */
export function draftClientelingNote(context: DraftContext): ClientelingNoteOutput {
  const signals = context.clienteling;
  if (!signals?.isHighValue) {
    return {
      applicable: false,
      note: "",
      managerThankYou: null,
      nextBestActions: [],
      rationale: "The context does not mark this client as high-value, so no clienteling note is proposed.",
    };
  }
  const { sale, store } = context;
  const bought = sale.lines.map((l) => `${pieceName(l)}`).join(", ");
  const owned = context.earlierPurchases.map((p) => `${pieceName(p)} (${monthYear(p.date)})`).join(", ");
  const plans = sale.lines.map((l) => ({ line: l, plan: planService(l, sale.date, context.asOf) }));
  const firstVisit = [...plans].sort((a, b) => a.plan.dueOn.localeCompare(b.plan.dueOn))[0];
  const notes = context.notes
    .filter((n) => !mentionsPrice(n.text))
    .map((n) => `"${n.text}"`).join(" ");
  const note = [
    `{{client.first_name}} {{client.last_name}} bought ${bought} on ${longDate(sale.date)}${sale.associate ? ` with ${sale.associate}` : ""}.`,
    owned ? `Already owns: ${owned}.` : "First purchase with us.",
    `Why this client matters: ${signals.reasons.join("; ")}; ${signals.purchasesLast12Months} purchase(s) in the last 12 months.`,
    `Follow up: thank-you within 48 hours; ${SERVICE_LABEL[firstVisit.plan.kind]} for the ${pieceName(firstVisit.line)} around ${longDate(firstVisit.plan.dueOn)}.`,
    notes ? `Sale notes (as written by staff, unverified): ${notes}` : null,
  ].filter((part): part is string => part !== null);
  const sameBrand = new Set(sale.lines.map((l) => l.brand));
  const suggestions = [...signals.inStockSuggestions]
    .map((s, index) => ({ s, index, rank: sameBrand.has(s.brand) ? 0 : 1 }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, 3)
    .map(({ s }) => ({ brand: s.brand, name: s.name, reason: complementReason(sale.lines[0], s) }));
  return {
    applicable: true,
    note: note.join("\n").slice(0, 2000),
    managerThankYou:
      `A handwritten card from the manager of ${store.name} thanking {{client.first_name}} for their trust, ` +
      `with an invitation to the ${SERVICE_LABEL[firstVisit.plan.kind]} around ${longDate(firstVisit.plan.dueOn)}.`,
    nextBestActions: suggestions,
    rationale: `High-value client (${signals.reasons.join("; ")}); suggestions are limited to items in stock at ${store.name}.`,
  };
}
