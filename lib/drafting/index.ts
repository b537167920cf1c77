export { drainDomainEvents, type DraftDrainResult, type DrainDomainEventsOptions } from "./drain";
