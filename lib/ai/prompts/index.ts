export { clientMessagePrompt, clientMessageSchema, type ClientMessageOutput } from "./client-message";
export { serviceTicketPrompt, serviceTicketSchema, type ServiceTicketOutput } from "./service-ticket";
export { clientelingNotePrompt, clientelingNoteSchema, type ClientelingNoteOutput } from "./clienteling-note";
export { mentionsPrice } from "./output-rules";
export type { DraftPrompt, DrafterKind } from "./shared";
