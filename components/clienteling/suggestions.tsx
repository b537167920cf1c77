import { Lightbulb } from "lucide-react";
import { formatDate } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ClientCard } from "@/lib/clienteling/card";
import { pieceName } from "@/lib/clienteling/labels";
import { SuggestionFeedbackButtons } from "./suggestion-feedback-buttons";

/** Talking points from approved clienteling notes, and their next-best-actions that are in stock here. */
export function Suggestions({
  talkingPoints,
  suggestions,
  storeId,
  canFeedback,
}: {
  talkingPoints: ClientCard["talkingPoints"];
  suggestions: ClientCard["suggestions"];
  storeId: string | null;
  canFeedback: boolean;
}) {
  return (
    <Card aria-labelledby="client-talking-points">
      <CardHeader>
        <CardTitle id="client-talking-points">Talking points and next-best-actions</CardTitle>
        <CardDescription>From approved clienteling notes; only pieces in stock at your store are suggested.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {talkingPoints.length === 0 ? (
          <p className="text-sm text-muted-foreground">No approved clienteling note about this client yet.</p>
        ) : (
          talkingPoints.slice(0, 2).map((point) => (
            <figure key={point.draftId} className="rounded-lg border-l-2 border-gold bg-muted/30 px-3 py-2">
              <p className="text-sm whitespace-pre-wrap">{point.note}</p>
              {point.managerThankYou ? <p className="mt-2 text-sm text-muted-foreground">Manager: {point.managerThankYou}</p> : null}
              <figcaption className="mt-1 text-xs text-muted-foreground">Note of {formatDate(point.createdAt)}</figcaption>
            </figure>
          ))
        )}
        {suggestions.length > 0 ? (
          <ul className="divide-y" aria-label="Next-best-actions">
            {suggestions.map((s) => (
              <li key={`${s.draftId}-${s.index}`} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <span className="flex min-w-0 gap-2">
                  <Lightbulb aria-hidden className="mt-0.5 size-4 shrink-0 text-gold" />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium">{pieceName(s.brand, s.name)}</span>
                    <span className="block text-xs text-muted-foreground">
                      {s.reason} · {s.available} in stock
                    </span>
                  </span>
                </span>
                {canFeedback && storeId ? (
                  <SuggestionFeedbackButtons draftId={s.draftId} index={s.index} storeId={storeId} label={pieceName(s.brand, s.name)} outcome={s.feedback} />
                ) : null}
              </li>
            ))}
          </ul>
        ) : talkingPoints.length > 0 ? (
          <p className="text-sm text-muted-foreground">None of the suggested pieces is in stock at your store.</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
