import type { DraftContext } from "../context";
import type { ServiceTicketOutput } from "../prompts/service-ticket";
import { planService, recurringAfterRegistration, SERVICE_LABEL } from "./care";
import { addMonths, duration, every, longDate } from "./dates";
import { pieceName } from "./names";

function workDescription(kind: ServiceTicketOutput["kind"]): string {
  switch (kind) {
    case "regulation":
      return "Check rate and amplitude on the timegrapher, regulate if outside tolerance, test power reserve and water resistance.";
    case "full_service":
      return "Full service: dismantle, clean and lubricate the movement, replace gaskets, regulate, test water resistance.";
    case "battery":
      return "Replace the battery, renew the gaskets and test water resistance; check for any sign of leakage.";
    case "cleaning":
      return "Professional cleaning and prong (claw) check; tighten or re-tip settings where needed.";
    case "restringing":
      return "Restring on new silk with knots between the pearls; check the clasp.";
    case "warranty_registration":
      return "Register the warranty with the maker, recording the serial number and the sale date; give the client the confirmation.";
    case "sensor_cleaning":
      return "Clean the sensor and lenses, update the firmware, check the battery health.";
    case "rhodium_plating":
      return "Polish and re-plate the white gold with rhodium.";
    case "water_resistance":
      return "Pressure-test water resistance and renew the gaskets if needed.";
    case "resizing":
      return "Resize to the client's measured size.";
    case "repair":
      return "Inspect and repair as agreed with the client.";
    case "complaint":
      return "Hear the client's complaint, inspect the piece with them and agree the remedy with the store manager.";
  }
}

/** The next service the subject piece needs, due from the product's service interval. */
export function draftServiceTicket(context: DraftContext): ServiceTicketOutput {
  const line = context.sale.lines[context.subjectLine] ?? context.sale.lines[0];
  const plan = planService(line, context.sale.date, context.asOf);
  const piece = `${pieceName(line)}${line.serial ? ` (serial ${line.serial})` : ""}`;
  const label = SERVICE_LABEL[plan.kind];
  const first = line.category === "fine_jewellery" && plan.kind === "cleaning" && !line.lastServiceOn ? "First complimentary " : "";
  const next = plan.kind === "warranty_registration" ? recurringAfterRegistration(line) : null;
  const description = [
    `${piece}, sold on ${longDate(context.sale.date)} at ${context.store.name}.`,
    line.lastServiceOn ? `Last serviced on ${longDate(line.lastServiceOn)}.` : null,
    workDescription(plan.kind),
    plan.isOverdue ? `This service is overdue; it is due now (${longDate(plan.dueOn)}).` : `Due ${longDate(plan.dueOn)}.`,
    next ? `Then ${SERVICE_LABEL[next.kind]} ${every(next.months)}, first around ${longDate(addMonths(context.sale.date, next.months))}.` : null,
    line.careNotes ? `Maker's care notes: ${line.careNotes}` : null,
  ].filter((part): part is string => part !== null);
  const basis =
    plan.intervalMonths === null
      ? "registration within 30 days of the sale"
      : `${line.serviceIntervalMonths !== null ? "the product's" : "the category's default"} service interval of ${duration(plan.intervalMonths)}`;
  const countedFrom = plan.countedFrom === "last_service" ? `the last service (${line.lastServiceOn})` : `the sale date (${context.sale.date})`;
  return {
    kind: plan.kind,
    dueOn: plan.dueOn,
    title: `${first ? `${first}${label}` : label.charAt(0).toUpperCase() + label.slice(1)}: ${pieceName(line)}`.slice(0, 120),
    description: description.join(" "),
    rationale: `Due date is ${countedFrom} plus ${basis}${plan.isOverdue ? `, ${plan.scheduledOn}, already past, so due now` : ""}.`,
  };
}
