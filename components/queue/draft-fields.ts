import type { ReviewKind } from "@/lib/review/kinds";

export type DraftOutput = Record<string, unknown>;

/** A text field of a draft that a reviewer may rewrite before approving it. */
export type EditableField = { key: string; label: string; input: "line" | "text" | "date"; isNullable?: boolean };

const FIELDS: Record<ReviewKind, EditableField[]> = {
  client_message: [
    { key: "subject", label: "Subject", input: "line" },
    { key: "body", label: "Message", input: "text" },
  ],
  service_ticket: [
    { key: "title", label: "Title", input: "line" },
    { key: "dueOn", label: "Due on", input: "date" },
    { key: "description", label: "Description", input: "text" },
  ],
  clienteling_note: [
    { key: "note", label: "Note for the associates", input: "text" },
    { key: "managerThankYou", label: "Suggestion for the manager", input: "text", isNullable: true },
  ],
  purchase_recommendation: [],
};

/** The fields shown for `output` (an SMS has no subject). */
export function editableFields(kind: ReviewKind, output: DraftOutput | null): EditableField[] {
  return FIELDS[kind].filter((field) => !(kind === "client_message" && field.key === "subject" && output?.channel === "sms"));
}

export function textOf(output: DraftOutput | null, key: string): string {
  const value = output?.[key];
  return typeof value === "string" ? value : "";
}

export type RecommendationLine = { productId: string; sku: string; name: string; quantity: number; unitCostMinor: number };

export function recommendationLines(output: DraftOutput | null): RecommendationLine[] {
  return Array.isArray(output?.lines) ? (output.lines as RecommendationLine[]) : [];
}

/** What differs between the AI's output and a reviewer's version, field by field, for the diff. */
export function changedTextFields(kind: ReviewKind, before: DraftOutput | null, after: DraftOutput | null): EditableField[] {
  return editableFields(kind, after ?? before).filter((field) => textOf(before, field.key) !== textOf(after, field.key));
}

export function changedQuantities(before: DraftOutput | null, after: DraftOutput | null): { sku: string; name: string; from: number; to: number }[] {
  const previous = new Map(recommendationLines(before).map((line) => [line.productId, line.quantity]));
  return recommendationLines(after)
    .filter((line) => previous.get(line.productId) !== line.quantity)
    .map((line) => ({ sku: line.sku, name: line.name, from: previous.get(line.productId) ?? 0, to: line.quantity }));
}
