import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { automationRules, customerTiers, drafts, stores, type AutomationRule, type CustomerTier, type DraftKind } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { RequestContext } from "@/lib/auth/guard";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { decideDraft } from "./decide";
import { GO_LIVE_HUMAN_ONLY_DAYS, KIND_SINGULAR, REVIEW_KINDS, type ReviewKind } from "./kinds";

// No "server-only" here: the worker process (tsx, outside Next) runs applyAutomationRules.

/**
 * What a rule asks of a draft before approving it. Every condition narrows: a rule with none set
 * still only approves drafts of its kind and scope, and by default never one carrying a flag
 * (an open complaint, an overdue ticket) that a human must see.
 */
export const ruleConditionsSchema = z.object({
  /** value at stake strictly below this, in the store's minor units; a draft with no known value never matches */
  maxValueMinor: z.number().int().positive().nullable().default(null),
  /** never for clients of these tiers */
  excludeTiers: z.array(z.enum(customerTiers)).default([]),
  /** only drafts at most this urgent (0 low … 100 urgent) */
  maxPriority: z.number().int().min(0).max(100).nullable().default(null),
  /** never a draft with flags such as `open_complaint` */
  requireNoFlags: z.boolean().default(true),
});
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

export type RuleScope = { kind: ReviewKind; storeId: string | null };
export type RuleInput = RuleScope & { name: string; conditions: RuleConditions };

/** What a rule sees of a draft. */
export type DraftFacts = {
  kind: DraftKind;
  storeId: string;
  valueMinor: number | null;
  tier: CustomerTier | null;
  priority: number;
  flags: string[];
};

/** Whether a rule approves a draft with these facts (its conditions only: phases and the go-live window are the server's, in decideDraft). */
export function matchesRule(rule: RuleScope & { conditions: unknown }, facts: DraftFacts): boolean {
  if (rule.kind !== facts.kind) return false;
  if (rule.storeId !== null && rule.storeId !== facts.storeId) return false;
  const c = parseConditions(rule.conditions);
  if (c.maxValueMinor !== null && (facts.valueMinor === null || facts.valueMinor >= c.maxValueMinor)) return false;
  if (facts.tier !== null && c.excludeTiers.includes(facts.tier)) return false;
  if (c.maxPriority !== null && facts.priority > c.maxPriority) return false;
  if (c.requireNoFlags && facts.flags.length > 0) return false;
  return true;
}

/** Stored conditions, read defensively: anything unreadable becomes the strictest rule (matches nothing). */
export function parseConditions(raw: unknown): RuleConditions {
  const parsed = ruleConditionsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { maxValueMinor: 0, excludeTiers: [...customerTiers], maxPriority: 0, requireNoFlags: true };
}

/** The conditions in words, for the rules list and the audit-minded admin. */
export function describeConditions(kind: ReviewKind, conditions: RuleConditions, currencyHint = "the store's currency"): string[] {
  const words = [`Approves ${KIND_SINGULAR[kind]} drafts`];
  if (conditions.maxValueMinor !== null) words.push(`worth less than ${(conditions.maxValueMinor / 100).toFixed(2)} in ${currencyHint}`);
  if (conditions.excludeTiers.length > 0) words.push(`not for ${conditions.excludeTiers.join(" or ")} clients`);
  if (conditions.maxPriority !== null) words.push(`with priority at most ${conditions.maxPriority}`);
  words.push(conditions.requireNoFlags ? "without flags (complaints, overdue tickets)" : "even when flagged");
  return words;
}

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const conditionFields = z.object({
  kind: z.enum(REVIEW_KINDS, "Choose a kind."),
  storeId: z.preprocess(blankToNull, z.uuid("Choose a store.").nullable()),
  maxValue: z.preprocess(blankToNull, z.coerce.number("Enter an amount.").positive("Enter an amount above zero.").max(100_000_000).nullable()),
  excludeTiers: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(customerTiers))),
  maxPriority: z.preprocess(blankToNull, z.coerce.number().int("Enter a whole number.").min(0).max(100, "Priority goes up to 100.").nullable()),
  requireNoFlags: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
});

function toScoped(f: z.output<typeof conditionFields>): RuleScope & { conditions: RuleConditions } {
  return {
    kind: f.kind,
    storeId: f.storeId,
    conditions: { maxValueMinor: f.maxValue === null ? null : Math.round(f.maxValue * 100), excludeTiers: f.excludeTiers, maxPriority: f.maxPriority, requireNoFlags: f.requireNoFlags },
  };
}

