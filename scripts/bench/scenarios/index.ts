import type { Scenario } from "../harness";
import audit from "./audit";
import card from "./card";
import dashboard from "./dashboard";
import ingest from "./ingest";
import drafts from "./drafts";
import forecast from "./forecast";
import process from "./process";
import queue from "./queue";
import seed from "./seed";

/** Every benchmark scenario; a new one is a file in this folder, listed here. */
export const SCENARIOS: readonly Scenario[] = [seed, audit, ingest, process, drafts, queue, card, forecast, dashboard];
