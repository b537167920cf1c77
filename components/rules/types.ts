/** A rule as the admin's table and dialog show it; conditions already said in words on the server. */
export type RuleListItem = {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  storeId: string | null;
  scopeLabel: string;
  enabled: boolean;
  version: number;
  conditions: { maxValueMinor: number | null; excludeTiers: string[]; maxPriority: number | null; requireNoFlags: boolean };
  words: string[];
};

export type Option = { value: string; label: string };
