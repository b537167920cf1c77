import { sql, type SQL } from "drizzle-orm";
import { posConnections } from "@/db/schema";

/**
 * The POS location a connection maps to `storeId` (the first, should it map several), or null: for
 * a select or where on pos_connections. Free of `server-only`, so the worker's write-backs can use it.
 */
export function locationOfStore(storeId: string): SQL<string | null> {
  return sql<string | null>`(select m.key from jsonb_each_text(${posConnections.storeMapping}) m where m.value = ${storeId} order by m.key limit 1)`;
}
