export const ORDER_TYPE_LABEL = { purchase: "Purchase order", transfer: "Transfer request" } as const;

export const ORDER_STATUS_LABEL: Record<string, string> = { open: "Open", sent: "Sent", received: "Received", cancelled: "Cancelled" };
