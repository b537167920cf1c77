CREATE TABLE "draft_daily_all" (
	"day" date NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"prompt_version" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"edited" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"expired" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "draft_daily_all_day_kind_prompt_version_pk" PRIMARY KEY("day","kind","prompt_version")
);
--> statement-breakpoint
CREATE TABLE "draft_decision_time_daily_all" (
	"day" date NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"bucket" smallint NOT NULL,
	"decided" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "draft_decision_time_daily_all_day_kind_bucket_pk" PRIMARY KEY("day","kind","bucket")
);
--> statement-breakpoint
CREATE TABLE "reject_reason_daily_all" (
	"day" date NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"reason" text NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reject_reason_daily_all_day_kind_reason_pk" PRIMARY KEY("day","kind","reason")
);
--> statement-breakpoint
CREATE TABLE "stock_risks" (
	"store_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"sold" integer NOT NULL,
	"available" integer NOT NULL,
	"on_order" integer NOT NULL,
	"lead_time_days" integer NOT NULL,
	"cover" double precision NOT NULL,
	CONSTRAINT "stock_risks_store_id_product_id_pk" PRIMARY KEY("store_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_daily" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"prompt_version" text NOT NULL,
	"suggested" integer DEFAULT 0 NOT NULL,
	"bought" integer DEFAULT 0 NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"dismissed" integer DEFAULT 0 NOT NULL,
	"used_bought" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "suggestion_daily_store_id_day_prompt_version_pk" PRIMARY KEY("store_id","day","prompt_version")
);
--> statement-breakpoint
CREATE TABLE "suggestion_daily_all" (
	"day" date NOT NULL,
	"prompt_version" text NOT NULL,
	"suggested" integer DEFAULT 0 NOT NULL,
	"bought" integer DEFAULT 0 NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"dismissed" integer DEFAULT 0 NOT NULL,
	"used_bought" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "suggestion_daily_all_day_prompt_version_pk" PRIMARY KEY("day","prompt_version")
);
--> statement-breakpoint
DROP INDEX "sales_category_daily_day_idx";--> statement-breakpoint
ALTER TABLE "suggestion_purchases" ADD COLUMN "feedback" text;--> statement-breakpoint
CREATE INDEX "draft_decision_time_daily_all_covering_idx" ON "draft_decision_time_daily_all" USING btree ("day","kind","bucket","decided");--> statement-breakpoint
CREATE INDEX "stock_risks_urgency_idx" ON "stock_risks" USING btree ("cover","sold" DESC NULLS LAST,"store_id","product_id");--> statement-breakpoint
CREATE INDEX "sales_category_daily_day_idx" ON "sales_category_daily" USING btree ("day","store_id","category","currency","units","revenue_minor");--> statement-breakpoint
-- Second-level rollups (db/schema/rollups.ts): the draft-side daily rollups summed over every store.
-- A statement trigger on each per-store rollup folds the statement's changed rows (new +1, old -1,
-- rollup_src) into one delta per key and upserts the non-zero deltas in key order, after the
-- per-store rows: each statement takes its row locks in one order, so writers cannot deadlock on them.
-- TG_ARGV: the target table, its key columns, its counted columns (comma-separated).
CREATE FUNCTION rollup_all_stores_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  target text := TG_ARGV[0];
  keys text := TG_ARGV[1];
  counts text[] := string_to_array(TG_ARGV[2], ',');
BEGIN
  EXECUTE format(
    'INSERT INTO %I AS t (%s, %s) SELECT %s, %s FROM (%s) r GROUP BY %s HAVING %s ORDER BY %s ON CONFLICT (%s) DO UPDATE SET %s',
    target, keys, array_to_string(counts, ', '), keys,
    (SELECT string_agg(format('sum(r.sign * r.%I)', c), ', ') FROM unnest(counts) c),
    rollup_src(TG_OP), keys,
    (SELECT string_agg(format('sum(r.sign * r.%I) <> 0', c), ' OR ') FROM unnest(counts) c),
    keys, keys,
    (SELECT string_agg(format('%I = t.%I + excluded.%I', c, c, c), ', ') FROM unnest(counts) c));
  RETURN NULL;
END $fn$;
--> statement-breakpoint
-- One trigger per table and operation (transition tables allow one event each).
CREATE FUNCTION rollup_all_stores_attach(source text, target text, keys text, counts text) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE op text;
BEGIN
  FOREACH op IN ARRAY array['INSERT', 'UPDATE', 'DELETE'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION rollup_all_stores_trigger(%L, %L, %L)',
      source || '_all_' || lower(op), op, source,
      CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows' ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
      target, keys, counts);
  END LOOP;
