import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { StoreRef } from "@/lib/auth/viewer";

/** A record's store as its pages name it: the columns a query selects from `stores <alias>`, and their row shape. */
export type StoreColumns = { store_id: string; store_code: string; store_name: string; store_timezone: string };

export function storeColumns(alias: string): SQL {
  return sql.raw(`${alias}.id as store_id, ${alias}.code as store_code, ${alias}.name as store_name, ${alias}.timezone as store_timezone`);
}

export function storeOf(row: StoreColumns): StoreRef {
  return { id: row.store_id, code: row.store_code, name: row.store_name, timezone: row.store_timezone };
}
