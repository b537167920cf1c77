import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { drafts } from "@/db/schema";
import { CAP_WINDOW_DAYS } from "./config";
import type { ClientFacts } from "./load";

export type Channel = "email" | "sms";

/** Why a client-facing draft was not created; recorded in the `draft.skipped` audit entry. */
export type SkipReason = "no_client" | "client_erased" | "do_not_contact" | "no_consent" | "frequency_cap" | "model_not_applicable";

/** The channels the client consented to and can be reached on; none at all under do-not-contact. */
export function reachableChannels(client: ClientFacts): { email: boolean; sms: boolean } {
  if (client.doNotContact || client.isErased) return { email: false, sms: false };
  return { email: client.consentEmail && !!client.identity.email, sms: client.consentSms && !!client.identity.phone };
}

/**
 * The channel a client message goes out on, or why there is none. E-mail comes first (a care guide
 * reads best there); SMS when only that is consented.
 */
export function clientMessageChannel(client: ClientFacts | null): { channel: Channel } | { skip: SkipReason } {
  if (!client) return { skip: "no_client" };
  if (client.isErased) return { skip: "client_erased" };
  if (client.doNotContact) return { skip: "do_not_contact" };
  const channels = reachableChannels(client);
  if (channels.email) return { channel: "email" };
  if (channels.sms) return { channel: "sms" };
  return { skip: "no_consent" };
}

/** Statuses of a client message that count against the frequency cap (it may still go out, or went). */
const COUNTED = ["pending", "approved", "held", "executed"] as const;

/** True when the client already has `cap` client messages drafted in the last 7 days. */
export async function isOverFrequencyCap(tx: Executor, customerId: string, cap: number, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - CAP_WINDOW_DAYS * 86_400_000);
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(drafts)
    .where(
      and(
        eq(drafts.customerId, customerId),
        eq(drafts.kind, "client_message"),
        inArray(drafts.status, [...COUNTED]),
        gte(drafts.createdAt, since),
      ),
    );
  return row.count >= cap;
}

/** Serialises the cap check and the insert of a client's messages across workers. */
export async function lockClientMessages(tx: Executor, customerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`drafts.client_message:${customerId}`}, 7427))`);
}
