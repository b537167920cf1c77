import { asc, gt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditLog } from "@/db/schema";
import { entryHash, GENESIS_HASH } from "./chain";

export type ChainBreak = {
  id: number;
  /** `content`: the entry's fields no longer match its hash; `link`: its prev_hash is not the previous entry's hash (a row was removed, inserted or reordered) */
  reason: "content" | "link";
};
export type ChainReport = { isValid: boolean; checked: number; headHash: string; firstBreak: ChainBreak | null };

/** Recomputes the whole chain in id order and names the first broken entry. */
export async function verifyAuditChain(db: Executor, options: { batchSize?: number } = {}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5_000;
  let previousHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    for (const row of rows) {
      if (row.prevHash !== previousHash) return broken(row.id, "link", checked, previousHash);
      const { prevHash, hash, ...fields } = row;
      if (entryHash(prevHash, fields) !== hash) return broken(row.id, "content", checked, previousHash);
      previousHash = hash;
      checked += 1;
    }
    if (rows.length < batchSize) break;
    lastId = rows[rows.length - 1].id;
  }
  return { isValid: true, checked, headHash: previousHash, firstBreak: null };
}

function broken(id: number, reason: ChainBreak["reason"], checked: number, headHash: string): ChainReport {
  return { isValid: false, checked, headHash, firstBreak: { id, reason } };
}
