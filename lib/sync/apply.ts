import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  custodyEvents,
  customerDuplicates,
  customerRefs,
  customers,
  domainEvents,
  inventoryLevels,
  productRefs,
  products,
  returns,
  saleLines,
  sales,
  serializedItems,
  type Origin,
  type PosProvider,
  type ProductCategory,
} from "@/db/schema";
import type {
  CanonicalChange,
  CanonicalCustomer,
  CanonicalInventory,
  CanonicalProduct,
  CanonicalReturn,
  CanonicalSale,
  Revision,
} from "./canonical";
import { normalizeEmail, normalizePhone } from "./normalize";

/**
 * Canonical changes → canonical rows. Every function here is idempotent and order-tolerant:
 * - rows are keyed by (provider or connection, external id), so a repeat updates the same row;
 * - an older revision arriving after a newer one is skipped (`isNewer`);
 * - custody steps and domain events carry unique keys, so a repeat adds nothing.
 * It runs inside the caller's transaction (one per inbox event, or one per backfill page).
 */

/** A change that cannot be applied until something else has been synced (a refund before its sale). */
export class WaitingForDependency extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WaitingForDependency";
  }
}

/** A change that no retry can fix until an admin acts (an unmapped location). */
export class NeedsConfiguration extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NeedsConfiguration";
  }
}

export type ApplyConnection = {
  id: string;
  provider: PosProvider;
  name: string;
  storeMapping: Record<string, string>;
  config: Record<string, unknown>;
};

export type ApplyContext = {
  connection: ApplyConnection;
  origin: Origin;
  /** the inbox row being processed, when there is one */
  posEventId: number | null;
  /** store id → currency; loaded once per batch */
  storeCurrency: Map<string, string>;
};

export type ApplyOutcome = { applied: number; stale: number; ignored: number };

type StoredRevision = { updatedAt: Date | null; version: string | null };

/** Version decides where both sides have one; else updated-at; a change without either always applies. */
export function isNewer(incoming: Revision, stored: StoredRevision): boolean {
  if (incoming.version !== null && stored.version !== null) return BigInt(incoming.version) > BigInt(stored.version);
  if (incoming.updatedAt && stored.updatedAt) return incoming.updatedAt.getTime() > stored.updatedAt.getTime();
  return true;
}

export function storeFor(context: ApplyContext, locationId: string | null): string {
  const mapping = context.connection.storeMapping;
  const mapped = locationId === null ? undefined : mapping[locationId];
  if (mapped) return mapped;
  // A connection that feeds exactly one store needs no per-location mapping.
  const stores = [...new Set(Object.values(mapping))];
  if (stores.length === 1 && (locationId === null || Object.keys(mapping).length === 0)) return stores[0];
  throw new NeedsConfiguration(
    `location ${locationId ?? "(none)"} of connection "${context.connection.name}" is not mapped to a store; map it in Admin → Connections, then retry`,
  );
}

export function anyStoreCurrency(context: ApplyContext): string {
  const first = Object.values(context.connection.storeMapping)[0];
  return (first && context.storeCurrency.get(first)) ?? "USD";
}

