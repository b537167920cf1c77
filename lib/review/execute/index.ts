export { drainExecutions, executionBackoffMs, MAX_EXECUTION_ATTEMPTS, type DrainExecutionsOptions, type DrainExecutionsResult } from "./drain";
export { retryExecution, sendUnsentMessage } from "./retry";
export { draftMessageId } from "./client-message";
export { purchaseOrderNumber } from "./purchase-order";
export { clientelingNoteBody } from "./clienteling-note";
export type { WriteBack } from "./service-ticket";
