import { inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { drafts } from "@/db/schema";
import {
  clientelingNotePrompt,
  clientMessagePrompt,
  serviceTicketPrompt,
  type DraftInput,
  type DraftPrompt,
  type DrafterKind,
} from "@/lib/ai";
import { priorityFor } from "./config";
import { clientMessageChannel, isOverFrequencyCap, reachableChannels, type Channel, type SkipReason } from "./guards";
import { localDate, type DraftFlag, type SaleFacts, type SalePiece } from "./load";
import { refusingPaidAmounts } from "./price-guard";

export type DraftSubject = { customerId: string | null; itemId: string | null; productId: string | null };

/** One draft to generate for a sale. */
export type DraftJob = {
  kind: DrafterKind;
  dedupeKey: string;
  prompt: DraftPrompt<unknown>;
  input: DraftInput;
  subject: DraftSubject;
  priority: number;
  /** client_message: the only channel the draft may use */
  channel: Channel | null;
  /** clienteling_note: why the manager's thank-you suggestion is left out */
  thankYouWithheld: SkipReason | null;
  /** what the reviewer must see about the client (an open complaint, an overdue ticket) */
  flags: DraftFlag[];
};

export type DraftSkip = { kind: DrafterKind; dedupeKey: string; reason: SkipReason; customerId: string | null };

export type SalePlan = { jobs: DraftJob[]; skips: DraftSkip[] };

const REGISTERED_CATEGORIES = new Set(["electronics", "smart_watch"]);

/**
 * Exactly once per kind, sale and subject: the key names the sale's canonical event
 * (`sale.completed:<sale id>`), so a second event row for the same sale maps to the same drafts.
 */
export function dedupeKey(kind: DrafterKind, saleId: string, subjectId: string): string {
  return `${kind}:sale.completed:${saleId}:${subjectId}`;
}

export function isServiceable(piece: SalePiece): boolean {
  const { line } = piece;
  if (line.serviceIntervalMonths !== null || line.serviceKind !== null) return true;
  return piece.isSerialized && line.serial !== null && REGISTERED_CATEGORIES.has(line.category);
}

const ANONYMOUS = { firstName: "", lastName: "", email: null, phone: null, address: null };

function baseInput(facts: SaleFacts, now: Date, channels: { email: boolean; sms: boolean }, preferred: Channel | null): DraftInput {
  const { client, store } = facts;
  return {
    client: {
      identity: client && !client.isErased ? client.identity : ANONYMOUS,
      channels,
      preferredChannel: preferred,
      preferredAssociate: null,
    },
    store,
    sale: {
      date: localDate(facts.sale.completedAt, store.timezone),
      associate: facts.associate,
      lines: facts.pieces.map((piece) => piece.line),
    },
    earlierPurchases: facts.earlierPurchases,
    notes: facts.notes.map((text) => ({ source: "staff_note" as const, text })),
    clienteling: null,
    subjectLine: 0,
    asOf: localDate(now, store.timezone),
  };
}

/**
 * The drafts a live sale calls for, with the guards applied: drafts that already exist are left
 * out silently, client-facing ones a guard forbids become skips.
 */
export async function planSaleDrafts(tx: Executor, facts: SaleFacts, options: { now: Date; cap: number }): Promise<SalePlan> {
  const { sale, client, highValue } = facts;
  const isHighValue = highValue.isHighValue;
  const customerId = client?.id ?? null;
  const channels = client ? reachableChannels(client) : { email: false, sms: false };
  const preferred: Channel | null = channels.email ? "email" : channels.sms ? "sms" : null;
  const flags = client && !client.isErased ? client.flags : [];
  const candidates: (DraftJob | DraftSkip)[] = [];

  const messageChannel = clientMessageChannel(client);
  const messageKey = dedupeKey("client_message", sale.id, customerId ?? "anonymous");
  if ("skip" in messageChannel) {
    candidates.push({ kind: "client_message", dedupeKey: messageKey, reason: messageChannel.skip, customerId });
  } else {
    const only = { email: messageChannel.channel === "email", sms: messageChannel.channel === "sms" };
    candidates.push({
      kind: "client_message",
      dedupeKey: messageKey,
      prompt: refusingPaidAmounts(clientMessagePrompt as DraftPrompt<unknown>, facts.paid),
      input: baseInput(facts, options.now, only, messageChannel.channel),
      subject: { customerId, itemId: null, productId: null },
      priority: priorityFor("client_message", { isHighValue }),
      channel: messageChannel.channel,
      thankYouWithheld: null,
      flags,
    });
  }

  facts.pieces.forEach((piece, index) => {
    if (!isServiceable(piece)) return;
    candidates.push({
      kind: "service_ticket",
      dedupeKey: dedupeKey("service_ticket", sale.id, piece.itemId ?? piece.saleLineId),
      prompt: serviceTicketPrompt as DraftPrompt<unknown>,
      input: { ...baseInput(facts, options.now, channels, preferred), subjectLine: index },
      subject: { customerId, itemId: piece.itemId, productId: piece.productId },
      priority: priorityFor("service_ticket", {
        isHighValue,
        isRegistration: piece.isSerialized && REGISTERED_CATEGORIES.has(piece.line.category),
      }),
      channel: null,
      thankYouWithheld: null,
      flags,
    });
  });

  if (client && !client.isErased && isHighValue) {
    const contact = clientMessageChannel(client);
    candidates.push({
      kind: "clienteling_note",
      dedupeKey: dedupeKey("clienteling_note", sale.id, client.id),
      prompt: refusingPaidAmounts(clientelingNotePrompt as DraftPrompt<unknown>, facts.paid),
      input: { ...baseInput(facts, options.now, channels, preferred), clienteling: { ...highValue, inStockSuggestions: facts.inStockSuggestions } },
      subject: { customerId, itemId: null, productId: null },
      priority: priorityFor("clienteling_note", { isHighValue }),
      channel: null,
      thankYouWithheld: "skip" in contact ? contact.skip : null,
      flags,
    });
  }

  const keys = candidates.map((c) => c.dedupeKey);
  const existing = new Set(
    (await tx.select({ key: drafts.dedupeKey }).from(drafts).where(inArray(drafts.dedupeKey, keys))).map((row) => row.key),
  );
  const plan: SalePlan = { jobs: [], skips: [] };
  for (const candidate of candidates) {
    if (existing.has(candidate.dedupeKey)) continue;
    if ("reason" in candidate) plan.skips.push(candidate);
    else if (candidate.kind === "client_message" && customerId && (await isOverFrequencyCap(tx, customerId, options.cap, options.now))) {
      plan.skips.push({ kind: candidate.kind, dedupeKey: candidate.dedupeKey, reason: "frequency_cap", customerId });
    } else plan.jobs.push(candidate);
  }
  return plan;
}
