import type { LanguageModelV3, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { domainEvents, drafts, type DomainEvent } from "@/db/schema";
import { draftWith, type DraftResult, type DraftWithOptions } from "@/lib/ai";
import { cancelForClientChange, cancelForReturnedItem, cancelForSaleReturn, cancelForVoidedSale } from "./cancel";
import { clientMessageCap } from "./config";
import { describeEventError, EVENT_RETRY, recordEventFailure, type EventRetryPolicy } from "./event-retry";
import { isOverFrequencyCap, lockClientMessages } from "./guards";
import { loadSaleFacts } from "./load";
import { auditSkip, persistDraft, type SaleRef } from "./persist";
import { planSaleDrafts, type DraftJob, type SalePlan } from "./plan";

/**
 * The drafting drain: domain events → drafts. Three steps, so no row lock is held while a model thinks:
 * 1. claim unconsumed events (FOR UPDATE SKIP LOCKED), read what each needs, plan its drafts; commit;
 * 2. generate every planned draft, outside any transaction;
 * 3. per event, in its own transaction: lock the event again, and only if it is still unconsumed write
 *    its drafts (insert … on conflict (dedupe_key) do nothing), audit entries and cancellations, and
 *    mark it consumed.
 * Two workers that claim the same event in the gap between steps may both generate, but the dedupe key
 * and the consumed check in step 3 let exactly one of them write. An event whose handling throws stays
 * unconsumed and waits with backoff before it is taken again; after the last attempt it is dead
 * (event-retry.ts).
 */

export type DrainDomainEventsOptions = {
  model: LanguageModelV3;
  modelId: string;
  providerOptions?: SharedV3ProviderOptions;
  now?: Date;
  /** a sale completed longer ago than this is history: no drafts */
  liveWindowHours?: number;
  batchSize?: number;
  /** client messages per client per 7 days; defaults to DRAFT_CLIENT_MESSAGE_CAP (1) */
  clientMessageCap?: number;
  /** passed to every model call (timeouts, retries, backoff; tests make them fast) */
  draft?: Pick<DraftWithOptions<unknown>, "timeoutMs" | "maxRetries" | "baseDelayMs" | "maxDelayMs" | "sleep" | "random" | "semaphore" | "log">;
  log?: (entry: Record<string, unknown>) => void;
  /** attempts and backoff for events whose drafting throws */
  retry?: Partial<EventRetryPolicy>;
};

export type DraftDrainResult = {
  claimed: number;
  consumed: number;
  created: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** events whose drafting threw this time (they wait, or are dead) */
  errored: number;
};

type Settings = { now: Date; liveWindowHours: number; cap: number; batchSize: number; retry: EventRetryPolicy; log: (entry: Record<string, unknown>) => void };

const LIVE_ORIGINS = new Set(["webhook", "reconciliation"]);

type Prepared = { event: DomainEvent; sale: SaleRef | null; plan: SalePlan };
type Generated = Prepared & { results: DraftResult<unknown>[] };

const EMPTY_PLAN: SalePlan = { jobs: [], skips: [] };

async function prepare(tx: Executor, event: DomainEvent, options: { now: Date; liveWindowHours: number; cap: number }): Promise<Prepared> {
  const none = { event, sale: null, plan: EMPTY_PLAN };
  if (event.type !== "sale.completed" || !event.saleId || !LIVE_ORIGINS.has(event.origin)) return none;
  const facts = await loadSaleFacts(tx, event.saleId, options.now);
  const liveSince = options.now.getTime() - options.liveWindowHours * 3_600_000;
  if (!facts || facts.sale.status !== "completed" || facts.sale.completedAt.getTime() < liveSince) return none;
  const sale = { id: facts.sale.id, externalId: facts.sale.externalId, storeId: facts.sale.storeId };
  return { event, sale, plan: await planSaleDrafts(tx, facts, { now: options.now, cap: options.cap }) };
}

/** Records a failed attempt; the event waits for its next attempt, or is dead. */
async function failEvent(tx: Executor, event: DomainEvent, error: unknown, options: Settings): Promise<void> {
  const outcome = await recordEventFailure(tx, { event, error, now: options.now, policy: options.retry });
  const { errorClass, message } = describeEventError(error);
  options.log({ msg: outcome?.isDead ? "domain event is dead" : "domain event could not be drafted", eventId: event.id, attempts: outcome?.attempts, nextAttemptAt: outcome?.nextAttemptAt, errorClass, error: message });
}

async function claimAndPrepare(db: Database, options: Settings) {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .select()
      .from(domainEvents)
      .where(
        and(
          isNull(domainEvents.consumedAt),
          isNull(domainEvents.deadAt),
          or(isNull(domainEvents.nextAttemptAt), lte(domainEvents.nextAttemptAt, options.now)),
        ),
      )
      .orderBy(asc(domainEvents.createdAt), asc(domainEvents.id))
      .limit(options.batchSize)
      .for("update", { skipLocked: true });
    const prepared: Prepared[] = [];
    let errored = 0;
    for (const event of claimed) {
      try {
        prepared.push(await tx.transaction((savepoint) => prepare(savepoint, event, options)));
      } catch (error) {
        errored += 1;
        await failEvent(tx, event, error, options);
      }
    }
    return { claimed: claimed.length, prepared, errored };
  });
}

