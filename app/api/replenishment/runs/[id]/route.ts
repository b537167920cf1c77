import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { getRunProgress } from "@/lib/replenishment/queries";

const runId = z.uuid();

/** A replenishment run's progress (series done of series total, outcome, error) for the run panel. */
export const GET = route({ permission: "forecast.read", query: z.object({}) }, async (_input, { db, req }) => {
  const id = runId.safeParse(req.nextUrl.pathname.split("/").at(-1));
  if (!id.success) throw new AppError("not_found", "No such run.");
  const run = await getRunProgress(db, id.data);
  if (!run) throw new AppError("not_found", "No such run.");
  return NextResponse.json(run, { headers: { "cache-control": "no-store" } });
});
