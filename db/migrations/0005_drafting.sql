ALTER TABLE "drafts" ADD COLUMN "latency_ms" integer;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "usage" jsonb;