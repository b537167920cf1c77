import { processingSuite } from "./sync-process.suite";

processingSuite(true);