END $fn$;
--> statement-breakpoint
SELECT rollup_all_stores_attach('draft_daily', 'draft_daily_all', 'day, kind, prompt_version', 'created,approved,edited,rejected,expired');
--> statement-breakpoint
SELECT rollup_all_stores_attach('draft_decision_time_daily', 'draft_decision_time_daily_all', 'day, kind, bucket', 'decided');
--> statement-breakpoint
SELECT rollup_all_stores_attach('reject_reason_daily', 'reject_reason_daily_all', 'day, kind, reason', 'rejected');
--> statement-breakpoint
SELECT rollup_all_stores_attach('suggestion_daily', 'suggestion_daily_all', 'day, prompt_version', 'suggested,bought,used,dismissed,used_bought');
--> statement-breakpoint
-- What associates did with each suggestion: 'used' if any store used it, else 'dismissed' if any
-- dismissed it. Feedback counts only for the suggestion it was given on (same key), so an edited note
-- does not inherit it.
CREATE FUNCTION suggestion_feedback_of(draft uuid, idx smallint, key text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN bool_or(f.outcome = 'used') THEN 'used' WHEN count(*) > 0 THEN 'dismissed' END
    FROM suggestion_feedback f WHERE f.draft_id = draft AND f.suggestion_index = idx AND f.suggestion_key = key
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION suggestion_purchases_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM suggestion_purchases WHERE draft_id = ANY(ids);
  INSERT INTO suggestion_purchases (draft_id, suggestion_index, store_id, customer_id, prompt_version, suggestion_key, decided_at, day, bought_at, feedback)
  SELECT d.id, (a.n - 1)::smallint, d.store_id, d.customer_id, coalesce(d.prompt_version, ''), k.key, d.decided_at,
         (d.decided_at AT TIME ZONE st.timezone)::date, suggestion_bought_at(d.customer_id, k.key, d.decided_at),
         suggestion_feedback_of(d.id, (a.n - 1)::smallint, k.key)
    FROM drafts d JOIN stores st ON st.id = d.store_id
   CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(coalesce(d.edited_output, d.output)->'nextBestActions') = 'array'
                                                THEN coalesce(d.edited_output, d.output)->'nextBestActions' ELSE '[]' END) WITH ORDINALITY a(v, n)
   CROSS JOIN LATERAL (SELECT lower(trim(a.v->>'brand')) || '|' || lower(trim(a.v->>'name')) AS key) k
   WHERE d.id = ANY(ids) AND d.kind = 'clienteling_note' AND rollup_is_approved(d.status)
     AND d.customer_id IS NOT NULL AND d.decided_at IS NOT NULL AND k.key IS NOT NULL
   ORDER BY 1, 2
$$;
--> statement-breakpoint
UPDATE suggestion_purchases SET feedback = suggestion_feedback_of(draft_id, suggestion_index, suggestion_key)
 WHERE draft_id IN (SELECT draft_id FROM suggestion_feedback);
--> statement-breakpoint
CREATE FUNCTION rollup_suggestion_feedback_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    UPDATE suggestion_purchases o SET feedback = b.feedback
      FROM (SELECT p.draft_id, p.suggestion_index, suggestion_feedback_of(p.draft_id, p.suggestion_index, p.suggestion_key) AS feedback
              FROM suggestion_purchases p
             WHERE (p.draft_id, p.suggestion_index) IN (SELECT r.draft_id, r.suggestion_index FROM (%s) r)
             ORDER BY 1, 2) b
     WHERE o.draft_id = b.draft_id AND o.suggestion_index = b.suggestion_index AND o.feedback IS DISTINCT FROM b.feedback
  $q$, rollup_src(TG_OP, 'r.draft_id, r.suggestion_index'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_suggestion_feedback_insert AFTER INSERT ON suggestion_feedback REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_suggestion_feedback_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_suggestion_feedback_update AFTER UPDATE ON suggestion_feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_suggestion_feedback_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_suggestion_feedback_delete AFTER DELETE ON suggestion_feedback REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_suggestion_feedback_trigger();
--> statement-breakpoint
-- suggestion_purchases per store, day and prompt version.
CREATE FUNCTION rollup_suggestions_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO suggestion_daily AS t (store_id, day, prompt_version, suggested, bought, used, dismissed, used_bought)
    SELECT r.store_id, r.day, r.prompt_version, sum(r.sign), sum(r.sign * f.bought), sum(r.sign * f.used), sum(r.sign * f.dismissed),
           sum(r.sign * f.used * f.bought)
      FROM (%s) r
     CROSS JOIN LATERAL (SELECT (r.bought_at IS NOT NULL)::int AS bought, (r.feedback IS NOT DISTINCT FROM 'used')::int AS used,
                                (r.feedback IS NOT DISTINCT FROM 'dismissed')::int AS dismissed) f
     GROUP BY 1, 2, 3
    HAVING sum(r.sign) <> 0 OR sum(r.sign * f.bought) <> 0 OR sum(r.sign * f.used) <> 0 OR sum(r.sign * f.dismissed) <> 0
        OR sum(r.sign * f.used * f.bought) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (store_id, day, prompt_version) DO UPDATE SET suggested = t.suggested + excluded.suggested, bought = t.bought + excluded.bought,
      used = t.used + excluded.used, dismissed = t.dismissed + excluded.dismissed, used_bought = t.used_bought + excluded.used_bought
  $q$, rollup_src(TG_OP));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_suggestions_insert AFTER INSERT ON suggestion_purchases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_suggestions_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_suggestions_update AFTER UPDATE ON suggestion_purchases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_suggestions_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_suggestions_delete AFTER DELETE ON suggestion_purchases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_suggestions_trigger();
