import type { LanguageModelV3, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { drafts, type CustomerTier, type ProductCategory, type ServiceKind } from "@/db/schema";
import { draftWith, serviceTicketPrompt, type DraftInput, type DraftPrompt, type DraftResult, type SaleLineContext } from "@/lib/ai";
import { planService } from "@/lib/ai/offline/care";
import { addDays } from "@/lib/ai/offline/dates";
import { appendAudit } from "@/lib/audit/append";
import { priorityFor } from "./config";
import type { DrainDomainEventsOptions } from "./drain";
import { clientFlagColumns, draftFlags, localDate, type DraftFlag } from "./load";
import { persistDraft } from "./persist";
import type { DraftJob } from "./plan";

/**
 * The daily service-due scan: every serialized piece a client owns whose next service (the product's
 * interval, or its category's default, counted from the last completed service or else from the
 * sale) falls due within the horizon, or is overdue, gets a `service_ticket` draft, whatever the
 * piece's age: the first cleaning of a ring bought last spring, the battery of a quartz watch sold
 * three years ago. Exactly once per piece and due date (the dedupe key names both); never while the
 * piece has an open ticket or a pending service-ticket draft, nor when an approved one covers the
 * date already. Candidates come page by page (keyset on the item id, index probes per item); each
 * page is generated concurrently, bounded by the AI semaphore, and written in one transaction.
 */

export type ScanServiceDueOptions = {
  model: LanguageModelV3;
  modelId: string;
  providerOptions?: SharedV3ProviderOptions;
  now?: Date;
  /** services falling due within this many days are drafted (overdue ones always) */
  horizonDays?: number;
  /** items read and drafted per page */
  batchSize?: number;
  draft?: DrainDomainEventsOptions["draft"];
  log?: (entry: Record<string, unknown>) => void;
};

export type ServiceDueScanResult = {
  /** owned pieces without an open ticket or a pending draft */
  scanned: number;
  /** of those, with a service due within the horizon (or overdue) */
  due: number;
  created: number;
  failed: number;
  /** due, but drafted for this date already, or covered by an approved draft */
  skipped: number;
};

type Candidate = {
  itemId: string;
  serial: string;
  productId: string;
  brand: string;
  name: string;
  category: ProductCategory;
  warrantyMonths: number;
  serviceIntervalMonths: number | null;
  serviceKind: ServiceKind | null;
  careNotes: string | null;
  storeId: string;
  storeName: string;
  storeCity: string;
  timezone: string;
  currency: string;
  customerId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  consentEmail: boolean;
  consentSms: boolean;
  doNotContact: boolean;
  tier: CustomerTier;
  hasOpenComplaint: boolean;
  hasOverdueTicket: boolean;
  soldAt: Date | null;
  saleId: string | null;
  saleExternalId: string | null;
  saleCompletedAt: Date | null;
  lastServiceAt: Date | null;
  coveredUntil: string | null;
};

const OPEN_TICKET = sql`('closed', 'cancelled')`;

/**
 * One page of candidates. Each lateral and `exists` is an index probe per item: custody_events
 * (item, occurred_at), service_tickets (item), drafts (customer), sales (pk).
 */
async function candidatesAfter(db: Database, after: string | null, limit: number, now: Date): Promise<Candidate[]> {
  const flags = clientFlagColumns(sql`c.id`, now);
  const rows = await db.execute<Candidate>(sql`
    select i.id as "itemId", i.serial_number as "serial", p.id as "productId", p.brand, p.name, p.category,
           p.warranty_months as "warrantyMonths", p.service_interval_months as "serviceIntervalMonths",
           p.service_kind as "serviceKind", p.care_notes as "careNotes",
           st.id as "storeId", st.name as "storeName", st.city as "storeCity", st.timezone, st.currency,
           c.id as "customerId", c.first_name as "firstName", c.last_name as "lastName", c.email, c.phone,
           c.address_line as "addressLine", c.postal_code as "postalCode", c.city, c.country,
           c.consent_email as "consentEmail", c.consent_sms as "consentSms", c.do_not_contact as "doNotContact", c.tier,
           ${flags.hasOpenComplaint} as "hasOpenComplaint", ${flags.hasOverdueTicket} as "hasOverdueTicket",
           i.sold_at as "soldAt", s.id as "saleId", s.external_id as "saleExternalId", s.completed_at as "saleCompletedAt",
           greatest(
             (select max(ce.occurred_at) from custody_events ce where ce.item_id = i.id and ce.kind = 'service_completed'),
             (select max(t.closed_at) from service_tickets t where t.item_id = i.id and t.status = 'closed' and t.kind <> 'complaint')
           ) as "lastServiceAt",
           (select max(d.output->>'dueOn') from drafts d
             where d.customer_id = c.id and d.item_id = i.id and d.kind = 'service_ticket' and d.status in ('approved', 'held')) as "coveredUntil"
      from serialized_items i
      join products p on p.id = i.product_id
      join customers c on c.id = i.current_owner_id
      join stores st on st.id = coalesce(i.current_store_id, c.home_store_id)
      left join lateral (
        select ce.sale_id from custody_events ce
         where ce.item_id = i.id and ce.kind in ('sold', 'resold') and ce.sale_id is not null
         order by ce.occurred_at desc limit 1
      ) sold on true
      left join sales s on s.id = sold.sale_id
     where i.status = 'sold'
       and c.erased_at is null and c.merged_into_id is null
       and (${after}::uuid is null or i.id > ${after}::uuid)
       and not exists (select 1 from service_tickets t where t.item_id = i.id and t.status not in ${OPEN_TICKET})
       and not exists (select 1 from drafts d
             where d.customer_id = c.id and d.item_id = i.id and d.kind = 'service_ticket' and d.status = 'pending')
     order by i.id
     limit ${limit}`);
  return [...rows].map((row) => ({
    ...row,
    soldAt: row.soldAt && new Date(row.soldAt),
    saleCompletedAt: row.saleCompletedAt && new Date(row.saleCompletedAt),
    lastServiceAt: row.lastServiceAt && new Date(row.lastServiceAt),
  }));
}

export type DueService = { kind: ServiceKind; scheduledOn: string; isOverdue: boolean; asOf: string; line: SaleLineContext; saleDate: string };

/**
 * The piece's next recurring service if it falls due by `asOf + horizonDays` (or is overdue), else
 * null. Warranty registrations are the sale's business, not the scan's. A service recorded before the
 * piece's latest sale (a pre-owned piece serviced for its former owner) does not move the count.
 */
export function dueService(
  piece: Omit<SaleLineContext, "properties" | "lastServiceOn">,
  dates: { soldAt: Date; lastServiceAt: Date | null; now: Date; timezone: string; horizonDays: number },
): DueService | null {
  const asOf = localDate(dates.now, dates.timezone);
  const saleDate = localDate(dates.soldAt, dates.timezone);
  const serviced = dates.lastServiceAt ? localDate(dates.lastServiceAt, dates.timezone) : null;
  const line: SaleLineContext = { ...piece, properties: [], lastServiceOn: serviced && serviced >= saleDate ? serviced : null };
  const plan = planService(line, saleDate, asOf);
  if (plan.kind === "warranty_registration" || !plan.intervalMonths || plan.intervalMonths <= 0) return null;
  if (plan.scheduledOn > addDays(asOf, dates.horizonDays)) return null;
  return { kind: plan.kind, scheduledOn: plan.scheduledOn, isOverdue: plan.isOverdue, asOf, line, saleDate };
}

export function serviceDueKey(itemId: string, scheduledOn: string): string {
  return `service_ticket:service_due:${itemId}:${scheduledOn}`;
}

type ScanJob = { job: Pick<DraftJob, "kind" | "dedupeKey" | "subject" | "priority" | "channel" | "thankYouWithheld" | "flags">; input: DraftInput; candidate: Candidate; asOf: string };

function toJob(candidate: Candidate, due: DueService): ScanJob {
  const flags: DraftFlag[] = draftFlags(candidate);
  const address = candidate.addressLine && candidate.postalCode && candidate.city
    ? { line1: candidate.addressLine, postalCode: candidate.postalCode, city: candidate.city, country: candidate.country }
    : null;
  const channels = candidate.doNotContact
    ? { email: false, sms: false }
    : { email: candidate.consentEmail && !!candidate.email, sms: candidate.consentSms && !!candidate.phone };
  const input: DraftInput = {
    client: {
      identity: { firstName: candidate.firstName, lastName: candidate.lastName, email: candidate.email, phone: candidate.phone, address },
      channels,
      preferredChannel: channels.email ? "email" : channels.sms ? "sms" : null,
      preferredAssociate: null,
    },
    store: { name: candidate.storeName, city: candidate.storeCity, timezone: candidate.timezone, currency: candidate.currency },
    sale: { date: due.saleDate, associate: null, lines: [due.line] },
    earlierPurchases: [],
    notes: [],
    clienteling: null,
    subjectLine: 0,
    asOf: due.asOf,
  };
  const isHighValue = candidate.tier === "gold" || candidate.tier === "platinum";
  return {
    job: {
      kind: "service_ticket",
      dedupeKey: serviceDueKey(candidate.itemId, due.scheduledOn),
      subject: { customerId: candidate.customerId, itemId: candidate.itemId, productId: candidate.productId },
      priority: Math.min(100, priorityFor("service_ticket", { isHighValue }) + (due.isOverdue ? 10 : 0)),
      channel: null,
      thankYouWithheld: null,
      flags,
    },
    input,
    candidate,
    asOf: due.asOf,
  };
}

export async function scanServiceDue(db: Database, options: ScanServiceDueOptions): Promise<ServiceDueScanResult> {
  const now = options.now ?? new Date();
  const horizonDays = options.horizonDays ?? 30;
  const batchSize = options.batchSize ?? 200;
  const log = options.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  const result: ServiceDueScanResult = { scanned: 0, due: 0, created: 0, failed: 0, skipped: 0 };
  let after: string | null = null;

  for (;;) {
    const page = await candidatesAfter(db, after, batchSize, now);
    if (page.length === 0) break;
    after = page[page.length - 1].itemId;
    result.scanned += page.length;

    const jobs: ScanJob[] = [];
    for (const candidate of page) {
      const soldAt = candidate.saleCompletedAt ?? candidate.soldAt;
      if (!soldAt) continue;
      const due = dueService(
        {
          brand: candidate.brand,
          name: candidate.name,
          category: candidate.category,
          serial: candidate.serial,
          warrantyMonths: candidate.warrantyMonths,
          serviceIntervalMonths: candidate.serviceIntervalMonths,
          serviceKind: candidate.serviceKind,
          careNotes: candidate.careNotes,
        },
        { soldAt, lastServiceAt: candidate.lastServiceAt, now, timezone: candidate.timezone, horizonDays },
      );
      if (!due) continue;
      result.due += 1;
      if (candidate.coveredUntil && candidate.coveredUntil >= due.scheduledOn) {
        result.skipped += 1;
        continue;
      }
      jobs.push(toJob(candidate, due));
    }
    if (jobs.length === 0) continue;

    const existing = new Set(
      (await db.select({ key: drafts.dedupeKey }).from(drafts).where(sql`${drafts.dedupeKey} = any(${sql.param(jobs.map((j) => j.job.dedupeKey))}::text[])`)).map(
        (row) => row.key,
      ),
    );
    const fresh = jobs.filter((job) => !existing.has(job.job.dedupeKey));
    result.skipped += jobs.length - fresh.length;

    const results: DraftResult<unknown>[] = await Promise.all(
      fresh.map(({ input }) =>
        draftWith({ ...options.draft, model: options.model, modelId: options.modelId, providerOptions: options.providerOptions, prompt: serviceTicketPrompt as DraftPrompt<unknown>, input }),
      ),
    );
    await db.transaction(async (tx) => {
      for (const [index, { job, candidate, asOf }] of fresh.entries()) {
        const origin = { storeId: candidate.storeId, saleId: candidate.saleId, transactionId: candidate.saleExternalId };
        const outcome = await persistDraft(tx, { job, result: results[index], eventId: `service_due:${asOf}`, origin, now });
        if (outcome === "created") result.created += 1;
        else if (outcome === "failed") result.failed += 1;
        else result.skipped += 1;
      }
    });
  }

  await appendAudit(db, {
    actorType: "system",
    action: "drafting.service_due_scanned",
    targetType: "service_due_scan",
    targetId: now.toISOString().slice(0, 10),
    details: { ...result, horizonDays, at: now.toISOString() },
  });
  log({ msg: "service-due scan finished", ...result, horizonDays });
  return result;
}
