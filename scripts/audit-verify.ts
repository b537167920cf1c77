/**
 * npm run audit:verify — recomputes the audit hash chain and names the first broken entry.
 * Exit code 0 when the chain is intact, 1 when it is broken, 2 when it could not be checked.
 */
import { createDb } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";
import { INSTANCE_DIR, resolveDatabase } from "@/lib/runtime/instance";
import { EMBEDDED_PORT, EMBEDDED_DATA_DIR, APP_DATABASE } from "./instance-settings";

async function main() {
  const database = await resolveDatabase({
    envUrl: process.env.DATABASE_URL,
    dataDirName: EMBEDDED_DATA_DIR,
    port: EMBEDDED_PORT,
    database: APP_DATABASE,
  });
  const db = createDb(database.url, { max: 2 });
  try {
    const report = await verifyAuditChain(db);
    if (report.isValid) {
      console.log(`Audit chain intact: ${report.checked} entries, head ${report.headHash}.`);
      return 0;
    }
    const { id, reason } = report.firstBreak!;
    const why = reason === "content" ? "its contents no longer match its hash" : "it does not link to the entry before it";
    console.error(`Audit chain BROKEN at entry ${id}: ${why}. ${report.checked} entries before it verified.`);
    return 1;
  } finally {
    await db.$client.end();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error, `(instance: ${INSTANCE_DIR})`);
    process.exit(2);
  },
);
