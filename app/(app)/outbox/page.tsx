import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CircleCheck, Inbox } from "lucide-react";
import { getDb } from "@/db/client";
import { FailedExecutionsTable } from "@/components/outbox/failed-executions-table";
import { OutboxTable } from "@/components/outbox/outbox-table";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { isMailConfigured } from "@/lib/mail/smtp";
import { listFailedExecutions, listOutbox } from "@/lib/review/execute/queries";

export const metadata: Metadata = { title: "Outbox" };

const SHOWN = 100;

export default async function OutboxPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "drafts.review.client_message")) forbidden();
  const db = getDb();
  const [messages, failures] = await Promise.all([listOutbox(db, viewer, SHOWN), listFailedExecutions(db, viewer, SHOWN)]);
  const mailConfigured = isMailConfigured();
  const waiting = messages.some((row) => row.status === "not_sent_no_channel");

  return (
    <>
      <PageHeader title="Outbox" description="What approved drafts sent to clients, and every approved draft whose execution failed." />
      {!mailConfigured && waiting ? (
        <Notice tone="info" className="mb-4">
          E-mail is not configured (SMTP_URL and SMTP_FROM), so approved messages wait here as not sent. Once it is, send them with Send now.
        </Notice>
      ) : null}

      <h2 className="mb-1 font-serif text-xl font-medium tracking-tight">Messages</h2>
      <p className="mb-3 text-sm text-muted-foreground">Newest first (up to {SHOWN}). Addresses show only their domain.</p>
      {messages.length === 0 ? (
        <EmptyState icon={Inbox} title="No messages yet" description="A client message appears here once it is approved." />
      ) : (
        <OutboxTable rows={messages} canSendEmail={mailConfigured} />
      )}

      <h2 className="mt-10 mb-1 font-serif text-xl font-medium tracking-tight">Failed executions</h2>
      <p className="mb-3 text-sm text-muted-foreground">
        Approved drafts of every kind you review that could not be carried out. Failures retry on their own; after five tries, fix the cause and retry.
      </p>
      {failures.length === 0 ? (
        <EmptyState icon={CircleCheck} title="Nothing failed" description="Every approved draft was carried out." />
      ) : (
        <FailedExecutionsTable rows={failures} />
      )}
    </>
  );
}
