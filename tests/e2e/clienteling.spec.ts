import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

/**
 * A client of a store (by code) who bought a serialized watch a month ago, with a warranty running,
 * and an approved clienteling note whose first suggestion is a piece in stock at that store.
 */
async function arrangeClient(storeCode: string, tag: string) {
  const serial = `E2E-${tag.toUpperCase()}-${Date.now().toString().slice(-8)}`;
  const [row] = await queryE2e<{ customer_id: string; item_id: string; draft_id: string; suggestion: string }>((sql) => sql`
    with store as (select id, currency from stores where code = ${storeCode}),
    product as (select id, warranty_months from products where is_serialized and warranty_months > 0 order by sku limit 1),
    in_stock as (
      select p.brand, p.name from inventory_levels il join products p on p.id = il.product_id, store
      where il.store_id = store.id and il.on_hand - il.reserved > 0 and not p.is_serialized order by p.sku limit 1),
    client as (
      insert into customers (first_name, last_name, email, email_normalized, consent_email, currency, home_store_id, tier)
      select 'Oriane', ${`Clienteling${tag}`}, ${`oriane.${tag}@example.com`}, ${`oriane.${tag}@example.com`}, true, currency, id, 'gold' from store
      returning id),
    sale as (
      insert into sales (store_id, customer_id, provider, external_id, origin, subtotal_minor, total_minor, currency, completed_at)
      select store.id, client.id, 'seed', ${`e2e-clienteling-${serial}`}, 'manual', 650000, 650000, store.currency, now() - interval '30 days'
      from store, client returning id, store_id, customer_id, completed_at),
    item as (
      insert into serialized_items (product_id, serial_number, status, current_owner_id, current_store_id, sold_at, warranty_ends_on)
      select product.id, ${serial}, 'sold', sale.customer_id, sale.store_id, sale.completed_at,
             (sale.completed_at + make_interval(months => product.warranty_months))::date
      from product, sale returning id),
    custody as (
      insert into custody_events (item_id, kind, occurred_at, store_id, customer_id, sale_id)
      select item.id, 'sold', sale.completed_at, sale.store_id, sale.customer_id, sale.id from item, sale returning id),
    note as (
      insert into drafts (kind, status, store_id, customer_id, dedupe_key, output, decided_at)
      select 'clienteling_note', 'approved', store.id, client.id, ${`e2e-clienteling-${serial}`},
             jsonb_build_object('applicable', true, 'note', 'Oriane collects pieces from one maker.', 'managerThankYou', null,
               'nextBestActions', jsonb_build_array(jsonb_build_object('brand', in_stock.brand, 'name', in_stock.name, 'reason', 'Goes with the watch')),
               'rationale', 'e2e'), now()
      from store, client, in_stock returning id)
    select client.id as customer_id, item.id as item_id, note.id as draft_id,
           -- as the card names it: product names often begin with their brand already
           case when lower(in_stock.name) like lower(in_stock.brand) || '%' then in_stock.name else in_stock.brand || ' ' || in_stock.name end as suggestion
    from client, item, note, in_stock, custody`);
  return { customerId: row.customer_id, itemId: row.item_id, draftId: row.draft_id, suggestion: row.suggestion, serial };
}

test.describe("a manager", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("finds an item by the last digits of its serial, as they type", async ({ page }) => {
    const { serial, itemId } = await arrangeClient("GVA", "search");
    await page.goto("/clients");
    const box = page.getByRole("combobox", { name: "Search clients and serial numbers" });
    await box.fill(serial.slice(-6));
    const option = page.getByRole("option", { name: new RegExp(serial) });
    await expect(option).toBeVisible();
    await box.press("ArrowDown");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await expect(page).toHaveURL(`/items/${itemId}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(serial).first()).toBeVisible();
    await expect(page.getByRole("list", { name: "Chain of custody" }).getByText("Sold")).toBeVisible();
  });

  test("sees the client's owned items with their warranty status on the card", async ({ page }) => {
    const { customerId, serial } = await arrangeClient("GVA", "card");
    const response = await page.goto(`/clients/${customerId}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: /Oriane Clienteling/ })).toBeVisible();
    const owned = page.getByRole("region", { name: "Owned items" });
    const row = owned.getByRole("row", { name: new RegExp(serial) });
    await expect(row).toBeVisible();
    await expect(row.getByText("Under warranty")).toBeVisible();
  });
});

test.describe("an associate", () => {
  test.use({ storageState: storageStateFor("associate") });

  test("cannot open the card of another store's client", async ({ page }) => {
    const { customerId } = await arrangeClient("GVA", "elsewhere");
    const response = await page.goto(`/clients/${customerId}`);
    expect([403, 404]).toContain(response?.status());
    await expect(page.getByText("Oriane")).toHaveCount(0);
  });

  test("marks a suggestion used; the feedback is recorded", async ({ page }) => {
    const { customerId, draftId, suggestion } = await arrangeClient("NYC", "feedback");
    await page.goto(`/clients/${customerId}`);
    await expect(page.getByText("Oriane collects pieces from one maker.")).toBeVisible();
    const markUsed = page.getByRole("button", { name: `Mark ${suggestion} as used` });
    await markUsed.click();
    await expect(markUsed).toBeDisabled();
    await expect(page.getByRole("status").getByText(/Marked .* as used/)).toBeVisible();
    await expect
      .poll(async () => {
        const rows = await queryE2e<{ outcome: string }>((sql) => sql`select outcome from suggestion_feedback where draft_id = ${draftId}`);
        return rows.map((r) => r.outcome);
      })
      .toEqual(["used"]);
    const audit = await queryE2e<{ action: string }>((sql) => sql`select action from audit_log where target_id = ${draftId} and action like 'suggestion.%'`);
    expect(audit.map((a) => a.action)).toEqual(["suggestion.used"]);
  });
});
