import type { DraftContext, SaleLineContext } from "../context";
import type { ClientMessageOutput } from "../prompts/client-message";
import { CARE, planService, recurringAfterRegistration, SERVICE_LABEL, type ServicePlan } from "./care";
import { addMonths, duration, every, longDate, monthYear } from "./dates";
import { pieceName } from "./names";

const FIRST_NAME = "{{client.first_name}}";

function warrantySentence(line: SaleLineContext, saleDate: string): string | null {
  if (line.warrantyMonths <= 0) return null;
  const until = longDate(addMonths(saleDate, line.warrantyMonths));
  return `Warranty: ${duration(line.warrantyMonths)} from ${longDate(saleDate)}, so until ${until}. It covers ${CARE[line.category].warrantyCovers}.`;
}

function serviceSentence(line: SaleLineContext, plan: ServicePlan, saleDate: string): string {
  const due = longDate(plan.dueOn);
  switch (plan.kind) {
    case "warranty_registration": {
      const next = recurringAfterRegistration(line);
      const then = next
        ? ` After that, a ${SERVICE_LABEL[next.kind]} ${every(next.months)} keeps it at its best (first around ${longDate(addMonths(saleDate, next.months))}).`
        : "";
      return `Register the warranty with ${line.brand} by ${due}, keeping the serial number and your receipt; we are glad to do it with you in the store.${then}`;
    }
    case "cleaning":
      return line.category === "fine_jewellery"
        ? `Your first cleaning and prong (claw) check is complimentary: we look forward to seeing you around ${due}, and ${every(plan.intervalMonths ?? 6)} after that.`
        : `Come back around ${due} for a complimentary cleaning and clasp check.`;
    case "regulation":
      return `Come back around ${due} for a regulation check of its accuracy; a full service every 5 to 10 years keeps the movement running for generations.`;
    case "full_service":
      return `Its first full service (overhaul) falls due around ${due}.`;
    case "battery":
      return `We will check the battery around ${due}, with new gaskets and a water-resistance test at the same time.`;
    case "restringing":
      return `The silk stretches with wear: come back around ${due} for restringing, then ${plan.intervalMonths === 12 ? "every 1 to 2 years" : every(plan.intervalMonths ?? 12)}.`;
    default:
      return `Come back around ${due} for a ${SERVICE_LABEL[plan.kind]}.`;
  }
}

function earlierPiecesSentence(context: DraftContext, plan: ServicePlan | null): string | null {
  const earlier = context.earlierPurchases.slice(0, 2);
  if (earlier.length === 0) return null;
  const names = earlier.map((p) => `your ${pieceName(p)} (${monthYear(p.date)})`).join(" and ");
  const hasJewellery = context.earlierPurchases.some((p) => p.category === "fine_jewellery");
  const boughtJewellery = context.sale.lines.some((l) => l.category === "fine_jewellery");
  const apart = hasJewellery && boughtJewellery ? " Keep them in separate compartments so the stones cannot scratch each other." : "";
  const visit = plan ? ` Do bring ${earlier.length > 1 ? "them" : "it"} along when you come in around ${longDate(plan.dueOn)}; we will look after ${earlier.length > 1 ? "them" : "it"} at the same visit.` : "";
  return `It is lovely to add to ${names}.${visit}${apart}`;
}

function lineGuide(line: SaleLineContext, context: DraftContext): { text: string; plan: ServicePlan } {
  const care = CARE[line.category];
  const plan = planService(line, context.sale.date, context.asOf);
  const header = line.serial ? `${pieceName(line)} (serial no. ${line.serial})` : pieceName(line);
  const points = [
    `Wearing: ${care.wear}`,
    `Cleaning: ${care.clean}`,
    `Storing: ${care.store}`,
    line.careNotes ? `From ${line.brand}: ${line.careNotes}` : null,
    /white gold/i.test(line.name)
      ? "White gold: its bright finish comes from rhodium plating, which wears with time; we renew it every 1 to 2 years."
      : null,
    warrantySentence(line, context.sale.date),
    `When to come back: ${serviceSentence(line, plan, context.sale.date)}`,
  ].filter((point): point is string => point !== null);
  return { text: [header, ...points.map((p) => `- ${p}`)].join("\n"), plan };
}

function chooseChannel(client: DraftContext["client"]): "email" | "sms" {
  if (client.preferredChannel && client.channels[client.preferredChannel]) return client.preferredChannel;
  if (client.channels.email) return "email";
  return client.channels.sms ? "sms" : "email";
}

function earliestPlan(guides: { plan: ServicePlan }[]): ServicePlan | null {
  return guides.map((g) => g.plan).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0] ?? null;
}

function smsBody(context: DraftContext, guides: { plan: ServicePlan }[], signature: string): string {
  const line = context.sale.lines[0];
  const plan = guides[0].plan;
  const warranty = line.warrantyMonths > 0 ? ` Warranty until ${longDate(addMonths(context.sale.date, line.warrantyMonths))}.` : "";
  const more = context.sale.lines.length > 1 ? " and your other pieces" : "";
  return (
    `Thank you, ${FIRST_NAME}, for choosing ${context.store.name}. Enjoy your ${pieceName(line)}${more}.${warranty}` +
    ` Next visit: ${SERVICE_LABEL[plan.kind]} around ${longDate(plan.dueOn)}. Ask us for the full care guide any time. ${signature}`
  );
}

/** A thank-you with a care guide per piece, warranty end and next service, in the store's voice. */
export function draftClientMessage(context: DraftContext): ClientMessageOutput {
  const { store, sale } = context;
  const guides = sale.lines.map((line) => lineGuide(line, context));
  const channel = chooseChannel(context.client);
  const associate = sale.associate ?? context.client.preferredAssociate;
  const signature = associate ? `${associate}, ${store.name}` : `The team at ${store.name}`;
  const single = sale.lines.length === 1;
  const what = single ? `your ${pieceName(sale.lines[0])}` : "your new pieces";
  const earlier = earlierPiecesSentence(context, earliestPlan(guides));
  const rationale =
    `Thank-you for the sale of ${longDate(sale.date)} with care guidance for ${sale.lines.map((l) => l.category.replace("_", " ")).join(", ")}; ` +
    `warranty end and next service dates come from each product's terms` +
    (context.earlierPurchases.length > 0 ? `; mentions ${Math.min(context.earlierPurchases.length, 2)} earlier piece(s).` : ".");

  if (channel === "sms") {
    return { channel, subject: "", body: smsBody(context, guides, signature), rationale };
  }
  const body = [
    `Dear ${FIRST_NAME},`,
    `Thank you for choosing ${store.name}${associate ? `; it was a pleasure for ${associate} to help you` : ""}. We hope ${what} will give you joy for many years, and we have put together a short guide to caring for ${single ? "it" : "them"}.`,
    ...guides.map((g) => g.text),
    earlier,
    `If anything ever feels not quite right, or you would simply like us to look at ${single ? "it" : "them"}, you are always welcome at ${store.name} in ${store.city}.`,
    `Warm regards,\n${signature}`,
  ].filter((part): part is string => part !== null);
  return {
    channel,
    subject: `Thank you, ${FIRST_NAME}: caring for ${what}`,
    body: body.join("\n\n"),
    rationale,
  };
}
