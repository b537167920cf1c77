import type { ProductCategory, ServiceKind } from "@/db/schema/enums";
import type { SaleLineContext } from "../context";
import { addDays, addMonths, laterOf } from "./dates";

/** Care guidance per category, in the store's voice (see ../shared/DOMAIN.md). */
export type CareGuide = { wear: string; clean: string; store: string; warrantyCovers: string };

export const CARE: Record<ProductCategory, CareGuide> = {
  mechanical_watch: {
    wear:
      "Wind it at about the same time each day if it is a manual watch; an automatic winds itself on the wrist and stops when it rests in a drawer, which does it no harm (a winder is optional). Keep it away from strong magnets such as speakers, magnetic phone cases and laptop lids. Screw the crown down fully and never operate the crown or pushers under water.",
    clean: "Rinse it in fresh water after the sea or a pool, then dry it with a soft cloth.",
    store: "Store it dial up in its box or a watch roll, away from magnets and damp.",
    warrantyCovers:
      "manufacturing defects of the movement and case; not knocks, a damaged crystal, wear of the strap or water let in through an open crown",
  },
  quartz_watch: {
    wear:
      "If the seconds hand starts to jump in 4-second steps the battery is nearly empty: bring it in promptly so the old battery cannot leak. Screw the crown down before it meets water.",
    clean: "Wipe the case and bracelet with a soft, slightly damp cloth; rinse after salt water.",
    store: "Keep it in its box away from heat and damp.",
    warrantyCovers: "manufacturing defects of the movement and case; not knocks, crystal damage or the battery itself",
  },
  smart_watch: {
    wear: "Keep the software up to date and charge it with the supplied charger.",
    clean: "Wipe the sensor on the back and the strap with a soft, lint-free cloth.",
    store: "Keep it away from heat and moisture; store it charged to about half if you will not wear it for a while.",
    warrantyCovers: "manufacturing faults of the watch and charger; not accidental damage or normal battery ageing",
  },
  fine_jewellery: {
    wear:
      "Put your ring on last, after lotion, perfume and hairspray, and take it off for the gym, gardening, cleaning with chemicals and swimming (chlorine attacks gold alloys).",
    clean:
      "Between visits, a soft brush with warm water and a drop of mild soap brings the sparkle back; no ultrasonic cleaner for emeralds or opals.",
    store: "Store each piece separately in its pouch or a lined compartment, so diamonds cannot scratch other stones.",
    warrantyCovers: "manufacturing defects such as a faulty setting or clasp; not everyday wear, knocks or a stone lost after an impact",
  },
  pearls: {
    wear: "Pearls are last on, first off: put them on after perfume, hairspray and cosmetics, and take them off first.",
    clean: "Wipe them with a soft cloth after each wear.",
    store: "Store them flat, never hung, in a soft pouch away from other jewellery.",
    warrantyCovers: "manufacturing defects of the strand and clasp; not wear of the silk, which is renewed by restringing",
  },
  gold_jewellery: {
    wear: "Take it off for swimming, the gym and cleaning with chemicals.",
    clean: "Use a polishing cloth only; no abrasive cleaners.",
    store: "Store each piece separately so chains do not tangle and surfaces stay unscratched.",
    warrantyCovers: "manufacturing defects such as a faulty clasp or link; not everyday wear or knocks",
  },
  electronics: {
    wear: "Install firmware updates as they come, and keep it away from heat and moisture.",
    clean: "Clean lenses and screens with a blower and a microfibre cloth only.",
    store: "Store it dry, in its bag or box, with the serial number and your receipt kept safe.",
    warrantyCovers: "manufacturing faults; not accidental damage, drops or liquid",
  },
};

type ServiceDefault = { kind: ServiceKind; months: number };

const SERVICE_DEFAULT: Record<ProductCategory, ServiceDefault> = {
  mechanical_watch: { kind: "regulation", months: 12 },
  quartz_watch: { kind: "battery", months: 24 },
  smart_watch: { kind: "warranty_registration", months: 0 },
  fine_jewellery: { kind: "cleaning", months: 6 },
  pearls: { kind: "restringing", months: 12 },
  gold_jewellery: { kind: "cleaning", months: 12 },
  electronics: { kind: "sensor_cleaning", months: 12 },
};

export const SERVICE_LABEL: Record<ServiceKind, string> = {
  regulation: "regulation check",
  full_service: "full service",
  battery: "battery check with gasket and water-resistance test",
  water_resistance: "water-resistance test",
  cleaning: "cleaning and check",
  resizing: "resizing",
  rhodium_plating: "rhodium re-plating",
  restringing: "restringing",
  warranty_registration: "warranty registration",
  sensor_cleaning: "sensor and lens cleaning",
  repair: "repair",
  complaint: "complaint follow-up",
};

export type ServicePlan = {
  kind: ServiceKind;
  /** when the service falls due: the scheduled date, or asOf once that has passed */
  dueOn: string;
  /** the date the interval gives, before an overdue service is moved to asOf */
  scheduledOn: string;
  intervalMonths: number | null;
  isOverdue: boolean;
  /** the date the interval counts from: the last completed service, or else the sale */
  countedFrom: "sale" | "last_service";
};

const REGISTERED_CATEGORIES: ProductCategory[] = ["electronics", "smart_watch"];

/**
 * The next service a piece needs: the product's own terms first, the category's defaults otherwise,
 * counted from its last completed service or else from the sale. A serialized electronic piece is
 * registered within 30 days of the sale; once that window has passed (or it has been serviced), its
 * recurring service comes next, if it has one.
 */
export function planService(line: SaleLineContext, saleDate: string, asOf: string): ServicePlan {
  const today = asOf.slice(0, 10);
  const isRegistered = REGISTERED_CATEGORIES.includes(line.category) && !!line.serial;
  const recurring = isRegistered ? recurringAfterRegistration(line) : null;
  const registrationDue = addDays(saleDate, 30);
  if (isRegistered && (!recurring || (!line.lastServiceOn && registrationDue >= today))) {
    return { kind: "warranty_registration", dueOn: laterOf(registrationDue, today), scheduledOn: registrationDue, intervalMonths: null, isOverdue: registrationDue < today, countedFrom: "sale" };
  }
  const fallback = SERVICE_DEFAULT[line.category];
  const kind = recurring?.kind ?? line.serviceKind ?? fallback.kind;
  const months = recurring?.months ?? line.serviceIntervalMonths ?? fallback.months;
  const scheduledOn = addMonths(line.lastServiceOn ?? saleDate, months);
  return {
    kind,
    dueOn: laterOf(scheduledOn, today),
    scheduledOn,
    intervalMonths: months,
    isOverdue: scheduledOn < today,
    countedFrom: line.lastServiceOn ? "last_service" : "sale",
  };
}

/** The recurring service after a warranty registration, for the pieces that have one. */
export function recurringAfterRegistration(line: SaleLineContext): ServiceDefault | null {
  if (line.serviceKind && line.serviceKind !== "warranty_registration" && line.serviceIntervalMonths) {
    return { kind: line.serviceKind, months: line.serviceIntervalMonths };
  }
  return line.category === "electronics" ? SERVICE_DEFAULT.electronics : null;
}