async function handleEvent(tx: Executor, item: Generated, options: { now: Date; cap: number }, result: DraftDrainResult): Promise<boolean> {
  const [locked] = await tx
    .select({ id: domainEvents.id })
    .from(domainEvents)
    .where(and(eq(domainEvents.id, item.event.id), isNull(domainEvents.consumedAt)))
    .for("update");
  if (!locked) return false;
  const { event, sale, plan } = item;
  switch (event.type) {
    case "item.returned":
      result.cancelled += await cancelForReturnedItem(tx, event);
      break;
    case "sale.returned":
      result.cancelled += await cancelForSaleReturn(tx, event);
      break;
    case "sale.voided":
      result.cancelled += await cancelForVoidedSale(tx, event);
      break;
    case "customer.updated":
    case "customer.deleted":
      result.cancelled += await cancelForClientChange(tx, event);
      break;
  }
  if (sale) {
    for (const skip of plan.skips) {
      await auditSkip(tx, { skip, eventId: event.id, sale });
      result.skipped += 1;
    }
    for (const [index, job] of plan.jobs.entries()) {
      const reason = (await isOverCapNow(tx, job, options)) ? "frequency_cap" : isNotApplicable(job, item.results[index]) ? "model_not_applicable" : null;
      if (reason) {
        await auditSkip(tx, { skip: { kind: job.kind, dedupeKey: job.dedupeKey, reason, customerId: job.subject.customerId }, eventId: event.id, sale });
        result.skipped += 1;
        continue;
      }
      const origin = { storeId: sale.storeId, saleId: sale.id, transactionId: sale.externalId };
      const outcome = await persistDraft(tx, { job, result: item.results[index], eventId: event.id, origin, now: options.now });
      if (outcome === "created") result.created += 1;
      if (outcome === "failed") result.failed += 1;
    }
  }
  await tx.update(domainEvents).set({ consumedAt: sql`now()` }).where(eq(domainEvents.id, event.id));
  return true;
}

/** A clienteling note the model declined (it judged the client not high-value): nothing to review. */
function isNotApplicable(job: DraftJob, result: DraftResult<unknown>): boolean {
  return job.kind === "clienteling_note" && result.ok && (result.output as { applicable?: boolean }).applicable === false;
}

/** The cap again, under the client's lock: another sale of the same client may have been drafted since step 1. */
async function isOverCapNow(tx: Executor, job: DraftJob, options: { now: Date; cap: number }): Promise<boolean> {
  const customerId = job.subject.customerId;
  if (job.kind !== "client_message" || !customerId) return false;
  await lockClientMessages(tx, customerId);
  const [existing] = await tx.select({ id: drafts.id }).from(drafts).where(eq(drafts.dedupeKey, job.dedupeKey));
  if (existing) return false;
  return isOverFrequencyCap(tx, customerId, options.cap, options.now);
}

export async function drainDomainEvents(db: Database, options: DrainDomainEventsOptions): Promise<DraftDrainResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  const settings: Settings = {
    now,
    log,
    liveWindowHours: options.liveWindowHours ?? 72,
    batchSize: options.batchSize ?? 50,
    cap: options.clientMessageCap ?? clientMessageCap(),
    retry: { ...EVENT_RETRY, ...options.retry },
  };
  const { claimed, prepared, errored } = await claimAndPrepare(db, settings);
  const result: DraftDrainResult = { claimed, consumed: 0, created: 0, failed: 0, skipped: 0, cancelled: 0, errored };
  if (claimed === 0) return result;

  const generated = await Promise.all(
    prepared.map(async (item): Promise<Generated | { event: DomainEvent; error: unknown }> => {
      try {
        const results = await Promise.all(
          item.plan.jobs.map((job) =>
            draftWith({ ...options.draft, model: options.model, modelId: options.modelId, providerOptions: options.providerOptions, prompt: job.prompt, input: job.input }),
          ),
        );
        return { ...item, results };
      } catch (error) {
        return { event: item.event, error };
      }
    }),
  );

  for (const item of generated) {
    try {
      if ("error" in item) throw item.error;
      if (await db.transaction((tx) => handleEvent(tx, item, settings, result))) result.consumed += 1;
    } catch (error) {
      result.errored += 1;
      await db.transaction((tx) => failEvent(tx, item.event, error, settings));
    }
  }
  return result;
}
