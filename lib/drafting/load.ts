import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { customerNotes, customers, products, saleLines, sales, serializedItems, stores, users, type CustomerTier } from "@/db/schema";
import type { ClientIdentity, SaleLineContext } from "@/lib/ai";
import type { EarlierPurchaseContext } from "@/lib/ai/context";
import { assessHighValue, type HighValue } from "./high-value";

/** One piece of the sale as the drafters see it: a line, or one serialized item of a line. */
export type SalePiece = {
  saleLineId: string;
  productId: string;
  itemId: string | null;
  isSerialized: boolean;
  line: SaleLineContext;
};

export type ClientFacts = {
  id: string;
  identity: ClientIdentity;
  consentEmail: boolean;
  consentSms: boolean;
  doNotContact: boolean;
  isErased: boolean;
  tier: CustomerTier;
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
  inStockSuggestions: { brand: string; name: string; category: SaleLineContext["category"] }[];
};

const EARLIER_PURCHASES = 5;
const STAFF_NOTES = 3;
const SUGGESTIONS = 5;

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

async function loadClient(tx: Executor, customerId: string | null): Promise<ClientFacts | null> {
  if (!customerId) return null;
  const [row] = await tx.select().from(customers).where(eq(customers.id, customerId));
  if (!row) return null;
  const address = row.addressLine && row.postalCode && row.city
    ? { line1: row.addressLine, postalCode: row.postalCode, city: row.city, country: row.country }
    : null;
  return {
    id: row.id,
    identity: { firstName: row.firstName, lastName: row.lastName, email: row.email, phone: row.phone, address },
    consentEmail: row.consentEmail,
    consentSms: row.consentSms,
    doNotContact: row.doNotContact,
    isErased: row.erasedAt !== null || row.mergedIntoId !== null,
    tier: row.tier,
  };
}

async function loadPieces(tx: Executor, saleId: string): Promise<SalePiece[]> {
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
  return rows.flatMap(({ line, product }): SalePiece[] => {
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
  const client = await loadClient(tx, sale.customerId);
  const pieces = await loadPieces(tx, sale.id);
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
    highValue: hasClient ? await assessHighValue(tx, { sale, tier: client.tier, customerId: client.id, now }) : { isHighValue: false, reasons: [], purchasesLast12Months: 0 },
    inStockSuggestions: hasClient ? await loadSuggestions(tx, store.id, [...new Set(pieces.map((p) => p.productId))]) : [],
  };
}
