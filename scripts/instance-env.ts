import { loadOrCreateSecrets } from "../lib/runtime/instance";
import { APP_DATABASE, EMBEDDED_PORT } from "./instance-settings";

/**
 * The settings of the Vitrine that `npm start` runs here, for tools that talk to it (the POS
 * simulator): the environment's when set, else the local instance's (.vitrine secrets, embedded
 * Postgres). The instance must be running for its database to answer.
 */
export async function instanceEnvironment(): Promise<{ DATABASE_URL: string; VITRINE_CREDENTIALS_KEY: string }> {
  const secrets = process.env.VITRINE_CREDENTIALS_KEY ? null : loadOrCreateSecrets();
  return {
    DATABASE_URL: process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/${APP_DATABASE}`,
    VITRINE_CREDENTIALS_KEY: process.env.VITRINE_CREDENTIALS_KEY ?? secrets!.credentialsKey,
  };
}
