import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";
import { drainApprovedExecutions, drainReplenishmentRunsOnce } from "../fixtures/replenishment/e2e";

// Sales sync in (the demo seed: two years of synced sales, returns and inventory levels per store),
// the buyer runs the forecast, the run proposes, the buyer adjusts and approves one recommendation,
// and a purchase order exists. The e2e server runs no worker, so the test drains the queued run and
// the approved execution with the worker's own functions (tests/fixtures/replenishment/e2e.ts).
// The tests run in order: the later ones read what the first one's run proposed.
// the run itself takes some 10 s over the demo data, and a page of recommendations draws 20 charts
test.describe.configure({ mode: "serial", timeout: 90_000 });

const SHOTS = "/tmp/shots-h8";
let runId: string;
/** what the page sorts by: quantity × unit cost (a purchase's cost, a transfer's goods value) */
const GOODS_VALUE = "((output->'lines'->0->>'quantity')::bigint * (output->'lines'->0->>'unitCostMinor')::bigint)::float8";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

function recommendationId(card: Locator): Promise<string> {
  return card.getAttribute("aria-labelledby").then((value) => (value ?? "").replace(/^recommendation-/, ""));
}

test.describe("a buyer", () => {
  test.use({ storageState: storageStateFor("buyer"), viewport: { width: 1440, height: 1000 } });

  test("runs the forecast and watches its progress until it proposes", async ({ page }) => {
    await page.goto("/replenishment");
    await expect(page.getByRole("heading", { name: "Replenishment", level: 1 })).toBeVisible();
    await shot(page, "01-before-run");

    await page.getByRole("button", { name: "Run forecast now" }).click();
    const progress = page.getByRole("progressbar", { name: "Forecast run progress" });
    await expect(progress).toBeVisible();
    await expect(page.getByText("Waiting for the worker")).toBeVisible();
    const [queued] = await queryE2e<{ id: string; status: string }>((sql) => sql`select id, status from replenishment_runs where trigger = 'manual' order by created_at desc limit 1`);
    expect(queued.status).toBe("queued");
    runId = queued.id;
    const [audit] = await queryE2e<{ actor_role: string }>((sql) => sql`select actor_role from audit_log where action = 'replenishment.run_requested' and target_id = ${runId}`);
    expect(audit?.actor_role).toBe("buyer");

    // the worker's drain runs while the page polls: the bar moves through the series, then the page refreshes
    const drained = drainReplenishmentRunsOnce();
    await expect(progress).toHaveAttribute("aria-valuetext", /of [\d,]+ series forecast/, { timeout: 30_000 });
    await shot(page, "02-run-progress");
    expect(await drained).toBe(runId);
    await expect(progress).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId("last-run")).toContainText(/On demand, finished .*[1-9][\d,]* new\s+recommendations/);

    const [run] = await queryE2e<{ status: string; proposed: number; series_total: number }>((sql) => sql`select status, proposed, series_total from replenishment_runs where id = ${runId}`);
    expect(run.status).toBe("done");
    expect(run.proposed).toBeGreaterThan(0);
    await expect(page.getByRole("region", { name: "Recommendations by supplier" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Transfers between stores", level: 2 }).or(page.getByTestId("recommendation").first())).toBeVisible();
    await shot(page, "03-recommendations");
  });

  test("sorts by value, filters a store, adjusts a quantity and approves: a purchase order exists", async ({ page }) => {
    await page.goto("/replenishment");
    const filters = page.getByRole("group", { name: "Filter and sort recommendations" });
    // changed until the page has hydrated: a change before that goes nowhere
    await expect(async () => {
      await filters.getByLabel("Sort").selectOption("value");
      await expect(page).toHaveURL(/sort=value/, { timeout: 1000 });
    }).toPass();
    const london = await filters.getByLabel("Store").locator("option", { hasText: "London" }).getAttribute("value");
    await filters.getByLabel("Store").selectOption(london!);
    await expect(page).toHaveURL(new RegExp(`store=${london}`));
    await filters.getByLabel("Supplier").selectOption({ index: 1 });
    await expect(page).toHaveURL(/supplier=/);

    const cards = page.getByTestId("recommendation");
    await expect(cards.first()).toBeVisible();
    // every card is London's, the costliest first
    await expect(cards.first()).toContainText("London, New Bond Street");
    const card = cards.first();
    const id = await recommendationId(card);
    const [before] = await queryE2e<{ quantity: number; value_minor: number }>(
      (sql) => sql`select (output->'lines'->0->>'quantity')::int as quantity, ${sql.unsafe(GOODS_VALUE)} as value_minor from drafts where id = ${id}`,
    );
    const values = await queryE2e<{ value: number }>(
      (sql) => sql`select max(${sql.unsafe(GOODS_VALUE)}) as value from drafts where kind = 'purchase_recommendation' and status = 'pending' and store_id = ${london!}
                    and output->>'supplier' = (select output->>'supplier' from drafts where id = ${id})`,
    );
    expect(before.value_minor).toBe(values[0].value);
    // the chart's figures are there for screen readers too, stock-out weeks named as such
    await expect(card.getByRole("table", { name: /units sold per week and the forecast/ })).toBeAttached();
    await shot(page, "04-filtered-card");

    const adjusted = before.quantity + 1;
    await card.getByLabel("Quantity").fill(String(adjusted));
    await expect(card.getByText(`Proposed: ${before.quantity}.`)).toBeVisible();
    await shot(page, "05-adjusted");
    await card.getByRole("button", { name: new RegExp(`^Approve .* with quantity ${adjusted}$`) }).click();
    await expect(page.getByRole("status").filter({ hasText: `with quantity ${adjusted}` })).toBeVisible();

    const [decided] = await queryE2e<{ status: string; edited: number; output: number; has_evidence: boolean }>(
      (sql) => sql`select status::text, (edited_output->'lines'->0->>'quantity')::int as edited, (output->'lines'->0->>'quantity')::int as output,
                          edited_output ? 'evidence' as has_evidence from drafts where id = ${id}`,
    );
    expect(decided).toEqual({ status: "approved", edited: adjusted, output: before.quantity, has_evidence: true });
    const [approvedAudit] = await queryE2e<{ details: { changedFields?: string[] } }>((sql) => sql`select details from audit_log where action = 'draft.approved' and target_id = ${id}`);
    expect(approvedAudit).toBeDefined();

    // the worker executes the approval: the purchase order is raised with the buyer's quantity
    expect(await drainApprovedExecutions()).toBeGreaterThanOrEqual(1);
    const [order] = await queryE2e<{ id: string; number: string; quantity: number }>(
      (sql) => sql`select po.id, po.number, l.quantity from purchase_orders po join purchase_order_lines l on l.purchase_order_id = po.id where po.source_draft_id = ${id}`,
    );
    expect(order.quantity).toBe(adjusted);

    await page.goto("/replenishment");
    const recent = page.getByRole("region", { name: "Recently decided recommendations" });
    await expect(recent.getByRole("row").filter({ hasText: "Order raised" }).getByRole("link", { name: order.number })).toBeVisible();
    await page.getByRole("heading", { name: "Recently decided" }).scrollIntoViewIfNeeded();
    await shot(page, "06-recently-decided");
    await recent.getByRole("link", { name: order.number }).click();
    await expect(page).toHaveURL(`/purchase-orders/${order.id}`);
    await page.goto("/purchase-orders");
    await expect(page.getByRole("link", { name: order.number })).toBeVisible();
  });

  test("rejects a recommendation with a reason", async ({ page }) => {
    await page.goto("/replenishment?sort=risk");
    const card = page.getByTestId("recommendation").first();
    const id = await recommendationId(card);
    await card.getByRole("button", { name: /^Reject / }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Not needed now").check();
    await dialog.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Rejected / })).toBeVisible();
    const [row] = await queryE2e<{ status: string; decision_reason: string }>((sql) => sql`select status::text, decision_reason from drafts where id = ${id}`);
    expect(row).toEqual({ status: "rejected", decision_reason: "not_needed" });
  });

  test("reads the forecast accuracy of the run", async ({ page }) => {
    await page.goto("/replenishment/accuracy");
    await expect(page.getByRole("heading", { name: "Forecast accuracy", level: 1 })).toBeVisible();
    await expect(page.getByTestId("accuracy-verdict")).toContainText(/The selection's error is .* (Croston's|the naive forecast's)/);
    const table = page.getByRole("region", { name: "Backtest error per demand class and method" });
    await expect(table.getByRole("row").filter({ hasText: "Per-series selection" }).first()).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "Croston" }).first()).toContainText("baseline");
    await expect(table.getByRole("row").filter({ hasText: "Naive" }).first()).toContainText("baseline");
    await shot(page, "07-accuracy");
  });
});

test.describe("a manager", () => {
  test.use({ storageState: storageStateFor("manager"), viewport: { width: 1440, height: 1000 } });

  test("sees the recommendations of their stores, read-only", async ({ page }) => {
    await page.goto("/replenishment");
    await expect(page.getByText("Read-only: buyers approve, adjust or reject these recommendations.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Run forecast now" })).toHaveCount(0);
    await expect(page.getByTestId("recommendation").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Reject/ })).toHaveCount(0);
    await expect(page.getByRole("group", { name: "Filter and sort recommendations" }).getByLabel("Store").locator("option")).toHaveText(["All stores", "Geneva, Rue du Rhône", "London, New Bond Street"]);
    for (const store of await page.getByTestId("recommendation").locator("header p").allTextContents()) {
      expect(store).toMatch(/Geneva|London/);
    }
    await shot(page, "08-manager-read-only");
  });
});

test.describe("an associate", () => {
  test.use({ storageState: storageStateFor("associate") });

  test("gets 403 for the pages and the progress route", async ({ page }) => {
    for (const path of ["/replenishment", "/replenishment/accuracy"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    const progress = await page.request.get(`/api/replenishment/runs/${runId}`);
    expect(progress.status()).toBe(403);
  });
});
