import { z } from "zod";
import { PosApiError } from "@/lib/pos/http";

/**
 * Where serial numbers live on platforms that have no serial field. Square (shared/pos README §2.3) and
 * Clover (§5.3) expose none in their APIs (UNCONFIRMED: no field was found, not a statement that none
 * exists), so the line item's free-text `note` is the only carrier. Shops type e.g. "S/N: RLX-126610"
 * there; the pattern is per connection because each shop writes it its own way.
 *
 * Shared by the Square and Clover connectors (lib/pos/clover imports it from here).
 */

export const DEFAULT_SERIAL_PATTERN = "S/N:\\s*([A-Z0-9-]+)";

function isUsablePattern(pattern: string): boolean {
  try {
    // One capture group at least: the serial is group 1, the rest of the match is the label.
    return new RegExp(`${pattern}|`).exec("")!.length > 1;
  } catch {
    return false;
  }
}

export const serialSourceSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("line_item_note"),
      pattern: z.string().min(1).refine(isUsablePattern, "pattern must be a valid regular expression with a capture group"),
    }),
    z.object({ kind: z.literal("none") }),
  ])
  .default({ kind: "line_item_note", pattern: DEFAULT_SERIAL_PATTERN });

export type SerialSource = z.infer<typeof serialSourceSchema>;

/** Every serial the note carries, in order, without repeats (a line of two pieces may list two). */
export function serialsFromNote(note: string | null | undefined, source: SerialSource): string[] {
  if (source.kind === "none" || !note) return [];
  const serials: string[] = [];
  for (const match of note.matchAll(new RegExp(source.pattern, "g"))) {
    const serial = match[1]?.trim();
    if (serial && !serials.includes(serial)) serials.push(serial);
  }
  return serials;
}

/**
 * "2" → 2. Vitrine counts whole units; a fractional quantity (a weighed item) is refused, not rounded,
 * and retrying will not change it.
 */
export function wholeQuantity(value: string | number, what: string): number {
  const match = /^([+-]?\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!match || /[^0]/.test(match[2] ?? "")) throw new PosApiError(`${what}: not a whole quantity: ${JSON.stringify(value)}`, null, false);
  return Number(match[1]);
}
