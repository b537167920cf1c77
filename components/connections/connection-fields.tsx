"use client";

import { useState } from "react";
import type { StoreOption } from "@/components/users/types";
import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, FieldError, FieldHint, TextField } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** The shared fields as the actions expect them: each checked store with the location id typed next to it. */
export function connectionInput(form: FormData) {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  return {
    name: text("name"),
    webhookSecret: text("webhookSecret"),
    notificationUrl: text("notificationUrl"),
    apiBaseUrl: text("apiBaseUrl"),
    credentials: text("credentials"),
    isActive: form.has("isActive"),
    storeMapping: form
      .getAll("storeIds[]")
      .filter((id): id is string => typeof id === "string")
      .map((storeId) => ({ storeId, locationRef: text(`locationRef.${storeId}`) })),
  };
}

/** Stores, webhook secret, Square's notification URL, the API settings and the active switch, shared by both dialogs. */
export function ConnectionFields({
  idPrefix,
  stores,
  isSquare,
  isEdit,
  defaults,
  fieldErrors,
}: {
  idPrefix: string;
  stores: StoreOption[];
  isSquare: boolean;
  isEdit: boolean;
  defaults?: { locationRefs: Record<string, string>; notificationUrl: string | null; apiBaseUrl: string | null; credentialsHint: string | null; isActive: boolean };
  fieldErrors: Record<string, string[]>;
}) {
  const locationRefs = defaults?.locationRefs ?? {};
  const [checked, setChecked] = useState<Set<string>>(() => new Set(Object.keys(locationRefs)));
  const toggle = (storeId: string, isChecked: boolean) =>
    setChecked((current) => {
      const next = new Set(current);
      if (isChecked) next.add(storeId);
      else next.delete(storeId);
      return next;
    });
  const storesId = `${idPrefix}-stores`;
  const secretId = `${idPrefix}-secret`;
  const urlId = `${idPrefix}-notification-url`;
  const activeId = `${idPrefix}-active`;
  const apiUrlId = `${idPrefix}-api-base-url`;
  const credentialsId = `${idPrefix}-credentials`;

  return (
    <>
      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy(storesId, { hint: true, errors: fieldErrors.storeMapping })}>
        <legend className="mb-2 text-sm font-medium">Stores</legend>
        <FieldHint id={storesId}>Tick each store this platform sells for and enter the platform&apos;s id for that location.</FieldHint>
        <div className="flex flex-col gap-2.5 rounded-lg border bg-muted/30 p-3">
          {stores.map((store) => {
            const id = `${idPrefix}-store-${store.id}`;
            const isChecked = checked.has(store.id);
            return (
              <div key={store.id} className="flex flex-col gap-2">
                <div className="flex items-center gap-2.5">
                  <Checkbox
                    id={id}
                    name="storeIds[]"
                    value={store.id}
                    checked={isChecked}
                    onCheckedChange={(value) => toggle(store.id, value === true)}
                    aria-invalid={fieldErrors.storeMapping ? true : undefined}
                  />
                  <Label htmlFor={id} className="font-normal">
                    {store.name}
                  </Label>
                  <span aria-hidden className="ml-auto font-mono text-xs text-muted-foreground">
                    {store.code}
                  </span>
                </div>
                {isChecked ? (
                  <div className="flex flex-col gap-1 pl-6.5">
                    <Label htmlFor={`${id}-ref`} className="text-xs font-normal text-muted-foreground">
                      Location id for {store.name}
                    </Label>
                    <Input id={`${id}-ref`} name={`locationRef.${store.id}`} autoComplete="off" required defaultValue={locationRefs[store.id] ?? ""} className="font-mono" />
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
        <FieldError id={storesId} errors={fieldErrors.storeMapping} />
      </fieldset>

      <TextField
        id={secretId}
        label="Webhook secret"
        name="webhookSecret"
        type="password"
        autoComplete="new-password"
        placeholder={isEdit ? "Leave empty to keep the current one" : undefined}
        hint="The signing key the platform shows for this webhook. Stored encrypted; never shown again."
        errors={fieldErrors.webhookSecret}
      />

      {isSquare ? (
        <TextField
          id={urlId}
          label="Notification URL"
          name="notificationUrl"
          type="url"
          autoComplete="off"
          defaultValue={defaults?.notificationUrl ?? ""}
          className="font-mono"
          hint={<>Exactly as entered in Square: it is part of what Square signs. Empty: this connection&apos;s webhook URL.</>}
          errors={fieldErrors.notificationUrl}
        />
      ) : null}

      <TextField
        id={apiUrlId}
        label="API base URL"
        name="apiBaseUrl"
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://…"
        defaultValue={defaults?.apiBaseUrl ?? ""}
        className="font-mono"
        hint={<>The platform&apos;s API root, used for backfills, reconciliation and re-fetching notified objects. Empty: no API calls.</>}
        errors={fieldErrors.apiBaseUrl}
      />

      <TextField
        id={credentialsId}
        label="API credentials"
        name="credentials"
        type="password"
        autoComplete="new-password"
        placeholder={isEdit ? (defaults?.credentialsHint ? `${defaults.credentialsHint} — leave empty to keep` : "Not set") : undefined}
        hint={<>An access token, or a JSON object such as {"{ \"accessToken\": \"…\" }"}. Stored encrypted; never shown again.</>}
        errors={fieldErrors.credentials}
      />

      <div className="flex items-center gap-2.5">
        <Checkbox id={activeId} name="isActive" defaultChecked={defaults?.isActive ?? true} />
        <Label htmlFor={activeId} className="font-normal">
          Active: accept deliveries from this connection
        </Label>
      </div>
    </>
  );
}
