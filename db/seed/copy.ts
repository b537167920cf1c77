import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";

/** A value as COPY's text format receives it; objects are written as JSON (jsonb columns). */
export type CopyValue = string | number | boolean | null | readonly string[] | Record<string, unknown>;

export type CopyTarget<K extends string> = {
  table: string;
  keys: readonly K[];
  statement: string;
};

/** Column keys of a Drizzle table, mapped to their SQL names the way `casing: "snake_case"` does. */
export function copyTarget<T extends Table, K extends keyof T["$inferInsert"] & string>(
  table: T,
  keys: readonly K[],
): CopyTarget<K> {
  const columns = getTableColumns(table) as Record<string, { name: string; keyAsName: boolean }>;
  const names = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return column.keyAsName ? toSnakeCase(column.name) : column.name;
  });
  const name = getTableName(table);
  return {
    table: name,
    keys,
    statement: `copy "${name}" (${names.map((n) => `"${n}"`).join(", ")}) from stdin`,
  };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (ch) => (ch === "\\" ? "\\\\" : ch === "\t" ? "\\t" : ch === "\n" ? "\\n" : "\\r"));
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(",")}}`;
}

export function encodeValue(value: CopyValue): string {
  if (value === null) return "\\N";
  switch (typeof value) {
    case "string":
      return escapeText(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`Cannot COPY the number ${value}`);
      return String(value);
    case "boolean":
      return value ? "t" : "f";
  }
  if (Array.isArray(value)) return escapeText(arrayLiteral(value as readonly string[]));
  return escapeText(JSON.stringify(value));
}

/** Rows for one table, encoded as they are pushed; `take()` hands them to the loader. */
export class CopyBuffer<K extends string> {
  private lines: string[] = [];
  /** Rows pushed since the last `take()`. */
  pending = 0;
  /** Rows pushed in total. */
  total = 0;

  constructor(readonly target: CopyTarget<K>) {}

  push(row: Record<K, CopyValue>): void {
    const keys = this.target.keys;
    let line = encodeValue(row[keys[0]]);
    for (let i = 1; i < keys.length; i++) line += "\t" + encodeValue(row[keys[i]]);
    this.lines.push(line);
    this.pending++;
    this.total++;
  }

  take(): CopyBatch {
    const batch = { target: this.target, lines: this.lines };
    this.lines = [];
    this.pending = 0;
    return batch;
  }
}

export type CopyBatch = { target: CopyTarget<string>; lines: string[] };

const LINES_PER_WRITE = 2_000;

function* joinLines(lines: string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += LINES_PER_WRITE) {
    yield lines.slice(i, i + LINES_PER_WRITE).join("\n") + "\n";
  }
}

/** Streams `lines` into one COPY … FROM STDIN on `sql` (a transaction or a reserved connection). */
export async function copyLines(sql: postgres.Sql | postgres.TransactionSql, statement: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const query = sql.unsafe(statement);
  const writable = await query.writable();
  // postgres.js 3.4 resolves the query with the stream as soon as COPY starts. An error PostgreSQL
  // reports after the last row (foreign keys are checked at end of statement) then reaches only
  // query.reject, and the stream never finishes: hand the error to the stream so the pipeline fails.
  const handle = query as unknown as { reject: (error: unknown) => void };
  const reject = handle.reject;
  handle.reject = (error) => {
    writable.destroy(error instanceof Error ? error : new Error(String(error)));
    reject(error);
  };
  await pipeline(Readable.from(joinLines(lines)), writable);
}

export type TableLoad = { table: string; rows: number; ms: number };

/**
 * Loads batches in the order given, one COPY per table and batch, on one transaction. Loading runs
 * while the caller generates the next batches; `drain()` waits for it and rethrows its error.
 */
export class CopyLoader {
  private queue: Promise<void> = Promise.resolve();
  readonly loads = new Map<string, TableLoad>();

  constructor(private readonly sql: postgres.TransactionSql) {}

  enqueue(batches: CopyBatch[]): Promise<void> {
    this.queue = this.queue.then(async () => {
      for (const { target, lines } of batches) {
        const startedAt = performance.now();
        await copyLines(this.sql, target.statement, lines);
        const load = this.loads.get(target.table) ?? { table: target.table, rows: 0, ms: 0 };
        load.rows += lines.length;
        load.ms += performance.now() - startedAt;
        this.loads.set(target.table, load);
      }
    });
    // Failures surface from drain(); this keeps them from counting as unhandled meanwhile.
    this.queue.catch(() => undefined);
    return this.queue;
  }

  drain(): Promise<void> {
    return this.queue;
  }
}
