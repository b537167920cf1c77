/** The client address as the nearest proxy (or Next.js itself) reported it: the last hop, which a client cannot forge. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const hops = forwarded.split(",").map((hop) => hop.trim()).filter(Boolean);
    if (hops.length > 0) return hops[hops.length - 1];
  }
  return headers.get("x-real-ip") ?? "unknown";
}

export function requestId(headers: Headers): string | null {
  return headers.get("x-request-id");
}
