import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type {
  CustomerPreferences,
  CustomerTier,
  DraftKind,
  DraftStatus,
  ItemStatus,
  ProductCategory,
  ServiceKind,
  SuggestionOutcome,
  TicketStatus,
} from "@/db/schema";
import { planService, SERVICE_LABEL } from "@/lib/ai/offline/care";
import { scopeOf } from "@/lib/auth/permissions";
import { can, type Viewer } from "@/lib/auth/viewer";
import { customerInScope, storeInScope, uuidArray } from "./scope";
import { warrantyStatus, type WarrantyStatus } from "./warranty";

export const PURCHASE_HISTORY_LIMIT = 50;
/** A collector's card stays readable; the registry holds the rest. */
export const OWNED_ITEMS_LIMIT = 100;
const RECENT_DRAFT_DAYS = 30;

export type OwnedItem = {
  id: string;
  serialNumber: string;
  brand: string;
  productName: string;
  category: ProductCategory;
  status: ItemStatus;
  purchasedAt: Date | null;
  purchaseStore: { code: string; name: string; timezone: string } | null;
  /** the sale that sold it, when its page is in the viewer's reach */
  saleId: string | null;
  warrantyEndsOn: string | null;
  warranty: WarrantyStatus;
  services: { ticketId: string; kind: ServiceKind; status: TicketStatus; openedAt: Date; closedAt: Date | null; canOpen: boolean }[];
  nextService: { label: string; dueOn: string; isOverdue: boolean } | null;
};

export type PurchaseLine = {
  saleId: string;
  /** the sale's page is in the viewer's reach (a client of theirs may have bought at another store) */
  canOpenSale: boolean;
  lineNo: number;
  completedAt: Date;
  storeCode: string;
  timezone: string;
  brand: string | null;
  name: string | null;
  sku: string;
  quantity: number;
  totalMinor: number;
  currency: string;
};

export type Suggestion = {
  draftId: string;
  index: number;
  key: string;
  brand: string;
  name: string;
  reason: string;
  available: number;
  feedback: SuggestionOutcome | null;
};

export type ClientCard = {
  client: {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    city: string | null;
    loyaltyId: string | null;
    tier: CustomerTier;
    lifetimeValueMinor: number;
    currency: string;
    homeStore: { id: string; code: string; name: string; timezone: string } | null;
    preferredAssociate: { id: string; name: string } | null;
    consent: { email: boolean; sms: boolean; phone: boolean; mail: boolean };
    doNotContact: boolean;
    preferences: CustomerPreferences;
    birthday: string | null;
  };
  ownedItems: OwnedItem[];
  purchases: { total: number; lines: PurchaseLine[] };
  openTickets: { id: string; kind: ServiceKind; status: TicketStatus; dueOn: string | null; openedAt: Date; storeCode: string; itemId: string | null; serialNumber: string | null; canOpen: boolean }[];
  drafts: { id: string; kind: DraftKind; status: DraftStatus; createdAt: Date; storeCode: string; rationale: string | null; canReview: boolean }[];
  notes: { id: string; body: string; createdAt: Date; authorName: string | null; storeCode: string | null }[];
  talkingPoints: { draftId: string; createdAt: Date; note: string; managerThankYou: string | null }[];
  suggestions: Suggestion[];
  /** the store feedback and notes are recorded for; null when the viewer has none */
  actingStoreId: string | null;
  can: { note: boolean; feedback: boolean };
};

/** Which store the viewer acts for on this card: the chosen store, else the client's home store if theirs, else their first. */
export function actingStoreFor(viewer: Viewer, activeStoreId: string | null, homeStoreId: string | null): string | null {
  if (activeStoreId && viewer.storeIds.includes(activeStoreId)) return activeStoreId;
  if (homeStoreId && viewer.storeIds.includes(homeStoreId)) return homeStoreId;
  return viewer.storeIds[0] ?? null;
}

const REVIEW_PERMISSION = {
  client_message: "drafts.review.client_message",
  service_ticket: "drafts.review.service_ticket",
  clienteling_note: "drafts.review.clienteling_note",
  purchase_recommendation: "drafts.read.purchase_recommendation",
  return_assessment: null,
  consignment_offer: null,
} as const satisfies Record<DraftKind, string | null>;

/**
 * Everything the clienteling card shows, in one round of parallel queries. A client outside the
 * viewer's `customers.read` scope is not found (null). Suggestions are limited to pieces in stock at
 * the viewer's store (the active one, else any of theirs).
 */
