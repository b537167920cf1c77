ALTER TYPE "public"."service_kind" ADD VALUE 'complaint';--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"store_id" uuid,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "draft_counters" (
	"store_id" uuid NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"status" "draft_status" NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "draft_counters_store_id_kind_status_pk" PRIMARY KEY("store_id","kind","status")
);
--> statement-breakpoint
CREATE TABLE "draft_executions" (
	"draft_id" uuid PRIMARY KEY NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"store_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"result" jsonb,
	"requested_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"customer_id" uuid,
	"channel" text NOT NULL,
	"recipient" text,
	"subject" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_cost_minor" bigint NOT NULL,
	CONSTRAINT "purchase_order_lines_quantity_check" CHECK ("purchase_order_lines"."quantity" > 0 and "purchase_order_lines"."unit_cost_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"type" text DEFAULT 'purchase' NOT NULL,
	"store_id" uuid NOT NULL,
	"from_store_id" uuid,
	"supplier" text,
	"currency" char(3) NOT NULL,
	"total_cost_minor" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"source_draft_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "drafts_queue_idx";--> statement-breakpoint
DROP INDEX "domain_events_pending_idx";--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "value_minor" bigint;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "blocked_reason" text;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "edited_by_id" uuid;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "decided_by_rule_id" uuid;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "executed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "rules_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "domain_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "domain_events" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "domain_events" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "domain_events" ADD COLUMN "dead_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_executions" ADD CONSTRAINT "draft_executions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_executions" ADD CONSTRAINT "draft_executions_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_executions" ADD CONSTRAINT "draft_executions_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_from_store_id_stores_id_fk" FOREIGN KEY ("from_store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_source_draft_id_drafts_id_fk" FOREIGN KEY ("source_draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_rules_kind_idx" ON "automation_rules" USING btree ("kind","enabled");--> statement-breakpoint
CREATE INDEX "draft_executions_due_idx" ON "draft_executions" USING btree ("next_attempt_at") WHERE "draft_executions"."status" in ('queued', 'failed');--> statement-breakpoint
CREATE INDEX "draft_executions_store_idx" ON "draft_executions" USING btree ("store_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_draft_key" ON "outbox_messages" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_store_idx" ON "outbox_messages" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "purchase_order_lines_order_idx" ON "purchase_order_lines" USING btree ("purchase_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_number_key" ON "purchase_orders" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_draft_key" ON "purchase_orders" USING btree ("source_draft_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_store_idx" ON "purchase_orders" USING btree ("store_id","created_at");--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_edited_by_id_users_id_fk" FOREIGN KEY ("edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drafts_kind_priority_idx" ON "drafts" USING btree ("kind","status","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "drafts_kind_created_idx" ON "drafts" USING btree ("kind","status","created_at","id");--> statement-breakpoint
CREATE INDEX "drafts_rules_unchecked_idx" ON "drafts" USING btree ("created_at") WHERE "drafts"."status" = 'pending' and "drafts"."rules_checked_at" is null;--> statement-breakpoint
CREATE INDEX "drafts_queue_idx" ON "drafts" USING btree ("store_id","kind","status","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "domain_events_pending_idx" ON "domain_events" USING btree ("created_at") WHERE "domain_events"."consumed_at" is null and "domain_events"."dead_at" is null;--> statement-breakpoint
CREATE SEQUENCE "purchase_order_number_seq";
--> statement-breakpoint
-- The queue's tab counts. Statement-level triggers fold a whole statement's rows into one delta per
-- (store, kind, status), so a bulk insert of a million drafts costs one upsert per group, not per row.
-- Deltas are applied in key order so concurrent writers take the counter rows' locks in one order.
CREATE FUNCTION draft_counters_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO draft_counters AS c (store_id, kind, status, count)
  SELECT (d->>'store_id')::uuid, (d->>'kind')::draft_kind, (d->>'status')::draft_status, (d->>'n')::bigint
  FROM jsonb_array_elements(deltas) AS d
  WHERE (d->>'n')::bigint <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (store_id, kind, status) DO UPDATE SET count = c.count + excluded.count
$$;
--> statement-breakpoint
CREATE FUNCTION draft_counters_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM draft_counters_apply(coalesce((
    SELECT jsonb_agg(jsonb_build_object('store_id', store_id, 'kind', kind, 'status', status, 'n', n))
    FROM (SELECT store_id, kind, status, count(*) AS n FROM new_rows GROUP BY 1, 2, 3) g), '[]'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION draft_counters_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM draft_counters_apply(coalesce((
    SELECT jsonb_agg(jsonb_build_object('store_id', store_id, 'kind', kind, 'status', status, 'n', n))
    FROM (
      SELECT store_id, kind, status, sum(n) AS n FROM (
        SELECT store_id, kind, status, 1 AS n FROM new_rows
        UNION ALL
        SELECT store_id, kind, status, -1 AS n FROM old_rows
      ) u GROUP BY 1, 2, 3
    ) g WHERE n <> 0), '[]'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION draft_counters_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM draft_counters_apply(coalesce((
    SELECT jsonb_agg(jsonb_build_object('store_id', store_id, 'kind', kind, 'status', status, 'n', -n))
    FROM (SELECT store_id, kind, status, count(*) AS n FROM old_rows GROUP BY 1, 2, 3) g), '[]'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER draft_counters_insert AFTER INSERT ON drafts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION draft_counters_on_insert();
--> statement-breakpoint
CREATE TRIGGER draft_counters_update AFTER UPDATE ON drafts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION draft_counters_on_update();
--> statement-breakpoint
CREATE TRIGGER draft_counters_delete AFTER DELETE ON drafts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION draft_counters_on_delete();
--> statement-breakpoint
-- Counters for drafts that existed before this migration.
INSERT INTO draft_counters (store_id, kind, status, count)
SELECT store_id, kind, status, count(*) FROM drafts GROUP BY 1, 2, 3;
