import crypto from "node:crypto";
import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { custodyEvents, customerDuplicates, customerRefs, customers, saleLines, sales, type Origin } from "@/db/schema";
import { addMonths, anyStoreCurrency, customerFields, isNewer, lockKeys, refreshLifetimeValues, resolveProducts, saleLineRows, storeFor, type ApplyContext } from "./apply";
import type { CanonicalCustomer, CanonicalSale } from "./canonical";
import { normalizeEmail, normalizePhone } from "./normalize";

/**
 * The same semantics as lib/sync/apply.ts for the two changes that make up nearly all traffic (sales
 * and clients), applied set-wise: a batch of 200 sale events costs ~20 statements instead of ~20 per
 * event. On this machine a statement's round trip is most of its cost, so batching is what takes
 * inbox → canonical from a hundred events per second to thousands (see `npm run bench -- process`).
 *
 * Anything unusual (a return, a stock count, a voided sale, an unmapped location, a database error)
 * is left to the per-event path, which the caller runs for the events this returns as `rejected`.
 */

export type BatchEvent = { inboxId: number; context: ApplyContext; sales: CanonicalSale[]; customers: CanonicalCustomer[] };
export type BatchOutcome = { applied: number[]; rejected: number[] };

const text = (values: readonly (string | number | boolean | null | undefined)[]): SQL =>
  sql`${sql.param(values.map((value) => (value === null || value === undefined ? null : String(value))))}::text[]`;

/** [column, type] or [column, type, expression over `v.<column>`] */
type ColumnSpec = readonly [name: string, type: string, expression?: string];

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * `select … from unnest(text[], text[], …)`: rows travel as one array per column, so the statement's
 * text (and plan) is the same for 3 rows or 300. A multi-row VALUES list with thousands of parameters
 * costs Postgres ~25 ms to plan on every batch; this costs well under one.
 */
function rowsOf(columns: readonly ColumnSpec[], rows: readonly (readonly unknown[])[]): SQL {
  const arrays = columns.map((_, index) => sql`${sql.param(rows.map((row) => asText(row[index])))}::text[]`);
  const select = columns.map(([name, type, expression]) => expression ?? `v.${name}::${type}`).join(", ");
  return sql`select ${sql.raw(select)} from unnest(${sql.join(arrays, sql`, `)}) as v(${sql.raw(columns.map(([name]) => name).join(", "))})`;
}

function insertRows(table: string, columns: readonly ColumnSpec[], rows: readonly (readonly unknown[])[], rest: SQL = sql``): SQL {
  return sql`insert into ${sql.raw(table)} (${sql.raw(columns.map(([name]) => name).join(", "))}) ${rowsOf(columns, rows)} ${rest}`;
}

const DOMAIN_EVENT_COLUMNS: readonly ColumnSpec[] = [
  ["id", "text"], ["type", "text"], ["origin", "origin"], ["store_id", "uuid"], ["customer_id", "uuid"], ["sale_id", "uuid"],
  ["item_id", "uuid"], ["pos_event_id", "bigint"], ["occurred_at", "timestamptz"], ["data", "jsonb", "coalesce(v.data::jsonb, '{}'::jsonb)"],
];
type DomainEventRow = { id: string; type: string; origin: Origin; storeId?: string | null; customerId?: string | null; saleId?: string | null; itemId?: string | null; posEventId?: number | null; occurredAt: Date; data?: Record<string, unknown> };

async function insertDomainEvents(tx: Executor, events: DomainEventRow[]): Promise<void> {
  if (events.length === 0) return;
  await tx.execute(
    insertRows(
      "domain_events",
      DOMAIN_EVENT_COLUMNS,
      events.map((e) => [e.id, e.type, e.origin, e.storeId, e.customerId, e.saleId, e.itemId, e.posEventId, e.occurredAt, e.data ?? {}]),
      sql`on conflict do nothing`,
    ),
  );
}

/** Events this path can take: only sales (completed or open) and clients, at mapped locations. */
export function batchable(event: BatchEvent): boolean {
  try {
    for (const sale of event.sales) {
      if (sale.status === "voided") return false;
      storeFor(event.context, sale.locationId);
    }
    return event.sales.length + event.customers.length > 0;
  } catch {
    return false;
  }
}

type CustomerItem = { connectionId: string; provider: string; change: CanonicalCustomer; homeStoreId: string | null; inboxId: number; context: ApplyContext };