export async function getClientCard({
  db,
  viewer,
  customerId,
  activeStoreId = null,
  today = new Date().toISOString().slice(0, 10),
}: {
  db: Executor;
  viewer: Viewer;
  customerId: string;
  activeStoreId?: string | null;
  today?: string;
}): Promise<ClientCard | null> {
  if (!can(viewer, "customers.read")) return null;
  const [client] = await db.execute<{
    id: string;
    first_name: string;
    last_name: string;
    email: string | null;
    phone: string | null;
    city: string | null;
    loyalty_id: string | null;
    tier: CustomerTier;
    lifetime_value_minor: string;
    currency: string;
    home_id: string | null;
    home_code: string | null;
    home_name: string | null;
    home_timezone: string | null;
    associate_id: string | null;
    associate_name: string | null;
    consent_email: boolean;
    consent_sms: boolean;
    consent_phone: boolean;
    consent_mail: boolean;
    do_not_contact: boolean;
    preferences: CustomerPreferences;
    birthday: string | null;
  }>(sql`
    select customers.id, customers.first_name, customers.last_name, customers.email, customers.phone, customers.city,
           customers.loyalty_id, customers.tier, customers.lifetime_value_minor, customers.currency,
           home.id as home_id, home.code as home_code, home.name as home_name, home.timezone as home_timezone,
           associate.id as associate_id, associate.name as associate_name,
           customers.consent_email, customers.consent_sms, customers.consent_phone, customers.consent_mail,
           customers.do_not_contact, customers.preferences, customers.birthday
    from customers
    left join stores home on home.id = customers.home_store_id
    left join users associate on associate.id = customers.preferred_associate_id
    where customers.id = ${customerId} and customers.erased_at is null and customers.merged_into_id is null
      and ${customerInScope(viewer)}`);
  if (!client) return null;

  const actingStoreId = actingStoreFor(viewer, activeStoreId, client.home_id);
  const stockStores =
    activeStoreId && viewer.storeIds.includes(activeStoreId)
      ? [activeStoreId]
      : scopeOf(viewer.role, "customers.read") === "all"
        ? null
        : viewer.storeIds;
  const draftScope = scopeOf(viewer.role, "customers.read") === "all" ? sql`true` : sql`d.store_id = any(${uuidArray(viewer.storeIds)})`;

  const [items, purchaseRows, purchaseCount, tickets, draftRows, noteRows, suggestionRows] = await Promise.all([
    ownedItems(db, viewer, customerId),
    db.execute<{ sale_id: string; sale_reachable: boolean; line_no: number; completed_at: Date; store_code: string; timezone: string; brand: string | null; name: string | null; sku: string; quantity: number; total_minor: string; currency: string }>(sql`
      select s.id as sale_id, ${storeInScope(viewer, sql`s.store_id`)} as sale_reachable, l.line_no, s.completed_at, st.code as store_code, st.timezone, p.brand, p.name, l.sku, l.quantity,
             l.total_minor, l.currency
      from sales s
      join sale_lines l on l.sale_id = s.id
      join stores st on st.id = s.store_id
      left join products p on p.id = l.product_id
      where s.customer_id = ${customerId} and s.status = 'completed' and cardinality(l.serial_numbers) = 0
      order by s.completed_at desc, s.id, l.line_no
      limit ${PURCHASE_HISTORY_LIMIT}`),
    db.execute<{ count: number }>(sql`
      select count(*)::int as count from sales s join sale_lines l on l.sale_id = s.id
      where s.customer_id = ${customerId} and s.status = 'completed' and cardinality(l.serial_numbers) = 0`),
    db.execute<{ id: string; kind: ServiceKind; status: TicketStatus; due_on: string | null; opened_at: Date; store_code: string; item_id: string | null; serial_number: string | null; reachable: boolean }>(sql`
      select t.id, t.kind, t.status, t.due_on, t.opened_at, st.code as store_code, t.item_id, i.serial_number,
             ${storeInScope(viewer, sql`t.store_id`)} as reachable
      from service_tickets t
      join stores st on st.id = t.store_id
      left join serialized_items i on i.id = t.item_id
      where t.customer_id = ${customerId} and t.status not in ('closed', 'cancelled')
      order by t.due_on nulls last, t.opened_at`),
    db.execute<{ id: string; kind: DraftKind; status: DraftStatus; created_at: Date; store_code: string; rationale: string | null }>(sql`
      select d.id, d.kind, d.status, d.created_at, st.code as store_code, d.rationale
      from drafts d join stores st on st.id = d.store_id
      where d.customer_id = ${customerId} and ${draftScope}
        and (d.status = 'pending' or d.created_at > now() - make_interval(days => ${RECENT_DRAFT_DAYS}))
      order by d.status = 'pending' desc, d.created_at desc
      limit 20`),
    db.execute<{ id: string; body: string; created_at: Date; author_name: string | null; store_code: string | null }>(sql`
      select n.id, n.body, n.created_at, u.name as author_name, st.code as store_code
      from customer_notes n
      left join users u on u.id = n.author_id
      left join stores st on st.id = n.store_id
      where n.customer_id = ${customerId}
      order by n.created_at desc
      limit 30`),
    clientelingRows(db, customerId, stockStores, actingStoreId),
  ]);

  const talkingPoints = new Map<string, ClientCard["talkingPoints"][number]>();
  const suggestions: Suggestion[] = [];
  for (const row of suggestionRows) {
    if (!talkingPoints.has(row.draft_id) && (row.note || row.manager_thank_you)) {
      talkingPoints.set(row.draft_id, { draftId: row.draft_id, createdAt: row.created_at, note: row.note ?? "", managerThankYou: row.manager_thank_you });
    }
    if (row.idx !== null && row.brand && row.name && row.available !== null && Number(row.available) > 0) {
      suggestions.push({
        draftId: row.draft_id,
        index: row.idx,
        key: suggestionKey(row.brand, row.name),
        brand: row.brand,
        name: row.name,
        reason: row.reason ?? "",
        available: Number(row.available),
        feedback: row.outcome,
      });
    }
  }

  return {
    client: {
      id: client.id,
      firstName: client.first_name,
      lastName: client.last_name,
      email: client.email,
      phone: client.phone,
      city: client.city,
      loyaltyId: client.loyalty_id,
      tier: client.tier,
      lifetimeValueMinor: Number(client.lifetime_value_minor),
      currency: client.currency,
      homeStore: client.home_id ? { id: client.home_id, code: client.home_code!, name: client.home_name!, timezone: client.home_timezone! } : null,
      preferredAssociate: client.associate_id ? { id: client.associate_id, name: client.associate_name ?? "" } : null,
      consent: { email: client.consent_email, sms: client.consent_sms, phone: client.consent_phone, mail: client.consent_mail },
      doNotContact: client.do_not_contact,
      preferences: client.preferences ?? {},
      birthday: client.birthday,
    },
    ownedItems: items.map((item) => toOwnedItem(item, today)),
    purchases: {
      total: purchaseCount[0]?.count ?? 0,
      lines: purchaseRows.map((r) => ({
        saleId: r.sale_id,
        canOpenSale: r.sale_reachable,
        lineNo: r.line_no,
        completedAt: new Date(r.completed_at),
        storeCode: r.store_code,
        timezone: r.timezone,
        brand: r.brand,
        name: r.name,
        sku: r.sku,
        quantity: r.quantity,
        totalMinor: Number(r.total_minor),
        currency: r.currency,
      })),
    },
    openTickets: tickets.map((t) => ({ id: t.id, kind: t.kind, status: t.status, dueOn: t.due_on, openedAt: new Date(t.opened_at), storeCode: t.store_code, itemId: t.item_id, serialNumber: t.serial_number, canOpen: t.reachable })),
    drafts: draftRows.map((d) => {
      const permission = REVIEW_PERMISSION[d.kind];
      return { id: d.id, kind: d.kind, status: d.status, createdAt: new Date(d.created_at), storeCode: d.store_code, rationale: d.rationale, canReview: permission !== null && can(viewer, permission) };
    }),
    notes: noteRows.map((n) => ({ id: n.id, body: n.body, createdAt: new Date(n.created_at), authorName: n.author_name, storeCode: n.store_code })),
    talkingPoints: [...talkingPoints.values()],
    suggestions,
    actingStoreId,
    can: { note: can(viewer, "customers.note") && actingStoreId !== null, feedback: can(viewer, "suggestions.feedback") && actingStoreId !== null },
  };
}

