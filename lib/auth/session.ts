import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { currentSession } from "./action";
import { loadViewer, type Viewer } from "./viewer";

export const ACTIVE_STORE_COOKIE = "vitrine-store";

/** The viewer for this request, from the database; memoized per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await currentSession();
  return session ? loadViewer(getDb(), session.userId, session.sessionVersion) : null;
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

/** The store chosen in the store switcher, if it is still one of the viewer's stores; null means all of them. */
export async function getActiveStoreId(viewer: Viewer): Promise<string | null> {
  const chosen = (await cookies()).get(ACTIVE_STORE_COOKIE)?.value;
  return chosen && viewer.storeIds.includes(chosen) ? chosen : null;
}
