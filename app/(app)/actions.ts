"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { ACTIVE_STORE_COOKIE } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

// z.guid(), not z.string().uuid(): the check that matters is membership in viewer.storeIds below, and
// Postgres's uuid type (like the demo seed's ids) does not insist on RFC 9562 version/variant bits.
export const setActiveStoreAction = action(
  { schema: z.object({ storeId: z.union([z.guid(), z.literal("all")]) }), permission: "authenticated" },
  async ({ storeId }, { viewer }) => {
    const jar = await cookies();
    if (storeId === "all") {
      jar.delete(ACTIVE_STORE_COOKIE);
    } else {
      if (!viewer.storeIds.includes(storeId)) throw new AppError("forbidden", "That store is not one of yours.");
      // a preference, not a credential: the store is re-checked against the viewer on every read
      jar.set(ACTIVE_STORE_COOKIE, storeId, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        maxAge: 60 * 60 * 24 * 180,
      });
    }
    revalidatePath("/", "layout");
    return { storeId };
  },
);
