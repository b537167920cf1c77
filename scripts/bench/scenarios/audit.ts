import { sql } from "drizzle-orm";
import { appendAudit } from "../../../lib/audit/append";
import { verifyAuditChain } from "../../../lib/audit/verify";
import { compared, defineScenario, type Figure } from "../harness";

const entry = (n: number) => ({
  actorType: "user" as const,
  actorId: "00000000-0000-4000-8000-000000000001",
  actorRole: "manager",
  action: "draft.approved",
  targetType: "draft",
  targetId: String(n),
  storeId: null,
  details: { version: 3, fields: ["body", "subject"] },
});

/**
 * The audit chain's cost: each append takes the chain lock, reads the head, hashes and inserts.
 * Baseline: the same row inserted into an unchained copy of the table (no lock, no hash read).
 */
export default defineScenario({
  name: "audit",
  description: "hash-chained audit appends (1 and 8 writers) and chain verification, vs a bare INSERT",
  async run({ db, scale, log, timeIt, percentile }) {
    const n = Math.round(2_000 * scale);
    await db.execute(sql`create table audit_bare (like audit_log including defaults)`);
    await db.execute(sql`alter table audit_bare alter column id add generated always as identity`);

    log(`${n} sequential appends`);
    let i = 0;
    const chained = await timeIt(() => appendAudit(db, entry(i++)), { iterations: n, warmup: 50 });
    let j = 0;
    const bare = await timeIt(
      () =>
        db.execute(sql`insert into audit_bare (occurred_at, actor_type, actor_id, actor_role, action, outcome, target_type, target_id, details, prev_hash, hash)
          values (now(), 'user', ${entry(j).actorId}, 'manager', 'draft.approved', 'success', 'draft', ${String(j++)}, ${JSON.stringify(entry(0).details)}::jsonb, 'x', 'y')`),
      { iterations: n, warmup: 50 },
    );

    log(`${n} appends from 8 concurrent writers`);
    const concurrent = async (append: (k: number) => Promise<unknown>) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < n) await append(next++);
        }),
      );
      return (n / (performance.now() - started)) * 1000;
    };
    const chainedRate = await concurrent((k) => appendAudit(db, entry(k)));
    const bareRate = await concurrent((k) =>
      db.execute(sql`insert into audit_bare (occurred_at, actor_type, action, outcome, details, prev_hash, hash) values (now(), 'user', 'draft.approved', 'success', ${JSON.stringify({ k })}::jsonb, 'x', 'y')`),
    );

    log("verifying the whole chain");
    const verifyStarted = performance.now();
    const report = await verifyAuditChain(db);
    const verifyMs = performance.now() - verifyStarted;
    if (!report.isValid) throw new Error(`chain invalid at ${report.firstBreak?.id}`);

    const rate = (samples: number[]) => 1000 / (samples.reduce((a, b) => a + b, 0) / samples.length);
    const figures: Figure[] = [
      compared("append p95, 1 writer", percentile(chained, 95), percentile(bare, 95), "ms"),
      compared("appends per second, 1 writer", rate(chained), rate(bare), "rows/s"),
      compared("appends per second, 8 writers", chainedRate, bareRate, "rows/s"),
      { name: "chain verification", value: (report.checked / verifyMs) * 1000, unit: "rows/s" },
    ];
    return figures;
  },
});
