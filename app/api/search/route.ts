import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/auth/route";
import { searchEverything, SEARCH_MAX_LENGTH } from "@/lib/search/search";

/** Search-as-you-type for the header's search box: clients and serial numbers, scoped to the viewer. */
export const GET = route({ permission: "authenticated", query: z.object({ q: z.string().max(SEARCH_MAX_LENGTH * 2).default("") }) }, async ({ q }, { db, viewer }) => {
  const results = await searchEverything({ db, viewer, query: q });
  return NextResponse.json(results, { headers: { "cache-control": "private, no-store" } });
});
