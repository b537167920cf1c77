ALTER TABLE "purchase_orders" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_external_key" ON "purchase_orders" USING btree ("provider","external_id");