import { formatDateTime } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ClientCard } from "@/lib/clienteling/card";
import { AddNoteForm } from "./add-note-form";

export function ClientNotes({
  notes,
  customerId,
  storeId,
  canNote,
  timezone,
}: {
  notes: ClientCard["notes"];
  customerId: string;
  storeId: string | null;
  canNote: boolean;
  timezone: string;
}) {
  return (
    <Card aria-labelledby="client-notes">
      <CardHeader>
        <CardTitle id="client-notes">Associate notes</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {canNote && storeId ? <AddNoteForm customerId={customerId} storeId={storeId} /> : null}
        {notes.length === 0 ? (
          <p className="text-sm text-muted-foreground">No note yet.</p>
        ) : (
          <ul className="space-y-3">
            {notes.map((note) => (
              <li key={note.id} className="rounded-lg border bg-muted/30 px-3 py-2">
                <p className="text-sm whitespace-pre-wrap">{note.body}</p>
                <p className="mt-1 text-xs text-muted-foreground">
                  {note.authorName ?? "Someone"}
                  {note.storeCode ? ` · ${note.storeCode}` : ""} · {formatDateTime(note.createdAt, timezone)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
