import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

/**
 * Two records of one client at the manager's Geneva store: one with an e-mail, the other with a
 * phone and a purchase. The pair is listed the way the sync lists it (lower id first).
 */
async function arrangeDuplicate(lastName: string) {
  const [row] = await queryE2e<{ with_email: string; with_purchase: string; duplicate_id: string }>((sql) => sql`
    with store as (select id, currency from stores where code = 'GVA'),
    with_email as (
      insert into customers (first_name, last_name, email, email_normalized, consent_email, currency, home_store_id)
      select 'Odile', ${lastName}, ${`odile.${lastName.toLowerCase()}@example.com`}, ${`odile.${lastName.toLowerCase()}@example.com`}, true, currency, id from store
      returning id),
    with_purchase as (
      insert into customers (first_name, last_name, phone, phone_normalized, city, currency, home_store_id)
      select 'Odile', ${lastName}, '+41 79 555 77 12', '+41795557712', 'Genève', currency, id from store
      returning id),
    sale as (
      insert into sales (store_id, customer_id, provider, external_id, origin, subtotal_minor, total_minor, currency, completed_at)
      select store.id, with_purchase.id, 'seed', ${`e2e-duplicate-${lastName}`}, 'manual', 120000, 120000, store.currency, now()
      from store, with_purchase
      returning id),
    pair as (
      insert into customer_duplicates (customer_a_id, customer_b_id, reason)
      select least(with_email.id, with_purchase.id), greatest(with_email.id, with_purchase.id), 'same name and city'
      from with_email, with_purchase
      returning id)
    select with_email.id as with_email, with_purchase.id as with_purchase, pair.id as duplicate_id
    from with_email, with_purchase, pair, sale`);
  return { withEmail: row.with_email, withPurchase: row.with_purchase, duplicateId: row.duplicate_id };
}

async function saleOwner(lastName: string): Promise<string> {
  const [row] = await queryE2e<{ customer_id: string }>(
    (sql) => sql`select customer_id from sales where external_id = ${`e2e-duplicate-${lastName}`}`,
  );
  return row.customer_id;
}

test.describe("a manager", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("merges a probable duplicate after seeing what will move, then undoes it", async ({ page }) => {
    const lastName = `Duplicate${Date.now().toString(36)}`;
    const { withEmail, withPurchase, duplicateId } = await arrangeDuplicate(lastName);
    const keepLetter = withEmail < withPurchase ? "A" : "B";

    await page.goto("/clients");
    await page.getByRole("navigation", { name: "Client views" }).getByRole("link", { name: "Duplicates" }).click();
    await expect(page).toHaveURL("/clients/duplicates");

    const card = page.getByRole("region", { name: new RegExp(`Odile ${lastName} and Odile ${lastName}`) });
    await expect(card).toBeVisible();
    await expect(card.getByText("(differs)").first()).toBeAttached();
    await card.getByLabel(`Keep record ${keepLetter}`).check();
    await card.getByRole("button", { name: "Merge…" }).click();

    const dialog = page.getByRole("dialog", { name: `Merge into Odile ${lastName}?` });
    await expect(dialog).toContainText(`1 purchase moves to Odile ${lastName}.`);
    await dialog.getByRole("button", { name: "Merge records" }).click();
    await expect(dialog).toBeHidden();
    await expect(card).toBeHidden();
    expect(await saleOwner(lastName)).toBe(withEmail);

    const [audit] = await queryE2e((sql) => sql`
      select details from audit_log where action = 'customer.merged' and target_id = ${withEmail} order by id desc limit 1`);
    expect(audit).toMatchObject({ details: { survivorId: withEmail, mergedId: withPurchase, duplicateId, moved: { sales: 1 } } });
    expect(JSON.stringify(audit).toLowerCase()).not.toContain(lastName.toLowerCase());

    const recent = page.getByRole("region", { name: "Recent merges" });
    await recent.getByRole("button", { name: `Undo merge of Odile ${lastName} into Odile ${lastName}` }).click();
    await expect(page.getByRole("status").getByText(/is a separate client again/)).toBeVisible();
    await expect(card).toBeVisible();
    expect(await saleOwner(lastName)).toBe(withPurchase);
  });

  test("dismisses a pair that is two different people", async ({ page }) => {
    const lastName = `Twins${Date.now().toString(36)}`;
    const { duplicateId } = await arrangeDuplicate(lastName);
    await page.goto("/clients/duplicates");
    const card = page.getByRole("region", { name: new RegExp(`Odile ${lastName} and Odile ${lastName}`) });
    await card.getByRole("button", { name: "Not the same person" }).click();
    await expect(card).toBeHidden();
    const [pair] = await queryE2e((sql) => sql`select status from customer_duplicates where id = ${duplicateId}`);
    expect(pair).toMatchObject({ status: "dismissed" });
  });
});

test.describe("an associate", () => {
  test.use({ storageState: storageStateFor("associate") });

  test("has no Duplicates view: no tab, and 403 when typed in", async ({ page }) => {
    await page.goto("/clients");
    await expect(page.getByRole("link", { name: "Duplicates" })).toHaveCount(0);
    const response = await page.goto("/clients/duplicates");
    expect(response?.status()).toBe(403);
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
  });
});
