import "server-only";
import { forbidden, unauthorized } from "next/navigation";
import { headers } from "next/headers";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { ActionResult } from "@/lib/errors";
import { runGuarded, type GuardContext, type Requirement, type RequestContext, type Session } from "./guard";
import { auth } from "./index";
import { clientIp, requestId } from "./request-context";

export async function currentSession(): Promise<Session> {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? { userId, sessionVersion: session.sessionVersion } : null;
}

export async function currentRequestContext(): Promise<RequestContext> {
  const h = await headers();
  return { ip: clientIp(h), requestId: requestId(h) };
}

/**
 * Defines a server action: `action({ schema, permission }, fn)`. A caller without a session gets
 * 401, one without the permission gets 403 (both as real HTTP statuses, since anyone can POST an
 * action directly); invalid input and domain errors come back as a result the form can show.
 */
export function action<S extends z.ZodType, T>(
  options: { schema: S; permission: Requirement },
  fn: (input: z.output<S>, ctx: GuardContext) => Promise<T>,
): (input: z.input<S> | FormData) => Promise<ActionResult<T>> {
  return async (input) => {
    const result = await runGuarded(
      { db: getDb(), session: await currentSession(), request: await currentRequestContext(), ...options },
      input,
      fn,
    );
    if (!result.ok && result.code === "unauthenticated") unauthorized();
    if (!result.ok && result.code === "forbidden") forbidden();
    return result;
  };
}