function newest<T>(items: T[], key: (item: T) => string, revision: (item: T) => { updatedAt: Date | null; version: string | null }): T[] {
  const kept = new Map<string, T>();
  for (const item of items) {
    const current = kept.get(key(item));
    if (!current || isNewer(revision(item), revision(current))) kept.set(key(item), item);
  }
  return [...kept.values()];
}

export async function applyBatch(tx: Executor, events: BatchEvent[], origin: Origin): Promise<BatchOutcome> {
  if (events.length === 0) return { applied: [], rejected: [] };

  // Every client mentioned, once: the newest revision of each POS record.
  const customerItems = newest(
    events.flatMap((event) => [
      ...event.customers.map((change) => ({ change, homeStoreId: null })),
      ...event.sales.filter((sale) => sale.customer).map((sale) => ({ change: sale.customer!, homeStoreId: storeFor(event.context, sale.locationId) })),
    ].map(({ change, homeStoreId }): CustomerItem => ({ connectionId: event.context.connection.id, provider: event.context.connection.provider, change, homeStoreId, inboxId: event.inboxId, context: event.context }))),
    (item) => `${item.connectionId}:${item.change.externalId}`,
    (item) => item.change,
  );
  const saleItems = newest(
    events.flatMap((event) => event.sales.map((sale) => ({ sale, event }))),
    (item) => `${item.event.context.connection.provider}:${item.sale.externalId}`,
    (item) => item.sale,
  );

  await lockKeys(tx, [
    ...customerItems.flatMap((item) => {
      const email = normalizeEmail(item.change.email);
      const phone = normalizePhone(item.change.phone, item.change.country);
      return [`customer-ref:${item.connectionId}:${item.change.externalId}`, ...(email ? [`email:${email}`] : []), ...(phone ? [`phone:${phone}`] : [])];
    }),
    ...saleItems.map((item) => `sale:${item.event.context.connection.provider}:${item.sale.externalId}`),
  ]);

  const customerIds = await applyCustomers(tx, customerItems, origin);
  await applySales(tx, saleItems, customerIds, origin);
  return { applied: events.map((event) => event.inboxId), rejected: [] };
}

/* ----------------------------------------------------------------------------------------------- */

