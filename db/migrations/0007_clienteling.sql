CREATE TABLE "suggestion_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"suggestion_index" smallint NOT NULL,
	"suggestion_key" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"user_id" uuid,
	"outcome" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_feedback_outcome_check" CHECK ("suggestion_feedback"."outcome" in ('used', 'dismissed'))
);
--> statement-breakpoint
ALTER TABLE "suggestion_feedback" ADD CONSTRAINT "suggestion_feedback_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_feedback" ADD CONSTRAINT "suggestion_feedback_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_feedback" ADD CONSTRAINT "suggestion_feedback_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_feedback" ADD CONSTRAINT "suggestion_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "suggestion_feedback_key" ON "suggestion_feedback" USING btree ("draft_id","suggestion_index","store_id");--> statement-breakpoint
CREATE INDEX "suggestion_feedback_customer_idx" ON "suggestion_feedback" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "suggestion_feedback_store_at_idx" ON "suggestion_feedback" USING btree ("store_id","at");--> statement-breakpoint
-- Search (lib/search): trigram and unaccent, so "Noel" finds "Noël", "lindqvst" finds "Lindqvist" and the
-- last digits of a serial find it. unaccent() is only STABLE (its dictionary could change), so an index
-- needs an IMMUTABLE wrapper that names the dictionary explicitly.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vitrine_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;
--> statement-breakpoint
-- Client search reads no expression per row (unaccent costs ~50 µs a call, too much for thousands of
-- candidates): a client's name is indexed as an array of unaccented, lower-cased words (GIN, exact), and
-- the distinct words form a small vocabulary (customer_search_words) where prefixes and typos are looked up
-- by trigram. E-mail, phone and loyalty id are plain columns with trigram indexes. GIN indexes here
-- have no pending list (fastupdate off): a search must not scan up to 4 MB of unmerged entries (60 ms).
CREATE OR REPLACE FUNCTION vitrine_name_words(first_name text, last_name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_remove(regexp_split_to_array(
    lower(vitrine_unaccent(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))), '[^[:alnum:]]+'), '') $$;
--> statement-breakpoint
CREATE INDEX "customers_name_words_idx" ON "customers" USING gin (vitrine_name_words("first_name", "last_name")) WITH (fastupdate = off)
  WHERE "erased_at" IS NULL AND "merged_into_id" IS NULL;
--> statement-breakpoint
CREATE INDEX "customers_email_trgm_idx" ON "customers" USING gin ("email_normalized" gin_trgm_ops) WITH (fastupdate = off)
  WHERE "erased_at" IS NULL AND "merged_into_id" IS NULL;
--> statement-breakpoint
CREATE INDEX "customers_phone_trgm_idx" ON "customers" USING gin ("phone_normalized" gin_trgm_ops) WITH (fastupdate = off)
  WHERE "erased_at" IS NULL AND "merged_into_id" IS NULL;
--> statement-breakpoint
CREATE INDEX "customers_loyalty_trgm_idx" ON "customers" USING gin (lower("loyalty_id") gin_trgm_ops) WITH (fastupdate = off)
  WHERE "erased_at" IS NULL AND "merged_into_id" IS NULL;
--> statement-breakpoint
-- The vocabulary of name words; only ever grows (a word nobody has any more matches no client).
CREATE TABLE "customer_search_words" ("word" text PRIMARY KEY);
--> statement-breakpoint
CREATE INDEX "customer_search_words_trgm_idx" ON "customer_search_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_search_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_search_words (word)
  SELECT DISTINCT w FROM changed, unnest(vitrine_name_words(changed.first_name, changed.last_name)) w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER customers_search_words_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION customer_search_words_add();
--> statement-breakpoint
CREATE TRIGGER customers_search_words_update AFTER UPDATE ON customers
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION customer_search_words_add();
--> statement-breakpoint
INSERT INTO customer_search_words (word)
SELECT DISTINCT unnest(vitrine_name_words(first_name, last_name)) FROM customers ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE INDEX "serialized_items_serial_trgm_idx" ON "serialized_items" USING gin (lower("serial_number") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
-- The card lists a client's purchases newest first and their drafts by kind.
CREATE INDEX "service_tickets_customer_status_idx" ON "service_tickets" ("customer_id", "status");
--> statement-breakpoint
-- Integrity flags of the serialized registry (lib/registry/flags.ts), computed set-wise from the chain of
-- custody each time they are read, so they can never disagree with it (nothing to maintain on the sync's
-- write path). Three kinds:
--   sold_twice          a sale (sold / resold) whose previous ownership step was also a sale, no return,
--                       receipt or consignment in between;
--   unknown_at_sale     a sale that is the item's first step: the registry never received the serial
--                       before it was sold (the sync creates such items from the sale itself);
--   serial_on_products  the same serial number recorded on two or more products.
-- store_id is where the flag belongs (the sale's store, or the item's current store), for scoping.
CREATE VIEW "serial_integrity_flags" AS
SELECT s.item_id,
       CASE WHEN s.previous_kind IS NULL THEN 'unknown_at_sale' ELSE 'sold_twice' END AS kind,
       s.store_id, s.sale_id, s.id AS custody_event_id, s.occurred_at AS detected_at
FROM (
  -- one pass over the ownership steps; a filter on item_id (the partition key) is pushed into it
  SELECT e.id, e.item_id, e.kind, e.occurred_at, e.store_id, e.sale_id,
         lag(e.kind) OVER (PARTITION BY e.item_id ORDER BY e.occurred_at, e.created_at, e.id) AS previous_kind
  FROM custody_events e
  WHERE e.kind IN ('received', 'sold', 'resold', 'returned', 'consigned')
) s
WHERE s.kind IN ('sold', 'resold') AND (s.previous_kind IS NULL OR s.previous_kind IN ('sold', 'resold'))
UNION ALL
SELECT i.id, 'serial_on_products', i.current_store_id, NULL::uuid, NULL::uuid, i.created_at
FROM serialized_items i
WHERE EXISTS (
  SELECT 1 FROM serialized_items other
  WHERE other.serial_number = i.serial_number AND other.product_id <> i.product_id
);
