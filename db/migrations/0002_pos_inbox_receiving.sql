CREATE TABLE "pos_webhook_rejections" (
	"connection_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_webhook_rejections_connection_id_reason_minute_pk" PRIMARY KEY("connection_id","reason","minute")
);
--> statement-breakpoint
ALTER TABLE "pos_events" ADD COLUMN "account" text;--> statement-breakpoint
ALTER TABLE "pos_events" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "pos_webhook_rejections" ADD CONSTRAINT "pos_webhook_rejections_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;