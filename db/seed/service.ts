import { serviceTickets, type ProductCategory, type ServiceKind, type TicketStatus } from "../schema";
import type { SeedProduct } from "./catalog";
import type { SeedContext } from "./context";
import { CopyBuffer, copyTarget } from "./copy";
import { localPrice, roundTo } from "./money";
import type { Rng } from "./random";
import { DAY_MS, type DayNumber, HOUR_MS, dateString, iso } from "./time";

export const ticketsTarget = copyTarget(serviceTickets, [
  "id", "storeId", "customerId", "itemId", "productId", "kind", "status", "description", "dueOn", "estimateMinor",
  "currency", "openedAt", "closedAt", "openedById", "provider", "externalId", "createdAt", "updatedAt",
] as const);

/** What clients bring back, by category (DOMAIN.md's after-sale services plus repairs). */
const TICKET_KINDS: Record<ProductCategory, readonly (readonly [ServiceKind, number])[]> = {
  mechanical_watch: [["regulation", 45], ["repair", 20], ["water_resistance", 20], ["full_service", 15]],
  quartz_watch: [["battery", 60], ["water_resistance", 15], ["repair", 25]],
  smart_watch: [["battery", 40], ["repair", 60]],
  fine_jewellery: [["cleaning", 40], ["resizing", 25], ["rhodium_plating", 20], ["repair", 15]],
  pearls: [["restringing", 80], ["repair", 20]],
  gold_jewellery: [["cleaning", 50], ["repair", 50]],
  electronics: [["sensor_cleaning", 50], ["repair", 50]],
};

/** Promised turnaround in days, and the usual estimate in EUR (0 = complimentary). */
const KIND_TERMS: Record<ServiceKind, { days: readonly [number, number]; eur: readonly [number, number] }> = {
  full_service: { days: [35, 60], eur: [650, 1_400] },
  regulation: { days: [7, 14], eur: [120, 250] },
  water_resistance: { days: [2, 5], eur: [60, 120] },
  battery: { days: [1, 5], eur: [50, 120] },
  cleaning: { days: [1, 2], eur: [0, 0] },
  resizing: { days: [5, 12], eur: [80, 180] },
  rhodium_plating: { days: [5, 10], eur: [120, 250] },
  restringing: { days: [7, 14], eur: [90, 250] },
  warranty_registration: { days: [1, 1], eur: [0, 0] },
  sensor_cleaning: { days: [3, 7], eur: [120, 180] },
  repair: { days: [14, 45], eur: [200, 900] },
  complaint: { days: [3, 10], eur: [0, 0] },
};

const REPAIRS: Record<ProductCategory, readonly string[]> = {
  mechanical_watch: ["Crown does not screw down: replace the crown tube.", "Chronograph pusher stiff; reset to zero off-centre.", "Scratched crystal: replace the sapphire.", "Bracelet pin lost: refit and adjust."],
  quartz_watch: ["Hands stopped after battery change: check the movement.", "Crystal cracked: replace.", "Bracelet clasp loose."],
  smart_watch: ["Screen unresponsive in places: diagnosis.", "Battery drains within a day: diagnosis under warranty."],
  fine_jewellery: ["Loose stone in the setting: tighten the prongs.", "Bent prong after a knock: re-tip.", "Pavé stone missing: replace and match."],
  pearls: ["Strand broke: restring and check every knot.", "Clasp does not close: replace."],
  gold_jewellery: ["Broken clasp: replace.", "Link stretched: repair and polish.", "Dent in the bangle: reshape."],
  electronics: ["Shutter error after a fall: diagnosis.", "Battery does not hold its charge.", "Hinge loose: repair under warranty."],
};

function describe(rng: Rng, kind: ServiceKind, category: ProductCategory): string {
  switch (kind) {
    case "full_service":
      return "Full service: movement overhaul, new gaskets, water-resistance test, case and bracelet refinishing.";
    case "regulation":
      return `Regulation check: ${rng.chance(0.5) ? "losing" : "gaining"} about ${rng.int(8, 30)} s a day.`;
    case "water_resistance":
      return "Water-resistance test and gasket check before the summer.";
    case "battery":
      return "Battery change, gasket replacement and water-resistance test.";
    case "cleaning":
      return "Complimentary cleaning and prong check.";
    case "resizing":
      return `Resize by ${rng.pick(["one size up", "one size down", "half a size down", "two sizes up"])}.`;
    case "rhodium_plating":
      return "Rhodium re-plating of the white-gold setting.";
    case "restringing":
      return "Restring on silk with hand-tied knots; clasp checked.";
    case "warranty_registration":
      return "Register the warranty with the maker.";
    case "sensor_cleaning":
      return "Sensor and lens-mount cleaning; firmware updated.";
    case "repair":
      return rng.pick(REPAIRS[category]);
    case "complaint":
      return "Client reports the piece is not as expected: inspect with the client and agree the remedy.";
  }
}

