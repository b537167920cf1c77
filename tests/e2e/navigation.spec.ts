import { expect, test } from "@playwright/test";
import type { Role } from "../../db/schema";
import { storageStateFor } from "../fixtures/e2e";

/** What each role's navigation offers (DESIGN.md "Who uses it"); everything else is absent. */
const NAVIGATION: Record<Role, string[]> = {
  admin: [
    "Overview",
    "Review queue",
    "Outbox",
    "Purchase orders",
    "Clients",
    "Inventory",
    "Serial integrity",
    "Replenishment",
    "Sync",
    "Audit",
    "Users",
    "Connections",
    "Stores & rollout",
    "Automation rules",
  ],
  // managers review their stores' client drafts (and read purchase recommendations); orders are the buyer's
  manager: ["Overview", "Review queue", "Outbox", "Clients", "Inventory", "Serial integrity", "Replenishment", "Sync", "Audit"],
  buyer: ["Overview", "Review queue", "Purchase orders", "Inventory", "Serial integrity", "Replenishment", "Audit"],
  associate: ["Overview", "Clients"],
};
const ALL_ITEMS = NAVIGATION.admin;

for (const [role, items] of Object.entries(NAVIGATION) as [Role, string[]][]) {
  test.describe(`${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test(`sees the ${role} navigation and nothing more`, async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeVisible();
      const links = nav.getByRole("link");
      await expect(links).toHaveText(items);
      for (const hidden of ALL_ITEMS.filter((item) => !items.includes(item))) {
        await expect(nav.getByRole("link", { name: hidden })).toHaveCount(0);
      }
    });
  });
}

test.describe("pages a role may not use", () => {
  test.use({ storageState: storageStateFor("associate") });

  test("answer 403 even when typed into the address bar", async ({ page }) => {
    for (const path of ["/admin/users", "/admin/connections", "/audit", "/inventory", "/sync", "/queue", "/replenishment"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByText("You don't have access to this page")).toBeVisible();
    }
  });
});

test.describe("a buyer", () => {
  test.use({ storageState: storageStateFor("buyer") });

  test("cannot open client data", async ({ page }) => {
    const response = await page.goto("/clients");
    expect(response?.status()).toBe(403);
  });
});
