import { expect, test, type Page } from "@playwright/test";
import { queryE2e } from "../fixtures/e2e-db";

/** Signs in through the OpenID provider on loopback (tests/fixtures/oidc-provider.ts). */
async function signInThroughProvider(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a user known to Vitrine signs in with SSO and gets their own role", async ({ page }) => {
  await signInThroughProvider(page, "manager@vitrine.demo");
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Overview", "Review queue", "Outbox", "Clients", "Inventory", "Serial integrity", "Replenishment", "Sync", "Audit"]);
});

test("an identity Vitrine does not know is refused, with no account created", async ({ page }) => {
  await signInThroughProvider(page, "stranger@example.org");
  await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied/);
  await expect(page.getByRole("alert").filter({ hasText: "not linked to an active Vitrine user" })).toBeVisible();
  expect(await queryE2e((sql) => sql`select 1 from users where email = 'stranger@example.org'`)).toHaveLength(0);
  expect(await queryE2e((sql) => sql`select 1 from accounts where provider_account_id = 'stranger@example.org'`)).toHaveLength(0);
  // other specs sign in (and fail) in parallel: take this test's OIDC failure, not the newest of all
  const [failure] = await queryE2e((sql) => sql`select details from audit_log where action = 'auth.sign_in_failed' and details->>'method' = 'oidc' order by id desc limit 1`);
  expect(failure).toMatchObject({ details: { method: "oidc", reason: "no_matching_user" } });
});