/** The rule dialog's fields as a form posts them: value in major units, tiers as a checkbox group. */
export const ruleFormSchema = conditionFields
  .extend({ name: z.string().trim().min(1, "Give the rule a name.").max(120) })
  .transform((f): RuleInput => ({ name: f.name, ...toScoped(f) }));

/** The same fields for a dry run, which needs no name. */
export const dryRunFormSchema = conditionFields.transform(toScoped);

export const updateRuleFormSchema = z.intersection(z.object({ ruleId: z.uuid() }), ruleFormSchema);
export const setRuleEnabledSchema = z.object({ ruleId: z.uuid(), enabled: z.preprocess((v) => v === true || v === "true", z.boolean()) });

function requireRulesManage(viewer: Viewer) {
  if (scopeOf(viewer.role, "rules.manage") === null) throw new AppError("forbidden", "Only admins manage automation rules.");
}

function userActor(viewer: Viewer, request?: RequestContext) {
  return { actorType: "user" as const, actorId: viewer.id, actorRole: viewer.role, ip: request?.ip ?? null, requestId: request?.requestId ?? null };
}

async function assertStore(tx: Executor, storeId: string | null) {
  if (storeId === null) return;
  const [store] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!store) throw new AppError("invalid_input", "That store does not exist.", { storeId: ["Choose a store."] });
}

const ruleFields = (r: Pick<AutomationRule, "name" | "kind" | "storeId" | "conditions">) => ({ name: r.name, kind: r.kind, storeId: r.storeId, conditions: parseConditions(r.conditions) });

/** A new rule starts disabled: the admin looks at its dry run, then enables it. */
export async function createRule(db: Database, viewer: Viewer, input: RuleInput, request?: RequestContext): Promise<{ id: string }> {
  requireRulesManage(viewer);
  const conditions = ruleConditionsSchema.parse(input.conditions);
  return db.transaction(async (tx) => {
    await assertStore(tx, input.storeId);
    const [rule] = await tx
      .insert(automationRules)
      .values({ name: input.name, kind: input.kind, storeId: input.storeId, conditions, enabled: false, createdById: viewer.id })
      .returning();
    await appendAudit(tx, {
      ...userActor(viewer, request),
      action: "rule.created",
      targetType: "automation_rule",
      targetId: rule.id,
      storeId: rule.storeId,
      details: { after: { ...ruleFields(rule), enabled: false, version: rule.version } },
    });
    return { id: rule.id };
  });
}

/** Changes a rule (its version goes up, so every later automatic approval names the version that made it). */
export async function updateRule(db: Database, viewer: Viewer, input: RuleInput & { ruleId: string }, request?: RequestContext): Promise<{ changed: string[] }> {
  requireRulesManage(viewer);
  const conditions = ruleConditionsSchema.parse(input.conditions);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(automationRules).where(eq(automationRules.id, input.ruleId)).for("update");
    if (!current) throw new AppError("not_found", "That rule no longer exists.");
    await assertStore(tx, input.storeId);
    const before = ruleFields(current);
    const after = { name: input.name, kind: input.kind, storeId: input.storeId, conditions };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return { changed };
    const [updated] = await tx
      .update(automationRules)
      .set({ ...after, version: sql`${automationRules.version} + 1`, updatedAt: new Date() })
      .where(eq(automationRules.id, input.ruleId))
      .returning({ version: automationRules.version });
    await appendAudit(tx, {
      ...userActor(viewer, request),
      action: "rule.updated",
      targetType: "automation_rule",
      targetId: input.ruleId,
      storeId: input.storeId ?? current.storeId,
      details: {
        fields: changed,
        before: { ...Object.fromEntries(changed.map((k) => [k, before[k]])), version: current.version },
        after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), version: updated.version },
      },
    });
    return { changed };
  });
}

export async function setRuleEnabled(db: Database, viewer: Viewer, input: { ruleId: string; enabled: boolean }, request?: RequestContext): Promise<void> {
  requireRulesManage(viewer);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(automationRules).where(eq(automationRules.id, input.ruleId)).for("update");
    if (!current) throw new AppError("not_found", "That rule no longer exists.");
    if (current.enabled === input.enabled) return;
    await tx.update(automationRules).set({ enabled: input.enabled, updatedAt: new Date() }).where(eq(automationRules.id, input.ruleId));
    await appendAudit(tx, {
      ...userActor(viewer, request),
      action: input.enabled ? "rule.enabled" : "rule.disabled",
      targetType: "automation_rule",
      targetId: current.id,
      storeId: current.storeId,
      details: { name: current.name, kind: current.kind, version: current.version, before: { enabled: current.enabled }, after: { enabled: input.enabled } },
    });
  });
}

