import { returns, saleLines, sales, type ProductCategory } from "../schema";
import { pickProduct } from "./catalog";
import { CATEGORIES } from "./catalog-data";
import { type SeedContext, yieldToLoader } from "./context";
import type { ClientBook } from "./customers";
import { CopyBuffer, copyTarget } from "./copy";
import { ItemLedger, custodyTarget, itemsTarget, type LiveItem } from "./items";
import { convertMinor, mulDivRound, roundTo, taxOn } from "./money";
import { HISTORY_DAYS, planSales } from "./plan";
import type { Rng } from "./random";
import { ticketsTarget, writeServiceHistory } from "./service";
import { DAY_MS, type DayNumber, HOUR_MS, dateString, dayNumberOf, iso } from "./time";

export const salesTarget = copyTarget(sales, [
  "id", "storeId", "associateId", "customerId", "provider", "externalId", "externalUpdatedAt", "origin", "subtotalMinor",
  "discountMinor", "taxMinor", "totalMinor", "currency", "completedAt", "createdAt", "updatedAt",
] as const);

export const saleLinesTarget = copyTarget(saleLines, [
  "id", "saleId", "lineNo", "productId", "sku", "quantity", "unitPriceMinor", "discountMinor", "totalMinor", "currency", "serialNumbers",
] as const);

export const returnsTarget = copyTarget(returns, [
  "id", "saleId", "saleLineId", "storeId", "customerId", "productId", "quantity", "serialNumber", "refundMinor", "currency",
  "reason", "provider", "externalId", "origin", "returnedAt", "createdAt",
] as const);

/** Mean lines per sale of LINES_PER_SALE. */
export const MEAN_LINES_PER_SALE = 1.28;
const LINES_PER_SALE = [[1, 79], [2, 15], [3, 5], [4, 1]] as const;
const LINES_PER_FLUSH = 40_000;
/** Generation hands the event loop back this often, so the COPY of the previous batch keeps streaming. */
const SALES_PER_YIELD = 50;

const RETURN_RATE: Record<ProductCategory, number> = {
  mechanical_watch: 0.015,
  quartz_watch: 0.025,
  smart_watch: 0.04,
  fine_jewellery: 0.025,
  pearls: 0.02,
  gold_jewellery: 0.03,
  electronics: 0.05,
};

const RETURN_REASONS: Record<ProductCategory, readonly string[]> = {
  mechanical_watch: ["Changed mind within the return window", "Case too large for the wrist", "Gift: recipient preferred another dial"],
  quartz_watch: ["Changed mind within the return window", "Gift exchange", "Bracelet too small, no spare links"],
  smart_watch: ["Incompatible with the client's phone", "Changed mind within the return window", "Defective on arrival"],
  fine_jewellery: ["Gift: recipient preferred another setting", "Changed mind within the return window", "Duplicate gift"],
  pearls: ["Gift exchange", "Changed mind within the return window"],
  gold_jewellery: ["Gift exchange", "Chain length not right", "Changed mind within the return window"],
  electronics: ["Defective on arrival", "Changed mind within the return window", "Bought elsewhere in a bundle"],
};

type SaleBuffers = {
  sales: CopyBuffer<(typeof salesTarget.keys)[number]>;
  lines: CopyBuffer<(typeof saleLinesTarget.keys)[number]>;
  returns: CopyBuffer<(typeof returnsTarget.keys)[number]>;
  tickets: CopyBuffer<(typeof ticketsTarget.keys)[number]>;
};

export type SalesOutcome = { ledger: ItemLedger; buffers: SaleBuffers };

/** Walks the two years day by day, store by store, writing sales and everything they cause. */
export class SalesSimulation {
  private readonly ledger: ItemLedger;
  private readonly buffers: SaleBuffers;
  private readonly saleSequence: number[];
  private readonly counter = { tickets: 0 };
  private readonly storeMix: (readonly [number, number])[][];
  private readonly sellerPairs: (readonly [number, number])[][];

  constructor(
    private readonly rng: Rng,
    private readonly ctx: SeedContext,
    private readonly book: ClientBook,
  ) {
    this.ledger = new ItemLedger(rng, ctx, new CopyBuffer(itemsTarget), new CopyBuffer(custodyTarget));
    this.buffers = {
      sales: new CopyBuffer(salesTarget),
      lines: new CopyBuffer(saleLinesTarget),
      returns: new CopyBuffer(returnsTarget),
      tickets: new CopyBuffer(ticketsTarget),
    };
    this.saleSequence = ctx.stores.map(() => 0);
    this.storeMix = ctx.stores.map((store) => CATEGORIES.map((category, index) => [index, store.def.categoryMix[category]] as const));
    this.sellerPairs = ctx.sellers.map((sellers) => sellers.map((seller) => [seller.userIndex, seller.weight] as const));
  }

