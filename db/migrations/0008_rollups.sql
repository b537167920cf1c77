CREATE TABLE "draft_daily" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"prompt_version" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"edited" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"expired" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "draft_daily_store_id_day_kind_prompt_version_pk" PRIMARY KEY("store_id","day","kind","prompt_version")
);
--> statement-breakpoint
CREATE TABLE "draft_decision_time_daily" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"bucket" smallint NOT NULL,
	"decided" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "draft_decision_time_daily_store_id_day_kind_bucket_pk" PRIMARY KEY("store_id","day","kind","bucket")
);
--> statement-breakpoint
CREATE TABLE "draft_pending" (
	"store_id" uuid NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"value_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "draft_pending_store_id_kind_pk" PRIMARY KEY("store_id","kind")
);
--> statement-breakpoint
CREATE TABLE "reject_reason_daily" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" "draft_kind" NOT NULL,
	"reason" text NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reject_reason_daily_store_id_day_kind_reason_pk" PRIMARY KEY("store_id","day","kind","reason")
);
--> statement-breakpoint
CREATE TABLE "sales_category_daily" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"currency" text NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_category_daily_store_id_day_category_currency_pk" PRIMARY KEY("store_id","day","category","currency")
);
--> statement-breakpoint
CREATE TABLE "sales_daily" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"sales" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_daily_store_id_day_currency_pk" PRIMARY KEY("store_id","day","currency")
);
--> statement-breakpoint
CREATE TABLE "sales_product_daily" (
	"store_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"day" date NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_product_daily_store_id_product_id_day_pk" PRIMARY KEY("store_id","product_id","day")
);
--> statement-breakpoint
CREATE TABLE "suggestion_purchases" (
	"draft_id" uuid NOT NULL,
	"suggestion_index" smallint NOT NULL,
	"store_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"prompt_version" text NOT NULL,
	"suggestion_key" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"bought_at" timestamp with time zone,
	CONSTRAINT "suggestion_purchases_draft_id_suggestion_index_pk" PRIMARY KEY("draft_id","suggestion_index")
);
--> statement-breakpoint
CREATE TABLE "ticket_daily" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ticket_daily_store_id_day_source_pk" PRIMARY KEY("store_id","day","source")
);
--> statement-breakpoint
CREATE INDEX "draft_daily_day_idx" ON "draft_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "draft_decision_time_daily_day_idx" ON "draft_decision_time_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "reject_reason_daily_day_idx" ON "reject_reason_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "sales_category_daily_day_idx" ON "sales_category_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "sales_daily_day_idx" ON "sales_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "sales_product_daily_day_idx" ON "sales_product_daily" USING btree ("day","store_id");--> statement-breakpoint
CREATE INDEX "suggestion_purchases_customer_idx" ON "suggestion_purchases" USING btree ("customer_id","suggestion_key");--> statement-breakpoint
CREATE INDEX "suggestion_purchases_store_day_idx" ON "suggestion_purchases" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "ticket_daily_day_idx" ON "ticket_daily" USING btree ("day");
--> statement-breakpoint
-- Rollups for the overview dashboard (db/schema/rollups.ts). Each rollup row is a sum of per-row
-- "contributions" of base rows, computed by the *_contrib functions below. Statement-level triggers
-- (transition tables, as draft_counters in 0006) add the contributions of new rows and subtract those
-- of old rows, fold them into one delta per key and upsert the non-zero deltas in key order: additive
-- upserts commute, so concurrent writers stay exact and take the rollup rows' locks in one order.
-- rollups_rebuild() recomputes everything from the same functions, so rebuild == incremental.
-- Days are the store's local days: (ts AT TIME ZONE stores.timezone)::date.
CREATE FUNCTION rollup_is_approved(status draft_status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('approved', 'held', 'executed', 'execution_failed')
$$;
--> statement-breakpoint
-- Log-scale bucket of a decision time: bucket b = [2^(b/4), 2^((b+1)/4)) seconds.
CREATE FUNCTION rollup_time_bucket(seconds double precision) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT floor(4 * log(2, greatest(seconds, 1)::numeric))::smallint
$$;
--> statement-breakpoint
-- A trigger's rows with a sign: the new ones added, the old ones taken away.
CREATE FUNCTION rollup_src(op text, cols text DEFAULT 'r.*') RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows r', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows r', cols)
    ELSE format('SELECT %s, 1 AS sign FROM new_rows r UNION ALL SELECT %s, -1 AS sign FROM old_rows r', cols, cols) END
