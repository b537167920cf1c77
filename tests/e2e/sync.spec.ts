import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

const SHOPIFY = "Shopify POS — London";
const SQUARE = "Square — New York";
const CLOVER = "Clover — Dubai";

/** A dead letter on a demo connection, as the drain leaves one. */
async function deadLetter(connectionName: string, eventId: string, lastError: string) {
  const [row] = await queryE2e<{ id: string }>(
    (sql) => sql`
      insert into pos_events (connection_id, provider, event_id, topic, raw_body, body_sha256, status, attempts, last_error)
      select id, provider, ${eventId}, 'orders/create', '{}', 'e2e', 'dead', 8, ${lastError} from pos_connections where name = ${connectionName}
      returning id::text`,
  );
  return row.id;
}

async function cancelLiveRuns(connectionName: string) {
  await queryE2e(
    (sql) => sql`
      update sync_runs set status = 'cancelled', finished_at = now()
      where status in ('queued', 'running') and connection_id = (select id from pos_connections where name = ${connectionName})`,
  );
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

test.describe("the Sync page, for an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("shows a dead letter with its error as an instruction, and Retry puts it back in the queue", async ({ page }) => {
    const stamp = Date.now();
    const mapping = await deadLetter(SHOPIFY, `e2e-config-${stamp}`, "configuration: no store is mapped to Shopify location 99887766");
    await deadLetter(SHOPIFY, `e2e-api-${stamp}`, "POS API: 404 Not Found (order 4411 no longer exists)");

    await page.goto("/sync");
    const table = page.getByRole("region", { name: `Dead letters of ${SHOPIFY}` });
    const row = table.getByRole("row", { name: new RegExp(`e2e-config-${stamp}`) });
    await expect(row).toContainText("Map the location in Admin → Connections, then retry.");
    await expect(row).toContainText("no store is mapped to Shopify location 99887766");
    await expect(table.getByRole("row", { name: new RegExp(`e2e-api-${stamp}`) })).toContainText("POS API: 404 Not Found");
    await expect(page.getByRole("button", { name: /^Retry all \d+ dead letters shown for Shopify POS — London$/ })).toBeVisible();

    await row.getByRole("button", { name: `Retry orders/create event e2e-config-${stamp}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Queued for another try." })).toBeVisible();
    await expect(row).toBeHidden();
    const [stored] = await queryE2e((sql) => sql`select status, next_attempt_at <= now() as is_due from pos_events where id = ${mapping}`);
    expect(stored).toEqual({ status: "failed", is_due: true });
    const [audit] = await queryE2e((sql) => sql`select actor_role, details from audit_log where action = 'sync.dead_letter_retried' and target_id = ${mapping}`);
    expect(audit).toMatchObject({ actor_role: "admin", details: { inboxId: Number(mapping) } });
  });

  test("shows a running run's progress, refreshed as the worker reports", async ({ page }) => {
    await cancelLiveRuns(SQUARE);
    // the demo connections have an API (the fake POS), so the disabled buttons below are down to the live run alone
    const [run] = await queryE2e<{ id: string }>(
      (sql) => sql`
        insert into sync_runs (connection_id, kind, status, records, pages, total_estimate, rate_limit_waits, started_at, heartbeat_at)
        select id, 'reconciliation', 'running', 1200, 12, 3600, 2, now() - interval '2 minutes', now() from pos_connections where name = ${SQUARE}
        returning id::text`,
    );
    await deadLetter(SQUARE, `e2e-square-${Date.now()}`, "malformed: not a Square event: type is required");
    await deadLetter(SQUARE, `e2e-square-map-${Date.now()}`, "configuration: no store is mapped to Square location LX41QWERTY");

    await page.goto("/sync");
    const card = page.getByRole("region", { name: SQUARE, exact: true });
    const bar = card.getByRole("progressbar", { name: "Reconciliation progress" });
    await expect(bar).toHaveAttribute("aria-valuenow", "25");
    await expect(card).toContainText("1,200");
    await expect(card).toContainText("≈ 3,600");
    await expect(card.getByRole("button", { name: `Reconcile ${SQUARE} now` })).toBeDisabled();
    await screenshot(page, "sync-page");

    // the worker reports a page: the bar follows without a reload
    await queryE2e((sql) => sql`update sync_runs set records = 2400, pages = 24, total_estimate = 2400, heartbeat_at = now() where id = ${run.id}`);
    await expect(bar).toHaveAttribute("aria-valuenow", "50");
    await expect(card).toContainText("2,400");

    // it finishes: the result replaces the bar
    await queryE2e((sql) => sql`update sync_runs set status = 'succeeded', records = 4800, finished_at = now() where id = ${run.id}`);
    await expect(card).toContainText("Last reconciliation succeeded with 4,800 records");
    await expect(bar).toBeHidden();
  });

  test("starts a backfill, which shows as queued until a worker takes it", async ({ page }) => {
    await cancelLiveRuns(CLOVER);
    await page.goto("/sync");
    const card = page.getByRole("region", { name: CLOVER, exact: true });
    await card.getByRole("button", { name: `Backfill history of ${CLOVER}` }).click();
    await expect(card.getByRole("progressbar", { name: "Backfill progress" })).toBeVisible();
    await expect(card).toContainText("Queued");
    await expect(card.getByRole("button", { name: `Backfill history of ${CLOVER}` })).toBeDisabled();
    const [audit] = await queryE2e((sql) => sql`
      select a.details from audit_log a join pos_connections c on c.id::text = a.target_id
      where a.action = 'sync.run_requested' and c.name = ${CLOVER} order by a.id desc limit 1`);
    expect(audit.details).toMatchObject({ kind: "backfill" });
    await cancelLiveRuns(CLOVER);
  });
});

test.describe("the Sync page, for a manager", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("can retry but not start runs, and does not see other stores' runs", async ({ page }) => {
    await deadLetter(SHOPIFY, `e2e-manager-${Date.now()}`, "POS API: 500");
    await page.goto("/sync");
    await expect(page.getByRole("region", { name: `Dead letters of ${SHOPIFY}` }).getByRole("button", { name: /^Retry orders\/create event e2e-manager-/ })).toBeVisible();
    await expect(page.getByRole("button", { name: /Backfill history/ })).toHaveCount(0);
    await expect(page.getByRole("region", { name: SQUARE, exact: true })).toHaveCount(0);
  });
});