export function suggestionKey(brand: string, name: string): string {
  return `${brand.trim().toLowerCase()}|${name.trim().toLowerCase()}`;
}

type OwnedItemRow = {
  id: string;
  serial_number: string;
  status: ItemStatus;
  warranty_ends_on: string | null;
  brand: string;
  name: string;
  category: ProductCategory;
  warranty_months: number;
  service_interval_months: number | null;
  service_kind: ServiceKind | null;
  care_notes: string | null;
  sold_at: Date | null;
  sale_id: string | null;
  store_code: string | null;
  store_name: string | null;
  store_timezone: string | null;
  services: { ticketId: string; kind: ServiceKind; status: TicketStatus; openedAt: string; closedAt: string | null; canOpen: boolean }[];
};

function ownedItems(db: Executor, viewer: Viewer, customerId: string) {
  return db.execute<OwnedItemRow>(sql`
    select i.id, i.serial_number, i.status, i.warranty_ends_on, p.brand, p.name, p.category, p.warranty_months,
           p.service_interval_months, p.service_kind, p.care_notes,
           coalesce(sold.occurred_at, i.sold_at) as sold_at,
           case when ${storeInScope(viewer, sql`sold.store_id`)} then sold.sale_id end as sale_id, st.code as store_code, st.name as store_name,
           st.timezone as store_timezone,
           coalesce(services.list, '[]'::json) as services
    from serialized_items i
    join products p on p.id = i.product_id
    left join lateral (
      select e.occurred_at, e.sale_id, e.store_id from custody_events e
      where e.item_id = i.id and e.kind in ('sold', 'resold')
      order by e.occurred_at desc limit 1
    ) sold on true
    left join stores st on st.id = coalesce(sold.store_id, i.current_store_id)
    left join lateral (
      select json_agg(json_build_object('ticketId', t.id, 'kind', t.kind, 'status', t.status, 'openedAt', t.opened_at, 'closedAt', t.closed_at,
                                        'canOpen', ${storeInScope(viewer, sql`t.store_id`)})
                      order by t.opened_at desc) as list
      from service_tickets t where t.item_id = i.id
    ) services on true
    where i.current_owner_id = ${customerId}
    order by coalesce(sold.occurred_at, i.sold_at) desc nulls last, i.id
    limit ${OWNED_ITEMS_LIMIT}`);
}

