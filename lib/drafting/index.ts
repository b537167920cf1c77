export { drainDomainEvents, type DraftDrainResult, type DrainDomainEventsOptions } from "./drain";
export { EVENT_RETRY, eventRetryDelayMs, listDeadDomainEvents, retryDomainEvent, type DeadDomainEvent, type EventRetryPolicy } from "./event-retry";
export { scheduleServiceDueScan, SERVICE_DUE_CRON, SERVICE_DUE_QUEUE } from "./schedule";
export { scanServiceDue, type ScanServiceDueOptions, type ServiceDueScanResult } from "./service-due";
