"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/** Each entry: its alternatives (a key, or keys pressed together or in sequence), and what it does. */
export const SHORTCUTS: [alternatives: string[][], what: string][] = [
  [[["j"], ["↓"]], "Next draft"],
  [[["k"], ["↑"]], "Previous draft"],
  [[["Enter"], ["o"]], "Open the draft"],
  [[["a"]], "Approve the open draft"],
  [[["e"]], "Edit the open draft"],
  [[["Ctrl", "Enter"]], "Approve with your edits (while editing)"],
  [[["r"]], "Reject the open draft"],
  [[["x"]], "Select or unselect the draft"],
  [[["Shift", "A"]], "Approve the selected drafts"],
  [[["Shift", "R"]], "Reject the selected drafts"],
  [[["g", "1–4"]], "Switch to the first … fourth tab (g, then a number)"],
  [[["Esc"]], "Cancel editing, or close the draft"],
  [[["?"]], "Show these shortcuts"],
];

/** The help overlay: every queue shortcut. They never fire while typing in a field. */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>They work anywhere in the queue except while you type in a field.</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-6 gap-y-2 text-sm">
          {SHORTCUTS.map(([alternatives, what]) => (
            <div key={what} className="contents">
              <dt className="flex items-center gap-1 text-xs text-muted-foreground">
                {alternatives.map((keys, index) => (
                  <span key={keys.join("+")} className="flex items-center gap-1">
                    {index > 0 ? "or" : null}
                    {keys.map((key, k) => (
                      <span key={key} className="flex items-center gap-1">
                        {k > 0 ? (keys[0] === "g" ? "then" : "+") : null}
                        <kbd className="min-w-6 rounded border bg-muted px-1.5 py-0.5 text-center font-mono text-xs text-foreground">{key}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
