import { route } from "@/lib/auth/route";
import { appendAudit } from "@/lib/audit/append";
import { auditCsvHeader, auditCsvRows } from "@/lib/audit/csv";
import { auditFilterSchema, streamAuditEntries } from "@/lib/audit/queries";

export const GET = route({ permission: "audit.read", query: auditFilterSchema }, async (filters, { db, viewer, request }) => {
  // exporting the trail is itself an audited act
  await appendAudit(db, {
    actorType: "user",
    actorId: viewer.id,
    actorRole: viewer.role,
    action: "audit.exported",
    details: { filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) },
    ip: request.ip,
    requestId: request.requestId,
  });
  const encoder = new TextEncoder();
  const batches = streamAuditEntries(db, viewer, filters);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRows(next.value)));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="vitrine-audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
