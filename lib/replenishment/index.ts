export { loadSeries, recordStockOuts, type StoreSkuSeries } from "./series";
export { assess, planProposals, rationaleOf, PLAN_DEFAULTS, type PlanOptions, type Proposal, type SeriesAssessment } from "./plan";
export { executeReplenishmentRun, queueReplenishmentRun, accuracySummary, RunAlreadyLive, FORECAST_MODEL_ID, type RunResult } from "./run";
export { drainReplenishmentRuns, scheduleNightlyReplenishment, NIGHTLY_CRON } from "./jobs";