  async run(targetLines: number): Promise<SalesOutcome> {
    const firstDay = dayNumberOf(this.ctx.nowMs) - (HISTORY_DAYS - 1);
    const plan = planSales(this.rng, this.ctx.stores, firstDay, Math.round(targetLines / MEAN_LINES_PER_SALE));
    let sold = 0;
    for (let i = 0; i < HISTORY_DAYS; i++) {
      for (let storeIndex = 0; storeIndex < this.ctx.stores.length; storeIndex++) {
        for (let n = 0; n < plan[storeIndex][i]; n++) {
          this.sell(storeIndex, firstDay + i);
          if (++sold % SALES_PER_YIELD === 0) await yieldToLoader();
        }
      }
      if (this.buffers.lines.pending >= LINES_PER_FLUSH) {
        this.ctx.log(`sales: ${this.buffers.lines.total.toLocaleString("en")} lines up to ${dateString(firstDay + i)}`);
        await this.flush();
      }
    }
    this.ledger.settleUnsold();
    await this.flush();
    this.ctx.log(`sales: ${this.buffers.sales.total.toLocaleString("en")} sales, ${this.buffers.lines.total.toLocaleString("en")} lines, ${this.buffers.returns.total.toLocaleString("en")} returns, ${this.buffers.tickets.total.toLocaleString("en")} service tickets`);
    return { ledger: this.ledger, buffers: this.buffers };
  }

  private flush(): Promise<void> {
    const { sales, lines, returns, tickets } = this.buffers;
    // parents before children: sales → lines → items → returns, tickets → custody
    return this.ctx.flush([sales.take(), lines.take(), this.ledger.items.take(), returns.take(), tickets.take(), this.ledger.custody.take()]);
  }

  private pickClient(storeIndex: number, atMs: number): number {
    if (!this.rng.chance(0.88)) return -1;
    for (let attempt = 0; attempt < 6; attempt++) {
      const sampler = this.rng.chance(0.12) ? this.book.everyone : this.book.samplers[storeIndex];
      if (sampler.size === 0) continue;
      const client = sampler.sample(this.rng);
      if (this.book.createdAtMs[client] <= atMs) return client;
    }
    return -1;
  }

  private pickSeller(storeIndex: number, client: number): number {
    const preferred = client >= 0 ? this.book.preferredAssociate[client] : -1;
    if (preferred >= 0 && this.ctx.users[preferred].storeIndexes.includes(storeIndex) && this.rng.chance(0.75)) return preferred;
    const pairs = this.sellerPairs[storeIndex];
    return pairs.length > 0 ? this.rng.weighted(pairs) : -1;
  }

  private pickCategory(storeIndex: number, client: number): number {
    if (client >= 0 && this.rng.chance(0.65)) {
      const second = this.book.favouriteCategories[1][client];
      return second >= 0 && this.rng.chance(0.3) ? second : this.book.favouriteCategories[0][client];
    }
    return this.rng.weighted(this.storeMix[storeIndex]);
  }

