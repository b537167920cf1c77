import { z } from "zod";
import { refuseAmounts } from "./output-rules";
import { SHARED_RULES, userMessage, type DraftPrompt } from "./shared";

export const clientMessageSchema = z
  .object({
    channel: z.enum(["email", "sms"]),
    subject: z.string().max(150).describe("E-mail subject; empty for an SMS"),
    body: z.string().min(1).max(6000).describe("Plain text, no HTML or markdown"),
    rationale: z.string().min(1).max(1000).describe("Why this message, for the reviewer"),
  })
  .superRefine(refuseAmounts(["subject", "body"]))
  .superRefine((value, ctx) => {
    if (value.channel === "email" && value.subject.trim() === "") {
      ctx.addIssue({ code: "custom", path: ["subject"], message: "an e-mail needs a subject" });
    }
    if (value.channel === "sms" && value.body.length > 480) {
      ctx.addIssue({ code: "custom", path: ["body"], message: "an SMS body is at most 480 characters" });
    }
  });
export type ClientMessageOutput = z.infer<typeof clientMessageSchema>;

export const clientMessagePrompt: DraftPrompt<ClientMessageOutput> = {
  id: "client_message.thank_you",
  version: "2026-11-27.1",
  kind: "client_message",
  system: SHARED_RULES,
  schema: clientMessageSchema,
  build: (context) =>
    userMessage(
      "client_message",
      [
        "Write the thank-you the store sends within 48 hours of this purchase, in the store's voice:",
        "warm and personal, not marketing. Address the client as {{client.first_name}}.",
        "Include a short care guide for each piece bought: how to wear, clean and store it; what the",
        "warranty covers and until which date (sale date + warrantyMonths); when to come back for service",
        "(sale date + serviceIntervalMonths). Mention the client's earlier pieces only where that helps.",
        "Use the client's preferred channel when they can be reached on it; an SMS stays under 480",
        "characters and has an empty subject. Plain text only.",
        "Fields: channel (email|sms), subject, body, rationale (for the reviewer, one or two sentences).",
      ].join("\n"),
      context,
    ),
};
