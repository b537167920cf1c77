import type PgBoss from "pg-boss";
import type { Database } from "@/db/client";
import type { ResolvedModel } from "@/lib/ai";
import { scanServiceDue } from "./service-due";

/** The daily service-due scan, as a pg-boss queue of its own; one scan at a time (singleton policy). */
export const SERVICE_DUE_QUEUE = "drafting.service-due";

/** 04:30 UTC: the drafts are waiting before the first European store opens, after the night's syncs. */
export const SERVICE_DUE_CRON = "30 4 * * *";

export async function scheduleServiceDueScan(
  boss: PgBoss,
  options: { db: Database; model: ResolvedModel; cron?: string; log: (entry: Record<string, unknown>) => void },
): Promise<void> {
  const { db, model, log } = options;
  if (!(await boss.getQueue(SERVICE_DUE_QUEUE))) {
    await boss.createQueue(SERVICE_DUE_QUEUE, { name: SERVICE_DUE_QUEUE, policy: "singleton", expireInHours: 3, retryLimit: 2, retryDelay: 300, retryBackoff: true });
  }
  await boss.work(SERVICE_DUE_QUEUE, { batchSize: 1 }, async () => {
    await scanServiceDue(db, { model: model.model, modelId: model.id, providerOptions: model.providerOptions, log });
  });
  await boss.schedule(SERVICE_DUE_QUEUE, options.cron ?? SERVICE_DUE_CRON);
}
