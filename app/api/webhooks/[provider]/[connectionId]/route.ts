import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { webhookConnectors } from "@/lib/pos/connectors";
import { readBodyWithLimit, BodyTooLarge, webhookBodyLimit } from "@/lib/sync/body";
import { receiveWebhook } from "@/lib/sync/receive";

/**
 * POST /api/webhooks/<provider>/<connectionId>: one URL per connection, so the secret is known
 * before anything is parsed. Authenticated by the platform's signature, not by a session.
 */
export async function POST(req: NextRequest, { params }: { params: Promise<{ provider: string; connectionId: string }> }) {
  const { provider, connectionId } = await params;
  let rawBody: Buffer;
  try {
    rawBody = await readBodyWithLimit(req, webhookBodyLimit());
  } catch (error) {
    if (error instanceof BodyTooLarge) return NextResponse.json({ error: "payload too large" }, { status: 413 });
    throw error;
  }
  const headers = Object.fromEntries([...req.headers.entries()].map(([name, value]) => [name.toLowerCase(), value]));
  const outcome = await receiveWebhook(getDb(), webhookConnectors, { provider, connectionId, rawBody, headers });
  return NextResponse.json(outcome.body, { status: outcome.status });
}
