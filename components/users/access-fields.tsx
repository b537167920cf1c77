"use client";

import { useState } from "react";
import { roleLabel } from "@/components/format";
import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, FieldError, FieldHint } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ROLES } from "@/lib/auth/permissions";
import type { Role } from "@/db/schema/enums";
import type { StoreOption } from "./types";

const ROLE_HINTS: Record<Role, string> = {
  admin: "Manages users and settings; sees every store.",
  manager: "Reviews drafts, clients and the audit trail of their stores.",
  buyer: "Inventory, forecasts and purchase orders for every store.",
  associate: "Reads the clienteling cards of their store's clients.",
};

/** Role and store assignment, shared by the new-user and edit dialogs. */
export function AccessFields({
  idPrefix,
  stores,
  defaultRole = "associate",
  defaultStoreIds = [],
  fieldErrors,
}: {
  idPrefix: string;
  stores: StoreOption[];
  defaultRole?: Role;
  defaultStoreIds?: string[];
  fieldErrors: Record<string, string[]>;
}) {
  const [role, setRole] = useState<Role>(defaultRole);
  const roleId = `${idPrefix}-role`;
  const storesId = `${idPrefix}-stores`;
  const isAdmin = role === "admin";

  return (
    <>
      <div className="flex flex-col gap-2">
        <Label htmlFor={roleId}>Role</Label>
        <NativeSelect
          id={roleId}
          name="role"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          aria-invalid={fieldErrors.role ? true : undefined}
          aria-describedby={describedBy(roleId, { hint: true, errors: fieldErrors.role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </NativeSelect>
        <FieldHint id={roleId}>{ROLE_HINTS[role]}</FieldHint>
        <FieldError id={roleId} errors={fieldErrors.role} />
      </div>

      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={describedBy(storesId, { hint: isAdmin, errors: fieldErrors.storeIds })}
        disabled={isAdmin}
      >
        <legend className="mb-2 text-sm font-medium">Stores</legend>
        {isAdmin ? <FieldHint id={storesId}>Admins reach every store; no assignment is needed.</FieldHint> : null}
        <div className="flex flex-col gap-2.5 rounded-lg border bg-muted/30 p-3">
          {stores.map((store) => {
            const id = `${idPrefix}-store-${store.id}`;
            return (
              <div key={store.id} className="flex items-center gap-2.5">
                <Checkbox
                  id={id}
                  name="storeIds[]"
                  value={store.id}
                  defaultChecked={defaultStoreIds.includes(store.id)}
                  disabled={isAdmin}
                  aria-invalid={fieldErrors.storeIds ? true : undefined}
                />
                <Label htmlFor={id} className="font-normal">
                  {store.name}
                </Label>
                <span aria-hidden className="ml-auto font-mono text-xs text-muted-foreground">
                  {store.code}
                </span>
              </div>
            );
          })}
        </div>
        <FieldError id={storesId} errors={fieldErrors.storeIds} />
      </fieldset>
    </>
  );
}
