import { stringify } from "csv-stringify/sync";
import type { AuditRow } from "./queries";

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with a quote
 * (OWASP CSV injection guidance).
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const AUDIT_CSV_COLUMNS = [
  "id",
  "occurred_at",
  "actor_type",
  "actor_id",
  "actor_name",
  "actor_role",
  "action",
  "outcome",
  "target_type",
  "target_id",
  "store",
  "source_transaction_id",
  "model_id",
  "prompt_version",
  "details",
  "prev_hash",
  "hash",
] as const;

export function auditCsvHeader(): string {
  return stringify([AUDIT_CSV_COLUMNS as unknown as string[]]);
}

export function auditCsvRows(rows: AuditRow[]): string {
  return stringify(
    rows.map((row) =>
      [
        String(row.id),
        row.occurredAt.toISOString(),
        row.actorType,
        row.actorId ?? "",
        row.actorName ?? "",
        row.actorRole ?? "",
        row.action,
        row.outcome,
        row.targetType ?? "",
        row.targetId ?? "",
        row.storeCode ?? "",
        row.sourceTransactionId ?? "",
        row.modelId ?? "",
        row.promptVersion ?? "",
        JSON.stringify(row.details),
        row.prevHash,
        row.hash,
      ].map(neutralizeFormula),
    ),
  );
}
