import { Link2Off } from "lucide-react";

const CONFIGURATION = "configuration:";

/**
 * A dead letter's error as text (it can quote a POS body, which is untrusted). A configuration error
 * is something an admin fixes, so it reads as the instruction first, the detail after.
 */
export function DeadLetterError({ error }: { error: string | null }) {
  if (!error) return <span className="text-muted-foreground">—</span>;
  if (error.startsWith(CONFIGURATION)) {
    return (
      <div className="flex flex-col gap-0.5">
        <span className="flex items-center gap-1.5 font-medium text-warning">
          <Link2Off aria-hidden className="size-3.5 shrink-0" />
          Map the location in Admin → Connections, then retry.
        </span>
        <span className="text-xs break-words text-muted-foreground">{error.slice(CONFIGURATION.length).trim()}</span>
      </div>
    );
  }
  return <span className="break-words text-destructive">{error}</span>;
}
