/**
 * The fake POS's memory: each platform's objects in the platform's own JSON shapes, as its API would
 * return them. The simulator (and tests) put objects here; the per-platform handlers (lib/pos/<p>/fake.ts)
 * page through them the way the real API does.
 *
 * Every put stamps the object with a global, strictly increasing `seq` (X-Series' version cursor and
 * every "updated since" filter are built on it) and the time it was put.
 */

export type FakeRecord<T = Record<string, unknown>> = {
  id: string;
  /** merchant / shop / account the object belongs to ("" where the platform has one account per token) */
  account: string;
  seq: number;
  updatedAt: Date;
  object: T;
};

/** What a write-back call left on the fake POS (customer notes, service / work orders). */
export type FakeWrite = { provider: string; account: string; kind: string; id: string; body: unknown; at: Date };

export class FakePosData {
  private seq = 0;
  private readonly collections = new Map<string, Map<string, FakeRecord>>();
  readonly writes: FakeWrite[] = [];

  private key(provider: string, resource: string): string {
    return `${provider}/${resource}`;
  }

  /** Puts (or replaces) an object; returns its record with the new seq. */
  put<T extends Record<string, unknown>>(provider: string, resource: string, id: string, object: T, options: { account?: string; updatedAt?: Date } = {}): FakeRecord<T> {
    const key = this.key(provider, resource);
    let collection = this.collections.get(key);
    if (!collection) this.collections.set(key, (collection = new Map()));
    const record: FakeRecord = { id, account: options.account ?? "", seq: ++this.seq, updatedAt: options.updatedAt ?? new Date(), object };
    // Re-inserting moves the record to the end, so iteration order is seq order.
    collection.delete(id);
    collection.set(id, record);
    return record as FakeRecord<T>;
  }

  get<T = Record<string, unknown>>(provider: string, resource: string, id: string): FakeRecord<T> | null {
    return (this.collections.get(this.key(provider, resource))?.get(id) as FakeRecord<T> | undefined) ?? null;
  }

  /** All records of a resource in seq order (oldest change first), optionally for one account. */
  list<T = Record<string, unknown>>(provider: string, resource: string, account?: string): FakeRecord<T>[] {
    const all = [...(this.collections.get(this.key(provider, resource))?.values() ?? [])] as FakeRecord<T>[];
    return account === undefined ? all : all.filter((record) => record.account === account);
  }

  count(provider: string, resource: string): number {
    return this.collections.get(this.key(provider, resource))?.size ?? 0;
  }

  recordWrite(write: Omit<FakeWrite, "at">): FakeWrite {
    const stored = { ...write, at: new Date() };
    this.writes.push(stored);
    return stored;
  }

  /** For the simulator's `/_sim` endpoint and tests: everything, serialisable. */
  snapshot(): { seq: number; collections: Record<string, FakeRecord[]> } {
    return { seq: this.seq, collections: Object.fromEntries([...this.collections].map(([key, map]) => [key, [...map.values()]])) };
  }
}
