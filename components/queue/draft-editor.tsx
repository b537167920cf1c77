"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/components/ui/cn";
import { fieldControlClass } from "@/components/ui/input";
import type { ReviewKind } from "@/lib/review/kinds";
import { editableFields, recommendationLines, textOf, type DraftOutput } from "./draft-fields";
import { OutputDiff } from "./text-diff";

/** The reviewer's version of the draft: the kind's text fields (or a recommendation's quantities), with the diff against the AI's text as they type. */
export function DraftEditor({
  kind,
  aiOutput,
  startFrom,
  errors,
  isPending,
  onSave,
  onApprove,
  onCancel,
}: {
  kind: ReviewKind;
  aiOutput: DraftOutput | null;
  startFrom: DraftOutput;
  errors: string[];
  isPending: boolean;
  onSave: (output: DraftOutput) => void;
  onApprove: (output: DraftOutput) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState<DraftOutput>(startFrom);
  const [isDiscardArmed, setIsDiscardArmed] = useState(false);
  const firstField = useRef<HTMLElement | null>(null);
  const fields = editableFields(kind, startFrom);
  // focus goes to the text a reviewer edits most: the message, description or note
  const primary = fields.find((field) => field.input === "text") ?? fields[0];
  const isChanged = JSON.stringify(value) !== JSON.stringify(startFrom);

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onApprove(value);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      if (!isChanged || isDiscardArmed) onCancel();
      else setIsDiscardArmed(true);
    }
  };

  const setField = (key: string, text: string, isNullable?: boolean) => {
    setIsDiscardArmed(false);
    setValue((current) => ({ ...current, [key]: isNullable && text.trim() === "" ? null : text }));
  };
  const lines = recommendationLines(value);

  return (
    <form
      aria-label="Edit the draft"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value);
      }}
      className="space-y-4"
    >
      {fields.map((field) => {
        const id = `draft-edit-${field.key}`;
        const ref = field === primary ? (element: HTMLElement | null) => void (firstField.current = element) : undefined;
        return (
          <div key={field.key} className="flex flex-col gap-1.5">
            <Label htmlFor={id}>{field.label}</Label>
            {field.input === "text" ? (
              <textarea
                id={id}
                ref={ref}
                rows={field.key === "body" || field.key === "note" || field.key === "description" ? 8 : 3}
                value={textOf(value, field.key)}
                onChange={(event) => setField(field.key, event.target.value, field.isNullable)}
                className={cn(fieldControlClass, "h-auto min-h-20 resize-y py-2 leading-relaxed")}
              />
            ) : (
              <Input
                id={id}
                ref={ref}
                type={field.input === "date" ? "date" : "text"}
                value={textOf(value, field.key)}
                onChange={(event) => setField(field.key, event.target.value, field.isNullable)}
              />
            )}
          </div>
        );
      })}
      {kind === "purchase_recommendation" ? (
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium">Quantities</legend>
          {lines.map((line, index) => (
            <div key={line.productId} className="flex items-center justify-between gap-3">
              <Label htmlFor={`draft-edit-qty-${index}`} className="font-normal">
                {line.name} <span className="font-mono text-xs text-muted-foreground">{line.sku}</span>
              </Label>
              <Input
                id={`draft-edit-qty-${index}`}
                ref={index === 0 ? (element) => void (firstField.current = element) : undefined}
                type="number"
                min={1}
                max={10000}
                inputMode="numeric"
                className="w-24 text-right tabular-nums"
                value={String(line.quantity)}
                onChange={(event) => {
                  setIsDiscardArmed(false);
                  const quantity = Number.parseInt(event.target.value, 10);
                  setValue((current) => ({
                    ...current,
                    lines: recommendationLines(current).map((l, i) => (i === index ? { ...l, quantity: Number.isNaN(quantity) ? 0 : quantity } : l)),
                  }));
                }}
              />
            </div>
          ))}
        </fieldset>
      ) : null}

      <FieldError id="draft-edit" errors={errors} />
      <OutputDiff kind={kind} before={aiOutput} after={value} title="Changes from the AI's draft" />
      {isDiscardArmed ? (
        <p role="status" className="text-xs text-warning">
          Press Escape again to discard your changes.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" onClick={() => onApprove(value)} disabled={isPending} aria-keyshortcuts="Control+Enter">
          Approve with edits
        </Button>
        <Button type="submit" variant="outline" disabled={isPending || !isChanged}>
          Save edits
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={isPending}>
          Cancel
        </Button>
        <span className="ml-auto text-xs text-muted-foreground">
          <kbd className="font-mono">Ctrl</kbd>+<kbd className="font-mono">Enter</kbd> approves · <kbd className="font-mono">Esc</kbd> cancels
        </span>
      </div>
    </form>
  );
}
