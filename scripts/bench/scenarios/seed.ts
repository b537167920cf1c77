import { sql } from "drizzle-orm";
import { saleLines, type NewSaleLine } from "../../../db/schema";
import { seedDemo } from "../../../db/seed";
import { CopyBuffer, copyLines } from "../../../db/seed/copy";
import { saleLinesTarget } from "../../../db/seed/sales";
import { compared, defineScenario, percentile } from "../harness";

const NOW = new Date("2026-03-15T12:00:00Z");
/** The head-to-head uses at most this many sale lines, so scale 100 stays bounded in time and memory. */
const MAX_COMPARED_ROWS = 200_000;
const INSERT_BATCH_ROWS = 1_000;
/** postgres.js refuses statements with more parameters than this. */
const MAX_PARAMETERS = 65_534;

export default defineScenario({
  name: "seed",
  description: "demo data load with COPY at --scale; sale lines by COPY vs drizzle 1,000-row INSERT batches",
  async run({ db, scale, log, timeIt }) {
    log(`seeding at scale ${scale}…`);
    const summary = await seedDemo(db, { seed: 42, scale, now: NOW, log });

    const rows: NewSaleLine[] = await db.select().from(saleLines).orderBy(saleLines.saleId, saleLines.lineNo).limit(MAX_COMPARED_ROWS);
    const emptySaleLines = async () => {
      // returns reference sale lines; nothing else does
      await db.execute(sql`truncate sale_lines, returns`);
    };

    log(`COPY of ${rows.length.toLocaleString("en")} sale lines…`);
    const copySamples = await timeIt(
      () =>
        db.$client.begin(async (tx) => {
          const buffer = new CopyBuffer(saleLinesTarget);
          for (const row of rows) {
            buffer.push({
              id: row.id!,
              saleId: row.saleId,
              lineNo: row.lineNo,
              productId: row.productId ?? null,
              sku: row.sku,
              quantity: row.quantity,
              unitPriceMinor: row.unitPriceMinor,
              discountMinor: row.discountMinor ?? 0,
              totalMinor: row.totalMinor,
              currency: row.currency,
              serialNumbers: row.serialNumbers ?? [],
            });
          }
          await copyLines(tx, saleLinesTarget.statement, buffer.take().lines);
        }),
      { iterations: 2, setup: emptySaleLines },
    );

    const batchRows = Math.min(INSERT_BATCH_ROWS, Math.floor(MAX_PARAMETERS / saleLinesTarget.keys.length));
    log(`drizzle INSERT of the same lines in batches of ${batchRows.toLocaleString("en")}…`);
    const insertSamples = await timeIt(
      () =>
        db.transaction(async (tx) => {
          for (let at = 0; at < rows.length; at += batchRows) await tx.insert(saleLines).values(rows.slice(at, at + batchRows));
        }),
      { iterations: 2, setup: emptySaleLines },
    );

    const copyRowsPerSecond = rows.length / (percentile(copySamples, 50) / 1000);
    const insertRowsPerSecond = rows.length / (percentile(insertSamples, 50) / 1000);
    const saleLineLoad = summary.tables.find((load) => load.table === "sale_lines");
    return [
      { name: "seed: wall time", value: summary.elapsedMs, unit: "ms" },
      { name: "seed: rows loaded (all tables)", value: summary.totalRows, unit: "rows" },
      { name: "seed: rows/s end to end (generate + COPY + indexes)", value: (summary.totalRows / summary.elapsedMs) * 1000, unit: "rows/s" },
      ...(saleLineLoad ? [{ name: "seed: sale_lines rows", value: saleLineLoad.rows, unit: "rows" }] : []),
      { name: "sale_lines: rows compared", value: rows.length, unit: "rows" },
      compared(`sale_lines: COPY (baseline: drizzle INSERT, ${batchRows} rows a statement)`, copyRowsPerSecond, insertRowsPerSecond, "rows/s"),
    ];
  },
});