export type RuleListItem = AutomationRule & { storeName: string | null; storeCurrency: string | null };

export async function listRules(db: Executor, viewer: Viewer): Promise<RuleListItem[]> {
  requireRulesManage(viewer);
  const rows = await db
    .select({ rule: automationRules, storeName: stores.name, storeCurrency: stores.currency })
    .from(automationRules)
    .leftJoin(stores, eq(stores.id, automationRules.storeId))
    .orderBy(desc(automationRules.enabled), asc(automationRules.kind), asc(automationRules.name));
  return rows.map((r) => ({ ...r.rule, storeName: r.storeName, storeCurrency: r.storeCurrency }));
}

/** Mirrors isClientFacing (kinds.ts) over `drafts d`. */
const clientFacingSql = sql`(d.kind = 'client_message' or (d.kind = 'service_ticket' and d.customer_id is not null))`;

/** Mirrors matchesRule's conditions over `drafts d left join customers c`. */
function conditionsSql(c: RuleConditions): SQL {
  const parts: SQL[] = [sql`true`];
  if (c.maxValueMinor !== null) parts.push(sql`d.value_minor < ${c.maxValueMinor}`);
  if (c.excludeTiers.length > 0) parts.push(sql`(c.tier is null or c.tier not in (${sql.join(c.excludeTiers.map((t) => sql`${t}`), sql`, `)}))`);
  if (c.maxPriority !== null) parts.push(sql`d.priority <= ${c.maxPriority}`);
  if (c.requireNoFlags) parts.push(sql`cardinality(d.flags) = 0`);
  return sql.join(parts, sql` and `);
}

export type DryRunSample = { id: string; createdAt: string; storeCode: string; status: string; valueMinor: number | null; tier: string | null; priority: number; blockedBy: "phase" | "go_live_window" | null };
export type DryRunResult = {
  days: number;
  /** drafts of the kind and scope written in the period */
  considered: number;
  /** drafts whose conditions match */
  matched: number;
  /** matched and allowed by the store's current phase and the go-live window: the rule would have approved these */
  wouldApprove: number;
  /** of those, how many a human actually rejected: what the rule would have let through against a reviewer's judgement */
  humanRejected: number;
  /** matched, but the store is not at phase 3 today */
  blockedByPhase: number;
  /** matched, but client-facing within the store's first 90 days after go-live (or before it) */
  blockedByGoLiveWindow: number;
  sample: DryRunSample[];
};

/**
 * Which past drafts a rule would have approved, in one set-wise query. The go-live window is judged
 * at each draft's creation; the phase is the store's current one (no phase history is kept).
 */
export async function dryRunRule(
  db: Executor,
  rule: RuleScope & { conditions: RuleConditions },
  options: { days?: number; now?: Date; sampleSize?: number } = {},
): Promise<DryRunResult> {
  const days = options.days ?? 90;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - days * 86_400_000);
  const scope = rule.storeId ? sql`and d.store_id = ${rule.storeId}` : sql``;
  const rows = await db.execute<{
    considered: number;
    matched: number;
    would_approve: number;
    human_rejected: number;
    blocked_phase: number;
    blocked_window: number;
    sample: DryRunSample[] | null;
  }>(sql`
    with considered as (
      select d.id, d.created_at, d.status, d.value_minor, d.priority, s.code as store_code, c.tier,
        (${conditionsSql(rule.conditions)}) as matches,
        case
          when s.rollout_phase < 3 then 'phase'
          when ${clientFacingSql} and (s.go_live_date is null
            or d.created_at < (s.go_live_date + ${GO_LIVE_HUMAN_ONLY_DAYS}::int)::timestamp at time zone 'UTC') then 'go_live_window'
        end as blocked_by
      from drafts d
      join stores s on s.id = d.store_id
      left join customers c on c.id = d.customer_id
      where d.kind = ${rule.kind} and d.created_at >= ${since.toISOString()}::timestamptz and d.created_at < ${now.toISOString()}::timestamptz
        and d.status <> 'generation_failed' ${scope}
    )
    select
      count(*)::int as considered,
      (count(*) filter (where matches))::int as matched,
      (count(*) filter (where matches and blocked_by is null))::int as would_approve,
      (count(*) filter (where matches and blocked_by is null and status = 'rejected'))::int as human_rejected,
      (count(*) filter (where matches and blocked_by = 'phase'))::int as blocked_phase,
      (count(*) filter (where matches and blocked_by = 'go_live_window'))::int as blocked_window,
      (select json_agg(json_build_object('id', x.id, 'createdAt', x.created_at, 'storeCode', x.store_code, 'status', x.status,
          'valueMinor', x.value_minor, 'tier', x.tier, 'priority', x.priority, 'blockedBy', x.blocked_by))
        from (
          select * from considered where matches
          -- the drafts a human rejected but the rule would have approved come first: they are the risk
          order by (status = 'rejected' and blocked_by is null) desc, created_at desc
          limit ${options.sampleSize ?? 20}
        ) x) as sample
    from considered
  `);
  const row = rows[0];
  return {
    days,
    considered: row?.considered ?? 0,
    matched: row?.matched ?? 0,
    wouldApprove: row?.would_approve ?? 0,
    humanRejected: row?.human_rejected ?? 0,
    blockedByPhase: row?.blocked_phase ?? 0,
    blockedByGoLiveWindow: row?.blocked_window ?? 0,
    sample: (row?.sample ?? []).map((s) => ({ ...s, valueMinor: s.valueMinor === null ? null : Number(s.valueMinor) })),
  };
}

