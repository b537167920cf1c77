import { custodyEvents, serializedItems, type CustodyKind, type ItemStatus } from "../schema";
import { serialFor, type SeedProduct } from "./catalog";
import type { SeedContext } from "./context";
import { CopyBuffer, copyTarget } from "./copy";
import type { Rng } from "./random";
import { addMonths, type DayNumber, dateString, iso } from "./time";

export const itemsTarget = copyTarget(serializedItems, [
  "id", "productId", "serialNumber", "status", "currentOwnerId", "currentStoreId", "soldAt", "warrantyEndsOn",
  "nextServiceDueOn", "createdAt", "updatedAt",
] as const);

export const custodyTarget = copyTarget(custodyEvents, [
  "id", "itemId", "kind", "occurredAt", "storeId", "customerId", "saleId", "returnId", "serviceTicketId", "note", "createdAt",
] as const);

type CustodyKey = (typeof custodyTarget.keys)[number];
type CustodyRow = Record<CustodyKey, string | null>;

/** A serial on its way through the shop; its rows are written once its story is settled. */
export type LiveItem = {
  id: string;
  productIndex: number;
  serial: string;
  storeIndex: number;
  createdAtMs: number;
  events: CustodyRow[];
  lastEventMs: number;
  /** Set while the piece waits, returned, to be sold again. */
  returnedAtMs: number | null;
};

export type CustodyStep = {
  kind: CustodyKind;
  atMs: number;
  storeIndex: number;
  customerId?: string | null;
  saleId?: string | null;
  returnId?: string | null;
  ticketId?: string | null;
  note?: string | null;
};

export type ItemEnding = {
  status: ItemStatus;
  ownerId: string | null;
  storeIndex: number;
  soldAtMs: number | null;
  warrantyFrom: DayNumber | null;
  serviceFrom: DayNumber | null;
};

/**
 * Serialized pieces and their chain of custody. Returned pieces wait in a per store × product pool
 * and are what the next sale of that reference at that store hands over (a resale).
 */
export class ItemLedger {
  private serialCounter = 0;
  private readonly returnedPool = new Map<string, LiveItem[]>();

  constructor(
    private readonly rng: Rng,
    private readonly ctx: SeedContext,
    readonly items: CopyBuffer<(typeof itemsTarget.keys)[number]>,
    readonly custody: CopyBuffer<CustodyKey>,
  ) {}

  receive(productIndex: number, storeIndex: number, atMs: number, note: string | null = null): LiveItem {
    const product = this.ctx.catalog.products[productIndex];
    const item: LiveItem = {
      id: this.rng.uuid(),
      productIndex,
      serial: serialFor(product, this.serialCounter++),
      storeIndex,
      createdAtMs: atMs,
      events: [],
      lastEventMs: atMs,
      returnedAtMs: null,
    };
    this.record(item, { kind: "received", atMs, storeIndex, note });
    return item;
  }

  record(item: LiveItem, step: CustodyStep): void {
    const occurredAt = iso(step.atMs);
    item.events.push({
      id: this.rng.uuid(),
      itemId: item.id,
      kind: step.kind,
      occurredAt,
      storeId: this.ctx.stores[step.storeIndex].id,
      customerId: step.customerId ?? null,
      saleId: step.saleId ?? null,
      returnId: step.returnId ?? null,
      serviceTicketId: step.ticketId ?? null,
      note: step.note ?? null,
      createdAt: occurredAt,
    });
    item.lastEventMs = Math.max(item.lastEventMs, step.atMs);
  }

  /** A returned piece of this reference, back at this store before `atMs`, if any. */
  takeReturned(storeIndex: number, productIndex: number, atMs: number): LiveItem | null {
    const waiting = this.returnedPool.get(`${storeIndex}:${productIndex}`);
    const index = waiting?.findIndex((item) => item.returnedAtMs! + 3 * 86_400_000 <= atMs) ?? -1;
    if (!waiting || index < 0) return null;
    const [item] = waiting.splice(index, 1);
    item.returnedAtMs = null;
    return item;
  }

  holdReturned(item: LiveItem, returnedAtMs: number): void {
    item.returnedAtMs = returnedAtMs;
    const key = `${item.storeIndex}:${item.productIndex}`;
    const waiting = this.returnedPool.get(key);
    if (waiting) waiting.push(item);
    else this.returnedPool.set(key, [item]);
  }

  /** Writes the item's row and its custody events. */
  settle(item: LiveItem, ending: ItemEnding): void {
    const product: SeedProduct = this.ctx.catalog.products[item.productIndex];
    const interval = product.serviceIntervalMonths;
    this.items.push({
      id: item.id,
      productId: product.id,
      serialNumber: item.serial,
      status: ending.status,
      currentOwnerId: ending.ownerId,
      currentStoreId: this.ctx.stores[ending.storeIndex].id,
      soldAt: ending.soldAtMs === null ? null : iso(ending.soldAtMs),
      warrantyEndsOn: ending.warrantyFrom === null ? null : dateString(addMonths(ending.warrantyFrom, product.warrantyMonths)),
      nextServiceDueOn: ending.serviceFrom === null || interval === null ? null : dateString(addMonths(ending.serviceFrom, interval)),
      createdAt: iso(item.createdAtMs),
      updatedAt: iso(item.lastEventMs),
    });
    for (const event of item.events) this.custody.push(event);
  }

  /** Returned pieces never sold again stay on the books as returned. */
  settleUnsold(): void {
    for (const waiting of this.returnedPool.values()) {
      for (const item of waiting) {
        this.settle(item, { status: "returned", ownerId: null, storeIndex: item.storeIndex, soldAtMs: null, warrantyFrom: null, serviceFrom: null });
      }
    }
    this.returnedPool.clear();
  }
}
