import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT } from "./tests/fixtures/e2e";
import { OIDC_TEST, oidcIssuer } from "./tests/fixtures/oidc-provider";
import { TEST_ENV } from "./tests/setup/test-env";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromiumPath)) {
  throw new Error(
    `Chromium not found at ${chromiumPath}. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n\n` +
      `or point CHROMIUM_PATH at a Chromium executable.`,
  );
}

const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "tests/e2e",
  // Files run in parallel, the tests inside a file in order: they share one seeded database.
  fullyParallel: false,
  workers: isCI ? 1 : 2,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  // a 2-core CI machine building and serving at once answers a decision in seconds, not milliseconds
  expect: { timeout: isCI ? 10_000 : 5_000 },
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testDir: "tests/setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"] },
  ],
  // Playwright starts the web server before globalSetup, so the database is prepared by the
  // server command itself (recreate vitrine_e2e, migrate, seed; then build and start).
  webServer: [
    {
      // a real OpenID Connect provider on loopback for the SSO sign-in test
      command: "npx tsx tests/fixtures/oidc-provider.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: !isCI,
      env: { OIDC_PORT: String(OIDC_TEST.port), OIDC_APP_URL: E2E_BASE_URL },
    },
    {
      command: "npx tsx --conditions=react-server scripts/test/e2e-server.ts",
      url: `${E2E_BASE_URL}/sign-in`,
      timeout: 300_000,
      reuseExistingServer: !isCI,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        ...TEST_ENV,
        E2E_PORT: String(E2E_PORT),
        AUTH_TRUST_HOST: "true",
        AUTH_URL: E2E_BASE_URL,
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: OIDC_TEST.clientId,
        OIDC_CLIENT_SECRET: OIDC_TEST.clientSecret,
        OIDC_NAME: "Test SSO",
      },
    },
  ],
});