  private sell(storeIndex: number, day: DayNumber): void {
    const { rng, ctx, book } = this;
    const store = ctx.stores[storeIndex];
    const hours = store.def.hours[new Date(day * DAY_MS).getUTCDay()];
    if (!hours) return;
    const minute = Math.min(hours[1] - 1, Math.floor(rng.triangular(hours[0], hours[1])));
    const completedAt = store.clock.toUtc(day, minute) + rng.int(0, 59) * 1000;
    if (completedAt >= ctx.nowMs) return;

    const client = this.pickClient(storeIndex, completedAt);
    const seller = this.pickSeller(storeIndex, client);
    const customerId = client >= 0 ? book.ids[client] : null;
    const affluence = client >= 0 ? book.affluence[client] : rng.between(0, 0.7);
    const currency = store.def.currency;
    const saleId = rng.uuid();
    const externalId = `${store.def.code}-${String(++this.saleSequence[storeIndex]).padStart(7, "0")}`;

    let subtotal = 0;
    let discountTotal = 0;
    const lineCount = rng.weighted(LINES_PER_SALE);
    for (let lineNo = 1; lineNo <= lineCount; lineNo++) {
      const categoryIndex = this.pickCategory(storeIndex, client);
      const brand = client >= 0 && rng.chance(0.4) ? book.favouriteBrand[client] : null;
      const productIndex = pickProduct(rng, ctx.catalog, categoryIndex, affluence, brand);
      const product = ctx.catalog.products[productIndex];
      const quantity = !product.isSerialized && rng.chance(0.06) ? 2 : 1;
      const unitPrice = product.storePrices[storeIndex];
      const discountPercent =
        product.category === "electronics"
          ? rng.chance(0.12) ? rng.int(5, 10) : 0
          : rng.chance(affluence > 0.8 ? 0.15 : 0.05) ? rng.int(5, 15) : 0;
      const discount = roundTo(mulDivRound(unitPrice * quantity, discountPercent, 100), 100);
      const lineTotal = unitPrice * quantity - discount;
      subtotal += unitPrice * quantity;
      discountTotal += discount;

      const item = product.isSerialized ? this.handOver(storeIndex, productIndex, completedAt) : null;
      const lineId = rng.uuid();
      this.buffers.lines.push({
        id: lineId,
        saleId,
        lineNo,
        productId: product.id,
        sku: product.sku,
        quantity,
        unitPriceMinor: unitPrice,
        discountMinor: discount,
        totalMinor: lineTotal,
        currency,
        serialNumbers: item ? [item.serial] : [],
      });
      if (item) this.ledger.record(item, { kind: item.events.some((e) => e.kind === "sold") ? "resold" : "sold", atMs: completedAt, storeIndex, customerId, saleId });

      const returnedAt = rng.chance(RETURN_RATE[product.category]) ? completedAt + rng.int(2, 27) * DAY_MS + rng.int(0, 8) * HOUR_MS : null;
      if (returnedAt !== null && returnedAt < ctx.nowMs - HOUR_MS) {
        const refund = lineTotal + (store.def.tax.isIncluded ? 0 : taxOn(lineTotal, store.def.tax));
        const returnId = rng.uuid();
        this.buffers.returns.push({
          id: returnId,
          saleId,
          saleLineId: lineId,
          storeId: store.id,
          customerId,
          productId: product.id,
          quantity,
          serialNumber: item?.serial ?? null,
          refundMinor: refund,
          currency,
          reason: rng.pick(RETURN_REASONS[product.category]),
          provider: "seed",
          externalId: `${externalId}-R${lineNo}`,
          origin: "seed",
          returnedAt: iso(returnedAt),
          createdAt: iso(returnedAt),
        });
        if (client >= 0) book.lifetimeValueMinor[client] -= convertMinor(refund, currency, ctx.stores[book.homeStore[client]].def.currency);
        if (item) {
          this.ledger.record(item, { kind: "returned", atMs: returnedAt, storeIndex, customerId, returnId, note: "Unworn, with tags and papers" });
          this.ledger.holdReturned(item, returnedAt);
        }
      } else if (item) {
        this.settleSold(item, storeIndex, client, completedAt, day);
      } else if (client >= 0 && (product.category === "pearls" || product.category === "gold_jewellery") && rng.chance(0.03)) {
        writeServiceHistory(rng, ctx, this.buffers.tickets, this.counter, { product, productId: product.id, itemId: null, customerId: book.ids[client], storeIndex, fromMs: completedAt });
      }
    }

    const net = subtotal - discountTotal;
    const tax = taxOn(net, store.def.tax);
    const total = store.def.tax.isIncluded ? net : net + tax;
    const completed = iso(completedAt);
    this.buffers.sales.push({
      id: saleId,
      storeId: store.id,
      associateId: seller >= 0 ? ctx.users[seller].id : null,
      customerId,
      provider: "seed",
      externalId,
      externalUpdatedAt: completed,
      origin: "seed",
      subtotalMinor: subtotal,
      discountMinor: discountTotal,
      taxMinor: tax,
      totalMinor: total,
      currency,
      completedAt: completed,
      createdAt: completed,
      updatedAt: completed,
    });
    if (client >= 0) book.lifetimeValueMinor[client] += convertMinor(total, currency, ctx.stores[book.homeStore[client]].def.currency);
  }

  /** The piece the client takes home: a returned one of the same reference if the store has it, else new stock. */
  private handOver(storeIndex: number, productIndex: number, atMs: number): LiveItem {
    const returned = this.ledger.takeReturned(storeIndex, productIndex, atMs);
    if (returned) return returned;
    const receivedAt = atMs - this.rng.int(3, 150) * DAY_MS - this.rng.int(0, 8) * HOUR_MS;
    return this.ledger.receive(productIndex, storeIndex, receivedAt, "Delivered by the supplier");
  }

  private settleSold(item: LiveItem, storeIndex: number, client: number, soldAt: number, soldDay: DayNumber): void {
    const { rng, ctx, book } = this;
    const product = ctx.catalog.products[item.productIndex];
    const customerId = client >= 0 ? book.ids[client] : null;
    const needsRegistration = product.category === "electronics" || product.category === "smart_watch";
    const registeredAt = soldAt + rng.int(1, 72) * HOUR_MS;
    if (needsRegistration && registeredAt < ctx.nowMs) {
      this.ledger.record(item, { kind: "registered", atMs: registeredAt, storeIndex, customerId, note: "Warranty registered with the maker" });
    }
    let serviceFrom: DayNumber = soldDay;
    let holder = storeIndex;
    let status: "sold" | "in_service" = "sold";
    if (customerId && rng.chance(0.025)) {
      const history = writeServiceHistory(rng, ctx, this.buffers.tickets, this.counter, { product, productId: product.id, itemId: item.id, customerId, storeIndex, fromMs: soldAt });
      for (const step of history.custody) this.ledger.record(item, { kind: step.kind, atMs: step.atMs, storeIndex: step.storeIndex, customerId, ticketId: step.ticketId });
      if (history.lastScheduledDay !== null) serviceFrom = history.lastScheduledDay;
      if (history.inServiceAt !== null) {
        status = "in_service";
        holder = history.inServiceAt;
      }
    }
    this.ledger.settle(item, { status, ownerId: customerId, storeIndex: holder, soldAtMs: soldAt, warrantyFrom: soldDay, serviceFrom });
  }
}