async function applyCustomers(tx: Executor, items: CustomerItem[], origin: Origin): Promise<Map<string, string>> {
  const byRef = new Map<string, string>();
  if (items.length === 0) return byRef;
  const refKey = (connectionId: string, externalId: string) => `${connectionId}:${externalId}`;

  const refs = (await tx.execute(sql`
    select r.connection_id as "connectionId", r.external_id as "externalId", coalesce(c.merged_into_id, c.id) as "customerId",
           r.external_updated_at as "updatedAt", r.external_version as "version"
      from customer_refs r join customers c on c.id = r.customer_id
     where (r.connection_id::text, r.external_id) in (select * from unnest(${text(items.map((i) => i.connectionId))}, ${text(items.map((i) => i.change.externalId))}))`)) as unknown as {
    connectionId: string;
    externalId: string;
    customerId: string;
    updatedAt: string | Date | null;
    version: string | null;
  }[];
  const known = new Map(refs.map((ref) => [refKey(ref.connectionId, ref.externalId), ref]));

  const updates: { id: string; item: CustomerItem }[] = [];
  const unknown: CustomerItem[] = [];
  for (const item of items) {
    const ref = known.get(refKey(item.connectionId, item.change.externalId));
    if (!ref) {
      unknown.push(item);
      continue;
    }
    byRef.set(refKey(item.connectionId, item.change.externalId), ref.customerId);
    const stored = { updatedAt: ref.updatedAt === null ? null : new Date(ref.updatedAt), version: ref.version };
    if (isNewer(item.change, stored)) updates.push({ id: ref.customerId, item });
  }

  if (updates.length > 0) {
    const columns = updates.map(({ id, item }) => ({ id, ...customerFields(item.change, normalizeEmail(item.change.email), normalizePhone(item.change.phone, item.change.country)) }));
    const col = <K extends string>(key: K) => text(columns.map((row) => (row as Record<string, unknown>)[key] as string | boolean | null | undefined));
    await tx.execute(sql`
      update customers c set
        first_name = coalesce(v.first_name, c.first_name), last_name = coalesce(v.last_name, c.last_name),
        email = coalesce(v.email, c.email), email_normalized = coalesce(v.email_normalized, c.email_normalized),
        phone = coalesce(v.phone, c.phone), phone_normalized = coalesce(v.phone_normalized, c.phone_normalized),
        address_line = coalesce(v.address_line, c.address_line), city = coalesce(v.city, c.city),
        postal_code = coalesce(v.postal_code, c.postal_code), country = coalesce(v.country, c.country),
        consent_email = coalesce(v.consent_email::boolean, c.consent_email), consent_sms = coalesce(v.consent_sms::boolean, c.consent_sms),
        updated_at = now()
      from unnest(${col("id")}, ${col("firstName")}, ${col("lastName")}, ${col("email")}, ${col("emailNormalized")}, ${col("phone")},
                  ${col("phoneNormalized")}, ${col("addressLine")}, ${col("city")}, ${col("postalCode")}, ${col("country")},
                  ${col("consentEmail")}, ${col("consentSms")})
        as v(id, first_name, last_name, email, email_normalized, phone, phone_normalized, address_line, city, postal_code, country, consent_email, consent_sms)
      where c.id = v.id::uuid`);
    await tx.execute(sql`
      update customer_refs r set external_updated_at = v.updated_at::timestamptz, external_version = v.version::numeric
      from unnest(${text(updates.map((u) => u.item.connectionId))}, ${text(updates.map((u) => u.item.change.externalId))},
                  ${text(updates.map((u) => u.item.change.updatedAt?.toISOString()))}, ${text(updates.map((u) => u.item.change.version))})
        as v(connection_id, external_id, updated_at, version)
      where r.connection_id = v.connection_id::uuid and r.external_id = v.external_id`);
  }

  // New POS records: one person already known by e-mail or phone, else a new client. Two records in the
  // same batch with one e-mail or phone are one person too.
  const contacts = unknown.map((item) => ({ item, email: normalizeEmail(item.change.email), phone: normalizePhone(item.change.phone, item.change.country) }));
  const emails = [...new Set(contacts.map((c) => c.email).filter((e): e is string => !!e))];
  const phones = [...new Set(contacts.map((c) => c.phone).filter((p): p is string => !!p))];
  const matches = emails.length + phones.length
    ? ((await tx.execute(sql`
        select distinct on (key) key, id from (
          select 'e:' || c.email_normalized as key, c.id, c.created_at from customers c
           where c.email_normalized = any(${text(emails)}) and c.merged_into_id is null and c.erased_at is null
          union all
          select 'p:' || c.phone_normalized, c.id, c.created_at from customers c
           where c.phone_normalized = any(${text(phones)}) and c.merged_into_id is null and c.erased_at is null
        ) m order by key, created_at`)) as unknown as { key: string; id: string }[])
    : [];
  const byContact = new Map(matches.map((match) => [match.key, match.id]));

  const created: (typeof customers.$inferInsert & { id: string })[] = [];
  const newRefs: (typeof customerRefs.$inferInsert)[] = [];
  // clients another connection already knew: fill what Vitrine lacks, keep what it has (as apply.ts does)
  const matchedGaps: { id: string; email: string | null; emailNormalized: string | null; phone: string | null; phoneNormalized: string | null; city: string | null }[] = [];
  for (const { item, email, phone } of contacts) {
    const contactKeys = [...(email ? [`e:${email}`] : []), ...(phone ? [`p:${phone}`] : [])];
    let id = contactKeys.map((key) => byContact.get(key)).find((found) => found);
    if (id && !created.some((c) => c.id === id)) {
      matchedGaps.push({ id, email: item.change.email?.trim() ?? null, emailNormalized: email, phone: item.change.phone?.trim() ?? null, phoneNormalized: phone, city: item.change.city });
    }
    if (!id) {
      id = crypto.randomUUID();
      const homeStoreId = item.homeStoreId;
      created.push({
        id,
        firstName: item.change.firstName ?? "",
        lastName: item.change.lastName ?? "",
        currency: (homeStoreId && item.context.storeCurrency.get(homeStoreId)) || anyStoreCurrency(item.context),
        homeStoreId,
        ...customerFields(item.change, email, phone),
      });
    }
    for (const key of contactKeys) byContact.set(key, id);
    byRef.set(refKey(item.connectionId, item.change.externalId), id);
    newRefs.push({
      customerId: id,
      provider: item.context.connection.provider,
      connectionId: item.connectionId,
      externalId: item.change.externalId,
      externalUpdatedAt: item.change.updatedAt,
      externalVersion: item.change.version,
    });
  }
  if (created.length > 0) {
    await tx.execute(
      insertRows(
        "customers",
        [
          ["id", "uuid"], ["first_name", "text"], ["last_name", "text"], ["email", "text"], ["email_normalized", "text"], ["phone", "text"],
          ["phone_normalized", "text"], ["address_line", "text"], ["city", "text"], ["postal_code", "text"], ["country", "text"],
          ["consent_email", "boolean", "coalesce(v.consent_email::boolean, false)"], ["consent_sms", "boolean", "coalesce(v.consent_sms::boolean, false)"],
          ["loyalty_id", "text"], ["currency", "text"], ["home_store_id", "uuid"],
        ],
        created.map((c) => [c.id, c.firstName, c.lastName, c.email, c.emailNormalized, c.phone, c.phoneNormalized, c.addressLine, c.city, c.postalCode, c.country, c.consentEmail, c.consentSms, c.loyaltyId, c.currency, c.homeStoreId]),
      ),
    );
    // Probable duplicates: a new client with another client's name.
    const lookalikes = (await tx.execute(sql`
      select n.id as "newId", c.id as "otherId",
             (lower(coalesce(c.city, '')) = lower(coalesce(n.city, '-')) or c.postal_code = n.postal_code) as "samePlace"
        from unnest(${text(created.map((c) => c.id))}, ${text(created.map((c) => c.firstName))}, ${text(created.map((c) => c.lastName))},
                    ${text(created.map((c) => c.city))}, ${text(created.map((c) => c.postalCode))}) as n(id, first_name, last_name, city, postal_code)
        join customers c on lower(c.last_name) = lower(n.last_name) and lower(c.first_name) = lower(n.first_name)
                        and c.id <> n.id::uuid and c.merged_into_id is null
       where n.first_name <> '' and n.last_name <> ''`)) as unknown as { newId: string; otherId: string; samePlace: boolean }[];
    if (lookalikes.length > 0) {
      await tx
        .insert(customerDuplicates)
        .values(
          lookalikes.map((pair) => {
            const [a, b] = [pair.newId, pair.otherId].sort();
            return { customerAId: a, customerBId: b, reason: pair.samePlace ? "same name and city" : "same name, different contact details" };
          }),
        )
        .onConflictDoNothing();
    }
  }
  if (matchedGaps.length > 0) {
    await tx.execute(sql`
      update customers c set
        email = coalesce(c.email, v.email), email_normalized = coalesce(c.email_normalized, v.email_normalized),
        phone = coalesce(c.phone, v.phone), phone_normalized = coalesce(c.phone_normalized, v.phone_normalized),
        city = coalesce(c.city, v.city), updated_at = now()
      from (${rowsOf(
        [["id", "uuid"], ["email", "text"], ["email_normalized", "text"], ["phone", "text"], ["phone_normalized", "text"], ["city", "text"]],
        matchedGaps.map((g) => [g.id, g.email, g.emailNormalized, g.phone, g.phoneNormalized, g.city]),
      )}) as v
      where c.id = v.id`);
  }
  if (newRefs.length > 0) {
    await tx.execute(
      insertRows(
        "customer_refs",
        [["customer_id", "uuid"], ["provider", "pos_provider"], ["connection_id", "uuid"], ["external_id", "text"], ["external_updated_at", "timestamptz"], ["external_version", "numeric"]],
        newRefs.map((r) => [r.customerId, r.provider, r.connectionId, r.externalId, r.externalUpdatedAt, r.externalVersion]),
        sql`on conflict do nothing`,
      ),
    );
  }

  const changed = [...updates.map((u) => u.item), ...unknown];
  if (changed.length > 0) {
    await insertDomainEvents(
      tx,
      changed.map((item) => {
          const customerId = byRef.get(refKey(item.connectionId, item.change.externalId))!;
          const type = item.change.deleted ? "customer.deleted" : "customer.updated";
          const revision = item.change.version ?? (item.change.updatedAt ? String(item.change.updatedAt.getTime()) : `event-${item.inboxId}`);
          return {
            id: `${type}:${customerId}:${item.connectionId}:${item.change.externalId}:${revision}`,
            type,
            origin,
            customerId,
            posEventId: item.inboxId,
            occurredAt: item.change.updatedAt ?? new Date(),
            data: { connectionId: item.connectionId, externalId: item.change.externalId },
          };
        }),
    );
  }
  return byRef;
}