export type ApplyResult = { checked: number; approved: number; refused: number; blocked: number };

/**
 * Phase-3 automation, run by the worker: each pending draft of a phase-3 store is looked at once
 * (marked `rules_checked_at` as it is taken, so a crash leaves it to the humans rather than to a
 * second try). The first enabled rule that matches (store rules before all-store rules, oldest
 * first) approves it through decideDraft, which refuses what the server forbids (the go-live window)
 * and re-checks the facts; a refusal or a changed fact leaves the draft in the queue.
 */
export async function applyAutomationRules(
  db: Database,
  now = new Date(),
  options: { batch?: number; log?: (entry: Record<string, unknown>) => void } = {},
): Promise<ApplyResult> {
  const batch = options.batch ?? 200;
  const result: ApplyResult = { checked: 0, approved: 0, refused: 0, blocked: 0 };
  // Most runs find no store in phase 3: then the unchecked backlog of other stores is not read at all.
  const [phase3] = await db.select({ id: stores.id }).from(stores).where(eq(stores.rolloutPhase, 3)).limit(1);
  if (!phase3) return result;
  for (;;) {
    const taken = await db
      .update(drafts)
      .set({ rulesCheckedAt: now })
      .where(
        inArray(
          drafts.id,
          db
            .select({ id: drafts.id })
            .from(drafts)
            .where(
              and(
                eq(drafts.status, "pending"),
                isNull(drafts.rulesCheckedAt),
                inArray(drafts.storeId, db.select({ id: stores.id }).from(stores).where(eq(stores.rolloutPhase, 3))),
              ),
            )
            .orderBy(asc(drafts.createdAt))
            .limit(batch)
            .for("update", { skipLocked: true }),
        ),
      )
      .returning({
        id: drafts.id,
        version: drafts.version,
        kind: drafts.kind,
        storeId: drafts.storeId,
        valueMinor: drafts.valueMinor,
        priority: drafts.priority,
        flags: drafts.flags,
        tier: sql<CustomerTier | null>`(select c.tier from customers c where c.id = ${drafts.customerId})`,
      });
    if (taken.length === 0) return result;
    result.checked += taken.length;

    const kinds = [...new Set(taken.map((d) => d.kind))];
    const rules = await db
      .select()
      .from(automationRules)
      .where(and(eq(automationRules.enabled, true), inArray(automationRules.kind, kinds)))
      .orderBy(sql`${automationRules.storeId} is null`, asc(automationRules.createdAt), asc(automationRules.id));

    for (const draft of taken) {
      const rule = rules.find((r) => matchesRule({ kind: r.kind as ReviewKind, storeId: r.storeId, conditions: r.conditions }, draft));
      if (!rule) continue;
      try {
        const outcome = await decideDraft(
          db,
          { type: "rule", ruleId: rule.id, ruleName: rule.name, ruleVersion: rule.version },
          { id: draft.id, version: draft.version, decision: "approve" },
          now,
        );
        if (outcome.ok) result.approved += 1;
        else result.blocked += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // refused by the server (go-live window) or decided by a human meanwhile: the queue has it
        result.refused += 1;
        options.log?.({ msg: "automation rule refused", draftId: draft.id, ruleId: rule.id, code: error.code });
      }
    }
    if (taken.length < batch) return result;
  }
}
