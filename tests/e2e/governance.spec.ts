import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

/**
 * Governance: an admin moves a store through its rollout, executes what phase 1 held only after a
 * confirmation, and authors an automation rule with a dry run before enabling it. The store is the
 * spec's own (phase 1, live for ten days), so no seeded store's phase changes under other specs.
 */
const suffix = crypto.randomBytes(3).toString("hex").toUpperCase();
const storeName = `E2E Governance ${suffix}`;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function arrangeStoreWithHeldDrafts(): Promise<{ storeId: string; draftIds: string[] }> {
  const [store] = await queryE2e(
    (sql) => sql`insert into stores (code, name, timezone, currency, city, rollout_phase, go_live_date)
                 values (${`G${suffix}`}, ${storeName}, 'Europe/Zurich', 'CHF', 'Zurich', 1, ${daysAgo(10)}) returning id`,
  );
  const drafts = await queryE2e(
    (sql) => sql`insert into drafts (kind, status, store_id, dedupe_key, output, decided_at)
                 select 'purchase_recommendation', 'held', ${store.id as string}, 'e2e-governance:' || gen_random_uuid(), '{}'::jsonb, now()
                   from generate_series(1, 2) returning id`,
  );
  return { storeId: store.id as string, draftIds: drafts.map((d) => d.id as string) };
}

test.describe("an admin", () => {
  test.use({ storageState: storageStateFor("admin") });
  test.describe.configure({ mode: "serial" });

  let arranged: { storeId: string; draftIds: string[] };
  test.beforeAll(async () => {
    arranged = await arrangeStoreWithHeldDrafts();
  });

  test("sees the go-live window, moves a store to phase 2 without executing what it held, then executes it after confirming", async ({ page }) => {
    await page.goto("/admin/stores");
    const row = page.getByRole("row", { name: new RegExp(storeName) });
    await expect(row).toContainText("Insights only");
    await expect(row).toContainText("Human approval required until");
    await expect(row).toContainText("2 held");
    await expect(row.getByRole("button", { name: /Execute/ })).toHaveCount(0);

    await row.getByRole("button", { name: `Edit rollout of ${storeName}` }).click();
    const edit = page.getByRole("dialog", { name: `Rollout of ${storeName}` });
    await edit.getByLabel("Phase", { exact: true }).selectOption("2");
    await edit.getByRole("button", { name: "Save rollout" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("Assisted");

    const held = await queryE2e((sql) => sql`select status from drafts where id in ${sql(arranged.draftIds)}`);
    expect(held.map((d) => d.status)).toEqual(["held", "held"]);
    expect(await queryE2e((sql) => sql`select 1 from draft_executions where draft_id in ${sql(arranged.draftIds)}`)).toHaveLength(0);

    await row.getByRole("button", { name: "Execute 2 held drafts" }).click();
    const confirm = page.getByRole("dialog", { name: `Execute 2 held drafts of ${storeName}?` });
    await expect(confirm).toContainText("cannot be undone");
    await confirm.getByRole("button", { name: "Execute 2 held drafts" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText("None");

    const released = await queryE2e((sql) => sql`select status from drafts where id in ${sql(arranged.draftIds)}`);
    expect(released.every((d) => d.status !== "held")).toBe(true);
    expect(await queryE2e((sql) => sql`select 1 from draft_executions where draft_id in ${sql(arranged.draftIds)}`)).toHaveLength(2);
    const audit = await queryE2e((sql) => sql`select action from audit_log
                  where store_id = ${arranged.storeId} and action in ('store.rollout_changed', 'draft.released', 'store.held_released') order by id`);
    expect(audit.map((a) => a.action)).toEqual(["store.rollout_changed", "draft.released", "draft.released", "store.held_released"]);
  });

  test("writes a rule, sees its dry run, saves it disabled and enables it", async ({ page }) => {
    const ruleName = `Small recommendations ${suffix}`;
    await page.goto("/admin/rules");
    await expect(page.getByRole("status").filter({ hasText: "first 90 days" })).toBeVisible();

    await page.getByRole("button", { name: "New rule" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New rule" });
    await dialog.getByLabel("Name", { exact: true }).fill(ruleName);
    await dialog.getByLabel("Kind of draft").selectOption("purchase_recommendation");
    await dialog.getByLabel("Store", { exact: true }).selectOption({ label: storeName });
    await dialog.getByLabel("Value at stake below").fill("1500");
    await dialog.getByRole("button", { name: "Dry run on the last 90 days" }).click();
    const dryRun = dialog.getByRole("region", { name: "Dry run over the last 90 days" });
    await expect(dryRun).toContainText("Would have been approved");
    await expect(dryRun).toContainText("of which a human rejected");

    await dialog.getByRole("button", { name: "Create rule" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row", { name: new RegExp(ruleName) });
    await expect(row).toContainText("worth less than 1500.00 in CHF");
    const enabled = row.getByRole("checkbox", { name: `Enabled: ${ruleName}` });
    await expect(enabled).not.toBeChecked();

    await enabled.click();
    await expect(enabled).toBeChecked();
    const [stored] = await queryE2e((sql) => sql`select id, enabled from automation_rules where name = ${ruleName}`);
    expect(stored.enabled).toBe(true);
    const audit = await queryE2e((sql) => sql`select action from audit_log where target_id = ${String(stored.id)} order by id`);
    expect(audit.map((a) => a.action)).toEqual(["rule.created", "rule.enabled"]);

    await enabled.click();
    await expect(enabled).not.toBeChecked();
  });
});

for (const role of ["manager", "buyer", "associate"] as const) {
  test.describe(`a ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test("gets 403 on the stores and rules pages", async ({ page }) => {
      for (const path of ["/admin/stores", "/admin/rules"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByText("You don't have access to this page")).toBeVisible();
      }
    });
  });
}
