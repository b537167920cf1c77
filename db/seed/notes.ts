import { customerNotes, type CustomerPreferences } from "../schema";
import type { SeedContext } from "./context";
import { CopyBuffer, copyTarget } from "./copy";
import type { Rng } from "./random";
import { DAY_MS, HOUR_MS, iso } from "./time";

export const notesTarget = copyTarget(customerNotes, ["id", "customerId", "storeId", "authorId", "body", "createdAt"] as const);

const CATEGORY_WORDS: Record<string, string> = {
  mechanical_watch: "a mechanical watch",
  quartz_watch: "a quartz watch",
  smart_watch: "a connected watch",
  fine_jewellery: "a diamond piece",
  pearls: "a pearl strand",
  gold_jewellery: "a gold bracelet",
  electronics: "a camera",
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

type NoteSubject = {
  customerId: string;
  storeIndex: number;
  authorIndex: number;
  createdAtMs: number;
  isFemale: boolean;
  preferences: CustomerPreferences;
};

/** What an associate writes on a clienteling card: tastes, sizes, occasions, how to reach them. */
function noteBodies(rng: Rng, subject: NoteSubject): string[] {
  const { preferences } = subject;
  const they = subject.isFemale ? "she" : "he";
  const their = subject.isFemale ? "her" : "his";
  const category = preferences.categories?.[0];
  const brand = preferences.brands?.[0];
  const bodies = [
    `Prefers a private appointment in the salon; ${they} travels a lot in ${rng.pick(MONTHS)}.`,
    `Asked to hear first when new pieces arrive${brand ? ` from ${brand}` : ""}.`,
    "Prefers a call to an e-mail; late afternoon is best.",
    `Buys gifts for ${their} family before Christmas; likes to see a short selection in early December.`,
  ];
  if (category) bodies.push(`Looking for ${CATEGORY_WORDS[category]} for a milestone birthday; show the new arrivals first.`);
  if (preferences.wristSizeMm) bodies.push(`Wrist ${preferences.wristSizeMm} mm: cases up to 40 mm sit best; likes leather straps in summer.`);
  if (preferences.ringSize) bodies.push(`Ring size ${preferences.ringSize}; prefers ${preferences.metals?.[0] ?? "platinum"}.`);
  const anniversary = preferences.occasions?.find((occasion) => occasion.kind === "wedding_anniversary");
  if (anniversary) bodies.push(`Wedding anniversary in ${MONTHS[Number(anniversary.date.slice(5, 7)) - 1]}; suggest a matching piece a few weeks before.`);
  if (rng.chance(0.1)) bodies.push("Sensitive to nickel: check the alloy before suggesting a steel bracelet.");
  return bodies;
}

/** About one client in six has one or two notes from their associate (or the store manager). */
export function writeClientNotes(rng: Rng, ctx: SeedContext, out: CopyBuffer<(typeof notesTarget.keys)[number]>, subject: NoteSubject): void {
  if (!rng.chance(0.17)) return;
  const storeUsers = ctx.sellers[subject.storeIndex];
  const authorIndex = subject.authorIndex >= 0 ? subject.authorIndex : storeUsers.length > 0 ? rng.pick(storeUsers).userIndex : -1;
  const bodies = noteBodies(rng, subject);
  const count = rng.chance(0.3) ? 2 : 1;
  const earliest = Math.max(subject.createdAtMs, ctx.nowMs - 730 * DAY_MS);
  for (let n = 0; n < count && bodies.length > 0; n++) {
    const [body] = bodies.splice(rng.int(0, bodies.length - 1), 1);
    out.push({
      id: rng.uuid(),
      customerId: subject.customerId,
      storeId: ctx.stores[subject.storeIndex].id,
      authorId: authorIndex >= 0 ? ctx.users[authorIndex].id : null,
      body,
      createdAt: iso(Math.floor(rng.between(earliest, ctx.nowMs - HOUR_MS))),
    });
  }
}
