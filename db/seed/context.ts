import type { Role } from "../schema";
import type { Catalog } from "./catalog";
import type { CopyBatch } from "./copy";
import type { StoreDef } from "./stores";
import type { ZoneClock } from "./time";

export type SeededStore = { def: StoreDef; id: string; clock: ZoneClock };

export type SeededUser = { id: string; name: string; role: Role; storeIndexes: number[] };

/** What every generator needs to know about the rows already made. */
export type SeedContext = {
  nowMs: number;
  stores: SeededStore[];
  users: SeededUser[];
  /** Users who sell in each store (by store index), with their weight. */
  sellers: { userIndex: number; weight: number }[][];
  catalog: Catalog;
  /** Hands finished rows to the loader; resolves once it may continue generating. */
  flush: (batches: CopyBatch[]) => Promise<void>;
  log: (line: string) => void;
};

/** Lets the loader's COPY stream make progress while generation continues. */
export function yieldToLoader(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
