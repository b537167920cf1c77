import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";
import { drainApprovedExecutions, drainInbox, drainReplenishmentRunsOnce } from "../fixtures/replenishment/e2e";
import { TEST_ENV } from "../setup/test-env";
import { FakePosData } from "../../lib/pos/fake/data";
import { startFakePos } from "../../lib/pos/fake/server";
import { fake as shopifyFake } from "../../lib/pos/shopify/fake";
import { simulator as shopifySimulator } from "../../lib/pos/shopify/simulate";
import { SQUARE_RESOURCES, fake as squareFake } from "../../lib/pos/square/fake";
import { demoApiToken } from "../../lib/pos/simulate/demo";
import type { SimConnection, SimEvent } from "../../lib/pos/simulate/scenario";

// Sales sync in through the POS (signed Shopify deliveries: a sale of the last pieces of a SKU in
// London and the inventory level that follows, on top of the demo's two years of synced history), the
// buyer runs the forecast, the run proposes that SKU, the buyer approves it and a purchase order exists;
// then the adjust-and-approve path, rejection, accuracy, and a transfer request sent to the POS. The
// e2e server runs no worker, so the test drains the inbox, the queued run and the approved executions
// with the worker's own functions (tests/fixtures/replenishment/e2e.ts).
// The tests run in order: the later ones read what the earlier ones' deliveries and run produced.
// the run itself takes some 10 s over the demo data, and a page of recommendations draws 20 charts
test.describe.configure({ mode: "serial", timeout: 90_000 });

const SHOTS = "/tmp/shots-h8";
const POS_SHOTS = "/tmp/b-shots";
let runId: string;
/** what the page sorts by: quantity × unit cost (a purchase's cost, a transfer's goods value) */
const GOODS_VALUE = "((output->'lines'->0->>'quantity')::bigint * (output->'lines'->0->>'unitCostMinor')::bigint)::float8";
/** the demo Shopify connection's location for London (db/seed/connections.ts) */
const LONDON_LOCATION = "71039201537";

/** The SKU sold out through the POS in the first test, for the later ones to find its proposal. */
let soldOut: { productId: string; sku: string; storeId: string; sold: number };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

function recommendationId(card: Locator): Promise<string> {
  return card.getAttribute("aria-labelledby").then((value) => (value ?? "").replace(/^recommendation-/, ""));
}

/** Opens sealed secrets of the e2e instance (its credentials key is the test one). */
async function secretBox() {
  process.env.VITRINE_CREDENTIALS_KEY = TEST_ENV.VITRINE_CREDENTIALS_KEY;
  const { open, seal } = await import("../../lib/crypto/secret-box");
  const { webhookSecretAad } = await import("../../lib/sync/receive");
  const { credentialsAad } = await import("../../lib/pos/secrets");
  return { open, seal, webhookSecretAad, credentialsAad };
}