/* ----------------------------------------------------------------------------------------------- */

type SaleItem = { sale: CanonicalSale; event: BatchEvent };

async function applySales(tx: Executor, items: SaleItem[], customerIds: Map<string, string>, origin: Origin): Promise<void> {
  if (items.length === 0) return;
  const providers = [...new Set(items.map((item) => item.event.context.connection.provider))];
  const existing = await tx
    .select({ id: sales.id, provider: sales.provider, externalId: sales.externalId, updatedAt: sales.externalUpdatedAt, version: sales.externalVersion })
    .from(sales)
    .where(and(inArray(sales.provider, providers), inArray(sales.externalId, items.map((item) => item.sale.externalId))));
  const stored = new Map(existing.map((row) => [`${row.provider}:${row.externalId}`, row]));

  const fresh = items.filter((item) => {
    const row = stored.get(`${item.event.context.connection.provider}:${item.sale.externalId}`);
    return !row || isNewer(item.sale, row);
  });
  if (fresh.length === 0) return;

  // Clients only named by id (not embedded) are looked up by their refs.
  const missingRefs = fresh.filter((item) => !item.sale.customer && item.sale.customerExternalId);
  if (missingRefs.length > 0) {
    const rows = await tx
      .select({ connectionId: customerRefs.connectionId, externalId: customerRefs.externalId, customerId: customerRefs.customerId })
      .from(customerRefs)
      .where(inArray(customerRefs.externalId, missingRefs.map((item) => item.sale.customerExternalId!)));
    for (const row of rows) customerIds.set(`${row.connectionId}:${row.externalId}`, row.customerId);
  }

  const rows = fresh.map((item) => {
    const { sale, event } = item;
    const connection = event.context.connection;
    const customerExternalId = sale.customer?.externalId ?? sale.customerExternalId;
    const row = stored.get(`${connection.provider}:${sale.externalId}`);
    return {
      id: row?.id ?? crypto.randomUUID(),
      storeId: storeFor(event.context, sale.locationId),
      customerId: customerExternalId ? (customerIds.get(`${connection.id}:${customerExternalId}`) ?? null) : null,
      provider: connection.provider,
      connectionId: connection.id,
      externalId: sale.externalId,
      externalUpdatedAt: sale.updatedAt,
      externalVersion: sale.version,
      status: sale.status,
      origin,
      subtotalMinor: sale.subtotalMinor,
      discountMinor: sale.discountMinor,
      taxMinor: sale.taxMinor,
      totalMinor: sale.totalMinor,
      currency: sale.currency,
      completedAt: sale.completedAt ?? sale.updatedAt ?? new Date(),
    };
  });
  const written = (await tx.execute(
    insertRows(
      "sales",
      [
        ["id", "uuid"], ["store_id", "uuid"], ["customer_id", "uuid"], ["provider", "text"], ["connection_id", "uuid"], ["external_id", "text"],
        ["external_updated_at", "timestamptz"], ["external_version", "numeric"], ["status", "text"], ["origin", "origin"], ["subtotal_minor", "bigint"],
        ["discount_minor", "bigint"], ["tax_minor", "bigint"], ["total_minor", "bigint"], ["currency", "text"], ["completed_at", "timestamptz"],
      ],
      rows.map((r) => [r.id, r.storeId, r.customerId, r.provider, r.connectionId, r.externalId, r.externalUpdatedAt, r.externalVersion, r.status, r.origin, r.subtotalMinor, r.discountMinor, r.taxMinor, r.totalMinor, r.currency, r.completedAt]),
      // `origin` is not updated: a sale first seen live stays live. Newer wins, also against a worker
      // that wrote the same sale since the read above.
      sql`on conflict (provider, external_id) do update set
            store_id = excluded.store_id, customer_id = excluded.customer_id, connection_id = excluded.connection_id,
            external_updated_at = excluded.external_updated_at, external_version = excluded.external_version, status = excluded.status,
            subtotal_minor = excluded.subtotal_minor, discount_minor = excluded.discount_minor, tax_minor = excluded.tax_minor,
            total_minor = excluded.total_minor, currency = excluded.currency, completed_at = excluded.completed_at, updated_at = now()
          where case
            when excluded.external_version is not null and sales.external_version is not null then excluded.external_version > sales.external_version
            when excluded.external_updated_at is not null and sales.external_updated_at is not null then excluded.external_updated_at > sales.external_updated_at
            else true end
          returning id, external_id as "externalId", provider`,
    ),
  )) as unknown as { id: string; externalId: string; provider: string }[];
  const saleIds = new Map(written.map((row) => [`${row.provider}:${row.externalId}`, row.id]));
  const applied = fresh
    .map((item, index) => ({ item, row: rows[index], id: saleIds.get(`${rows[index].provider}:${item.sale.externalId}`) }))
    .filter((entry): entry is { item: SaleItem; row: (typeof rows)[number]; id: string } => entry.id !== undefined);
  if (applied.length === 0) return;

  // Lines, with their products resolved in two queries for the whole batch (per connection).
  const lineRows: (typeof saleLines.$inferInsert)[] = [];
  const serialRows: { saleId: string; storeId: string; customerId: string | null; completedAt: Date; productId: string; serial: string; warrantyMonths: number; serviceIntervalMonths: number | null }[] = [];
  for (const { item, row, id } of applied) {
    const facts = await resolveProductsCached(tx, item.event.context, item.sale.lines);
    lineRows.push(...saleLineRows(id, item.sale, facts));
    item.sale.lines.forEach((line, index) => {
      const product = facts[index];
      if (item.sale.status === "completed" && product) {
        for (const serial of line.serialNumbers) {
          serialRows.push({ saleId: id, storeId: row.storeId, customerId: row.customerId, completedAt: row.completedAt, productId: product.id, serial, warrantyMonths: product.warrantyMonths, serviceIntervalMonths: product.serviceIntervalMonths });
        }
      }
    });
  }
  if (lineRows.length > 0) {
    await tx.execute(
      insertRows(
        "sale_lines",
        [
          ["sale_id", "uuid"], ["line_no", "smallint"], ["product_id", "uuid"], ["sku", "text"], ["quantity", "integer"], ["unit_price_minor", "bigint"],
          ["discount_minor", "bigint"], ["total_minor", "bigint"], ["currency", "text"],
          ["serial_numbers", "text[]", "array(select jsonb_array_elements_text(v.serial_numbers::jsonb))"],
        ],
        lineRows.map((l) => [l.saleId, l.lineNo, l.productId, l.sku, l.quantity, l.unitPriceMinor, l.discountMinor, l.totalMinor, l.currency, l.serialNumbers]),
        sql`on conflict (sale_id, line_no) do update set
              product_id = excluded.product_id, sku = excluded.sku, quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor,
              discount_minor = excluded.discount_minor, total_minor = excluded.total_minor, serial_numbers = excluded.serial_numbers`,
      ),
    );
  }
  await tx.execute(sql`
    delete from sale_lines l using unnest(${text(applied.map((a) => a.id))}, ${text(applied.map((a) => a.item.sale.lines.length))}) as v(sale_id, n)
     where l.sale_id = v.sale_id::uuid and l.line_no > v.n::int
       and l.id not in (select sale_line_id from returns r where r.sale_id = l.sale_id and r.sale_line_id is not null)`);

  // Serialized items sold, with one custody step per (item, sale). A later revision of a sale already
  // recorded must not re-sell its items: one may have come back since.
  if (serialRows.length > 0) {
    const recorded = await tx
      .selectDistinct({ saleId: custodyEvents.saleId })
      .from(custodyEvents)
      .where(and(inArray(custodyEvents.saleId, [...new Set(serialRows.map((row) => row.saleId))]), inArray(custodyEvents.kind, ["sold", "resold"])));
    const done = new Set(recorded.map((row) => row.saleId));
    serialRows.splice(0, serialRows.length, ...serialRows.filter((row) => !done.has(row.saleId)));
  }
  if (serialRows.length > 0) {
    const items = (await tx.execute(
      insertRows(
        "serialized_items",
        [
          ["product_id", "uuid"], ["serial_number", "text"], ["status", "item_status", "'sold'::item_status"], ["current_owner_id", "uuid"],
          ["current_store_id", "uuid"], ["sold_at", "timestamptz"], ["warranty_ends_on", "date"], ["next_service_due_on", "date"],
        ],
        serialRows.map((s) => [
          s.productId,
          s.serial,
          "sold",
          s.customerId,
          s.storeId,
          s.completedAt,
          s.warrantyMonths > 0 ? addMonths(s.completedAt, s.warrantyMonths) : null,
          s.serviceIntervalMonths ? addMonths(s.completedAt, s.serviceIntervalMonths) : null,
        ]),
        sql`on conflict (product_id, serial_number) do update set
              status = 'sold', current_owner_id = excluded.current_owner_id, current_store_id = excluded.current_store_id,
              sold_at = excluded.sold_at, warranty_ends_on = excluded.warranty_ends_on, next_service_due_on = excluded.next_service_due_on, updated_at = now()
            returning id, product_id as "productId", serial_number as "serial"`,
      ),
    )) as unknown as { id: string; productId: string; serial: string }[];
    const itemId = new Map(items.map((item) => [`${item.productId}:${item.serial}`, item.id]));
    const steps = await tx
      .select({ itemId: custodyEvents.itemId, saleId: custodyEvents.saleId })
      .from(custodyEvents)
      .where(and(inArray(custodyEvents.itemId, items.map((item) => item.id)), inArray(custodyEvents.kind, ["sold", "resold"])));
    const custody: { itemId: string; kind: "sold" | "resold"; occurredAt: Date; storeId: string; customerId: string | null; saleId: string }[] = [];
    const itemEvents: DomainEventRow[] = [];
    for (const s of serialRows) {
      const id = itemId.get(`${s.productId}:${s.serial}`)!;
      const earlier = steps.filter((step) => step.itemId === id);
      if (earlier.some((step) => step.saleId === s.saleId)) continue;
      custody.push({ itemId: id, kind: earlier.length > 0 ? "resold" : "sold", occurredAt: s.completedAt, storeId: s.storeId, customerId: s.customerId, saleId: s.saleId });
      itemEvents.push({ id: `item.sold:${id}:${s.saleId}`, type: "item.sold", origin, storeId: s.storeId, customerId: s.customerId, saleId: s.saleId, itemId: id, occurredAt: s.completedAt });
    }
    if (custody.length > 0) {
      await tx.execute(
        insertRows(
          "custody_events",
          [["item_id", "uuid"], ["kind", "custody_kind"], ["occurred_at", "timestamptz"], ["store_id", "uuid"], ["customer_id", "uuid"], ["sale_id", "uuid"]],
          custody.map((c) => [c.itemId, c.kind, c.occurredAt, c.storeId, c.customerId, c.saleId]),
          sql`on conflict do nothing`,
        ),
      );
    }
    await insertDomainEvents(tx, itemEvents);
  }

  const completed = applied.filter((a) => a.item.sale.status === "completed");
  if (completed.length > 0) {
    await insertDomainEvents(
      tx,
      completed.map(({ item, row, id }) => ({
          id: `sale.completed:${id}`,
          type: "sale.completed",
          origin,
          storeId: row.storeId,
          customerId: row.customerId,
          saleId: id,
          posEventId: item.event.inboxId,
          occurredAt: row.completedAt,
          data: { provider: row.provider, externalId: row.externalId, totalMinor: row.totalMinor, currency: row.currency },
        })),
    );
  }

  await refreshLifetimeValues(tx, [...new Set(applied.map((a) => a.row.customerId).filter((id): id is string => !!id))]);
}

/** Product lookups per connection within one batch: most sales of a batch share SKUs. */
const productCache = new WeakMap<ApplyContext, Map<string, Awaited<ReturnType<typeof resolveProducts>>[number]>>();
async function resolveProductsCached(tx: Executor, context: ApplyContext, lines: CanonicalSale["lines"]) {
  let cache = productCache.get(context);
  if (!cache) productCache.set(context, (cache = new Map()));
  const key = (line: CanonicalSale["lines"][number]) => `${line.productExternalId ?? ""}|${line.sku}`;
  const missing = lines.filter((line) => !cache.has(key(line)));
  if (missing.length > 0) {
    const facts = await resolveProducts(tx, context, missing);
    missing.forEach((line, index) => cache.set(key(line), facts[index]));
  }
  return lines.map((line) => cache.get(key(line)) ?? null);
}

