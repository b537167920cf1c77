"use client";

import { PencilLine, Plus, Workflow } from "lucide-react";
import { useState, useTransition } from "react";
import { setRuleEnabledAction } from "@/app/(app)/admin/rules/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { StoreOption } from "@/components/users/types";
import { RuleForm } from "./rule-form";
import type { Option, RuleListItem } from "./types";

type Editing = { rule: RuleListItem | null } | null;

export function RulesTable({ rules, kinds, tiers, stores }: { rules: RuleListItem[]; kinds: Option[]; tiers: string[]; stores: StoreOption[] }) {
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const newRule = (
    <Button onClick={() => setEditing({ rule: null })}>
      <Plus aria-hidden /> New rule
    </Button>
  );

  return (
    <>
      {rules.length === 0 ? (
        <EmptyState
          icon={Workflow}
          title="No automation rule yet"
          description="Without rules, every draft waits for a human in the review queue. A rule can approve low-risk drafts in phase-3 stores."
          action={newRule}
        />
      ) : (
        <>
          <div className="mb-3 flex justify-end">{newRule}</div>
          <Table label="Automation rules">
            <TableCaption>Automation rules, enabled first</TableCaption>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Rule</TableHead>
                <TableHead>Kind</TableHead>
                <TableHead>Scope</TableHead>
                <TableHead>Conditions</TableHead>
                <TableHead>Enabled</TableHead>
                <TableHead className="w-12">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.map((rule) => (
                <TableRow key={rule.id}>
                  <TableCell className="min-w-40">
                    <div className="font-medium">{rule.name}</div>
                    <div className="text-xs text-muted-foreground">Version {rule.version}</div>
                  </TableCell>
                  <TableCell>{rule.kindLabel}</TableCell>
                  <TableCell>{rule.storeId ? rule.scopeLabel : <Badge variant="outline">All stores</Badge>}</TableCell>
                  <TableCell className="max-w-md text-sm">{rule.words.join(", ")}.</TableCell>
                  <TableCell>
                    <EnabledToggle rule={rule} />
                  </TableCell>
                  <TableCell>
                    <Button variant="ghost" size="icon-sm" aria-label={`Edit ${rule.name}`} onClick={() => setEditing({ rule })}>
                      <PencilLine aria-hidden />
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}

      <Dialog open={editing !== null} onOpenChange={(open) => (open ? undefined : close())}>
        <DialogContent className="max-w-2xl">
          {editing ? <RuleForm key={editing.rule?.id ?? "new"} rule={editing.rule} kinds={kinds} tiers={tiers} stores={stores} onDone={close} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function EnabledToggle({ rule }: { rule: RuleListItem }) {
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  const id = `rule-enabled-${rule.id}`;

  function toggle(enabled: boolean) {
    startTransition(async () => {
      const outcome = await setRuleEnabledAction({ ruleId: rule.id, enabled });
      if (outcome.ok) toast(enabled ? `${rule.name} is enabled: it approves matching drafts from now on.` : `${rule.name} is disabled.`);
      else toast(outcome.message, "error");
    });
  }

  return (
    <div className="flex items-center gap-2">
      <Checkbox id={id} checked={rule.enabled} disabled={isPending} onCheckedChange={(checked) => toggle(checked === true)} aria-label={`Enabled: ${rule.name}`} />
      <Label htmlFor={id} className="font-normal">
        {rule.enabled ? "On" : "Off"}
      </Label>
    </div>
  );
}
