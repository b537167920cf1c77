"use client";

import { useEffect, useEffectEvent, useRef } from "react";

/** How long after "g" a digit still switches tab. */
const G_PREFIX_MS = 1500;

/** What the keys do; each returns whether it applied (so the key's default is kept otherwise). */
export type QueueCommands = {
  /** dialogs handle their own keys */
  isDialogOpen: boolean;
  move: (step: 1 | -1) => boolean;
  openCurrent: () => boolean;
  approve: () => boolean;
  edit: () => boolean;
  reject: () => boolean;
  toggleCurrent: () => boolean;
  decideSelected: (decision: "approve" | "reject") => boolean;
  switchTab: (index: number) => boolean;
  showHelp: () => void;
  escape: () => boolean;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The queue's single-key shortcuts (listed in shortcuts-dialog.tsx). They never fire while the
 * reviewer types in a field, with a modifier held, or while a dialog is open.
 */
export function useQueueShortcuts(commands: QueueCommands) {
  const gPressedAt = useRef(0);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || commands.isDialogOpen) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (Date.now() - gPressedAt.current < G_PREFIX_MS && /^[1-9]$/.test(event.key)) {
      gPressedAt.current = 0;
      if (commands.switchTab(Number(event.key) - 1)) event.preventDefault();
      return;
    }
    // arrows keep scrolling the draft pane; in the list (or with nothing focused) they move between drafts
    const isArrowForList = !target || target === document.body || Boolean(target.closest("[data-queue-list]"));
    const handled = (() => {
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          return isArrowForList && commands.move(event.key === "ArrowDown" ? 1 : -1);
        case "j":
        case "k":
          return commands.move(event.key === "j" ? 1 : -1);
        case "o":
          return commands.openCurrent();
        case "Enter":
          // a focused link or button does its own thing
          return !target?.closest("a, button, [role=checkbox]") && commands.openCurrent();
        case "a":
          return commands.approve();
        case "e":
          return commands.edit();
        case "r":
          return commands.reject();
        case "x":
          return commands.toggleCurrent();
        case "A":
        case "R":
          return commands.decideSelected(event.key === "A" ? "approve" : "reject");
        case "g":
          gPressedAt.current = Date.now();
          return true;
        case "?":
          commands.showHelp();
          return true;
        case "Escape":
          return commands.escape();
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}
