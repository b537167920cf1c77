export type { ClientIdentity, DraftContext, DraftInput, SaleLineContext } from "./context";
export { draftWith, type DraftLogEntry, type DraftResult, type DraftUsage, type DraftWithOptions } from "./generate";
export { OFFLINE_MODEL_ID, OfflineDrafter } from "./offline/model";
export { redactInput, restorePii, type PiiVault } from "./pii";
export * from "./prompts";
export { ModelConfigError, resolveModel, type ResolvedModel } from "./registry";
export { Semaphore, sharedModelSemaphore } from "./semaphore";
