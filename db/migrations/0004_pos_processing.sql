CREATE TYPE "public"."sync_run_kind" AS ENUM('backfill', 'reconciliation');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "customer_duplicates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_a_id" uuid NOT NULL,
	"customer_b_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"duplicate_id" uuid,
	"moved" jsonb NOT NULL,
	"survivor_before" jsonb NOT NULL,
	"merged_by_id" uuid,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reverted_by_id" uuid,
	"reverted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"origin" "origin" NOT NULL,
	"store_id" uuid,
	"customer_id" uuid,
	"sale_id" uuid,
	"return_id" uuid,
	"item_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"pos_event_id" bigint,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_refs" (
	"connection_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "product_refs_connection_id_external_id_pk" PRIMARY KEY("connection_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" "sync_run_kind" NOT NULL,
	"status" "sync_run_status" DEFAULT 'queued' NOT NULL,
	"since" timestamp with time zone,
	"resource_index" integer DEFAULT 0 NOT NULL,
	"resource" text,
	"cursor" jsonb,
	"records" integer DEFAULT 0 NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"total_estimate" integer,
	"rate_limit_waits" integer DEFAULT 0 NOT NULL,
	"requested_by_id" uuid,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_refs" ADD COLUMN "external_version" numeric(20, 0);--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "sales" ADD COLUMN "external_version" numeric(20, 0);--> statement-breakpoint
ALTER TABLE "sales" ADD COLUMN "status" text DEFAULT 'completed' NOT NULL;--> statement-breakpoint
ALTER TABLE "pos_events" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_duplicates" ADD CONSTRAINT "customer_duplicates_customer_a_id_customers_id_fk" FOREIGN KEY ("customer_a_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_duplicates" ADD CONSTRAINT "customer_duplicates_customer_b_id_customers_id_fk" FOREIGN KEY ("customer_b_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_duplicates" ADD CONSTRAINT "customer_duplicates_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_survivor_id_customers_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_merged_id_customers_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_duplicate_id_customer_duplicates_id_fk" FOREIGN KEY ("duplicate_id") REFERENCES "public"."customer_duplicates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_merged_by_id_users_id_fk" FOREIGN KEY ("merged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_reverted_by_id_users_id_fk" FOREIGN KEY ("reverted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_refs" ADD CONSTRAINT "product_refs_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_duplicates_pair_key" ON "customer_duplicates" USING btree ("customer_a_id","customer_b_id");--> statement-breakpoint
CREATE INDEX "customer_duplicates_open_idx" ON "customer_duplicates" USING btree ("created_at") WHERE "customer_duplicates"."status" = 'open';--> statement-breakpoint
CREATE INDEX "customer_merges_survivor_idx" ON "customer_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "customer_merges_merged_idx" ON "customer_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "domain_events_pending_idx" ON "domain_events" USING btree ("created_at") WHERE "domain_events"."consumed_at" is null;--> statement-breakpoint
CREATE INDEX "domain_events_type_idx" ON "domain_events" USING btree ("type","occurred_at");--> statement-breakpoint
CREATE INDEX "sync_runs_connection_idx" ON "sync_runs" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_live_key" ON "sync_runs" USING btree ("connection_id") WHERE "sync_runs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "customers_name_lower_idx" ON "customers" USING btree (lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "returns_customer_idx" ON "returns" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "pos_events_due_idx" ON "pos_events" USING btree ("next_attempt_at","id") WHERE "pos_events"."status" in ('received', 'failed');--> statement-breakpoint
CREATE INDEX "pos_events_connection_processed_idx" ON "pos_events" USING btree ("connection_id","processed_at") WHERE "pos_events"."processed_at" is not null;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_cause_key" UNIQUE NULLS NOT DISTINCT("item_id","kind","sale_id","return_id","service_ticket_id");