test.describe("a buyer", () => {
  test.use({ storageState: storageStateFor("buyer"), viewport: { width: 1440, height: 1000 } });

  test("sales sync in: the last pieces of a SKU sell in London through Shopify and the level follows", async ({ request }) => {
    // a SKU London has sold before and still holds a few of, with nothing on order and no open proposal
    const [pick] = await queryE2e<{ product_id: string; sku: string; name: string; brand: string; price_minor: number; on_hand: number; store_id: string; currency: string }>(
      (sql) => sql`
        select p.id::text as product_id, p.sku, p.name, p.brand, p.price_minor::int, il.on_hand, s.id::text as store_id, s.currency
        from products p
        join inventory_levels il on il.product_id = p.id
        join stores s on s.id = il.store_id and s.code = 'LDN'
        where not p.is_serialized and il.on_hand between 1 and 4 and il.reserved = 0 and il.on_order = 0
          and not exists (select 1 from drafts d where d.kind = 'purchase_recommendation' and d.status = 'pending' and d.store_id = s.id
                            and d.output->'lines'->0->>'productId' = p.id::text)
        order by (select count(*) from sale_lines sl join sales sa on sa.id = sl.sale_id where sl.product_id = p.id and sa.store_id = s.id) desc, p.sku
        limit 1`,
    );
    expect(pick, "a London SKU with sales history and a few pieces left").toBeDefined();
    soldOut = { productId: pick.product_id, sku: pick.sku, storeId: pick.store_id, sold: pick.on_hand };

    const { open, webhookSecretAad } = await secretBox();
    const [row] = await queryE2e<{ id: string; sealed: string; config: Record<string, unknown> }>(
      (sql) => sql`select id::text, webhook_secret_encrypted as sealed, config from pos_connections where provider = 'shopify' and store_mapping ? ${LONDON_LOCATION}`,
    );
    const connection: SimConnection = { id: row.id, secret: open(row.sealed, webhookSecretAad(row.id)), config: row.config, webhookUrl: `/api/webhooks/shopify/${row.id}` };
    const now = new Date();
    const events: SimEvent[] = [
      {
        kind: "sale",
        sale: {
          id: `e2e-sellout-${now.getTime()}`,
          locationId: LONDON_LOCATION,
          currency: pick.currency,
          customer: null,
          associateId: null,
          lines: [{ id: `e2e-sellout-line-${now.getTime()}`, sku: pick.sku, productId: pick.product_id, name: pick.name, brand: pick.brand, quantity: pick.on_hand, unitPriceMinor: pick.price_minor, discountMinor: 0, serialNumbers: [] }],
          taxMinor: 0,
          completedAt: now,
          revision: 1,
          updatedAt: now,
          status: "completed",
        },
      },
      { kind: "inventory", inventory: { locationId: LONDON_LOCATION, sku: pick.sku, productId: pick.product_id, onHand: 0, updatedAt: now } },
    ];

    // Shopify's inventory webhook names only the inventory item: the worker re-fetches its SKU from the
    // shop's API, here a fake Shopify on loopback holding what the simulator recorded for these events.
    const data = new FakePosData();
    for (const event of events) shopifySimulator.record(data, event, connection);
    const shop = await startFakePos({ platforms: [shopifyFake], data, token: demoApiToken(TEST_ENV.VITRINE_CREDENTIALS_KEY) });
    await queryE2e((sql) => sql`update pos_connections set config = config || ${sql.json({ apiBaseUrl: `${shop.url}/shopify` })} where id = ${row.id}`);
    try {
      for (const event of events) {
        for (const delivery of shopifySimulator.deliveries(event, connection, data)) {
          const response = await request.post(connection.webhookUrl, { headers: delivery.headers, data: delivery.body });
          expect(response.status()).toBe(200);
          expect(await response.json()).toEqual({ received: 1, duplicates: 0 });
        }
      }
      await drainInbox();
    } finally {
      await queryE2e((sql) => sql`update pos_connections set config = ${JSON.stringify(row.config)}::jsonb where id = ${row.id}`);
      await shop.close();
    }

    const [sale] = await queryE2e<{ quantity: number; status: string }>(
      (sql) => sql`select sl.quantity, s.status::text from sales s join sale_lines sl on sl.sale_id = s.id
                   where s.store_id = ${pick.store_id} and sl.product_id = ${pick.product_id} and s.completed_at >= ${new Date(now.getTime() - 1000)}`,
    );
    expect(sale).toEqual({ quantity: pick.on_hand, status: "completed" });
    const [level] = await queryE2e<{ on_hand: number }>((sql) => sql`select on_hand from inventory_levels where store_id = ${pick.store_id} and product_id = ${pick.product_id}`);
    expect(level.on_hand).toBe(0);
  });

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

  test("the run proposed the sold-out SKU; the buyer approves it and a purchase order exists for it", async ({ page }) => {
    const [proposal] = await queryE2e<{ id: string; group_key: string; quantity: number; rationale: string; type: string }>(
      (sql) => sql`select id::text, case when output->>'type' = 'transfer' then 'transfers' else coalesce(output->>'supplier', 'No supplier') end as group_key,
                          (output->'lines'->0->>'quantity')::int as quantity, output->>'rationale' as rationale, output->>'type' as type
                   from drafts where kind = 'purchase_recommendation' and status = 'pending' and store_id = ${soldOut.storeId}
                     and output->'lines'->0->>'productId' = ${soldOut.productId}`,
    );
    expect(proposal, `a proposal for ${soldOut.sku} in London`).toBeDefined();
    // the run saw what the POS reported: nothing left on hand
    expect(proposal.rationale).toContain("On hand 0");

    await page.goto(`/replenishment?store=${soldOut.storeId}&supplier=${encodeURIComponent(proposal.group_key)}&show=200`);
    const card = page.locator(`[aria-labelledby="recommendation-${proposal.id}"]`);
    await expect(card).toContainText(soldOut.sku);
    await card.scrollIntoViewIfNeeded();
    await shot(page, "04a-sold-out-proposal");
    await card.getByRole("button", { name: /^Approve / }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Approved / })).toBeVisible();

    expect(await drainApprovedExecutions()).toBeGreaterThanOrEqual(1);
    const [order] = await queryE2e<{ number: string; type: string; sku: string; quantity: number }>(
      (sql) => sql`select po.number, po.type, p.sku, l.quantity from purchase_orders po join purchase_order_lines l on l.purchase_order_id = po.id
                   join products p on p.id = l.product_id where po.source_draft_id = ${proposal.id}`,
    );
    expect(order).toMatchObject({ type: proposal.type, sku: soldOut.sku, quantity: proposal.quantity });
    await page.goto("/purchase-orders");
    await expect(page.getByRole("link", { name: order.number })).toBeVisible();
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
    // each change navigates; one made while the previous navigation still renders can be overtaken by it
    await expect(async () => {
      await filters.getByLabel("Store").selectOption(london!);
      await expect(page).toHaveURL(new RegExp(`store=${london}`), { timeout: 2000 });
    }).toPass();
    await expect(async () => {
      await filters.getByLabel("Supplier").selectOption({ index: 1 });
      await expect(page).toHaveURL(/supplier=/, { timeout: 2000 });
    }).toPass();

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

test.describe("a transfer request", () => {
  test.use({ storageState: storageStateFor("buyer"), viewport: { width: 1440, height: 1000 } });

  test("is sent to the POS as a transfer when both stores are locations of one connection", async ({ page }) => {
    // Geneva (sending) and London (receiving) as two locations of one Square account, for this test only
    const [stores] = await queryE2e<{ geneva: string; london: string }>(
      (sql) => sql`select (select id::text from stores where code = 'GVA') as geneva, (select id::text from stores where code = 'LDN') as london`,
    );
    const [product] = await queryE2e<{ id: string; sku: string; name: string; cost_minor: number }>(
      (sql) => sql`select p.id::text, p.sku, p.name, p.cost_minor::int from products p join inventory_levels il on il.product_id = p.id
                   where il.store_id = ${stores.geneva} and il.on_hand - il.reserved >= 2 order by p.sku limit 1`,
    );
    const token = demoApiToken(TEST_ENV.VITRINE_CREDENTIALS_KEY);
    const data = new FakePosData();
    data.put("square", SQUARE_RESOURCES.catalog, "E2EVARIATION1", { id: "E2EVARIATION1", type: "ITEM_VARIATION", item_variation_data: { sku: product.sku } });
    const square = await startFakePos({ platforms: [squareFake], data, token });
    const { seal, credentialsAad } = await secretBox();
    const [connection] = await queryE2e<{ id: string }>(
      (sql) => sql`insert into pos_connections (provider, name, store_mapping, config, is_active)
                   values ('square', 'Square — e2e transfers', ${sql.json({ LE2EGENEVA: stores.geneva, LE2ELONDON: stores.london })}, ${sql.json({ apiBaseUrl: `${square.url}/square` })}, true)
                   returning id::text`,
    );
    try {
      await queryE2e((sql) => sql`update pos_connections set credentials_encrypted = ${seal(JSON.stringify({ accessToken: token }), credentialsAad(connection.id))} where id = ${connection.id}`);
      await queryE2e((sql) => sql`insert into product_refs (connection_id, external_id, product_id) values (${connection.id}, 'E2EVARIATION1', ${product.id})`);
      const output = { type: "transfer", supplier: null, fromStoreId: stores.geneva, currency: "GBP", lines: [{ productId: product.id, sku: product.sku, name: product.name, quantity: 1, unitCostMinor: product.cost_minor }], rationale: "Geneva holds more than it sells; London is out." };
      const [draft] = await queryE2e<{ id: string }>(
        (sql) => sql`insert into drafts (kind, store_id, product_id, dedupe_key, output, rationale) values ('purchase_recommendation', ${stores.london}, ${product.id},
                     ${`purchase_recommendation:e2e-transfer:${Date.now()}`}, ${sql.json(output)}, 'e2e') returning id::text`,
      );

      await page.goto(`/replenishment?store=${stores.london}&supplier=transfers&show=200`);
      const card = page.locator(`[aria-labelledby="recommendation-${draft.id}"]`);
      await card.getByRole("button", { name: /^Approve / }).click();
      await expect(page.getByRole("status").filter({ hasText: /^Approved / })).toBeVisible();
      expect(await drainApprovedExecutions()).toBeGreaterThanOrEqual(1);

      const [order] = await queryE2e<{ number: string; provider: string; external_id: string }>(
        (sql) => sql`select number, provider, external_id from purchase_orders where source_draft_id = ${draft.id}`,
      );
      const [sent] = data.writes.filter((write) => write.kind === "inventory_transfer");
      expect(order).toEqual({ number: order.number, provider: "square", external_id: sent.id });
      expect(sent.body).toMatchObject({ transfer: { from_location_id: "LE2EGENEVA", to_location_id: "LE2ELONDON", catalog_object_id: "E2EVARIATION1", quantity: "1", reference_id: order.number } });

      await page.goto("/purchase-orders");
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: order.number }) });
      await expect(row).toContainText(`Sent to Square as transfer ${sent.id}`);
      fs.mkdirSync(POS_SHOTS, { recursive: true });
      await page.screenshot({ path: `${POS_SHOTS}/purchase-orders-transfer-sent.png`, fullPage: false });
    } finally {
      // the demo's connections stay as the other specs know them
      await queryE2e((sql) => sql`delete from product_refs where connection_id = ${connection.id}`);
      await queryE2e((sql) => sql`delete from pos_connections where id = ${connection.id}`);
      await square.close();
    }
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
