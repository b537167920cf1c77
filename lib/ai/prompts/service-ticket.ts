import { z } from "zod";
import { serviceKindEnum } from "@/db/schema/enums";
import { isoDate } from "./output-rules";
import { SHARED_RULES, userMessage, type DraftPrompt } from "./shared";

export const serviceTicketSchema = z.object({
  kind: z.enum(serviceKindEnum.enumValues),
  dueOn: isoDate.describe("When the service falls due"),
  title: z.string().min(1).max(120),
  description: z.string().min(1).max(2000).describe("What the workshop or counter does, plain text"),
  rationale: z.string().min(1).max(1000),
});
export type ServiceTicketOutput = z.infer<typeof serviceTicketSchema>;

export const serviceTicketPrompt: DraftPrompt<ServiceTicketOutput> = {
  id: "service_ticket.after_sale",
  version: "2026-12-01.1",
  kind: "service_ticket",
  system: SHARED_RULES,
  schema: serviceTicketSchema,
  build: (context) =>
    userMessage(
      "service_ticket",
      [
        "Propose the next service the piece at sale.lines[subjectLine] will need.",
        "Use the product's serviceKind and serviceIntervalMonths when given; otherwise: first",
        "complimentary cleaning and prong check for fine jewellery (6 months), battery check for quartz",
        "watches (24 months), regulation for mechanical watches (12 months), restringing for pearls",
        "(12 months), clasp check and cleaning for gold jewellery (12 months), and warranty registration",
        "within 30 days for serialized electronics and smart watches.",
        "dueOn is the sale date plus the interval, or the line's lastServiceOn plus the interval when the piece",
        "has been serviced since; if that date is before asOf, the service is due on asOf. A serialized",
        "electronic piece whose 30-day registration window has passed gets its recurring service instead.",
        "Fields: kind (service_kind), dueOn (YYYY-MM-DD), title, description, rationale.",
      ].join("\n"),
      context,
    ),
};
