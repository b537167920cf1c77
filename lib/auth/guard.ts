import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError, type ActionResult } from "@/lib/errors";
import { scopeOf, type Permission } from "./permissions";
import { loadViewer, type Viewer } from "./viewer";

export type RequestContext = { ip: string | null; requestId: string | null };

export type GuardContext = { viewer: Viewer; db: Database; request: RequestContext };

/** `authenticated`: any signed-in, active user (for self-service such as choosing a store). */
export type Requirement = Permission | "authenticated";

export type Session = { userId: string; sessionVersion?: number } | null;

/**
 * The one path every server action and route handler takes: resolve the user from the database,
 * check the named permission, parse the input, then run. Denials are audited; errors are mapped to
 * a safe result, never a stack trace or SQL.
 */
export async function runGuarded<S extends z.ZodType, T>(
  options: { db: Database; session: Session; permission: Requirement; schema: S; request: RequestContext },
  raw: unknown,
  fn: (input: z.output<S>, ctx: GuardContext) => Promise<T>,
): Promise<ActionResult<T>> {
  const { db, session, permission, schema, request } = options;
  const viewer = session ? await loadViewer(db, session.userId, session.sessionVersion) : null;
  if (!viewer) return { ok: false, code: "unauthenticated", message: "Your session has ended. Sign in again." };

  if (permission !== "authenticated" && scopeOf(viewer.role, permission) === null) {
    await appendAudit(db, {
      actorType: "user",
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "authz.denied",
      outcome: "failure",
      details: { permission },
      ip: request.ip,
      requestId: request.requestId,
    });
    return { ok: false, code: "forbidden", message: "You don't have permission to do that." };
  }

  const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return { ok: false, code: "invalid_input", message: "Please check the highlighted fields.", fieldErrors };
  }

  try {
    return { ok: true, data: await fn(parsed.data, { viewer, db, request }) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    }
    throw error;
  }
}

/** Repeated keys (checkbox groups, multi-selects) become arrays; the `$ACTION_` keys Next adds are dropped. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    result[key] = key.endsWith("[]") || values.length > 1 ? values : values[0];
  }
  for (const key of Object.keys(result)) {
    if (key.endsWith("[]")) {
      result[key.slice(0, -2)] = result[key];
      delete result[key];
    }
  }
  return result;
}