--> statement-breakpoint
-- Stock-out risks (stock_risks): available * 28 days / units sold < lead time, where units sold are
-- the latest demand snapshot (27 local days before its as_of, lib/overview/buying) plus the units
-- sold since. Writers hold a shared advisory lock while they recompute lines, the daily rebuild an
-- exclusive one, so no line is recomputed against a snapshot that is being replaced.
CREATE FUNCTION stock_risks_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE snap date;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('stock_risks'));
  DELETE FROM stock_risks;
  snap := (SELECT max(as_of) FROM demand_snapshots);
  IF snap IS NULL THEN RETURN; END IF;
  INSERT INTO stock_risks (store_id, product_id, sold, available, on_order, lead_time_days, cover)
  SELECT l.store_id, l.product_id, d.sold, l.on_hand - l.reserved, l.on_order, l.lead_time_days, greatest(l.on_hand - l.reserved, 0) * 28::float8 / d.sold
    FROM (SELECT coalesce(s.store_id, t.store_id) AS store_id, coalesce(s.product_id, t.product_id) AS product_id,
                 (coalesce(s.units, 0) + coalesce(t.units, 0))::int AS sold
            FROM (SELECT store_id, product_id, units FROM demand_snapshots WHERE as_of = snap) s
            FULL JOIN (SELECT store_id, product_id, sum(units) AS units FROM sales_product_daily WHERE day >= snap GROUP BY 1, 2) t
              ON t.store_id = s.store_id AND t.product_id = s.product_id) d
    JOIN inventory_levels l ON l.store_id = d.store_id AND l.product_id = d.product_id
   WHERE d.sold > 0 AND greatest(l.on_hand - l.reserved, 0) * 28::float8 / d.sold < l.lead_time_days
   ORDER BY 1, 2;
END $$;
--> statement-breakpoint
-- Recomputes the lines (key_stores[i], key_products[i]). The inventory rows are share-locked first
-- (in key order): a concurrent change of the same line's stock waits for this transaction, or this
-- waits for it, and whichever comes second recomputes with both changes visible.
CREATE FUNCTION stock_risks_refresh(key_stores uuid[], key_products uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE snap date;
BEGIN
  IF coalesce(array_length(key_stores, 1), 0) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtext('stock_risks'));
  snap := (SELECT max(as_of) FROM demand_snapshots);
  IF snap IS NULL THEN RETURN; END IF;
  PERFORM 1 FROM inventory_levels l JOIN unnest(key_stores, key_products) k(s, p) ON l.store_id = k.s AND l.product_id = k.p
   ORDER BY l.store_id, l.product_id FOR SHARE OF l;
  DELETE FROM stock_risks r USING unnest(key_stores, key_products) k(s, p) WHERE r.store_id = k.s AND r.product_id = k.p;
  INSERT INTO stock_risks (store_id, product_id, sold, available, on_order, lead_time_days, cover)
  SELECT l.store_id, l.product_id, d.sold, l.on_hand - l.reserved, l.on_order, l.lead_time_days, greatest(l.on_hand - l.reserved, 0) * 28::float8 / d.sold
    FROM (SELECT DISTINCT s, p FROM unnest(key_stores, key_products) k(s, p)) k
    JOIN inventory_levels l ON l.store_id = k.s AND l.product_id = k.p
   CROSS JOIN LATERAL (
     SELECT (coalesce((SELECT units FROM demand_snapshots WHERE as_of = snap AND store_id = k.s AND product_id = k.p), 0)
           + coalesce((SELECT sum(units) FROM sales_product_daily WHERE store_id = k.s AND product_id = k.p AND day >= snap), 0))::int AS sold) d
   WHERE d.sold > 0 AND greatest(l.on_hand - l.reserved, 0) * 28::float8 / d.sold < l.lead_time_days
   ORDER BY 1, 2;
