import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../fixtures/e2e";

test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("the middleware-bypass header of CVE-2025-29927 changes nothing", async ({ request }) => {
  const response = await request.get("/admin/users", {
    headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    maxRedirects: 0,
  });
  expect([302, 303, 307, 401, 403]).toContain(response.status());
  expect(await response.text()).not.toContain("admin@vitrine.demo");
});

test("a wrong password shows the same generic error as an unknown account", async ({ page }) => {
  const messages: string[] = [];
  for (const email of ["manager@vitrine.demo", "nobody-here@vitrine.demo"]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "not right" });
    await expect(alert).toContainText("not right");
    messages.push((await alert.textContent()) ?? "");
    await expect(page).toHaveURL(/\/sign-in/);
  }
  expect(messages[0]).toBe(messages[1]);
});

test("signing in and out", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("buyer@vitrine.demo");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/");
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("repeated failures lock the account with a clear wait, the same for an account that does not exist", async ({ page }) => {
  const email = `nobody.${Date.now()}@vitrine.demo`;
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    // React resets the (uncontrolled) password field when the action's answer arrives
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByRole("alert").filter({ hasText: attempt < 5 ? "not right" : "Too many attempts" })).toBeVisible();
  }
  await expect(page.getByRole("alert").filter({ hasText: "Too many attempts" })).toHaveText("Too many attempts. Try again in 5 minutes.");
});
