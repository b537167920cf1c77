import { expect, test as setup } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, storageStateFor } from "../fixtures/e2e";

// Each demo role signs in once per run; the e2e tests start from the saved session.
for (const account of DEMO_ACCOUNTS) {
  setup(`sign in as ${account.role}`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/");
    await page.context().storageState({ path: storageStateFor(account.role) });
  });
}
