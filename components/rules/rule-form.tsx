"use client";

import { useRef, useState, useTransition } from "react";
import { createRuleAction, dryRunRuleAction, updateRuleAction } from "@/app/(app)/admin/rules/actions";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describedBy, FieldError, FieldHint, TextField } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/users/use-action-form";
import type { StoreOption } from "@/components/users/types";
import type { DryRunResult } from "@/lib/review/rules";
import { DryRunPanel } from "./dry-run-panel";
import type { Option, RuleListItem } from "./types";

/**
 * Body of the create / edit dialog. A new rule is saved disabled; the dry run shows what the
 * conditions in the form would have approved before anyone enables it.
 */
export function RuleForm({ rule, kinds, tiers, stores, onDone }: { rule: RuleListItem | null; kinds: Option[]; tiers: string[]; stores: StoreOption[]; onDone: () => void }) {
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [dryRun, setDryRun] = useState<{ result: DryRunResult | null; error: string | null; fieldErrors: Record<string, string[]> }>({ result: null, error: null, fieldErrors: {} });
  const [isDryRunning, startDryRun] = useTransition();
  const { onSubmit, isPending, error, fieldErrors } = useActionForm<unknown>(
    (form) => (rule ? updateRuleAction(withRuleId(form, rule.id)) : createRuleAction(form)),
    () => {
      toast(rule ? `Saved ${rule.name}.` : "Rule created. It stays disabled until you enable it.");
      onDone();
    },
  );
  const errors = { ...dryRun.fieldErrors, ...fieldErrors };
  const id = `rule-${rule?.id ?? "new"}`;
  const c = rule?.conditions;

  function runDryRun() {
    if (!formRef.current) return;
    const form = new FormData(formRef.current);
    startDryRun(async () => {
      const outcome = await dryRunRuleAction(form);
      setDryRun(outcome.ok ? { result: outcome.data, error: null, fieldErrors: {} } : { result: null, error: outcome.message, fieldErrors: outcome.fieldErrors ?? {} });
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>{rule ? `Edit ${rule.name}` : "New rule"}</DialogTitle>
        <DialogDescription>
          A rule approves drafts that meet every condition, in stores at phase 3 only. Client-facing drafts still need a human for a store&apos;s first 90
          days after go-live.
        </DialogDescription>
      </DialogHeader>
      {error ? <Notice tone="error">{error}</Notice> : null}

      <TextField id={`${id}-name`} label="Name" name="name" autoComplete="off" required defaultValue={rule?.name ?? ""} errors={errors.name} />

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-kind`}>Kind of draft</Label>
          <NativeSelect id={`${id}-kind`} name="kind" defaultValue={rule?.kind ?? kinds[0]?.value} aria-invalid={errors.kind ? true : undefined} aria-describedby={describedBy(`${id}-kind`, { errors: errors.kind })}>
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </NativeSelect>
          <FieldError id={`${id}-kind`} errors={errors.kind} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-store`}>Store</Label>
          <NativeSelect id={`${id}-store`} name="storeId" defaultValue={rule?.storeId ?? ""} aria-invalid={errors.storeId ? true : undefined} aria-describedby={describedBy(`${id}-store`, { errors: errors.storeId })}>
            <option value="">All stores</option>
            {stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
          <FieldError id={`${id}-store`} errors={errors.storeId} />
        </div>
        <TextField
          id={`${id}-max-value`}
          label="Value at stake below"
          name="maxValue"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={c?.maxValueMinor != null ? String(c.maxValueMinor / 100) : ""}
          hint="In each store's own currency. Empty: any value. A draft with no known value never matches a limit."
          errors={errors.maxValue}
        />
        <TextField
          id={`${id}-max-priority`}
          label="Priority at most"
          name="maxPriority"
          type="number"
          min={0}
          max={100}
          defaultValue={c?.maxPriority != null ? String(c.maxPriority) : ""}
          hint="0 (low) to 100 (urgent). Empty: any priority."
          errors={errors.maxPriority}
        />
      </div>

      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy(`${id}-tiers`, { hint: true, errors: errors.excludeTiers })}>
        <legend className="mb-2 text-sm font-medium">Never for clients of these tiers</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {tiers.map((tier) => (
            <div key={tier} className="flex items-center gap-2">
              <Checkbox id={`${id}-tier-${tier}`} name="excludeTiers[]" value={tier} defaultChecked={c ? c.excludeTiers.includes(tier) : tier === "gold" || tier === "platinum"} />
              <Label htmlFor={`${id}-tier-${tier}`} className="font-normal capitalize">
                {tier}
              </Label>
            </div>
          ))}
        </div>
        <FieldHint id={`${id}-tiers`}>Drafts without a client have no tier and are not excluded by this.</FieldHint>
        <FieldError id={`${id}-tiers`} errors={errors.excludeTiers} />
      </fieldset>

      <div className="flex items-start gap-2.5">
        <Checkbox id={`${id}-no-flags`} name="requireNoFlags" defaultChecked={c?.requireNoFlags ?? true} aria-describedby={`${id}-no-flags-hint`} className="mt-0.5" />
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-no-flags`}>Only drafts without flags</Label>
          <FieldHint id={`${id}-no-flags`}>A flagged draft (open complaint, overdue ticket) always goes to a human while this is on.</FieldHint>
        </div>
      </div>

      <div className="flex flex-col gap-3">
        <div>
          <Button type="button" variant="outline" onClick={runDryRun} disabled={isDryRunning}>
            {isDryRunning ? "Running…" : "Dry run on the last 90 days"}
          </Button>
        </div>
        {dryRun.error ? <Notice tone="error">{dryRun.error}</Notice> : null}
        {dryRun.result ? <DryRunPanel result={dryRun.result} /> : null}
      </div>

      <DialogFormFooter isPending={isPending} submitLabel={rule ? "Save changes" : "Create rule"} pendingLabel="Saving…" />
    </form>
  );
}

function withRuleId(form: FormData, ruleId: string): FormData {
  form.set("ruleId", ruleId);
  return form;
}
