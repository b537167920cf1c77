import { and, desc, eq, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { customerNotes, customers, products, saleLines, sales, serializedItems, stores, users, type CustomerTier } from "@/db/schema";
import type { ClientIdentity, SaleLineContext } from "@/lib/ai";
import type { EarlierPurchaseContext } from "@/lib/ai/context";
import { assessHighValue, type HighValue } from "./high-value";
import { minorDigitsOf, type PaidAmounts } from "./price-guard";

/** One piece of the sale as the drafters see it: a line, or one serialized item of a line. */
export type SalePiece = {
  saleLineId: string;
  productId: string;
  itemId: string | null;
  isSerialized: boolean;
  line: SaleLineContext;
};

/** Conditions a reviewer must see on every draft about the client. */
export type DraftFlag = "open_complaint" | "overdue_ticket";

export type ClientFacts = {
  id: string;
  identity: ClientIdentity;
  consentEmail: boolean;
  consentSms: boolean;
  doNotContact: boolean;
  isErased: boolean;
  tier: CustomerTier;
  flags: DraftFlag[];
};

export type SaleFacts = {
  sale: { id: string; externalId: string; storeId: string; completedAt: Date; status: string };
  store: { name: string; city: string; timezone: string; currency: string };
  associate: string | null;
  pieces: SalePiece[];
  client: ClientFacts | null;
  earlierPurchases: EarlierPurchaseContext[];
  notes: string[];
  highValue: HighValue;
  /** what the client paid (total and lines), so no draft can state it */
  paid: PaidAmounts;
  inStockSuggestions: { brand: string; name: string; category: SaleLineContext["category"] }[];
};

const EARLIER_PURCHASES = 5;
const STAFF_NOTES = 3;
const SUGGESTIONS = 5;

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

const OPEN_TICKET = sql`t.status not in ('closed', 'cancelled')`;

/**
 * The client's flags as two columns of the caller's query, one index probe each
 * (service_tickets_customer_idx): an open complaint, and an open ticket past its due date in its
 * store's time zone.
 */
export function clientFlagColumns(customerId: SQL, now: Date) {
  return {
    hasOpenComplaint: sql<boolean>`exists (select 1 from service_tickets t
      where t.customer_id = ${customerId} and t.kind = 'complaint' and ${OPEN_TICKET})`,
    hasOverdueTicket: sql<boolean>`exists (select 1 from service_tickets t join stores ts on ts.id = t.store_id
      where t.customer_id = ${customerId} and ${OPEN_TICKET}
        and t.due_on < (${now.toISOString()}::timestamptz at time zone ts.timezone)::date)`,
  };
}

export function draftFlags(row: { hasOpenComplaint: boolean; hasOverdueTicket: boolean }): DraftFlag[] {
  return [...(row.hasOpenComplaint ? (["open_complaint"] as const) : []), ...(row.hasOverdueTicket ? (["overdue_ticket"] as const) : [])];
}

async function loadClient(tx: Executor, customerId: string | null, now: Date): Promise<ClientFacts | null> {
  if (!customerId) return null;
  const [row] = await tx
    .select({ customer: customers, ...clientFlagColumns(sql`${customers.id}`, now) })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!row) return null;
  const { customer } = row;
  const address = customer.addressLine && customer.postalCode && customer.city
    ? { line1: customer.addressLine, postalCode: customer.postalCode, city: customer.city, country: customer.country }
    : null;
  return {
    id: customer.id,
    identity: { firstName: customer.firstName, lastName: customer.lastName, email: customer.email, phone: customer.phone, address },
    consentEmail: customer.consentEmail,
    consentSms: customer.consentSms,
    doNotContact: customer.doNotContact,
    isErased: customer.erasedAt !== null || customer.mergedIntoId !== null,
    tier: customer.tier,
    flags: draftFlags(row),
  };
}

