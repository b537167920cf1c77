import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

test.describe("an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("creates a user who can then sign in and sees only their role's navigation", async ({ page, browser }) => {
    const email = `new.associate.${Date.now()}@vitrine.demo`;
    const password = "a-perfectly-long-password";

    await page.goto("/admin/users");
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Name").fill("Nora Lindqvist");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Role").selectOption({ label: "Associate" });
    await dialog.getByLabel("London, New Bond Street").check();
    await dialog.getByLabel("Password").fill(password);
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("row", { name: new RegExp(email.replaceAll(".", "\\.")) })).toBeVisible();

    const [audit] = await queryE2e((sql) => sql`
      select a.action, a.actor_role, a.details from audit_log a join users u on u.id::text = a.target_id
      where u.email = ${email} and a.action = 'user.created'`);
    expect(audit).toMatchObject({ actor_role: "admin", details: { role: "associate" } });

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const fresh = await context.newPage();
    await fresh.goto("/sign-in");
    await fresh.getByLabel("Email").fill(email);
    await fresh.getByLabel("Password").fill(password);
    await fresh.getByRole("button", { name: "Sign in" }).click();
    await expect(fresh).toHaveURL("/");
    await expect(fresh.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Overview", "Clients"]);
    await context.close();
  });

  test("sees why a field was refused, and nothing is created", async ({ page }) => {
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Name").fill("Short Password");
    await dialog.getByLabel("Email").fill("short.password@vitrine.demo");
    await dialog.getByLabel("Role").selectOption({ label: "Buyer" });
    await dialog.getByLabel("Geneva, Rue du Rhône").check();
    await dialog.getByLabel("Password").fill("short");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText(/At least 12 characters/).first()).toBeVisible();
    const rows = await queryE2e((sql) => sql`select 1 from users where email = 'short.password@vitrine.demo'`);
    expect(rows).toHaveLength(0);
  });
});
