import { diffWords } from "diff";
import { formatNumber } from "@/components/format";
import type { ReviewKind } from "@/lib/review/kinds";
import { changedQuantities, changedTextFields, textOf, type DraftOutput } from "./draft-fields";

/** Unchanged text longer than this is shortened to its ends, so the changes stand out in a long message. */
const UNCHANGED_KEPT = 90;

function shorten(text: string, position: "first" | "middle" | "last"): string {
  if (text.length <= UNCHANGED_KEPT * 2 + 20) return text;
  const head = position === "first" ? "" : text.slice(0, UNCHANGED_KEPT);
  const tail = position === "last" ? "" : text.slice(-UNCHANGED_KEPT);
  return `${head} … ${tail}`;
}

/** Word-level difference between two texts: removed words struck through, added ones highlighted. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after);
  return (
    <p className="text-sm leading-relaxed whitespace-pre-wrap">
      {parts.map((part, index) =>
        part.removed ? (
          <del key={index} className="rounded-sm bg-destructive/10 text-destructive decoration-destructive/60">
            <span className="sr-only">[removed: </span>
            {part.value}
            <span className="sr-only">]</span>
          </del>
        ) : part.added ? (
          <ins key={index} className="rounded-sm bg-success/15 text-success no-underline">
            <span className="sr-only">[added: </span>
            {part.value}
            <span className="sr-only">]</span>
          </ins>
        ) : (
          <span key={index} className="text-muted-foreground">
            {shorten(part.value, index === 0 ? "first" : index === parts.length - 1 ? "last" : "middle")}
          </span>
        ),
      )}
    </p>
  );
}

/** Every field the reviewer changed, each as a word-level diff against the AI's text. */
export function OutputDiff({ kind, before, after, title }: { kind: ReviewKind; before: DraftOutput | null; after: DraftOutput | null; title: string }) {
  const fields = changedTextFields(kind, before, after);
  const quantities = kind === "purchase_recommendation" ? changedQuantities(before, after) : [];
  return (
    <section aria-label={title} className="rounded-lg border border-dashed bg-muted/30 p-3">
      <h3 className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">{title}</h3>
      {fields.length === 0 && quantities.length === 0 ? (
        <p className="text-sm text-muted-foreground">No changes from the AI&apos;s draft.</p>
      ) : (
        <dl className="space-y-3">
          {fields.map((field) => (
            <div key={field.key}>
              <dt className="mb-0.5 text-xs font-medium text-muted-foreground">{field.label}</dt>
              <dd>
                <TextDiff before={textOf(before, field.key)} after={textOf(after, field.key)} />
              </dd>
            </div>
          ))}
          {quantities.map((line) => (
            <div key={line.sku}>
              <dt className="mb-0.5 text-xs font-medium text-muted-foreground">
                Quantity of {line.name} ({line.sku})
              </dt>
              <dd className="text-sm tabular-nums">
                <del className="text-destructive">{formatNumber(line.from)}</del> → <ins className="text-success no-underline">{formatNumber(line.to)}</ins>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
