"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { createRule, dryRunFormSchema, dryRunRule, ruleFormSchema, setRuleEnabled, setRuleEnabledSchema, updateRule, updateRuleFormSchema } from "@/lib/review/rules";

export const createRuleAction = action({ schema: ruleFormSchema, permission: "rules.manage" }, async (input, ctx) => {
  const created = await createRule(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/admin/rules");
  return created;
});

export const updateRuleAction = action({ schema: updateRuleFormSchema, permission: "rules.manage" }, async (input, ctx) => {
  const outcome = await updateRule(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/admin/rules");
  return outcome;
});

export const setRuleEnabledAction = action({ schema: setRuleEnabledSchema, permission: "rules.manage" }, async (input, ctx) => {
  await setRuleEnabled(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/admin/rules");
});

/** Read-only: what the rule in the dialog would have approved over the last 90 days. */
export const dryRunRuleAction = action({ schema: dryRunFormSchema, permission: "rules.manage" }, async (input, ctx) => dryRunRule(ctx.db, input, { days: 90 }));
