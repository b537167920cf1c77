import type { Database, Transaction } from "@/db/client";
import type { Draft, DraftExecution, PosProvider } from "@/db/schema";
import type { Mailer } from "@/lib/mail/smtp";
import type { PosHttp } from "@/lib/pos/http";
import type { SyncConnector } from "@/lib/pos/types";

/** An execution this worker claimed: `attempts` (counting this one) fences its later writes. */
export type ClaimedExecution = DraftExecution;

export type ExecutionContext = {
  db: Database;
  claim: ClaimedExecution;
  draft: Draft;
  /** the approved text: the reviewer's edit, or the AI's output */
  output: Record<string, unknown>;
  now: Date;
  mailer: Mailer | null;
  connectors: Record<PosProvider, SyncConnector>;
  httpOverrides: Partial<ConstructorParameters<typeof PosHttp>[0]>;
  /** runs `fn` in a transaction holding this execution's row lock, if the claim is still ours */
  locked<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
};

/**
 * What an executor reports. `executed`: the work left Vitrine (or was recorded in it); `not_sent`:
 * nothing could carry it (no e-mail or SMS channel), so the draft stays approved and the Outbox shows it.
 * `apply`, when given, runs in the finishing transaction: what it writes commits with the execution's
 * `done`, which is what makes single-transaction executors idempotent.
 */
export type Completion = {
  outcome: "executed" | "not_sent";
  /** ids only (they go into the audit log) */
  result: Record<string, unknown>;
  apply?: (tx: Transaction) => Promise<Record<string, unknown>>;
};

export type KindExecutor = (ctx: ExecutionContext) => Promise<Completion>;

/** A failure no retry can fix by waiting (a 5xx from SMTP, a refused POS request, missing data). */
export class PermanentExecutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentExecutionError";
  }
}

/** The claim was taken over (its lease ran out and another worker claimed it): stop, write nothing. */
export class LostClaim extends Error {
  constructor(draftId: string) {
    super(`execution of draft ${draftId} is no longer this worker's`);
    this.name = "LostClaim";
  }
}
