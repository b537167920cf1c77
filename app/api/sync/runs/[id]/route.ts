import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { getRunProgress } from "@/lib/sync/queries";

const runId = z.string().uuid();

/** A run's progress for the Sync page's progress bar; runs of connections outside the viewer's stores are not found. */
export const GET = route({ permission: "sync.read", query: z.object({}) }, async (_input, { db, viewer, req }) => {
  const id = runId.safeParse(req.nextUrl.pathname.split("/").at(-1));
  if (!id.success) throw new AppError("not_found", "No such run.");
  const run = await getRunProgress(db, viewer, id.data);
  if (!run) throw new AppError("not_found", "No such run.");
  return NextResponse.json(run, { headers: { "cache-control": "no-store" } });
});
