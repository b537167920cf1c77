import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getDb } from "@/db/client";
import { customerTiers } from "@/db/schema";
import { PageHeader } from "@/components/shell/page-header";
import { RulesTable } from "@/components/rules/rules-table";
import type { RuleListItem } from "@/components/rules/types";
import { Notice } from "@/components/ui/notice";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { KIND_LABEL, KIND_SINGULAR, REVIEW_KINDS, type ReviewKind } from "@/lib/review/kinds";
import { describeConditions, listRules, parseConditions } from "@/lib/review/rules";
import { listStoreOptions } from "@/lib/users/service";

export const metadata: Metadata = { title: "Automation rules" };

export default async function RulesPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "rules.manage")) forbidden();
  const db = getDb();
  const [rules, stores] = await Promise.all([listRules(db, viewer), listStoreOptions(db)]);

  const items: RuleListItem[] = rules.map((rule) => {
    const kind = rule.kind as ReviewKind;
    const conditions = parseConditions(rule.conditions);
    return {
      id: rule.id,
      name: rule.name,
      kind,
      kindLabel: KIND_LABEL[kind] ?? rule.kind,
      storeId: rule.storeId,
      scopeLabel: rule.storeName ?? "All stores",
      enabled: rule.enabled,
      version: rule.version,
      conditions,
      words: describeConditions(kind, conditions, rule.storeCurrency ?? "each store's currency"),
    };
  });

  return (
    <>
      <PageHeader
        title="Automation rules"
        description="Rules approve low-risk drafts in stores at rollout phase 3. A draft no enabled rule matches goes to the review queue. Every automatic approval is audited with the rule and its version."
      />
      <Notice tone="info" className="mb-4">
        For the first 90 days after a store&apos;s go-live, client-facing drafts ({KIND_SINGULAR.client_message}s, and {KIND_SINGULAR.service_ticket}s for a
        client) always need a human approval, whatever a rule says. The server enforces it; the dry run shows how many drafts it would have held back.
      </Notice>
      <RulesTable rules={items} kinds={REVIEW_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} tiers={[...customerTiers]} stores={stores} />
    </>
  );
}
