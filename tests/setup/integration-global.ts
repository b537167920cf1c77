import type { TestProject } from "vitest/node";
import { runMigrations } from "../../db/migrate";
import {
  createDatabase,
  describePostgres,
  dropDatabaseIfExists,
  dropLeftoverDatabases,
  EMBEDDED_FOR_INTEGRATION,
  freezeAsTemplate,
  resolveTestPostgres,
} from "./postgres";
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from "./test-env";

declare module "vitest" {
  export interface ProvidedContext {
    /** Maintenance-database URL of the server the integration tests use. */
    postgresServerUrl: string;
  }
}

/**
 * Resolves the server once, migrates a template database, and hands the server URL to the test
 * files; each file copies the template into its own database (tests/fixtures/db.ts).
 * One run per server at a time: the template is dropped and recreated on every run.
 */
export default async function setup(project: TestProject) {
  const startedAt = Date.now();
  const pg = await resolveTestPostgres(EMBEDDED_FOR_INTEGRATION);
  try {
    await dropLeftoverDatabases(pg.serverUrl, TEST_DATABASE_PREFIX);
    await dropDatabaseIfExists(pg.serverUrl, TEMPLATE_DATABASE);
    const templateUrl = await createDatabase(pg.serverUrl, TEMPLATE_DATABASE);
    await runMigrations(templateUrl);
    await freezeAsTemplate(pg.serverUrl, TEMPLATE_DATABASE);
  } catch (error) {
    await pg.stop();
    throw error;
  }
  console.log(`[integration] Postgres: ${describePostgres(pg)}, template migrated in ${Date.now() - startedAt} ms`);
  project.provide("postgresServerUrl", pg.serverUrl);

  return async () => {
    await dropLeftoverDatabases(pg.serverUrl, TEST_DATABASE_PREFIX);
    await pg.stop();
  };
}
