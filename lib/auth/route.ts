import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { statusOf } from "@/lib/errors";
import { getDb } from "@/db/client";
import { runGuarded, type GuardContext, type Requirement } from "./guard";
import { currentRequestContext, currentSession } from "./action";

/**
 * Defines a route handler guarded like an action: session from the database, named permission,
 * query parameters parsed with zod. Errors map to their HTTP status with a short JSON body.
 */
export function route<S extends z.ZodType>(
  options: { permission: Requirement; query: S },
  fn: (input: z.output<S>, ctx: GuardContext & { req: NextRequest }) => Promise<Response>,
): (req: NextRequest) => Promise<Response> {
  return async (req) => {
    const query = Object.fromEntries(req.nextUrl.searchParams.entries());
    const result = await runGuarded(
      {
        db: getDb(),
        session: await currentSession(),
        request: await currentRequestContext(),
        permission: options.permission,
        schema: options.query,
      },
      query,
      (input, ctx) => fn(input, { ...ctx, req }),
    );
    if (result.ok) return result.data;
    const status = statusOf(result.code);
    return NextResponse.json({ error: result.code, message: result.message, fieldErrors: result.fieldErrors }, { status });
  };
}
