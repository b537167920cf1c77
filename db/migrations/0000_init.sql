CREATE TYPE "public"."actor_type" AS ENUM('user', 'system', 'ai', 'rule');--> statement-breakpoint
CREATE TYPE "public"."custody_kind" AS ENUM('received', 'sold', 'registered', 'in_service', 'service_completed', 'returned', 'resold', 'consigned', 'transferred');--> statement-breakpoint
CREATE TYPE "public"."draft_kind" AS ENUM('client_message', 'service_ticket', 'purchase_recommendation', 'clienteling_note', 'return_assessment', 'consignment_offer');--> statement-breakpoint
CREATE TYPE "public"."draft_status" AS ENUM('pending', 'approved', 'rejected', 'expired', 'superseded', 'cancelled', 'executed', 'held', 'execution_failed', 'generation_failed');--> statement-breakpoint
CREATE TYPE "public"."item_status" AS ENUM('in_stock', 'sold', 'in_service', 'returned', 'consigned');--> statement-breakpoint
CREATE TYPE "public"."origin" AS ENUM('webhook', 'backfill', 'seed', 'reconciliation', 'manual');--> statement-breakpoint
CREATE TYPE "public"."pos_event_status" AS ENUM('received', 'processing', 'processed', 'failed', 'dead');--> statement-breakpoint
CREATE TYPE "public"."pos_provider" AS ENUM('shopify', 'square', 'lightspeed_x', 'lightspeed_r', 'clover');--> statement-breakpoint
CREATE TYPE "public"."product_category" AS ENUM('mechanical_watch', 'quartz_watch', 'smart_watch', 'fine_jewellery', 'pearls', 'gold_jewellery', 'electronics');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'manager', 'buyer', 'associate');--> statement-breakpoint
CREATE TYPE "public"."service_kind" AS ENUM('regulation', 'full_service', 'battery', 'water_resistance', 'cleaning', 'resizing', 'rhodium_plating', 'restringing', 'warranty_registration', 'sensor_cleaning', 'repair');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('open', 'in_progress', 'waiting_parts', 'ready', 'closed', 'cancelled');--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"currency" char(3) NOT NULL,
	"city" text NOT NULL,
	"pos_location_refs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"go_live_date" date,
	"rollout_phase" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stores_code_unique" UNIQUE("code"),
	CONSTRAINT "stores_rollout_phase_check" CHECK ("stores"."rollout_phase" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"lockouts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_stores" (
	"user_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	CONSTRAINT "user_stores_user_id_store_id_pk" PRIMARY KEY("user_id","store_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 0 NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_refs" (
	"customer_id" uuid NOT NULL,
	"provider" "pos_provider" NOT NULL,
	"connection_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"external_updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"email_normalized" text,
	"phone" text,
	"phone_normalized" text,
	"address_line" text,
	"city" text,
	"postal_code" text,
	"country" char(2),
	"loyalty_id" text,
	"consent_email" boolean DEFAULT false NOT NULL,
	"consent_sms" boolean DEFAULT false NOT NULL,
	"consent_phone" boolean DEFAULT false NOT NULL,
	"consent_mail" boolean DEFAULT false NOT NULL,
	"do_not_contact" boolean DEFAULT false NOT NULL,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tier" text DEFAULT 'client' NOT NULL,
	"lifetime_value_minor" bigint DEFAULT 0 NOT NULL,
	"currency" char(3) NOT NULL,
	"home_store_id" uuid,
	"preferred_associate_id" uuid,
	"birthday" date,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" "custody_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"store_id" uuid,
	"customer_id" uuid,
	"sale_id" uuid,
	"return_id" uuid,
	"service_ticket_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sku" text NOT NULL,
	"brand" text NOT NULL,
	"name" text NOT NULL,
	"category" "product_category" NOT NULL,
	"collection" text,
	"description" text,
	"price_minor" bigint NOT NULL,
	"cost_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"is_serialized" boolean DEFAULT false NOT NULL,
	"warranty_months" integer DEFAULT 0 NOT NULL,
	"service_interval_months" integer,
	"service_kind" "service_kind",
	"care_notes" text,
	"supplier" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_sku_unique" UNIQUE("sku"),
	CONSTRAINT "products_money_check" CHECK ("products"."price_minor" >= 0 and "products"."cost_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "serialized_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"serial_number" text NOT NULL,
	"status" "item_status" NOT NULL,
	"current_owner_id" uuid,
	"current_store_id" uuid,
	"sold_at" timestamp with time zone,
	"warranty_ends_on" date,
	"next_service_due_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid,
	"sale_line_id" uuid,
	"store_id" uuid NOT NULL,
	"customer_id" uuid,
	"product_id" uuid,
	"quantity" integer NOT NULL,
	"serial_number" text,
	"refund_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"reason" text,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"origin" "origin" NOT NULL,
	"returned_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sale_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"line_no" smallint NOT NULL,
	"product_id" uuid,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"discount_minor" bigint DEFAULT 0 NOT NULL,
	"total_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"serial_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "sale_lines_quantity_check" CHECK ("sale_lines"."quantity" <> 0)
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"associate_id" uuid,
	"customer_id" uuid,
	"provider" text NOT NULL,
	"connection_id" uuid,
	"external_id" text NOT NULL,
	"external_updated_at" timestamp with time zone,
	"origin" "origin" NOT NULL,
	"subtotal_minor" bigint NOT NULL,
	"discount_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"total_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_levels" (
	"store_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"on_order" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"lead_time_days" integer DEFAULT 28 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_levels_store_id_product_id_pk" PRIMARY KEY("store_id","product_id"),
	CONSTRAINT "inventory_levels_nonneg_check" CHECK ("inventory_levels"."on_order" >= 0 and "inventory_levels"."reserved" >= 0 and "inventory_levels"."lead_time_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"customer_id" uuid,
	"item_id" uuid,
	"product_id" uuid,
	"kind" "service_kind" NOT NULL,
	"status" "ticket_status" DEFAULT 'open' NOT NULL,
	"description" text,
	"due_on" date,
	"estimate_minor" bigint,
	"currency" char(3) NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"opened_by_id" uuid,
	"source_draft_id" uuid,
	"provider" text,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"status" "draft_status" DEFAULT 'pending' NOT NULL,
	"store_id" uuid NOT NULL,
	"customer_id" uuid,
	"item_id" uuid,
	"product_id" uuid,
	"sale_id" uuid,
	"dedupe_key" text NOT NULL,
	"output" jsonb,
	"edited_output" jsonb,
	"rationale" text,
	"priority" smallint DEFAULT 50 NOT NULL,
	"source_event_id" text,
	"source_transaction_id" text,
	"model_id" text,
	"prompt_id" text,
	"prompt_version" text,
	"input_hash" text,
	"error" text,
	"version" integer DEFAULT 1 NOT NULL,
	"claimed_by_id" uuid,
	"claimed_until" timestamp with time zone,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"decision_note" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"store_id" uuid,
	"source_transaction_id" text,
	"model_id" text,
	"prompt_version" text,
	"ip" text,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"schema_version" smallint DEFAULT 1 NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" "pos_provider" NOT NULL,
	"name" text NOT NULL,
	"store_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials_encrypted" text,
	"webhook_secret_encrypted" text,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"backfill_cursor" jsonb,
	"last_sync_at" timestamp with time zone,
	"last_sync_status" text,
	"last_error" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pos_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"connection_id" uuid NOT NULL,
	"provider" "pos_provider" NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"raw_body" text NOT NULL,
	"body_sha256" text NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "pos_event_status" DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_stores" ADD CONSTRAINT "user_stores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_stores" ADD CONSTRAINT "user_stores_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_refs" ADD CONSTRAINT "customer_refs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_home_store_id_stores_id_fk" FOREIGN KEY ("home_store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_preferred_associate_id_users_id_fk" FOREIGN KEY ("preferred_associate_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_item_id_serialized_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."serialized_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serialized_items" ADD CONSTRAINT "serialized_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serialized_items" ADD CONSTRAINT "serialized_items_current_owner_id_customers_id_fk" FOREIGN KEY ("current_owner_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serialized_items" ADD CONSTRAINT "serialized_items_current_store_id_stores_id_fk" FOREIGN KEY ("current_store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_sale_line_id_sale_lines_id_fk" FOREIGN KEY ("sale_line_id") REFERENCES "public"."sale_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_associate_id_users_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_levels" ADD CONSTRAINT "inventory_levels_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_levels" ADD CONSTRAINT "inventory_levels_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_item_id_serialized_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."serialized_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_item_id_serialized_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."serialized_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_claimed_by_id_users_id_fk" FOREIGN KEY ("claimed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_events" ADD CONSTRAINT "pos_events_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_stores_store_idx" ON "user_stores" USING btree ("store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "customer_notes_customer_idx" ON "customer_notes" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_refs_key" ON "customer_refs" USING btree ("connection_id","external_id");--> statement-breakpoint
CREATE INDEX "customer_refs_customer_idx" ON "customer_refs" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customers_home_store_idx" ON "customers" USING btree ("home_store_id");--> statement-breakpoint
CREATE INDEX "customers_email_norm_idx" ON "customers" USING btree ("email_normalized");--> statement-breakpoint
CREATE INDEX "customers_phone_norm_idx" ON "customers" USING btree ("phone_normalized");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_loyalty_id_key" ON "customers" USING btree ("loyalty_id");--> statement-breakpoint
CREATE INDEX "customers_tier_idx" ON "customers" USING btree ("tier","lifetime_value_minor");--> statement-breakpoint
CREATE INDEX "customers_last_name_idx" ON "customers" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "custody_events_item_idx" ON "custody_events" USING btree ("item_id","occurred_at");--> statement-breakpoint
CREATE INDEX "custody_events_sale_idx" ON "custody_events" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("category");--> statement-breakpoint
CREATE INDEX "products_brand_idx" ON "products" USING btree ("brand");--> statement-breakpoint
CREATE UNIQUE INDEX "serialized_items_product_serial_key" ON "serialized_items" USING btree ("product_id","serial_number");--> statement-breakpoint
CREATE INDEX "serialized_items_serial_idx" ON "serialized_items" USING btree ("serial_number");--> statement-breakpoint
CREATE INDEX "serialized_items_owner_idx" ON "serialized_items" USING btree ("current_owner_id");--> statement-breakpoint
CREATE INDEX "serialized_items_store_status_idx" ON "serialized_items" USING btree ("current_store_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_external_key" ON "returns" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "returns_sale_idx" ON "returns" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "returns_store_returned_idx" ON "returns" USING btree ("store_id","returned_at");--> statement-breakpoint
CREATE INDEX "returns_serial_idx" ON "returns" USING btree ("serial_number");--> statement-breakpoint
CREATE UNIQUE INDEX "sale_lines_sale_line_key" ON "sale_lines" USING btree ("sale_id","line_no");--> statement-breakpoint
CREATE INDEX "sale_lines_product_idx" ON "sale_lines" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_external_key" ON "sales" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "sales_store_completed_idx" ON "sales" USING btree ("store_id","completed_at");--> statement-breakpoint
CREATE INDEX "sales_customer_completed_idx" ON "sales" USING btree ("customer_id","completed_at");--> statement-breakpoint
CREATE INDEX "inventory_levels_product_idx" ON "inventory_levels" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "service_tickets_store_status_idx" ON "service_tickets" USING btree ("store_id","status","due_on");--> statement-breakpoint
CREATE INDEX "service_tickets_customer_idx" ON "service_tickets" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "service_tickets_item_idx" ON "service_tickets" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_tickets_external_key" ON "service_tickets" USING btree ("provider","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "drafts_dedupe_key" ON "drafts" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "drafts_queue_idx" ON "drafts" USING btree ("store_id","kind","status","priority" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "drafts_customer_idx" ON "drafts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "drafts_sale_idx" ON "drafts" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "drafts_expiry_idx" ON "drafts" USING btree ("expires_at") WHERE "drafts"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "audit_log_occurred_idx" ON "audit_log" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "audit_log_store_idx" ON "audit_log" USING btree ("store_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pos_events_identity_key" ON "pos_events" USING btree ("provider","connection_id","event_id");--> statement-breakpoint
CREATE INDEX "pos_events_status_idx" ON "pos_events" USING btree ("status","id");