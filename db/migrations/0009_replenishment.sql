CREATE TABLE "replenishment_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by_id" uuid,
	"as_of" date,
	"series_total" integer DEFAULT 0 NOT NULL,
	"series_done" integer DEFAULT 0 NOT NULL,
	"proposed" integer DEFAULT 0 NOT NULL,
	"superseded" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"accuracy" jsonb,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_out_weeks" (
	"store_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_out_weeks_store_id_product_id_week_start_pk" PRIMARY KEY("store_id","product_id","week_start")
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "pack_size" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "min_order_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replenishment_runs" ADD CONSTRAINT "replenishment_runs_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_out_weeks" ADD CONSTRAINT "stock_out_weeks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_out_weeks" ADD CONSTRAINT "stock_out_weeks_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "replenishment_runs_created_idx" ON "replenishment_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "replenishment_runs_one_live_key" ON "replenishment_runs" USING btree ("trigger") WHERE "replenishment_runs"."status" in ('queued', 'running');