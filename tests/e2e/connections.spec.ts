import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

test.describe("an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  // a store the demo manager does not manage, so the manager's Sync page test is unaffected
  test("adds a POS connection whose secret is sealed at rest and shown only masked", async ({ page }) => {
    const name = `Clover — New York pop-up ${Date.now()}`;
    const secret = "clover-auth-code-0123456789-zz9f";
    await page.goto("/admin/connections");
    await page.getByRole("button", { name: "New connection" }).click();
    const dialog = page.getByRole("dialog", { name: "New connection" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Platform").selectOption({ value: "clover" });
    await dialog.getByLabel("New York, Madison Avenue", { exact: true }).check();
    await dialog.getByLabel("Location id for New York, Madison Avenue").fill("MNYC0001POPUP");
    await dialog.getByLabel("Webhook secret").fill(secret);
    await dialog.getByRole("button", { name: "Create connection" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("••••zz9f");
    await expect(page.locator("body")).not.toContainText(secret);

    const [stored] = await queryE2e((sql) => sql`select webhook_secret_encrypted as sealed from pos_connections where name = ${name}`);
    expect(String(stored.sealed)).not.toContain(secret);
    const audit = await queryE2e((sql) => sql`select details::text as details from audit_log where action = 'connection.created' order by id desc limit 1`);
    expect(audit[0].details).not.toContain(secret);
  });
});
