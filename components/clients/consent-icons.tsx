import { Ban, Mail, Mailbox, MessageSquare, Phone, type LucideIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";

const CHANNELS: { key: "email" | "sms" | "phone" | "mail"; label: string; icon: LucideIcon }[] = [
  { key: "email", label: "E-mail", icon: Mail },
  { key: "sms", label: "SMS", icon: MessageSquare },
  { key: "phone", label: "Phone", icon: Phone },
  { key: "mail", label: "Post", icon: Mailbox },
];

/** Which channels the client agreed to be contacted on; a do-not-contact flag overrides them all. */
export function ConsentIcons({
  consent,
  doNotContact,
}: {
  consent: Record<(typeof CHANNELS)[number]["key"], boolean>;
  doNotContact: boolean;
}) {
  if (doNotContact) {
    return (
      <span className="inline-flex items-center gap-1.5 text-xs font-medium text-destructive">
        <Ban aria-hidden className="size-3.5" /> Do not contact
      </span>
    );
  }
  const agreed = CHANNELS.filter((c) => consent[c.key]).map((c) => c.label);
  return (
    <span className="inline-flex items-center gap-1.5">
      {CHANNELS.map(({ key, label, icon: Icon }) => (
        <Icon
          key={key}
          aria-hidden
          className={cn("size-3.5", consent[key] ? "text-foreground" : "text-muted-foreground/30")}
          strokeWidth={consent[key] ? 2 : 1.5}
        >
          <title>{`${label}: ${consent[key] ? "consented" : "no consent"}`}</title>
        </Icon>
      ))}
      <span className="sr-only">{agreed.length ? `Consented to ${agreed.join(", ")}` : "No contact consent"}</span>
    </span>
  );
}