$$;
--> statement-breakpoint
CREATE FUNCTION draft_daily_contrib(kind draft_kind, status draft_status, prompt_version text, created_at timestamptz,
    decided_at timestamptz, expires_at timestamptz, is_edited boolean, tz text)
  RETURNS TABLE (day date, kind draft_kind, prompt_version text, created int, approved int, edited int, rejected int, expired int)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT (created_at AT TIME ZONE tz)::date, kind, coalesce(prompt_version, ''), 1, 0, 0, 0, 0
  UNION ALL
  SELECT (coalesce(decided_at, expires_at, created_at) AT TIME ZONE tz)::date, kind, coalesce(prompt_version, ''), 0,
         rollup_is_approved(status)::int, (rollup_is_approved(status) AND is_edited)::int,
         (status = 'rejected')::int, (status = 'expired')::int
   WHERE rollup_is_approved(status) OR status IN ('rejected', 'expired')
$$;
--> statement-breakpoint
-- The statement that applies draft rows; `src` is a query of draft rows with a `sign` column: +1 to add them, -1 to take them away.
CREATE FUNCTION rollup_sql_drafts(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH c AS MATERIALIZED (
      SELECT d.sign, d.store_id, d.kind, d.status, d.prompt_version, d.created_at, d.decided_at, d.expires_at,
             d.edited_output IS NOT NULL AS is_edited, d.decision_reason, d.value_minor, st.timezone AS tz
        FROM (%s) d JOIN stores st ON st.id = d.store_id),
    daily AS (
      INSERT INTO draft_daily AS t (store_id, day, kind, prompt_version, created, approved, edited, rejected, expired)
      SELECT c.store_id, k.day, k.kind, k.prompt_version, sum(c.sign * k.created), sum(c.sign * k.approved),
             sum(c.sign * k.edited), sum(c.sign * k.rejected), sum(c.sign * k.expired)
        FROM c CROSS JOIN LATERAL draft_daily_contrib(c.kind, c.status, c.prompt_version, c.created_at, c.decided_at, c.expires_at, c.is_edited, c.tz) k
       GROUP BY 1, 2, 3, 4
      HAVING sum(c.sign * k.created) <> 0 OR sum(c.sign * k.approved) <> 0 OR sum(c.sign * k.edited) <> 0
          OR sum(c.sign * k.rejected) <> 0 OR sum(c.sign * k.expired) <> 0
       ORDER BY 1, 2, 3, 4
      ON CONFLICT (store_id, day, kind, prompt_version) DO UPDATE SET created = t.created + excluded.created,
        approved = t.approved + excluded.approved, edited = t.edited + excluded.edited,
        rejected = t.rejected + excluded.rejected, expired = t.expired + excluded.expired),
    times AS (
      INSERT INTO draft_decision_time_daily AS t (store_id, day, kind, bucket, decided)
      SELECT c.store_id, (c.decided_at AT TIME ZONE c.tz)::date, c.kind,
             rollup_time_bucket(extract(epoch FROM c.decided_at - c.created_at)), sum(c.sign)
        FROM c WHERE c.decided_at IS NOT NULL AND (rollup_is_approved(c.status) OR c.status = 'rejected')
       GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (store_id, day, kind, bucket) DO UPDATE SET decided = t.decided + excluded.decided),
    reasons AS (
      INSERT INTO reject_reason_daily AS t (store_id, day, kind, reason, rejected)
      SELECT c.store_id, (coalesce(c.decided_at, c.created_at) AT TIME ZONE c.tz)::date, c.kind, coalesce(c.decision_reason, 'other'), sum(c.sign)
        FROM c WHERE c.status = 'rejected'
       GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (store_id, day, kind, reason) DO UPDATE SET rejected = t.rejected + excluded.rejected)
    INSERT INTO draft_pending AS t (store_id, kind, pending, value_minor)
    SELECT c.store_id, c.kind, sum(c.sign), sum(c.sign * coalesce(c.value_minor, 0))
      FROM c WHERE c.status = 'pending'
     GROUP BY 1, 2 HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.value_minor, 0)) <> 0 ORDER BY 1, 2
    ON CONFLICT (store_id, kind) DO UPDATE SET pending = t.pending + excluded.pending, value_minor = t.value_minor + excluded.value_minor
  $q$, src)
