import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { TEST_ENV } from "./tests/setup/test-env";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // The real package throws outside a React Server Components bundle.
      { find: /^server-only$/, replacement: path.join(root, "tests/setup/server-only.ts") },
    ],
  },
  test: {
    environment: "node",
    env: { ...TEST_ENV },
    setupFiles: ["tests/setup/isolate-env.ts"],
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/integration-global.ts"],
          // Each file has its own database (tests/fixtures/db.ts); tests inside a file run in order.
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
