import type { MoveCounts } from "@/lib/customers/duplicates";

const LABELS: { key: keyof MoveCounts; one: string; many: string }[] = [
  { key: "purchases", one: "purchase", many: "purchases" },
  { key: "returns", one: "return", many: "returns" },
  { key: "serializedItems", one: "serialized item", many: "serialized items" },
  { key: "serviceTickets", one: "service ticket", many: "service tickets" },
  { key: "notes", one: "note", many: "notes" },
  { key: "drafts", one: "draft", many: "drafts" },
  { key: "posRecords", one: "POS record", many: "POS records" },
];

/** "3 purchases, 1 serialized item and 2 POS records move"; null when nothing would move. */
export function describeMoves(moves: MoveCounts): string | null {
  const total = LABELS.reduce((sum, { key }) => sum + moves[key], 0);
  const parts = LABELS.filter(({ key }) => moves[key] > 0).map(({ key, one, many }) => `${moves[key]} ${moves[key] === 1 ? one : many}`);
  if (parts.length === 0) return null;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `${list} ${total === 1 ? "moves" : "move"}`;
}
