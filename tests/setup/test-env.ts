/**
 * Fixed secrets for tests and the e2e server: never used outside tests, and stable so a failure
 * reproduces (sessions, encrypted POS credentials).
 */
export const TEST_ENV = {
  AUTH_SECRET: "vitrine-test-auth-secret-not-for-production-use",
  /** 32 bytes, base64. */
  VITRINE_CREDENTIALS_KEY: "dml0cmluZS10ZXN0LWNyZWRlbnRpYWxzLWtleS0zMmI=",
} as const;

/** Name of the migrated database every integration test database is copied from. */
export const TEMPLATE_DATABASE = "vitrine_test_template";
/** Prefix of the per-file integration test databases. */
export const TEST_DATABASE_PREFIX = "vitrine_t_";
/** Database the e2e server runs on, recreated and seeded on each run. */
export const E2E_DATABASE = "vitrine_e2e";