const ACTIVE: readonly TicketStatus[] = ["open", "in_progress", "waiting_parts", "ready"];

export type CustodyNote = { kind: "in_service" | "service_completed"; atMs: number; storeIndex: number; ticketId: string };

export type ServiceHistory = {
  custody: CustodyNote[];
  /** Last completed service of the product's own schedule (resets the next due date). */
  lastScheduledDay: DayNumber | null;
  /** The store holding the piece, when a ticket is still open. */
  inServiceAt: number | null;
};

type ServiceSubject = {
  product: SeedProduct;
  productId: string;
  itemId: string | null;
  customerId: string;
  storeIndex: number;
  fromMs: number;
};

/** Up to two tickets over a piece's life since `fromMs`, the later one possibly still open. */
export function writeServiceHistory(
  rng: Rng,
  ctx: SeedContext,
  out: CopyBuffer<(typeof ticketsTarget.keys)[number]>,
  counter: { tickets: number },
  subject: ServiceSubject,
): ServiceHistory {
  const history: ServiceHistory = { custody: [], lastScheduledDay: null, inServiceAt: null };
  const store = ctx.stores[subject.storeIndex];
  const sellers = ctx.sellers[subject.storeIndex];
  let earliest = subject.fromMs;
  const ticketCount = rng.chance(0.8) ? 1 : 2;
  for (let n = 0; n < ticketCount; n++) {
    const firstPossibleDay = store.clock.localDay(earliest) + 20;
    const today = store.clock.localDay(ctx.nowMs);
    // a boutique always has pieces in the workshop: bias some tickets towards the last weeks
    const openedDay = firstPossibleDay < today - 45 && rng.chance(0.3) ? today - rng.int(0, 45) : firstPossibleDay + rng.int(0, 520);
    const openedAt = store.clock.toUtc(openedDay, rng.int(10 * 60, 18 * 60)) + rng.int(0, 59) * 1000;
    if (openedAt >= ctx.nowMs - 2 * HOUR_MS) break;

    const kind = rng.weighted(TICKET_KINDS[subject.product.category]);
    const terms = KIND_TERMS[kind];
    const promisedDays = rng.int(terms.days[0], terms.days[1]);
    const takesMs = promisedDays * rng.between(0.6, 1.5) * DAY_MS;
    const completesAt = Math.floor(openedAt + takesMs);
    let status: TicketStatus;
    let closedAt: number | null = null;
    if (completesAt < ctx.nowMs) {
      status = rng.chance(0.05) ? "cancelled" : "closed";
      closedAt = status === "cancelled" ? openedAt + rng.int(1, 72) * HOUR_MS : completesAt;
      if (closedAt >= ctx.nowMs) closedAt = ctx.nowMs - HOUR_MS;
    } else {
      const progress = (ctx.nowMs - openedAt) / takesMs;
      status = progress < 0.1 ? "open" : progress > 0.9 ? "ready" : (kind === "repair" || kind === "full_service") && rng.chance(0.35) ? "waiting_parts" : "in_progress";
    }
    const estimateEur = rng.int(terms.eur[0], terms.eur[1]);
    const id = rng.uuid();
    counter.tickets++;
    out.push({
      id,
      storeId: store.id,
      customerId: subject.customerId,
      itemId: subject.itemId,
      productId: subject.productId,
      kind,
      status,
      description: describe(rng, kind, subject.product.category),
      dueOn: dateString(openedDay + promisedDays),
      estimateMinor: roundTo(localPrice(estimateEur * 100, store.def.currency), 500),
      currency: store.def.currency,
      openedAt: iso(openedAt),
      closedAt: closedAt === null ? null : iso(closedAt),
      openedById: sellers.length > 0 ? ctx.users[rng.pick(sellers).userIndex].id : null,
      provider: "seed",
      externalId: `${store.def.code}-T${String(counter.tickets).padStart(6, "0")}`,
      createdAt: iso(openedAt),
      updatedAt: iso(closedAt ?? openedAt),
    });

    if (status === "cancelled") continue;
    history.custody.push({ kind: "in_service", atMs: openedAt, storeIndex: subject.storeIndex, ticketId: id });
    if (ACTIVE.includes(status)) {
      history.inServiceAt = subject.storeIndex;
      break;
    }
    history.custody.push({ kind: "service_completed", atMs: closedAt!, storeIndex: subject.storeIndex, ticketId: id });
    const isScheduled = kind === subject.product.serviceKind || (subject.product.category === "mechanical_watch" && kind === "full_service");
    if (isScheduled) history.lastScheduledDay = store.clock.localDay(closedAt!);
    earliest = closedAt!;
  }
  return history;
}