export async function lockKeys(tx: Executor, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  // Sorted, so two transactions that need the same keys take them in the same order.
  const sorted = [...new Set(keys)].sort();
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(k, 7426)) from unnest(${sql.param(sorted)}::text[]) as k`);
}

async function emit(
  tx: Executor,
  context: ApplyContext,
  event: Omit<typeof domainEvents.$inferInsert, "origin" | "posEventId">,
): Promise<void> {
  await tx
    .insert(domainEvents)
    .values({ ...event, origin: context.origin, posEventId: context.posEventId })
    .onConflictDoNothing();
}

/* ----------------------------------------------------------------------------------------------- */
/* Customers                                                                                        */

/** The columns a POS's view of a client sets; a field the platform left out keeps Vitrine's value. */
export function customerFields(change: CanonicalCustomer, email: string | null, phone: string | null) {
  return {
    ...(change.firstName !== null ? { firstName: change.firstName } : {}),
    ...(change.lastName !== null ? { lastName: change.lastName } : {}),
    ...(change.email !== null ? { email: change.email.trim(), emailNormalized: email } : {}),
    ...(change.phone !== null ? { phone: change.phone.trim(), phoneNormalized: phone } : {}),
    ...(change.addressLine !== null ? { addressLine: change.addressLine } : {}),
    ...(change.city !== null ? { city: change.city } : {}),
    ...(change.postalCode !== null ? { postalCode: change.postalCode } : {}),
    ...(change.country !== null ? { country: change.country.toUpperCase().slice(0, 2) } : {}),
    ...(change.consentEmail !== undefined ? { consentEmail: change.consentEmail } : {}),
    ...(change.consentSms !== undefined ? { consentSms: change.consentSms } : {}),
    ...(change.loyaltyId ? { loyaltyId: change.loyaltyId } : {}),
  };
}

/**
 * One person is one client: a POS record is matched by its ref, else by normalized e-mail or phone
 * (any connection, any store), else created. A new client whose name matches another's, with a
 * different contact, is listed as a probable duplicate for a manager.
 */
export async function applyCustomer(
  tx: Executor,
  context: ApplyContext,
  change: CanonicalCustomer,
  homeStoreId: string | null = null,
): Promise<{ customerId: string | null; stale: boolean }> {
  const connectionId = context.connection.id;
  const email = normalizeEmail(change.email);
  const phone = normalizePhone(change.phone, change.country);
  await lockKeys(tx, [`customer-ref:${connectionId}:${change.externalId}`, ...(email ? [`email:${email}`] : []), ...(phone ? [`phone:${phone}`] : [])]);

  const [ref] = await tx
    .select({ customerId: customerRefs.customerId, updatedAt: customerRefs.externalUpdatedAt, version: customerRefs.externalVersion })
    .from(customerRefs)
    .where(and(eq(customerRefs.connectionId, connectionId), eq(customerRefs.externalId, change.externalId)));

  const revision = { externalUpdatedAt: change.updatedAt, externalVersion: change.version };
  const fields = customerFields(change, email, phone);


  if (ref) {
    if (!isNewer(change, ref)) return { customerId: ref.customerId, stale: true };
    const customerId = await survivorOf(tx, ref.customerId);
    await tx.update(customers).set({ ...fields, updatedAt: sql`now()` }).where(eq(customers.id, customerId));
    await tx
      .update(customerRefs)
      .set(revision)
      .where(and(eq(customerRefs.connectionId, connectionId), eq(customerRefs.externalId, change.externalId)));
    await emitCustomerChange(tx, context, customerId, change);
    return { customerId, stale: false };
  }

  const contactMatch = email || phone ? await findByContact(tx, email, phone) : null;
  let customerId: string;
  if (contactMatch) {
    customerId = contactMatch;
    // Another connection already knows this person: fill what Vitrine lacks, keep what it has.
    await tx
      .update(customers)
      .set({
        phone: sql`coalesce(${customers.phone}, ${fields.phone ?? null})`,
        phoneNormalized: sql`coalesce(${customers.phoneNormalized}, ${fields.phoneNormalized ?? null})`,
        email: sql`coalesce(${customers.email}, ${fields.email ?? null})`,
        emailNormalized: sql`coalesce(${customers.emailNormalized}, ${fields.emailNormalized ?? null})`,
        city: sql`coalesce(${customers.city}, ${fields.city ?? null})`,
        updatedAt: sql`now()`,
      })
      .where(eq(customers.id, customerId));
  } else {
    const [created] = await tx
      .insert(customers)
      .values({
        firstName: change.firstName ?? "",
        lastName: change.lastName ?? "",
        currency: homeStoreId ? (context.storeCurrency.get(homeStoreId) ?? anyStoreCurrency(context)) : anyStoreCurrency(context),
        homeStoreId,
        ...fields,
      })
      .returning({ id: customers.id });
    customerId = created.id;
    await listProbableDuplicates(tx, customerId, change);
  }
  await tx.insert(customerRefs).values({ customerId, provider: context.connection.provider, connectionId, externalId: change.externalId, ...revision });
  await emitCustomerChange(tx, context, customerId, change);
  return { customerId, stale: false };
}

async function emitCustomerChange(tx: Executor, context: ApplyContext, customerId: string, change: CanonicalCustomer): Promise<void> {
  const revision = change.version ?? (change.updatedAt ? String(change.updatedAt.getTime()) : `event-${context.posEventId ?? "none"}`);
  const type = change.deleted ? "customer.deleted" : "customer.updated";
  await emit(tx, context, {
    id: `${type}:${customerId}:${context.connection.id}:${change.externalId}:${revision}`,
    type,
    customerId,
    occurredAt: change.updatedAt ?? new Date(),
    data: { connectionId: context.connection.id, externalId: change.externalId },
  });
}

/** A merged-away record's survivor (merges may chain). */
async function survivorOf(tx: Executor, customerId: string): Promise<string> {
  let current = customerId;
  for (let hops = 0; hops < 5; hops++) {
    const [row] = await tx.select({ mergedIntoId: customers.mergedIntoId }).from(customers).where(eq(customers.id, current));
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}

async function findByContact(tx: Executor, email: string | null, phone: string | null): Promise<string | null> {
  const matches = [...(email ? [eq(customers.emailNormalized, email)] : []), ...(phone ? [eq(customers.phoneNormalized, phone)] : [])];
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(or(...matches), isNull(customers.mergedIntoId), isNull(customers.erasedAt)))
    .orderBy(customers.createdAt)
    .limit(1);
  return row?.id ?? null;
}

async function listProbableDuplicates(tx: Executor, customerId: string, change: CanonicalCustomer): Promise<void> {
  if (!change.firstName || !change.lastName) return;
  const lookalikes = await tx
    .select({ id: customers.id, city: customers.city, postalCode: customers.postalCode })
    .from(customers)
    .where(
      and(
        sql`lower(${customers.lastName}) = lower(${change.lastName})`,
        sql`lower(${customers.firstName}) = lower(${change.firstName})`,
        sql`${customers.id} <> ${customerId}`,
        isNull(customers.mergedIntoId),
      ),
    )
    .limit(5);
  const rows = lookalikes.map((other) => {
    const samePlace = (change.postalCode && other.postalCode === change.postalCode) || (change.city && other.city?.toLowerCase() === change.city.toLowerCase());
    const [a, b] = [customerId, other.id].sort();
    return { customerAId: a, customerBId: b, reason: samePlace ? "same name and city" : "same name, different contact details" };
  });
  if (rows.length > 0) await tx.insert(customerDuplicates).values(rows).onConflictDoNothing();
}

async function customerIdForRef(tx: Executor, context: ApplyContext, externalId: string | null): Promise<string | null> {
  if (!externalId) return null;
  const [ref] = await tx
    .select({ customerId: customerRefs.customerId })
    .from(customerRefs)
    .where(and(eq(customerRefs.connectionId, context.connection.id), eq(customerRefs.externalId, externalId)));
  return ref ? survivorOf(tx, ref.customerId) : null;
}

/** A client's lifetime value: completed sales less refunds, recomputed from the rows (never incremented). */
export async function refreshLifetimeValues(tx: Executor, customerIds: string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.execute(sql`
    update customers c set lifetime_value_minor =
      coalesce((select sum(total_minor) from sales s where s.customer_id = c.id and s.status = 'completed'), 0)
      - coalesce((select sum(refund_minor) from returns r where r.customer_id = c.id), 0)
    where c.id = any(${sql.param(customerIds)}::uuid[])`);
}

const refreshLifetimeValue = (tx: Executor, customerId: string) => refreshLifetimeValues(tx, [customerId]);

/* ----------------------------------------------------------------------------------------------- */
/* Products                                                                                         */

export type ProductFacts = { id: string; sku: string; warrantyMonths: number; serviceIntervalMonths: number | null };

export async function resolveProducts(
  tx: Executor,
  context: ApplyContext,
  lines: { sku: string | null; productExternalId: string | null }[],
): Promise<(ProductFacts | null)[]> {
  const externalIds = [...new Set(lines.map((l) => l.productExternalId).filter((id): id is string => !!id))];
  const skus = [...new Set(lines.map((l) => l.sku).filter((sku): sku is string => !!sku))];
  const columns = { id: products.id, sku: products.sku, warrantyMonths: products.warrantyMonths, serviceIntervalMonths: products.serviceIntervalMonths };
  const [byRef, bySku] = await Promise.all([
    externalIds.length
      ? tx
          .select({ externalId: productRefs.externalId, ...columns })
          .from(productRefs)
          .innerJoin(products, eq(products.id, productRefs.productId))
          .where(and(eq(productRefs.connectionId, context.connection.id), inArray(productRefs.externalId, externalIds)))
      : Promise.resolve([]),
    skus.length ? tx.select(columns).from(products).where(inArray(products.sku, skus)) : Promise.resolve([]),
  ]);
  const refMap = new Map(byRef.map((row) => [row.externalId, row]));
  const skuMap = new Map(bySku.map((row) => [row.sku, row]));
  const resolved = lines.map((line) => (line.productExternalId ? refMap.get(line.productExternalId) : undefined) ?? (line.sku ? skuMap.get(line.sku) : undefined) ?? null);
  await learnProductRefs(tx, context, lines, resolved, refMap);
  return resolved;
}

/**
 * A POS product id first met on a sale line or a stock count and matched by SKU is remembered as
 * the product's ref on that connection. Platforms whose product events Vitrine does not receive
 * (Square, Lightspeed R-Series) learn their ids this way, and writing to the POS (transfers) needs them.
 */
async function learnProductRefs(
  tx: Executor,
  context: ApplyContext,
  lines: { productExternalId: string | null }[],
  resolved: (ProductFacts | null)[],
  known: Map<string, unknown>,
): Promise<void> {
  const learned = new Map<string, string>();
  lines.forEach((line, index) => {
    const product = resolved[index];
    if (line.productExternalId && product && !known.has(line.productExternalId)) learned.set(line.productExternalId, product.id);
  });
  if (learned.size === 0) return;
  await tx
    .insert(productRefs)
    .values([...learned].sort(([a], [b]) => (a < b ? -1 : 1)).map(([externalId, productId]) => ({ connectionId: context.connection.id, externalId, productId })))
    .onConflictDoNothing();
}

const CATEGORIES: readonly ProductCategory[] = ["mechanical_watch", "quartz_watch", "smart_watch", "fine_jewellery", "pearls", "gold_jewellery", "electronics"];

export async function applyProduct(tx: Executor, context: ApplyContext, change: CanonicalProduct): Promise<boolean> {
  const [known] = await resolveProducts(tx, context, [{ sku: change.sku, productExternalId: change.externalId }]);
  let productId: string;
  if (known) {
    productId = known.id;
    await tx
      .update(products)
      .set({
        name: change.name,
        ...(change.brand ? { brand: change.brand } : {}),
        ...(change.priceMinor !== null ? { priceMinor: change.priceMinor } : {}),
        ...(change.isSerialized !== null ? { isSerialized: change.isSerialized } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(products.id, productId));
  } else {
    // A product Vitrine has never seen: created with the connection's default category until a buyer
    // classifies it (the POS platforms have no category Vitrine could map reliably).
    const configured = context.connection.config.defaultCategory;
    const category = CATEGORIES.includes(configured as ProductCategory) ? (configured as ProductCategory) : "fine_jewellery";
    const [created] = await tx
      .insert(products)
      .values({
        sku: change.sku,
        name: change.name,
        brand: change.brand ?? "Unbranded",
        category,
        priceMinor: change.priceMinor ?? 0,
        costMinor: 0,
        currency: change.currency ?? anyStoreCurrency(context),
        isSerialized: change.isSerialized ?? false,
      })
      .onConflictDoUpdate({ target: products.sku, set: { name: change.name, updatedAt: sql`now()` } })
      .returning({ id: products.id });
    productId = created.id;
  }
  await tx
    .insert(productRefs)
    .values({ connectionId: context.connection.id, externalId: change.externalId, productId })
    .onConflictDoUpdate({ target: [productRefs.connectionId, productRefs.externalId], set: { productId } });
  return true;
}

/* ----------------------------------------------------------------------------------------------- */
/* Sales                                                                                            */

/** A sale's lines as rows, numbered in the platform's order, with their products resolved. */
export function saleLineRows(saleId: string, sale: CanonicalSale, facts: (ProductFacts | null)[]): (typeof saleLines.$inferInsert)[] {
  return sale.lines.map((line, index) => ({
    saleId,
    lineNo: index + 1,
    productId: facts[index]?.id ?? null,
    sku: line.sku,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    discountMinor: line.discountMinor,
    totalMinor: line.totalMinor,
    currency: sale.currency,
    serialNumbers: line.serialNumbers,
  }));
}

export function addMonths(date: Date, months: number): string {
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return result.toISOString().slice(0, 10);
}

export async function applySale(tx: Executor, context: ApplyContext, change: CanonicalSale): Promise<{ saleId: string | null; stale: boolean }> {
  const storeId = storeFor(context, change.locationId);
  const provider = context.connection.provider;
  await lockKeys(tx, [`sale:${provider}:${change.externalId}`]);

  const [existing] = await tx
    .select({ id: sales.id, updatedAt: sales.externalUpdatedAt, version: sales.externalVersion, status: sales.status })
    .from(sales)
    .where(and(eq(sales.provider, provider), eq(sales.externalId, change.externalId)));
  if (existing && !isNewer(change, existing)) return { saleId: existing.id, stale: true };

  // A void only changes the sale's status: platforms that report a deleted order cannot send its lines
  // or totals any more (Clover's O:DELETE), and the history of what was sold stays as it was.
  if (existing && change.status === "voided") {
    await tx
      .update(sales)
      .set({ status: "voided", externalUpdatedAt: change.updatedAt, externalVersion: change.version, updatedAt: sql`now()` })
      .where(eq(sales.id, existing.id));
    if (existing.status === "completed") {
      const [row] = await tx.select({ storeId: sales.storeId, customerId: sales.customerId }).from(sales).where(eq(sales.id, existing.id));
      await emit(tx, context, { id: `sale.voided:${existing.id}`, type: "sale.voided", storeId: row.storeId, customerId: row.customerId, saleId: existing.id, occurredAt: change.updatedAt ?? new Date() });
      if (row.customerId) await refreshLifetimeValue(tx, row.customerId);
    }
    return { saleId: existing.id, stale: false };
  }

  const customerId = change.customer
    ? (await applyCustomer(tx, context, change.customer, storeId)).customerId
    : await customerIdForRef(tx, context, change.customerExternalId);

  const completedAt = change.completedAt ?? change.updatedAt ?? new Date();
  const row = {
    storeId,
    customerId,
    provider,
    connectionId: context.connection.id,
    externalId: change.externalId,
    externalUpdatedAt: change.updatedAt,
    externalVersion: change.version,
    status: change.status,
    origin: context.origin,
    subtotalMinor: change.subtotalMinor,
    discountMinor: change.discountMinor,
    taxMinor: change.taxMinor,
    totalMinor: change.totalMinor,
    currency: change.currency,
    completedAt,
  };
  let saleId: string;
  if (existing) {
    saleId = existing.id;
    // `origin` stays what it was first: a sale first seen live stays live.
    const { origin: _origin, ...update } = row;
    void _origin;
    await tx.update(sales).set({ ...update, updatedAt: sql`now()` }).where(eq(sales.id, saleId));
  } else {
    const [created] = await tx.insert(sales).values(row).returning({ id: sales.id });
    saleId = created.id;
  }

  const facts = await resolveProducts(tx, context, change.lines);
  const lines = saleLineRows(saleId, change, facts);
  if (lines.length > 0) {
    await tx
      .insert(saleLines)
      .values(lines)
      .onConflictDoUpdate({
        target: [saleLines.saleId, saleLines.lineNo],
        set: {
          productId: sql`excluded.product_id`,
          sku: sql`excluded.sku`,
          quantity: sql`excluded.quantity`,
          unitPriceMinor: sql`excluded.unit_price_minor`,
          discountMinor: sql`excluded.discount_minor`,
          totalMinor: sql`excluded.total_minor`,
          serialNumbers: sql`excluded.serial_numbers`,
        },
      });
  }
  // Lines an edit removed go, unless a return already points at them.
  await tx.execute(sql`
    delete from sale_lines where sale_id = ${saleId} and line_no > ${lines.length}
      and id not in (select sale_line_id from returns where sale_id = ${saleId} and sale_line_id is not null)`);

  if (change.status === "completed") {
    await recordSerialsSold(tx, context, { saleId, storeId, customerId, completedAt, change, facts });
    await emit(tx, context, {
      id: `sale.completed:${saleId}`,
      type: "sale.completed",
      storeId,
      customerId,
      saleId,
      occurredAt: completedAt,
      data: { provider, externalId: change.externalId, totalMinor: change.totalMinor, currency: change.currency },
    });
  }
  if (customerId) await refreshLifetimeValue(tx, customerId);
  return { saleId, stale: false };
}

async function recordSerialsSold(
  tx: Executor,
  context: ApplyContext,
  args: { saleId: string; storeId: string; customerId: string | null; completedAt: Date; change: CanonicalSale; facts: (ProductFacts | null)[] },
): Promise<void> {
  const { saleId, storeId, customerId, completedAt, change, facts } = args;
  // A later revision of a sale already recorded (a fulfilment, a note) must not re-sell its items: one
  // may have come back since.
  const recorded = await tx
    .select({ id: custodyEvents.id })
    .from(custodyEvents)
    .where(and(eq(custodyEvents.saleId, saleId), inArray(custodyEvents.kind, ["sold", "resold"])))
    .limit(1);
  if (recorded.length > 0) return;
  for (const [index, line] of change.lines.entries()) {
    const product = facts[index];
    if (!product || line.serialNumbers.length === 0) continue;
    for (const serial of line.serialNumbers) {
      const [item] = await tx
        .insert(serializedItems)
        .values({
          productId: product.id,
          serialNumber: serial,
          status: "sold",
          currentOwnerId: customerId,
          currentStoreId: storeId,
          soldAt: completedAt,
          warrantyEndsOn: product.warrantyMonths > 0 ? addMonths(completedAt, product.warrantyMonths) : null,
          nextServiceDueOn: product.serviceIntervalMonths ? addMonths(completedAt, product.serviceIntervalMonths) : null,
        })
        .onConflictDoUpdate({
          target: [serializedItems.productId, serializedItems.serialNumber],
          set: {
            status: "sold",
            currentOwnerId: customerId,
            currentStoreId: storeId,
            soldAt: completedAt,
            warrantyEndsOn: sql`excluded.warranty_ends_on`,
            nextServiceDueOn: sql`excluded.next_service_due_on`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: serializedItems.id, inserted: sql<boolean>`xmax = 0` });
      // An item that was sold before (and came back) is resold; a first sale is sold.
      const [earlier] = await tx
        .select({ id: custodyEvents.id })
        .from(custodyEvents)
        .where(and(eq(custodyEvents.itemId, item.id), inArray(custodyEvents.kind, ["sold", "resold"]), sql`${custodyEvents.saleId} is distinct from ${saleId}`))
        .limit(1);
      await tx
        .insert(custodyEvents)
        .values({ itemId: item.id, kind: earlier ? "resold" : "sold", occurredAt: completedAt, storeId, customerId, saleId })
        .onConflictDoNothing();
      await emit(tx, context, { id: `item.sold:${item.id}:${saleId}`, type: "item.sold", storeId, customerId, saleId, itemId: item.id, occurredAt: completedAt });
    }
  }
}

/* ----------------------------------------------------------------------------------------------- */
/* Returns                                                                                          */

export async function applyReturn(tx: Executor, context: ApplyContext, change: CanonicalReturn): Promise<{ stale: boolean }> {
  const provider = context.connection.provider;
  await lockKeys(tx, [`return:${provider}:${change.externalId}`]);
  const [known] = await tx
    .select({ id: returns.id })
    .from(returns)
    .where(and(eq(returns.provider, provider), sql`${returns.externalId} like ${`${change.externalId}:%`}`))
    .limit(1);
  if (known) return { stale: true };

  const [sale] = change.saleExternalId
    ? await tx
        .select({ id: sales.id, storeId: sales.storeId, customerId: sales.customerId, completedAt: sales.completedAt })
        .from(sales)
        .where(and(eq(sales.provider, provider), eq(sales.externalId, change.saleExternalId)))
    : [];
  if (change.saleExternalId && !sale) {
    // Deliveries arrive out of order: the refund waits (with backoff) for its sale to be synced.
    throw new WaitingForDependency(`the original sale ${change.saleExternalId} has not been synced yet`);
  }
  const storeId = change.locationId !== null || !sale ? storeFor(context, change.locationId) : sale.storeId;
  const customerId = sale?.customerId ?? (await customerIdForRef(tx, context, change.customerExternalId));
  const saleLineRows = sale
    ? await tx.select({ id: saleLines.id, sku: saleLines.sku, productId: saleLines.productId, serials: saleLines.serialNumbers }).from(saleLines).where(eq(saleLines.saleId, sale.id))
    : [];
  const facts = await resolveProducts(tx, context, change.lines.map((line) => ({ sku: line.sku, productExternalId: null })));

  for (const [index, line] of change.lines.entries()) {
    const saleLine =
      saleLineRows.find((row) => line.serialNumber !== null && row.serials.includes(line.serialNumber)) ??
      saleLineRows.find((row) => row.sku === line.sku) ??
      null;
    const productId = saleLine?.productId ?? facts[index]?.id ?? null;
    const [row] = await tx
      .insert(returns)
      .values({
        saleId: sale?.id ?? null,
        saleLineId: saleLine?.id ?? null,
        storeId,
        customerId,
        productId,
        quantity: line.quantity,
        serialNumber: line.serialNumber,
        refundMinor: line.refundMinor,
        currency: change.currency,
        reason: change.reason,
        provider,
        externalId: `${change.externalId}:${index + 1}`,
        origin: context.origin,
        returnedAt: change.returnedAt,
      })
      .onConflictDoNothing()
      .returning({ id: returns.id });
    if (!row) continue;
    if (line.serialNumber && productId) {
      let [item] = await tx
        .update(serializedItems)
        .set({ status: "returned", currentOwnerId: null, currentStoreId: storeId, updatedAt: sql`now()` })
        .where(and(eq(serializedItems.productId, productId), eq(serializedItems.serialNumber, line.serialNumber)))
        .returning({ id: serializedItems.id });
      if (!item && sale) {
        // The registry never saw this piece sold: the sale reached Vitrine without its serial (a platform
        // that re-links a returned serial to the return, read after the fact). The return proves the
        // sale, so both steps are recorded.
        [item] = await tx
          .insert(serializedItems)
          .values({ productId, serialNumber: line.serialNumber, status: "returned", currentStoreId: storeId, soldAt: sale.completedAt })
          .returning({ id: serializedItems.id });
        await tx
          .insert(custodyEvents)
          .values({ itemId: item.id, kind: "sold", occurredAt: sale.completedAt, storeId: sale.storeId, customerId: sale.customerId, saleId: sale.id, note: "recorded from its return" })
          .onConflictDoNothing();
      }
      if (item) {
        await tx
          .insert(custodyEvents)
          .values({ itemId: item.id, kind: "returned", occurredAt: change.returnedAt, storeId, customerId, saleId: sale?.id ?? null, returnId: row.id, note: change.reason })
          .onConflictDoNothing();
        await emit(tx, context, { id: `item.returned:${row.id}`, type: "item.returned", storeId, customerId, saleId: sale?.id ?? null, returnId: row.id, itemId: item.id, occurredAt: change.returnedAt });
      }
    }
  }
  await emit(tx, context, {
    id: `sale.returned:${provider}:${change.externalId}`,
    type: "sale.returned",
    storeId,
    customerId,
    saleId: sale?.id ?? null,
    occurredAt: change.returnedAt,
    data: { refundMinor: change.lines.reduce((sum, line) => sum + line.refundMinor, 0), currency: change.currency },
  });
  if (customerId) await refreshLifetimeValue(tx, customerId);
  return { stale: false };
}

/* ----------------------------------------------------------------------------------------------- */
/* Inventory                                                                                        */

export async function applyInventory(tx: Executor, context: ApplyContext, change: CanonicalInventory): Promise<boolean> {
  const storeId = storeFor(context, change.locationId);
  const [product] = await resolveProducts(tx, context, [{ sku: change.sku, productExternalId: change.productExternalId }]);
  if (!product) return false;
  const updatedAt = change.updatedAt ?? new Date();
  const written = await tx
    .insert(inventoryLevels)
    .values({ storeId, productId: product.id, onHand: change.onHand, updatedAt })
    .onConflictDoUpdate({
      target: [inventoryLevels.storeId, inventoryLevels.productId],
      set: { onHand: change.onHand, updatedAt },
      // newer wins: a count older than the one Vitrine holds is ignored
      setWhere: sql`${inventoryLevels.updatedAt} < excluded.updated_at`,
    })
    .returning({ productId: inventoryLevels.productId });
  return written.length > 0;
}

/* ----------------------------------------------------------------------------------------------- */

/** Applies one event's changes in order (a customer before the sale that names it). */
export async function applyChanges(tx: Executor, context: ApplyContext, changes: CanonicalChange[]): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { applied: 0, stale: 0, ignored: 0 };
  for (const change of changes) {
    switch (change.kind) {
      case "customer": {
        const { stale } = await applyCustomer(tx, context, change.customer);
        outcome[stale ? "stale" : "applied"] += 1;
        break;
      }
      case "sale": {
        const { stale } = await applySale(tx, context, change.sale);
        outcome[stale ? "stale" : "applied"] += 1;
        break;
      }
      case "return": {
        const { stale } = await applyReturn(tx, context, change.return);
        outcome[stale ? "stale" : "applied"] += 1;
        break;
      }
      case "inventory":
        outcome[(await applyInventory(tx, context, change.inventory)) ? "applied" : "stale"] += 1;
        break;
      case "product":
        await applyProduct(tx, context, change.product);
        outcome.applied += 1;
        break;
      case "ignored":
        outcome.ignored += 1;
        break;
    }
  }
  return outcome;
}