END $$;
--> statement-breakpoint
CREATE FUNCTION stock_risks_inventory_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT stock_risks_refresh(array_agg(r.store_id), array_agg(r.product_id)) FROM (%s) r',
    rollup_src(TG_OP, 'r.store_id, r.product_id'));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Units sold since the snapshot changed: only rows of days on or after it matter.
CREATE FUNCTION stock_risks_sales_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT stock_risks_refresh(array_agg(r.store_id), array_agg(r.product_id)) FROM (%s) r
                   WHERE r.day >= (SELECT max(as_of) FROM demand_snapshots)',
    rollup_src(TG_OP, 'r.store_id, r.product_id, r.day'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stock_risks_inventory_insert AFTER INSERT ON inventory_levels REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_risks_inventory_trigger();
--> statement-breakpoint
CREATE TRIGGER stock_risks_inventory_update AFTER UPDATE ON inventory_levels REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_risks_inventory_trigger();
--> statement-breakpoint
CREATE TRIGGER stock_risks_inventory_delete AFTER DELETE ON inventory_levels REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_risks_inventory_trigger();
--> statement-breakpoint
CREATE TRIGGER stock_risks_sales_insert AFTER INSERT ON sales_product_daily REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_risks_sales_trigger();
--> statement-breakpoint
CREATE TRIGGER stock_risks_sales_update AFTER UPDATE ON sales_product_daily REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_risks_sales_trigger();
--> statement-breakpoint
CREATE TRIGGER stock_risks_sales_delete AFTER DELETE ON sales_product_daily REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_risks_sales_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE stores, products, drafts, sales, sale_lines, service_tickets, suggestion_feedback, inventory_levels IN SHARE MODE;
  TRUNCATE draft_daily, draft_decision_time_daily, reject_reason_daily, draft_pending, sales_daily,
    sales_category_daily, sales_product_daily, ticket_daily, suggestion_purchases, suggestion_daily,
    draft_daily_all, draft_decision_time_daily_all, reject_reason_daily_all, suggestion_daily_all;
  EXECUTE rollup_sql_drafts('SELECT r.*, 1 AS sign FROM drafts r');
  EXECUTE rollup_sql_sales('SELECT r.*, 1 AS sign FROM sales r');
  EXECUTE rollup_sql_lines('SELECT sale_id, product_id, quantity, total_minor, currency, 1 AS sign FROM sale_lines',
    'SELECT id, store_id, status, completed_at, 1 AS sign FROM sales');
  EXECUTE rollup_sql_tickets('SELECT r.*, 1 AS sign FROM service_tickets r');
  PERFORM suggestion_purchases_refresh(array(SELECT id FROM drafts WHERE kind = 'clienteling_note' AND rollup_is_approved(status)));
  PERFORM stock_risks_rebuild();
END $$;
--> statement-breakpoint
-- Fill the new rollups from the rows that exist (cheaper than rollups_rebuild(), which locks writers out).
INSERT INTO suggestion_daily (store_id, day, prompt_version, suggested, bought, used, dismissed, used_bought)
SELECT store_id, day, prompt_version, count(*), count(bought_at), count(*) FILTER (WHERE feedback = 'used'),
       count(*) FILTER (WHERE feedback = 'dismissed'), count(bought_at) FILTER (WHERE feedback = 'used')
  FROM suggestion_purchases GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO draft_daily_all (day, kind, prompt_version, created, approved, edited, rejected, expired)
SELECT day, kind, prompt_version, sum(created), sum(approved), sum(edited), sum(rejected), sum(expired)
  FROM draft_daily GROUP BY 1, 2, 3 HAVING sum(created) <> 0 OR sum(approved) <> 0 OR sum(edited) <> 0 OR sum(rejected) <> 0 OR sum(expired) <> 0;
--> statement-breakpoint
INSERT INTO draft_decision_time_daily_all (day, kind, bucket, decided)
SELECT day, kind, bucket, sum(decided) FROM draft_decision_time_daily GROUP BY 1, 2, 3 HAVING sum(decided) <> 0;
--> statement-breakpoint
INSERT INTO reject_reason_daily_all (day, kind, reason, rejected)
SELECT day, kind, reason, sum(rejected) FROM reject_reason_daily GROUP BY 1, 2, 3 HAVING sum(rejected) <> 0;
--> statement-breakpoint
SELECT stock_risks_rebuild();
