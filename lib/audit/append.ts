import { desc, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { auditLog, type ActorType, type AuditEntry } from "@/db/schema";
import { entryHash, GENESIS_HASH } from "./chain";

/** Every writer of the audit chain takes this transaction-scoped lock, so the chain stays linear. */
const AUDIT_CHAIN_LOCK = 7_426_001;

export type AuditInput = {
  actorType: ActorType;
  actorId?: string | null;
  actorRole?: string | null;
  /** dotted, e.g. `user.role_changed` */
  action: string;
  outcome?: "success" | "failure";
  targetType?: string | null;
  targetId?: string | null;
  storeId?: string | null;
  sourceTransactionId?: string | null;
  modelId?: string | null;
  promptVersion?: string | null;
  ip?: string | null;
  requestId?: string | null;
  /** ids, field names and hashes only: never client PII or message text */
  details?: Record<string, unknown>;
};

/**
 * Appends one entry. Pass the caller's transaction so the entry commits with the change it records;
 * given the pool instead, it runs in a transaction of its own.
 */
export async function appendAudit(executor: Executor, input: AuditInput): Promise<AuditEntry> {
  if (!isTransaction(executor)) return executor.transaction((tx) => appendAudit(tx, input));
  await executor.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [head] = await executor.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = head?.hash ?? GENESIS_HASH;
  const [{ id }] = await executor.execute<{ id: string }>(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`,
  );
  const fields = {
    id: Number(id),
    occurredAt: new Date(),
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    actorRole: input.actorRole ?? null,
    action: input.action,
    outcome: input.outcome ?? "success",
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    storeId: input.storeId ?? null,
    sourceTransactionId: input.sourceTransactionId ?? null,
    modelId: input.modelId ?? null,
    promptVersion: input.promptVersion ?? null,
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
    details: input.details ?? {},
    schemaVersion: 1,
  };
  const [entry] = await executor
    .insert(auditLog)
    .overridingSystemValue()
    .values({ ...fields, prevHash, hash: entryHash(prevHash, fields) })
    .returning();
  return entry;
}

function isTransaction(executor: Executor): executor is Transaction {
  return "rollback" in executor;
}
