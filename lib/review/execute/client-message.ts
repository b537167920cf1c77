import { and, eq, sql } from "drizzle-orm";
import { customers, outboxMessages, type OutboxMessage } from "@/db/schema";
import { MailError } from "@/lib/mail/smtp";
import { PermanentExecutionError, type Completion, type ExecutionContext } from "./types";

/** The Message-ID of a draft's e-mail: the same on every attempt, so a re-send after a crash is recognisable. */
export function draftMessageId(draftId: string, domain: string): string {
  return `<draft-${draftId}@${domain}>`;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * client_message → one outbox row per draft (unique on draft_id), then delivery: e-mail through SMTP
 * when it is configured; otherwise (or for SMS, which has no provider yet) the row waits as
 * "not sent (no channel configured)" and the draft stays approved.
 */
export async function executeClientMessage(ctx: ExecutionContext): Promise<Completion> {
  const { draft, output } = ctx;
  const channel = output.channel === "sms" ? "sms" : "email";

  const message = await ctx.locked(async (tx) => {
    const [existing] = await tx.select().from(outboxMessages).where(eq(outboxMessages.draftId, draft.id));
    if (existing) return existing;
    if (!draft.customerId) throw new PermanentExecutionError("The message has no client to go to.");
    const [client] = await tx.select().from(customers).where(eq(customers.id, draft.customerId));
    if (!client || client.erasedAt) throw new PermanentExecutionError("The client's personal data was erased.");
    const [created] = await tx
      .insert(outboxMessages)
      .values({
        draftId: draft.id,
        storeId: draft.storeId,
        customerId: draft.customerId,
        channel,
        recipient: channel === "email" ? client.email : client.phone,
        subject: channel === "email" ? text(output.subject) : null,
        body: text(output.body),
        status: "queued",
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    return created;
  });

  const ids = { outboxMessageId: message.id, channel: message.channel };
  if (message.status === "sent") return { outcome: "executed", result: { ...ids, providerMessageId: message.providerMessageId } };
  if (message.channel !== "email" || !ctx.mailer) {
    await ctx.db
      .update(outboxMessages)
      .set({ status: "not_sent_no_channel", lastError: null, updatedAt: ctx.now })
      .where(eq(outboxMessages.id, message.id));
    return { outcome: "not_sent", result: { ...ids, notSent: "no_channel" } };
  }
  await checkStillContactable(ctx, message);
  return send(ctx, message, ids);
}

/** Consent can be withdrawn between approval and delivery; a do-not-contact client gets nothing. */
async function checkStillContactable(ctx: ExecutionContext, message: OutboxMessage): Promise<void> {
  if (!message.customerId) return;
  const [client] = await ctx.db
    .select({ doNotContact: customers.doNotContact, consentEmail: customers.consentEmail, erasedAt: customers.erasedAt })
    .from(customers)
    .where(eq(customers.id, message.customerId));
  const refusal = !client || client.erasedAt ? "The client's personal data was erased." : client.doNotContact ? "The client is marked do-not-contact." : !client.consentEmail ? "The client no longer consents to e-mail." : null;
  if (refusal) {
    await ctx.db.update(outboxMessages).set({ status: "failed", lastError: refusal, updatedAt: ctx.now }).where(eq(outboxMessages.id, message.id));
    throw new PermanentExecutionError(refusal);
  }
  if (!message.recipient) {
    const reason = "The client has no e-mail address.";
    await ctx.db.update(outboxMessages).set({ status: "failed", lastError: reason, updatedAt: ctx.now }).where(eq(outboxMessages.id, message.id));
    throw new PermanentExecutionError(reason);
  }
}

async function send(ctx: ExecutionContext, message: OutboxMessage, ids: Record<string, unknown>): Promise<Completion> {
  const mailer = ctx.mailer!;
  const messageId = draftMessageId(ctx.draft.id, mailer.domain);
  try {
    const sent = await mailer.send({ to: message.recipient!, subject: message.subject ?? "", text: message.body, messageId });
    const sentAt = new Date();
    await ctx.db
      .update(outboxMessages)
      .set({ status: "sent", providerMessageId: sent.messageId, sentAt, attempts: sql`${outboxMessages.attempts} + 1`, lastError: null, updatedAt: sentAt })
      .where(eq(outboxMessages.id, message.id));
    return { outcome: "executed", result: { ...ids, providerMessageId: sent.messageId } };
  } catch (error) {
    const mailError = error instanceof MailError ? error : new MailError(String(error), false, null, null);
    await ctx.db
      .update(outboxMessages)
      .set({
        status: mailError.permanent ? "failed" : "queued",
        attempts: sql`${outboxMessages.attempts} + 1`,
        lastError: describeMailError(mailError),
        updatedAt: new Date(),
      })
      .where(and(eq(outboxMessages.id, message.id), eq(outboxMessages.status, message.status)));
    // a 5xx is permanent (dead at once, visible in the Outbox); anything else is retried with backoff
    throw mailError;
  }
}

export function describeMailError(error: MailError): string {
  const code = error.responseCode ?? error.code;
  return (code ? `${code}: ${error.message}` : error.message).slice(0, 500);
}
