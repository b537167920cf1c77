import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type User } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";

/** A successful sign-in, by any method: the last-sign-in time and its audit entry commit together. */
export async function recordSignIn(
  db: Database,
  user: Pick<User, "id" | "role">,
  options: { method: "password" | "oidc"; ip: string | null; requestId?: string | null; newPasswordHash?: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ lastSignInAt: new Date(), ...(options.newPasswordHash ? { passwordHash: options.newPasswordHash } : {}) })
      .where(eq(users.id, user.id));
    await appendAudit(tx, {
      actorType: "user",
      actorId: user.id,
      actorRole: user.role,
      action: "auth.sign_in",
      targetType: "user",
      targetId: user.id,
      details: { method: options.method, ...(options.newPasswordHash ? { passwordRehashed: true } : {}) },
      ip: options.ip,
      requestId: options.requestId ?? null,
    });
  });
}
