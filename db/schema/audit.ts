import { bigint, index, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { actorTypeEnum } from "./enums";

/**
 * Append-only, hash-chained. The database refuses UPDATE, DELETE and TRUNCATE on it (see the
 * audit_log_append_only migration). Rows hold ids, hashes and field names, never client PII.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorType: actorTypeEnum().notNull(),
    /** user id, rule id, model id or job name */
    actorId: text(),
    actorRole: text(),
    action: text().notNull(),
    outcome: text().$type<"success" | "failure">().notNull(),
    targetType: text(),
    targetId: text(),
    storeId: uuid(),
    sourceTransactionId: text(),
    modelId: text(),
    promptVersion: text(),
    ip: text(),
    requestId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    schemaVersion: smallint().notNull().default(1),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index("audit_log_occurred_idx").on(t.occurredAt, t.id),
    index("audit_log_actor_idx").on(t.actorId, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
    index("audit_log_store_idx").on(t.storeId, t.id),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
  ],
);
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