$fn$;
--> statement-breakpoint
-- First purchase of a suggested item (brand + name) by the client within 30 days after the approval.
CREATE FUNCTION suggestion_bought_at(customer uuid, suggestion text, decided timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT min(s.completed_at)
    FROM sales s JOIN sale_lines l ON l.sale_id = s.id JOIN products p ON p.id = l.product_id
   WHERE s.customer_id = customer AND s.status = 'completed' AND l.quantity > 0
     AND s.completed_at >= decided AND s.completed_at < decided + interval '30 days'
     AND lower(trim(p.brand)) || '|' || lower(trim(p.name)) = suggestion
$$;
--> statement-breakpoint
-- The suggestion rows of approved clienteling notes among `ids`, replacing what was there.
CREATE FUNCTION suggestion_purchases_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM suggestion_purchases WHERE draft_id = ANY(ids);
  INSERT INTO suggestion_purchases (draft_id, suggestion_index, store_id, customer_id, prompt_version, suggestion_key, decided_at, day, bought_at)
  SELECT d.id, (a.n - 1)::smallint, d.store_id, d.customer_id, coalesce(d.prompt_version, ''), k.key, d.decided_at,
         (d.decided_at AT TIME ZONE st.timezone)::date, suggestion_bought_at(d.customer_id, k.key, d.decided_at)
    FROM drafts d JOIN stores st ON st.id = d.store_id
   CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(coalesce(d.edited_output, d.output)->'nextBestActions') = 'array'
                                                THEN coalesce(d.edited_output, d.output)->'nextBestActions' ELSE '[]' END) WITH ORDINALITY a(v, n)
   CROSS JOIN LATERAL (SELECT lower(trim(a.v->>'brand')) || '|' || lower(trim(a.v->>'name')) AS key) k
   WHERE d.id = ANY(ids) AND d.kind = 'clienteling_note' AND rollup_is_approved(d.status)
     AND d.customer_id IS NOT NULL AND d.decided_at IS NOT NULL AND k.key IS NOT NULL
   ORDER BY 1, 2
