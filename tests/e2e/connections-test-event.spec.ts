import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

test.describe("an admin on the Connections page", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("sends a signed test event and sees it stored; without a secret sees it rejected", async ({ page }) => {
    // no store mapped: only admins see it, so other tests' Sync pages are unaffected
    const unsigned = `Shopify — no secret ${Date.now()}`;
    await queryE2e((sql) => sql`insert into pos_connections (provider, name) values ('shopify', ${unsigned}) returning id`);

    await page.goto("/admin/connections");
    const london = page.getByRole("row", { name: /Shopify POS — London/ });
    await expect(london).toContainText("Last event:");
    await london.getByRole("button", { name: "Send a test event to Shopify POS — London" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test event to Shopify POS — London" })).toContainText("Verified and stored (200)");
    const [stored] = await queryE2e((sql) => sql`
      select e.status from pos_events e join pos_connections c on c.id = e.connection_id
      where c.name = 'Shopify POS — London' and e.topic = 'vitrine/test' order by e.id desc limit 1`);
    expect(stored).toEqual({ status: "received" });

    await page.getByRole("row", { name: new RegExp(unsigned) }).getByRole("button", { name: `Send a test event to ${unsigned}` }).click();
    await expect(page.getByRole("alert").filter({ hasText: `Test event to ${unsigned}` })).toContainText("Signature rejected (401): this connection has no webhook secret");

    const rSeries = page.getByRole("row", { name: /Lightspeed R-Series/ });
    await expect(rSeries.getByRole("button", { name: /^Send a test event to Lightspeed R-Series/ })).toBeDisabled();
    await page.screenshot({ path: "test-results/screens/connections-page.png", fullPage: true });
  });

  test("sets the API base URL, refusing one that is not http(s)", async ({ page }) => {
    await page.goto("/admin/connections");
    await page.getByRole("button", { name: "Edit Clover — Dubai" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit Clover — Dubai" });
    const field = dialog.getByLabel("API base URL");
    await field.fill("ftp://files.example");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toContainText("Enter a full http:// or https:// URL.");
    await field.fill("https://api.clover.example/v3");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    const [row] = await queryE2e((sql) => sql`select config->>'apiBaseUrl' as url from pos_connections where name = 'Clover — Dubai'`);
    expect(row.url).toBe("https://api.clover.example/v3");
  });
});
