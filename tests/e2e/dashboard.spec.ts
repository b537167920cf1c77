import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import type { Role } from "../../db/schema";
import { storageStateFor } from "../fixtures/e2e";
import { arrangeDashboardHistory } from "../fixtures/dashboard/e2e";

const SHOTS_DIR = process.env.DASHBOARD_SHOTS_DIR ?? path.join("test-results", "dashboard-shots");

test.beforeAll(async () => {
  await arrangeDashboardHistory();
});

async function screenshot(page: Page, testInfo: TestInfo, role: Role) {
  const body = await page.screenshot({ fullPage: true });
  await testInfo.attach(`${role}-overview`, { body, contentType: "image/png" });
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(SHOTS_DIR, `${role}-overview.png`), body);
}

/** A chart's numbers are in its table: read the row headers of the table captioned `caption`. */
async function tableRows(page: Page, caption: string | RegExp) {
  return page.getByRole("table", { name: caption }).getByRole("row");
}

test.describe("manager", () => {
  test.use({ storageState: storageStateFor("manager"), viewport: { width: 1440, height: 1000 } });

  test("sees what waits in their stores and how the AI drafts fare", async ({ page }, testInfo) => {
    await page.goto("/?range=30d");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Good (morning|afternoon|evening), Margaux$/);
    await expect(page.getByText(/^Geneva, Rue du Rhône and London, New Bond Street ·/)).toBeVisible();
    const now = page.getByRole("region", { name: "Needs attention now" });
    await expect(now.getByRole("heading", { name: "Waiting for review" })).toBeVisible();
    await expect(now.getByRole("link", { name: "Client messages" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "Service tickets due" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "High-value sales today" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "Sync health" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "Recommendations to decide" })).toBeVisible();

    const ai = page.getByRole("region", { name: "AI drafts" });
    await expect(ai.getByRole("heading", { name: "Drafts per day" })).toBeVisible();
    // every chart has its numbers in a table: 30 days of drafts, one row per kind and prompt version
    expect(await (await tableRows(page, /^Drafts per day/)).count()).toBe(31);
    expect(await (await tableRows(page, /Acceptance rate and edit rate/)).count()).toBeGreaterThan(4);
    await expect(page.getByRole("table", { name: /Rejections per reason/ })).toContainText("Tone or wording not right for this client");

    const outcomes = page.getByRole("region", { name: "Outcomes" });
    await expect(outcomes.getByText("Suggested items bought within 30 days")).toBeVisible();
    // associates' feedback on the suggestions: the seeded notes' first suggestions were used, then bought
    await expect(outcomes.getByText("Suggestions used by associates")).toBeVisible();
    const feedback = page.getByRole("table", { name: /Suggestions per prompt version/ }).getByRole("row", { name: /2026-11-27\.1/ });
    await expect(feedback.getByRole("cell").nth(1)).not.toHaveText(/^0 /);
    await expect(feedback.getByRole("cell").nth(2)).not.toHaveText(/^0 /);
    await expect(page.getByRole("table", { name: /Units sold per store and category/ })).toContainText("(GVA)");
    await expect(page.getByRole("table", { name: /Units sold per store and category/ })).not.toContainText("(NYC)");
    await expect(page.getByRole("region", { name: "Team" })).toHaveCount(0);

    await screenshot(page, testInfo, "manager");

    // the table toggle shows the same figures in place of the chart
    await ai.getByRole("button", { name: "Show table" }).first().click();
    await expect(ai.getByRole("button", { name: "Show chart" }).first()).toHaveAttribute("aria-pressed", "true");
    await expect(ai.getByRole("table", { name: /^Drafts per day/ })).toBeVisible();
    await ai.getByRole("button", { name: "Show chart" }).first().click();
    await expect(ai.getByRole("button", { name: "Show table" }).first()).toHaveAttribute("aria-pressed", "false");
  });

  test("keeps the period and the store in the URL", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "7 days" }).click();
    await expect(page).toHaveURL(/range=7d/);
    expect(await (await tableRows(page, /^Drafts per day/)).count()).toBe(8);
    await page.getByLabel("Show store").selectOption({ label: "London, New Bond Street" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/store=/);
    await expect(page.getByRole("table", { name: /Units sold per store and category/ })).not.toContainText("(GVA)");
  });
});

test.describe("buyer", () => {
  test.use({ storageState: storageStateFor("buyer"), viewport: { width: 1440, height: 1000 } });

  test("sees recommendations waiting, stock-out risks and this month's orders", async ({ page }, testInfo) => {
    await page.goto("/");
    const now = page.getByRole("region", { name: "Needs attention now" });
    await expect(now.getByRole("heading", { name: "Recommendations to decide" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "At risk of stock-out" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "Purchase orders this month" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "Service tickets due" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Client messages" })).toHaveCount(0);
    expect(await (await tableRows(page, /Acceptance rate and edit rate/)).count()).toBeGreaterThan(1);
    await expect(page.getByRole("region", { name: "Outcomes" }).getByText("Suggested items bought within 30 days")).toHaveCount(0);
    await screenshot(page, testInfo, "buyer");
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStateFor("admin"), viewport: { width: 1440, height: 1000 } });

  test("sees every store, connection health and team activity", async ({ page }, testInfo) => {
    await page.goto("/?range=30d");
    const now = page.getByRole("region", { name: "Needs attention now" });
    await expect(now.getByRole("heading", { name: "POS connections" })).toBeVisible();
    await expect(now.getByRole("heading", { name: "At risk of stock-out" })).toBeVisible();
    await expect(page.getByRole("table", { name: /Units sold per store and category/ })).toContainText("(NYC)");
    const team = page.getByRole("region", { name: "Team" });
    await expect(team.getByRole("heading", { name: "Team activity" })).toBeVisible();
    expect(await (await tableRows(page, /Sign-ins, actions and active users/)).count()).toBe(15);
    await screenshot(page, testInfo, "admin");
  });
});