function toOwnedItem(row: OwnedItemRow, today: string): OwnedItem {
  const soldAt = row.sold_at ? new Date(row.sold_at) : null;
  const services = row.services.map((s) => ({ ...s, openedAt: new Date(s.openedAt), closedAt: s.closedAt ? new Date(s.closedAt) : null }));
  const lastService = services.find((s) => s.status === "closed" && s.closedAt && s.kind !== "complaint" && s.kind !== "warranty_registration");
  const plan =
    soldAt && row.status === "sold"
      ? planService(
          {
            brand: row.brand,
            name: row.name,
            category: row.category,
            serial: row.serial_number,
            warrantyMonths: row.warranty_months,
            serviceIntervalMonths: row.service_interval_months,
            serviceKind: row.service_kind,
            careNotes: row.care_notes,
            lastServiceOn: lastService?.closedAt?.toISOString().slice(0, 10) ?? null,
            properties: [],
          },
          soldAt.toISOString().slice(0, 10),
          today,
        )
      : null;
  return {
    id: row.id,
    serialNumber: row.serial_number,
    brand: row.brand,
    productName: row.name,
    category: row.category,
    status: row.status,
    purchasedAt: soldAt,
    purchaseStore: row.store_code ? { code: row.store_code, name: row.store_name!, timezone: row.store_timezone! } : null,
    saleId: row.sale_id,
    warrantyEndsOn: row.warranty_ends_on,
    warranty: warrantyStatus(row.warranty_ends_on, today),
    services,
    nextService: plan ? { label: SERVICE_LABEL[plan.kind], dueOn: plan.scheduledOn, isOverdue: plan.isOverdue } : null,
  };
}

type ClientelingRow = {
  draft_id: string;
  created_at: Date;
  note: string | null;
  manager_thank_you: string | null;
  idx: number | null;
  brand: string | null;
  name: string | null;
  reason: string | null;
  available: string | null;
  outcome: SuggestionOutcome | null;
};

/** Approved clienteling notes about the client (newest five), one row per suggestion with its stock and feedback. */
function clientelingRows(db: Executor, customerId: string, stockStores: string[] | null, actingStoreId: string | null) {
  const stockWhere = stockStores ? sql`and il.store_id = any(${uuidArray(stockStores)})` : sql``;
  return db.execute<ClientelingRow>(sql`
    with notes as (
      select d.id, d.created_at, coalesce(d.edited_output, d.output) as out
      from drafts d
      where d.customer_id = ${customerId} and d.kind = 'clienteling_note' and d.status in ('approved', 'executed', 'held')
      order by d.created_at desc
      limit 5
    )
    select n.id as draft_id, n.created_at, n.out->>'note' as note, n.out->>'managerThankYou' as manager_thank_you,
           (s.ordinality - 1)::int as idx, s.value->>'brand' as brand, s.value->>'name' as name, s.value->>'reason' as reason,
           stock.available, fb.outcome
    from notes n
    left join lateral jsonb_array_elements(
      case when jsonb_typeof(coalesce(n.out->'nextBestActions', n.out->'suggestions')) = 'array'
           then coalesce(n.out->'nextBestActions', n.out->'suggestions') else '[]'::jsonb end
    ) with ordinality s(value, ordinality) on true
    left join lateral (
      select sum(il.on_hand - il.reserved) as available
      from products p join inventory_levels il on il.product_id = p.id ${stockWhere}
      where lower(p.brand) = lower(s.value->>'brand') and lower(p.name) = lower(s.value->>'name')
    ) stock on true
    left join suggestion_feedback fb
      on fb.draft_id = n.id and fb.suggestion_index = s.ordinality - 1 and fb.store_id = ${actingStoreId}
    order by n.created_at desc, s.ordinality`);
}
