import type { SimCustomer, SimEvent, SimInventory, SimLine, SimReturn, SimSale } from "./scenario";

/**
 * A shop's day, as simulated events: sales of watches and jewellery (serialized pieces with serial
 * numbers), edits of earlier sales, returns, client updates and stock counts. Deterministic for a seed,
 * so a test can replay exactly the same day.
 */

export type SimProduct = { sku: string; productId: string; name: string; brand: string; priceMinor: number; serialized: boolean };

export type ScenarioOptions = {
  seed: number;
  products: SimProduct[];
  /** the platform location ids the connection maps (storeMapping keys) */
  locations: string[];
  currency: string;
  start: Date;
  /** simulated seconds between events */
  stepSeconds?: number;
  /** id namespace, so two runs against one database never collide */
  namespace?: string;
};

const FIRST = ["Amélie", "Noël", "Sofia", "Lars", "Chiara", "Yusuf", "Ingrid", "Hiroshi", "Camille", "Mateo", "Elena", "Rafael", "Astrid", "Omar", "Léa"];
const LAST = ["Lindqvist", "Moreau", "Rossi", "Al-Mansouri", "Tanaka", "Dubois", "Schneider", "García", "Okafor", "Novak", "Keller", "Haddad"];
const CITIES: [string, string][] = [["Geneva", "CH"], ["London", "GB"], ["New York", "US"], ["Dubai", "AE"], ["Zurich", "CH"], ["Paris", "FR"]];
const REASONS = ["Changed mind", "Wrong size", "Gift exchange", "Strap too short"];

/** mulberry32: small, fast, good enough for simulation. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Scenario {
  private readonly random: () => number;
  private clock: number;
  private counter = 0;
  private serialCounter = 0;
  readonly customers: SimCustomer[] = [];
  readonly sales: SimSale[] = [];
  private readonly returned = new Set<string>();
  private readonly namespace: string;

  constructor(private readonly options: ScenarioOptions) {
    if (options.products.length === 0) throw new Error("the scenario needs products");
    this.random = rng(options.seed);
    this.clock = options.start.getTime();
    this.namespace = options.namespace ?? `s${options.seed}`;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private id(kind: string): string {
    return `${this.namespace}-${kind}-${++this.counter}`;
  }

  private tick(): Date {
    this.clock += (this.options.stepSeconds ?? 60) * 1000 * (0.5 + this.random());
    return new Date(this.clock);
  }

  private newCustomer(at: Date): SimCustomer {
    const firstName = this.pick(FIRST);
    const lastName = this.pick(LAST);
    const [city, country] = this.pick(CITIES);
    const n = this.customers.length + 1;
    const customer: SimCustomer = {
      id: this.id("customer"),
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${this.namespace}.${n}@example.com`.normalize("NFD").replace(/[^\x20-\x7e]/g, "").toLowerCase(),
      phone: this.random() < 0.7 ? `+4179${String(1_000_000 + ((this.options.seed * 7919 + n * 104729) % 8_999_999)).padStart(7, "0")}` : null,
      city,
      country,
      consentEmail: this.random() < 0.8,
      consentSms: this.random() < 0.4,
      note: null,
      revision: 1,
      updatedAt: at,
    };
    this.customers.push(customer);
    return customer;
  }

  private line(at: number): SimLine {
    const product = this.pick(this.options.products);
    const quantity = product.serialized ? 1 : this.random() < 0.85 ? 1 : 2;
    const discountMinor = this.random() < 0.2 ? Math.round(product.priceMinor * 0.05) : 0;
    return {
      id: this.id(`line${at}`),
      sku: product.sku,
      productId: product.productId,
      name: product.name,
      brand: product.brand,
      quantity,
      unitPriceMinor: product.priceMinor,
      discountMinor,
      serialNumbers: product.serialized ? [`${product.sku.replace(/[^A-Z0-9]/gi, "").slice(0, 6).toUpperCase()}-${this.namespace.toUpperCase()}-${String(++this.serialCounter).padStart(6, "0")}`] : [],
    };
  }

  sale(): SimSale {
    const at = this.tick();
    const customer = this.customers.length > 0 && this.random() < 0.35 ? this.pick(this.customers) : this.random() < 0.9 ? this.newCustomer(at) : null;
    const lines = Array.from({ length: this.random() < 0.8 ? 1 : 2 }, (_, index) => this.line(index));
    const subtotal = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity - line.discountMinor, 0);
    const sale: SimSale = {
      id: this.id("sale"),
      locationId: this.pick(this.options.locations),
      currency: this.options.currency,
      customer,
      associateId: `staff-${1 + Math.floor(this.random() * 6)}`,
      lines,
      taxMinor: Math.round(subtotal * 0.077),
      completedAt: at,
      revision: 1,
      updatedAt: at,
      status: "completed",
    };
    this.sales.push(sale);
    return sale;
  }

  /** A later revision of an earlier sale (a fulfilment, a note): same id, newer updatedAt. */
  saleUpdate(): SimSale | null {
    if (this.sales.length === 0) return null;
    const original = this.pick(this.sales);
    // the client as they are now: a POS that re-sends an order shows the client's current record
    const customer = original.customer ? (this.customers.find((c) => c.id === original.customer!.id) ?? original.customer) : null;
    const updated: SimSale = { ...original, customer, revision: original.revision + 1, updatedAt: this.tick() };
    this.sales[this.sales.indexOf(original)] = updated;
    return updated;
  }

  return(): SimReturn | null {
    const candidates = this.sales.filter((sale) => !this.returned.has(sale.id) && sale.status === "completed");
    if (candidates.length === 0) return null;
    const sale = this.pick(candidates);
    this.returned.add(sale.id);
    const line = sale.lines[0];
    return {
      id: this.id("return"),
      sale,
      locationId: sale.locationId,
      currency: sale.currency,
      lines: [{ lineId: line.id, sku: line.sku, quantity: 1, refundMinor: line.unitPriceMinor - line.discountMinor, serialNumber: line.serialNumbers[0] ?? null }],
      reason: this.pick(REASONS),
      returnedAt: this.tick(),
    };
  }

  customerUpdate(): SimCustomer | null {
    if (this.customers.length === 0) return null;
    const original = this.pick(this.customers);
    const updated: SimCustomer = {
      ...original,
      consentEmail: !original.consentEmail,
      city: this.pick(CITIES)[0],
      revision: original.revision + 1,
      updatedAt: this.tick(),
    };
    this.customers[this.customers.indexOf(original)] = updated;
    return updated;
  }

  inventory(): SimInventory {
    const product = this.pick(this.options.products);
    return { locationId: this.pick(this.options.locations), sku: product.sku, productId: product.productId, onHand: Math.floor(this.random() * 6), updatedAt: this.tick() };
  }

  /** The next event of the day: mostly sales, some edits, returns, client updates and stock counts. */
  next(): SimEvent {
    const roll = this.random();
    if (roll < 0.55 || this.sales.length < 3) return { kind: "sale", sale: this.sale() };
    if (roll < 0.65) {
      const sale = this.saleUpdate();
      if (sale) return { kind: "sale", sale };
    }
    if (roll < 0.73) {
      const ret = this.return();
      if (ret) return { kind: "return", return: ret };
    }
    if (roll < 0.88) {
      const customer = this.customerUpdate();
      if (customer) return { kind: "customer", customer };
    }
    return { kind: "inventory", inventory: this.inventory() };
  }
}
