import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

/**
 * At a store (by code): a client who bought a serialized piece and an accessory there 40 days ago and
 * returned the accessory a week later, and a regulation ticket opened on the piece 10 days ago that fell
 * due yesterday. The piece's chain of custody records the sale and the service.
 */
async function arrangeSaleAndTicket(storeCode: string, tag: string) {
  const serial = `E2E-${tag.toUpperCase()}-${Date.now().toString().slice(-8)}`;
  const saleRef = `${storeCode}-E2E-${serial}`;
  const [row] = await queryE2e<{ sale_id: string; item_id: string; ticket_id: string; return_id: string; last_name: string }>((sql) => sql`
    with store as (select id, currency from stores where code = ${storeCode}),
    product as (select id, sku, price_minor from products where is_serialized and warranty_months > 0 order by sku limit 1),
    accessory as (select id, sku, price_minor from products where not is_serialized order by sku limit 1),
    client as (
      insert into customers (first_name, last_name, currency, home_store_id, tier)
      select 'Solène', ${`Receipt${tag}`}, currency, id, 'silver' from store returning id, last_name),
    sale as (
      insert into sales (store_id, customer_id, provider, external_id, origin, subtotal_minor, total_minor, currency, completed_at)
      select store.id, client.id, 'seed', ${saleRef}, 'manual', product.price_minor + accessory.price_minor,
             product.price_minor + accessory.price_minor, store.currency, now() - interval '40 days'
      from store, client, product, accessory returning id, store_id, customer_id, completed_at, currency),
    line as (
      insert into sale_lines (sale_id, line_no, product_id, sku, quantity, unit_price_minor, total_minor, currency, serial_numbers)
      select sale.id, 1, product.id, product.sku, 1, product.price_minor, product.price_minor, sale.currency, array[${serial}::text] from sale, product
      union all
      select sale.id, 2, accessory.id, accessory.sku, 1, accessory.price_minor, accessory.price_minor, sale.currency, '{}'::text[] from sale, accessory
      returning id, line_no, product_id, total_minor),
    refund as (
      insert into returns (sale_id, sale_line_id, store_id, customer_id, product_id, quantity, refund_minor, currency, reason, provider, external_id, origin, returned_at)
      select sale.id, line.id, sale.store_id, sale.customer_id, line.product_id, 1, line.total_minor, sale.currency, 'Gift exchange',
             'seed', ${`${saleRef}-R2`}, 'manual', now() - interval '33 days'
      from sale, line where line.line_no = 2 returning id),
    item as (
      insert into serialized_items (product_id, serial_number, status, current_owner_id, current_store_id, sold_at)
      select product.id, ${serial}, 'in_service', sale.customer_id, sale.store_id, sale.completed_at from product, sale returning id),
    ticket as (
      insert into service_tickets (store_id, customer_id, item_id, product_id, kind, status, description, due_on, currency, opened_at)
      select sale.store_id, sale.customer_id, item.id, product.id, 'regulation', 'in_progress', 'Regulation check: losing about 15 s a day.',
             current_date - 1, sale.currency, now() - interval '10 days'
      from sale, item, product returning id, opened_at),
    custody as (
      insert into custody_events (item_id, kind, occurred_at, store_id, customer_id, sale_id, service_ticket_id)
      select item.id, 'sold'::custody_kind, sale.completed_at, sale.store_id, sale.customer_id, sale.id, null from item, sale
      union all
      select item.id, 'in_service'::custody_kind, ticket.opened_at, sale.store_id, sale.customer_id, null, ticket.id from item, sale, ticket
      returning id)
    select sale.id as sale_id, item.id as item_id, ticket.id as ticket_id, refund.id as return_id, client.last_name
    from sale, item, ticket, client, refund, (select count(*) from custody) c`);
  return { saleId: row.sale_id, itemId: row.item_id, ticketId: row.ticket_id, returnId: row.return_id, clientName: `Solène ${row.last_name}`, serial, saleRef };
}

test.describe("a manager", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("follows a custody step to its sale and a service step to its ticket", async ({ page }, testInfo) => {
    const { itemId, saleId, ticketId, returnId, serial, saleRef, clientName } = await arrangeSaleAndTicket("GVA", "custody");
    await page.goto(`/items/${itemId}`);
    const custody = page.getByRole("list", { name: "Chain of custody" });
    await expect(custody.getByText("In service")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("item.png"), fullPage: true });
    await custody.getByRole("link", { name: `Sale ${saleRef}` }).click();

    await expect(page).toHaveURL(`/sales/${saleId}`);
    await expect(page.getByRole("heading", { level: 1, name: `Sale ${saleRef}` })).toBeVisible();
    const lines = page.getByRole("region", { name: "Sale lines" });
    await expect(lines.getByRole("link", { name: serial })).toHaveAttribute("href", `/items/${itemId}`);
    await expect(page.getByRole("link", { name: clientName })).toBeVisible();
    await expect(page.getByText("Partially returned")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("sale.png"), fullPage: true });

    // the return and its sale link to each other
    await page.getByRole("region", { name: "Returned lines" }).getByRole("link", { name: `${saleRef}-R2` }).click();
    await expect(page).toHaveURL(`/sales/returns/${returnId}`);
    await expect(page.getByRole("heading", { level: 1, name: `Return ${saleRef}-R2` })).toBeVisible();
    await expect(page.getByText("Gift exchange")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("return.png"), fullPage: true });
    await page.getByRole("link", { name: `Sale ${saleRef}` }).click();
    await expect(page).toHaveURL(`/sales/${saleId}`);

    await lines.getByRole("link", { name: serial }).click();
    await expect(page).toHaveURL(`/items/${itemId}`);
    await custody.getByRole("link", { name: /Ticket: Regulation/ }).click();

    await expect(page).toHaveURL(`/tickets/${ticketId}`);
    await expect(page.getByRole("heading", { level: 1, name: /^Regulation · / })).toBeVisible();
    await expect(page.getByText("Regulation check: losing about 15 s a day.")).toBeVisible();
    await expect(page.getByText("Overdue").first()).toBeVisible();
    await expect(page.getByRole("link", { name: serial })).toHaveAttribute("href", `/items/${itemId}`);
    await page.screenshot({ path: testInfo.outputPath("ticket.png"), fullPage: true });
  });
});

test.describe("an associate", () => {
  test.use({ storageState: storageStateFor("associate") });

  test("gets not found for another store's sale and ticket", async ({ page }) => {
    const { saleId, ticketId, clientName } = await arrangeSaleAndTicket("GVA", "elsewhere");
    for (const path of [`/sales/${saleId}`, `/tickets/${ticketId}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText(clientName)).toHaveCount(0);
    }
  });
});
