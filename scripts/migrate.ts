/** npm run db:migrate — applies the committed migrations to DATABASE_URL (or the embedded instance). */
import { runMigrations } from "@/db/migrate";
import { DatabaseUnreachableError, resolveDatabase } from "@/lib/runtime/instance";
import { APP_DATABASE, EMBEDDED_DATA_DIR, EMBEDDED_PORT } from "./instance-settings";

async function main() {
  const database = await resolveDatabase({
    envUrl: process.env.DATABASE_URL,
    dataDirName: EMBEDDED_DATA_DIR,
    port: EMBEDDED_PORT,
    database: APP_DATABASE,
  });
  try {
    await runMigrations(database.url);
    console.log("Migrations applied.");
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof DatabaseUnreachableError ? error.message : error);
  process.exit(1);
});