$$;
--> statement-breakpoint
-- Re-derives bought_at for the suggestions made to `customer_ids` (after their sales changed).
CREATE FUNCTION suggestion_purchases_recheck(customer_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE suggestion_purchases o SET bought_at = b.at
    FROM (SELECT draft_id, suggestion_index, suggestion_bought_at(customer_id, suggestion_key, decided_at) AS at
            FROM suggestion_purchases WHERE customer_id = ANY(customer_ids) ORDER BY 1, 2) b
   WHERE o.draft_id = b.draft_id AND o.suggestion_index = b.suggestion_index AND o.bought_at IS DISTINCT FROM b.at
$$;
--> statement-breakpoint
CREATE FUNCTION rollup_drafts_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE rollup_sql_drafts(rollup_src(TG_OP));
  IF TG_OP = 'INSERT' THEN
    PERFORM suggestion_purchases_refresh(array(SELECT id FROM new_rows WHERE kind = 'clienteling_note' AND rollup_is_approved(status)));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM suggestion_purchases_refresh(array(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.kind = 'clienteling_note' AND (rollup_is_approved(n.status) OR rollup_is_approved(o.status))
         AND (n.status, n.decided_at, n.customer_id, n.store_id, n.prompt_version, coalesce(n.edited_output, n.output))
             IS DISTINCT FROM (o.status, o.decided_at, o.customer_id, o.store_id, o.prompt_version, coalesce(o.edited_output, o.output))));
  ELSE
    DELETE FROM suggestion_purchases WHERE draft_id IN (SELECT id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_drafts_insert AFTER INSERT ON drafts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_drafts_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_drafts_update AFTER UPDATE ON drafts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_drafts_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_drafts_delete AFTER DELETE ON drafts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_drafts_trigger();
--> statement-breakpoint
-- Sale lines, each paired with its sale as the sale is (or was) and its product's category.
-- `src` yields (sign, sale_id, product_id, quantity, total_minor, currency); `sale_src` the sales side.
CREATE FUNCTION rollup_sql_lines(line_src text, sale_src text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH c AS MATERIALIZED (
      SELECT l.sign * s.sign AS sign, s.store_id, (s.completed_at AT TIME ZONE st.timezone)::date AS day,
             coalesce(p.category::text, 'other') AS category, l.currency, l.product_id, l.quantity, l.total_minor
        FROM (%s) l JOIN (%s) s ON s.id = l.sale_id JOIN stores st ON st.id = s.store_id
        LEFT JOIN products p ON p.id = l.product_id
       WHERE s.status = 'completed'),
    cat AS (
      INSERT INTO sales_category_daily AS t (store_id, day, category, currency, lines, units, revenue_minor)
      SELECT store_id, day, category, currency, sum(sign), sum(sign * quantity), sum(sign * total_minor)
        FROM c GROUP BY 1, 2, 3, 4
      HAVING sum(sign) <> 0 OR sum(sign * quantity) <> 0 OR sum(sign * total_minor) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (store_id, day, category, currency) DO UPDATE SET lines = t.lines + excluded.lines,
        units = t.units + excluded.units, revenue_minor = t.revenue_minor + excluded.revenue_minor)
    INSERT INTO sales_product_daily AS t (store_id, product_id, day, units)
    SELECT store_id, product_id, day, sum(sign * quantity) FROM c WHERE product_id IS NOT NULL
     GROUP BY 1, 2, 3 HAVING sum(sign * quantity) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (store_id, product_id, day) DO UPDATE SET units = t.units + excluded.units
  $q$, line_src, sale_src)
$fn$;
--> statement-breakpoint
CREATE FUNCTION rollup_sale_lines_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE rollup_sql_lines(rollup_src(TG_OP, 'r.sale_id, r.product_id, r.quantity, r.total_minor, r.currency'),
    'SELECT id, store_id, status, completed_at, 1 AS sign FROM sales');
  IF TG_OP = 'DELETE' THEN
    PERFORM suggestion_purchases_recheck(array(SELECT DISTINCT s.customer_id FROM old_rows l JOIN sales s ON s.id = l.sale_id WHERE s.customer_id IS NOT NULL));
  ELSE
    PERFORM suggestion_purchases_recheck(array(SELECT DISTINCT s.customer_id FROM new_rows l JOIN sales s ON s.id = l.sale_id
      WHERE s.customer_id IS NOT NULL AND EXISTS (SELECT 1 FROM suggestion_purchases o WHERE o.customer_id = s.customer_id)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_sale_lines_insert AFTER INSERT ON sale_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_sale_lines_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_sale_lines_update AFTER UPDATE ON sale_lines REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_sale_lines_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_sale_lines_delete AFTER DELETE ON sale_lines REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_sale_lines_trigger();
--> statement-breakpoint
CREATE FUNCTION rollup_sql_sales(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    INSERT INTO sales_daily AS t (store_id, day, currency, sales, revenue_minor)
    SELECT s.store_id, (s.completed_at AT TIME ZONE st.timezone)::date, s.currency, sum(s.sign), sum(s.sign * s.total_minor)
      FROM (%s) s JOIN stores st ON st.id = s.store_id WHERE s.status = 'completed'
     GROUP BY 1, 2, 3 HAVING sum(s.sign) <> 0 OR sum(s.sign * s.total_minor) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (store_id, day, currency) DO UPDATE SET sales = t.sales + excluded.sales, revenue_minor = t.revenue_minor + excluded.revenue_minor
  $q$, src)
$fn$;
--> statement-breakpoint
CREATE FUNCTION rollup_sales_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE rollup_sql_sales(rollup_src(TG_OP));
  IF TG_OP = 'UPDATE' THEN
    -- the lines of a sale whose store, day or status changed move with it: minus as it was, plus as it is
    EXECUTE rollup_sql_lines('SELECT sale_id, product_id, quantity, total_minor, currency, 1 AS sign FROM sale_lines
        WHERE sale_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                           WHERE (n.store_id, n.status, n.completed_at) IS DISTINCT FROM (o.store_id, o.status, o.completed_at))',
      'SELECT id, store_id, status, completed_at, 1 AS sign FROM new_rows UNION ALL SELECT id, store_id, status, completed_at, -1 AS sign FROM old_rows');
    PERFORM suggestion_purchases_recheck(array(
      SELECT DISTINCT x.customer_id FROM (SELECT n.customer_id FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.customer_id, n.status, n.completed_at) IS DISTINCT FROM (o.customer_id, o.status, o.completed_at)
        UNION ALL SELECT o.customer_id FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.customer_id, n.status, n.completed_at) IS DISTINCT FROM (o.customer_id, o.status, o.completed_at)) x
       WHERE x.customer_id IS NOT NULL));
  END IF;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
CREATE TRIGGER rollup_sales_insert AFTER INSERT ON sales REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_sales_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_sales_update AFTER UPDATE ON sales REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_sales_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_sales_delete AFTER DELETE ON sales REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_sales_trigger();
--> statement-breakpoint
-- A deleted sale takes its lines with it (ON DELETE CASCADE), and by the time the cascade's statement
-- trigger runs the sale is gone: subtract the lines here, while both still exist.
CREATE FUNCTION rollup_sale_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE rollup_sql_lines(format('SELECT sale_id, product_id, quantity, total_minor, currency, -1 AS sign FROM sale_lines WHERE sale_id = %L', OLD.id),
    format('SELECT id, store_id, status, completed_at, 1 AS sign FROM sales WHERE id = %L', OLD.id));
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_sale_before_delete BEFORE DELETE ON sales FOR EACH ROW EXECUTE FUNCTION rollup_sale_before_delete();
--> statement-breakpoint
CREATE FUNCTION rollup_sql_tickets(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    INSERT INTO ticket_daily AS t (store_id, day, source, opened, closed, cancelled)
    SELECT k.store_id, (k.opened_at AT TIME ZONE st.timezone)::date, CASE WHEN k.source_draft_id IS NULL THEN 'pos' ELSE 'draft' END,
           sum(k.sign), sum(k.sign * (k.status = 'closed')::int), sum(k.sign * (k.status = 'cancelled')::int)
      FROM (%s) k JOIN stores st ON st.id = k.store_id
     GROUP BY 1, 2, 3 HAVING sum(k.sign) <> 0 OR sum(k.sign * (k.status = 'closed')::int) <> 0 OR sum(k.sign * (k.status = 'cancelled')::int) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (store_id, day, source) DO UPDATE SET opened = t.opened + excluded.opened, closed = t.closed + excluded.closed,
      cancelled = t.cancelled + excluded.cancelled
  $q$, src)
$fn$;
--> statement-breakpoint
CREATE FUNCTION rollup_tickets_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE rollup_sql_tickets(rollup_src(TG_OP));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_tickets_insert AFTER INSERT ON service_tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_tickets_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_tickets_update AFTER UPDATE ON service_tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_tickets_trigger();
--> statement-breakpoint
CREATE TRIGGER rollup_tickets_delete AFTER DELETE ON service_tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_tickets_trigger();
--> statement-breakpoint
-- Recomputes every rollup from the base tables with the same apply functions the triggers use.
-- Writers wait (SHARE locks) so nothing lands between the wipe and the refill.
CREATE FUNCTION rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE stores, products, drafts, sales, sale_lines, service_tickets IN SHARE MODE;
  TRUNCATE draft_daily, draft_decision_time_daily, reject_reason_daily, draft_pending, sales_daily,
    sales_category_daily, sales_product_daily, ticket_daily, suggestion_purchases;
  EXECUTE rollup_sql_drafts('SELECT r.*, 1 AS sign FROM drafts r');
  EXECUTE rollup_sql_sales('SELECT r.*, 1 AS sign FROM sales r');
  EXECUTE rollup_sql_lines('SELECT sale_id, product_id, quantity, total_minor, currency, 1 AS sign FROM sale_lines',
    'SELECT id, store_id, status, completed_at, 1 AS sign FROM sales');
  EXECUTE rollup_sql_tickets('SELECT r.*, 1 AS sign FROM service_tickets r');
  PERFORM suggestion_purchases_refresh(array(SELECT id FROM drafts WHERE kind = 'clienteling_note' AND rollup_is_approved(status)));
END $$;
--> statement-breakpoint
-- A store's new time zone moves all its days: rebuild (a rare admin action).
CREATE FUNCTION rollup_store_timezone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollups_rebuild();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_store_timezone AFTER UPDATE OF timezone ON stores
  FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION rollup_store_timezone();
--> statement-breakpoint
-- A product moved to another category takes its sold lines along: out before the change, in after.
CREATE FUNCTION rollup_product_category() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE rollup_sql_lines(format('SELECT sale_id, product_id, quantity, total_minor, currency, %s AS sign FROM sale_lines WHERE product_id = %L',
      CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END, NEW.id),
    'SELECT id, store_id, status, completed_at, 1 AS sign FROM sales');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_product_category_out BEFORE UPDATE OF category ON products
  FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION rollup_product_category();
--> statement-breakpoint
CREATE TRIGGER rollup_product_category_in AFTER UPDATE OF category ON products
  FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION rollup_product_category();
--> statement-breakpoint
-- Rollups of the rows that exist already.
SELECT rollups_rebuild();
