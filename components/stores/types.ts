/** A store as the rollout table shows it: dates already worked out on the server. */
export type StoreRolloutItem = {
  id: string;
  code: string;
  name: string;
  phase: 1 | 2 | 3;
  goLiveDate: string | null;
  daysSinceGoLive: number | null;
  /** the first day rules may approve client-facing drafts (go-live + 90 days); null without a go-live date */
  humanOnlyUntil: string | null;
  isHumanOnly: boolean;
  heldCount: number;
};

export const PHASE_LABEL: Record<1 | 2 | 3, string> = {
  1: "Insights only",
  2: "Assisted",
  3: "Conditional automation",
};

export const PHASE_HINT: Record<1 | 2 | 3, string> = {
  1: "Drafts are visible; an approval is held and nothing leaves Vitrine.",
  2: "An approval executes: messages are sent, tickets and orders created.",
  3: "As phase 2, and enabled automation rules may approve low-risk drafts.",
};