async function loadPieces(tx: Executor, saleId: string): Promise<{ pieces: SalePiece[]; paidLinesMinor: number[] }> {
  const rows = await tx
    .select({ line: saleLines, product: products })
    .from(saleLines)
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(and(eq(saleLines.saleId, saleId), sql`${saleLines.quantity} > 0`))
    .orderBy(saleLines.lineNo);
  const serials = rows.flatMap(({ line }) => line.serialNumbers);
  const items = serials.length
    ? await tx
        .select({ id: serializedItems.id, productId: serializedItems.productId, serial: serializedItems.serialNumber })
        .from(serializedItems)
        .where(and(inArray(serializedItems.productId, rows.map((r) => r.product.id)), inArray(serializedItems.serialNumber, serials)))
    : [];
  const paidLinesMinor = rows.flatMap(({ line }) => [line.unitPriceMinor, line.totalMinor]);
  const pieces = rows.flatMap(({ line, product }): SalePiece[] => {
    const base: Omit<SaleLineContext, "serial"> = {
      brand: product.brand,
      name: product.name,
      category: product.category,
      warrantyMonths: product.warrantyMonths,
      serviceIntervalMonths: product.serviceIntervalMonths,
      serviceKind: product.serviceKind,
      careNotes: product.careNotes,
      properties: [],
    };
    const common = { saleLineId: line.id, productId: product.id, isSerialized: product.isSerialized };
    if (line.serialNumbers.length === 0) return [{ ...common, itemId: null, line: { ...base, serial: null } }];
    return line.serialNumbers.map((serial) => ({
      ...common,
      itemId: items.find((item) => item.productId === product.id && item.serial === serial)?.id ?? null,
      line: { ...base, serial },
    }));
  });
  return { pieces, paidLinesMinor };
}

async function loadEarlierPurchases(tx: Executor, sale: { id: string; completedAt: Date }, customerId: string, timeZone: string) {
  const rows = await tx
    .select({ completedAt: sales.completedAt, brand: products.brand, name: products.name, category: products.category })
    .from(sales)
    .innerJoin(saleLines, eq(saleLines.saleId, sales.id))
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(and(eq(sales.customerId, customerId), ne(sales.id, sale.id), eq(sales.status, "completed"), lt(sales.completedAt, sale.completedAt)))
    .orderBy(desc(sales.completedAt), saleLines.lineNo)
    .limit(EARLIER_PURCHASES);
  return rows.map((row) => ({ date: localDate(row.completedAt, timeZone), brand: row.brand, name: row.name, category: row.category }));
}

async function loadSuggestions(tx: Executor, storeId: string, boughtProductIds: string[]) {
  const rows = await tx.execute<{ brand: string; name: string; category: SaleLineContext["category"] }>(sql`
    select p.brand, p.name, p.category
      from inventory_levels i join products p on p.id = i.product_id
     where i.store_id = ${storeId} and i.on_hand - i.reserved > 0 and p.is_active
       and not (p.id = any(${sql.param(boughtProductIds)}::uuid[]))
     order by p.brand, p.name
     limit ${SUGGESTIONS}`);
  return [...rows].map((row) => ({ brand: row.brand, name: row.name, category: row.category }));
}

/** Everything the drafters of one sale need, read in the caller's transaction; null when the sale is gone. */
export async function loadSaleFacts(tx: Executor, saleId: string, now: Date): Promise<SaleFacts | null> {
  const [row] = await tx
    .select({ sale: sales, store: stores, associate: users.name })
    .from(sales)
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .leftJoin(users, eq(users.id, sales.associateId))
    .where(eq(sales.id, saleId));
  if (!row) return null;
  const { sale, store } = row;
  const client = await loadClient(tx, sale.customerId, now);
  const { pieces, paidLinesMinor } = await loadPieces(tx, sale.id);
  const hasClient = client !== null && !client.isErased;
  const notes = hasClient
    ? await tx
        .select({ body: customerNotes.body })
        .from(customerNotes)
        .where(eq(customerNotes.customerId, client.id))
        .orderBy(desc(customerNotes.createdAt))
        .limit(STAFF_NOTES)
    : [];
  return {
    sale: { id: sale.id, externalId: sale.externalId, storeId: sale.storeId, completedAt: sale.completedAt, status: sale.status },
    store: { name: store.name, city: store.city, timezone: store.timezone, currency: store.currency },
    associate: row.associate,
    pieces,
    client,
    earlierPurchases: hasClient ? await loadEarlierPurchases(tx, sale, client.id, store.timezone) : [],
    notes: notes.map((note) => note.body),
    paid: { amountsMinor: [...new Set([sale.totalMinor, sale.subtotalMinor, ...paidLinesMinor])], minorDigits: minorDigitsOf(sale.currency) },
    highValue: hasClient ? await assessHighValue(tx, { sale, tier: client.tier, customerId: client.id, now }) : { isHighValue: false, reasons: [], purchasesLast12Months: 0 },
    inStockSuggestions: hasClient ? await loadSuggestions(tx, store.id, [...new Set(pieces.map((p) => p.productId))]) : [],
  };
}
