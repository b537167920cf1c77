import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";

test.describe("an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("filters the audit trail and exports what it shows as CSV", async ({ page }) => {
    await page.goto("/audit?action=auth.sign_in");
    const table = page.getByRole("table");
    await expect(table.getByRole("row").nth(1)).toContainText("auth.sign_in");
    const exportLink = page.getByRole("link", { name: /Export CSV/ });
    await expect(exportLink).toHaveAttribute("href", /action=auth\.sign_in/);

    const response = await page.request.get((await exportLink.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const [header, ...lines] = (await response.text()).trim().split("\n");
    expect(header).toMatch(/^id,occurred_at,actor_type/);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toContain("auth.sign_in");
  });
});

test.describe("a buyer", () => {
  test.use({ storageState: storageStateFor("buyer") });

  test("sees only their own entries in the export", async ({ page }) => {
    const response = await page.request.get("/audit/export");
    const rows = (await response.text()).trim().split("\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    const actorNames = new Set(rows.map((row) => row.split(",")[4]));
    expect([...actorNames]).toEqual(["Benedikt Brandt"]);
  });
});

test.describe("an associate", () => {
  test.use({ storageState: storageStateFor("associate") });

  test("cannot export the audit trail", async ({ page }) => {
    expect((await page.request.get("/audit/export")).status()).toBe(403);
  });
});
