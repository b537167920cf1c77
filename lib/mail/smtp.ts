import nodemailer from "nodemailer";
import { z } from "zod";

/** One plain-text message to one client. Never HTML: drafts are rendered as text everywhere. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  /** `<…@…>`; derived from the draft id so a re-send after a crash is recognisable downstream */
  messageId: string;
};

export type SentMail = { messageId: string; response: string };

export type Mailer = {
  /** the From address, as configured */
  from: string;
  /** the domain Message-IDs are minted under (the From address's domain) */
  domain: string;
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
};

/**
 * A failed delivery attempt. `permanent`: the server refused with a 5xx reply, so sending the same
 * message again will fail the same way; anything else (4xx, refused connection, timeout) may pass later.
 */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "MailError";
  }
}

const smtpEnvSchema = z.object({
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z.string().trim().optional(),
});

export type SmtpConfig = { url: string; from: string };

/**
 * The SMTP settings from the environment, or null when e-mail is not configured (messages then wait
 * in the Outbox as "not sent"). A half-configured environment fails with what to set.
 */
export function smtpConfigFromEnv(env: Record<string, string | undefined> = process.env): SmtpConfig | null {
  const parsed = smtpEnvSchema.safeParse({ SMTP_URL: env.SMTP_URL, SMTP_FROM: env.SMTP_FROM });
  if (!parsed.success) throw new Error(`Invalid SMTP settings: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  const { SMTP_URL: url, SMTP_FROM: from } = parsed.data;
  if (!url) return null;
  if (!from || !addressDomain(from)) throw new Error("SMTP_URL is set but SMTP_FROM is not: set SMTP_FROM to the sender, e.g. \"Maison Lumière <care@maison-lumiere.ch>\".");
  return { url, from };
}

/** The domain of `Name <local@domain>` or `local@domain`. */
export function addressDomain(address: string): string | null {
  const match = /@([^\s>@]+)>?\s*$/.exec(address.trim());
  return match ? match[1].toLowerCase() : null;
}

function classify(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const fields = (error ?? {}) as { message?: string; responseCode?: number; code?: string };
  const responseCode = typeof fields.responseCode === "number" ? fields.responseCode : null;
  const code = typeof fields.code === "string" ? fields.code : null;
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600;
  return new MailError(fields.message ?? String(error), permanent, responseCode, code);
}

export function createSmtpMailer(config: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport(config.url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = addressDomain(config.from) ?? "vitrine.invalid";
  return {
    from: config.from,
    domain,
    async send(mail) {
      try {
        const info = await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
        return { messageId: info.messageId, response: info.response };
      } catch (error) {
        throw classify(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

let fromEnv: { key: string; mailer: Mailer | null } | undefined;

/** The process's mailer for the current environment (rebuilt when SMTP_URL / SMTP_FROM change). */
export function mailerFromEnv(env: Record<string, string | undefined> = process.env): Mailer | null {
  const key = `${env.SMTP_URL ?? ""}\n${env.SMTP_FROM ?? ""}`;
  if (fromEnv?.key === key) return fromEnv.mailer;
  fromEnv?.mailer?.close();
  const config = smtpConfigFromEnv(env);
  fromEnv = { key, mailer: config ? createSmtpMailer(config) : null };
  return fromEnv.mailer;
}

/** Whether e-mail can be sent now (the Outbox offers "Send now" only then). */
export function isMailConfigured(env: Record<string, string | undefined> = process.env): boolean {
  try {
    return smtpConfigFromEnv(env) !== null;
  } catch {
    return false;
  }
}
