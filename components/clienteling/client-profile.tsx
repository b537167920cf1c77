import { CalendarHeart, Mail, MapPin, Phone, Store, UserRound } from "lucide-react";
import { formatDay, formatMoney } from "@/components/format";
import { ConsentIcons } from "@/components/clients/consent-icons";
import { TierBadge } from "@/components/clients/tier-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ClientCard } from "@/lib/clienteling/card";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

/** Who the client is: tier, value, where and with whom they shop, how they may be contacted, what to remember. */
export function ClientProfile({ client }: { client: ClientCard["client"] }) {
  const prefs = client.preferences;
  const allDates = [...(client.birthday ? [{ kind: "birthday", date: client.birthday }] : []), ...(prefs.occasions ?? []).map((o) => ({ kind: o.kind, date: o.date }))];
  // the birthday is often also among the occasions
  const dates = allDates.filter((d, i) => allDates.findIndex((o) => o.kind.toLowerCase() === d.kind.toLowerCase() && o.date === d.date) === i);
  const tastes = [...(prefs.brands ?? []), ...(prefs.categories ?? []).map((c) => c.replaceAll("_", " ")), ...(prefs.metals ?? [])];
  return (
    <Card aria-labelledby="client-who">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle id="client-who">Who</CardTitle>
        <TierBadge tier={client.tier} />
      </CardHeader>
      <CardContent>
        <dl className="divide-y">
          <Row label="Lifetime value">
            <span className="font-medium tabular-nums">{formatMoney(client.lifetimeValueMinor, client.currency)}</span>
          </Row>
          <Row label="Preferred store">
            {client.homeStore ? (
              <span className="inline-flex items-center gap-1.5">
                <Store aria-hidden className="size-3.5 text-muted-foreground" /> {client.homeStore.name}
              </span>
            ) : (
              "—"
            )}
          </Row>
          <Row label="Preferred associate">
            {client.preferredAssociate ? (
              <span className="inline-flex items-center gap-1.5">
                <UserRound aria-hidden className="size-3.5 text-muted-foreground" /> {client.preferredAssociate.name}
              </span>
            ) : (
              "—"
            )}
          </Row>
          <Row label="Contact">
            <span className="flex flex-col gap-0.5">
              {client.email ? (
                <span className="inline-flex items-center gap-1.5 break-all">
                  <Mail aria-hidden className="size-3.5 shrink-0 text-muted-foreground" /> {client.email}
                </span>
              ) : null}
              {client.phone ? (
                <span className="inline-flex items-center gap-1.5">
                  <Phone aria-hidden className="size-3.5 text-muted-foreground" /> {client.phone}
                </span>
              ) : null}
              {client.city ? (
                <span className="inline-flex items-center gap-1.5">
                  <MapPin aria-hidden className="size-3.5 text-muted-foreground" /> {client.city}
                </span>
              ) : null}
              {!client.email && !client.phone && !client.city ? "—" : null}
            </span>
          </Row>
          <Row label="Consent">
            <ConsentIcons consent={client.consent} doNotContact={client.doNotContact} />
          </Row>
          {client.loyaltyId ? <Row label="Loyalty id">{client.loyaltyId}</Row> : null}
          <Row label="Preferences">
            {tastes.length || prefs.ringSize || prefs.wristSizeMm ? (
              <span>
                {[...tastes, prefs.ringSize ? `ring size ${prefs.ringSize}` : null, prefs.wristSizeMm ? `wrist ${prefs.wristSizeMm} mm` : null]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
            ) : (
              <span className="text-muted-foreground">None recorded</span>
            )}
          </Row>
          <Row label="Important dates">
            {dates.length ? (
              <ul className="space-y-0.5">
                {dates.map((d) => (
                  <li key={`${d.kind}-${d.date}`} className="inline-flex items-center gap-1.5">
                    <CalendarHeart aria-hidden className="size-3.5 text-muted-foreground" />
                    <span className="capitalize">{d.kind}</span>
                    <span className="text-muted-foreground tabular-nums">{formatDay(d.date)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-muted-foreground">None recorded</span>
            )}
          </Row>
        </dl>
      </CardContent>
    </Card>
  );
}
