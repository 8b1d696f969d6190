-- Monthly roll-ups of the stores', reps' and products' figures, for the
-- tops over long ranges: a year of stores summed from `stats_daily` reads a
-- row per store and day (2.2 s at 1M orders on 2 cores), from months a row
-- per store and month. A range is read as its whole months from here and
-- its partial months at either end from the daily rows.
--
-- The months follow the daily rows by statement triggers over the changed
-- rows (transition tables): whatever writes the daily rows (the commit's
-- deferred trigger, `stats_rebuild`) moves the months by the same amounts,
-- so a month always equals the sum of its days. Each statement upserts its
-- months in key order after it has locked its daily rows; every writer
-- takes daily rows, then months, then the other roll-ups, so no two wait on
-- each other in a circle.

CREATE TABLE stats_monthly (
    month             date NOT NULL CHECK (extract(day FROM month) = 1),
    flow              text NOT NULL,
    scope             text NOT NULL CHECK (scope IN ('store', 'rep')),
    party_id          uuid NOT NULL,
    placed            bigint NOT NULL DEFAULT 0,
    gmv               bigint NOT NULL DEFAULT 0,
    commission        bigint NOT NULL DEFAULT 0,
    completed         bigint NOT NULL DEFAULT 0,
    cancelled         bigint NOT NULL DEFAULT 0,
    refunded          bigint NOT NULL DEFAULT 0,
    voided_gmv        bigint NOT NULL DEFAULT 0,
    voided_commission bigint NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, party_id, month, flow)
);
CREATE INDEX stats_monthly_tops ON stats_monthly (scope, month)
    INCLUDE (party_id, flow, placed, completed, cancelled, refunded, gmv, voided_gmv, commission, voided_commission);

CREATE TABLE stats_products_monthly (
    month      date NOT NULL CHECK (extract(day FROM month) = 1),
    product_id uuid NOT NULL,
    store_id   uuid NOT NULL,
    orders     bigint NOT NULL DEFAULT 0,
    units      bigint NOT NULL DEFAULT 0,
    sales      bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, month)
);
CREATE INDEX stats_products_monthly_month ON stats_products_monthly (month)
    INCLUDE (product_id, orders, units, sales);

-- The rows a statement changed, signed: what it inserted (+1), what it
-- deleted (-1), an update as both. Transition tables exist only for the
-- trigger's own event, so the source is chosen per event and run by EXECUTE.
CREATE FUNCTION stats_changed_rows(op text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE op
        WHEN 'INSERT' THEN 'SELECT 1 AS s, n.* FROM new_rows n'
        WHEN 'DELETE' THEN 'SELECT -1 AS s, o.* FROM old_rows o'
        ELSE 'SELECT 1 AS s, n.* FROM new_rows n UNION ALL SELECT -1 AS s, o.* FROM old_rows o'
    END
$$;

CREATE FUNCTION stats_monthly_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$
        INSERT INTO stats_monthly AS m (month, flow, scope, party_id, placed, gmv, commission, completed,
                                        cancelled, refunded, voided_gmv, voided_commission)
        SELECT date_trunc('month', d.day)::date AS month, d.flow, d.scope, d.party_id,
               sum(d.s * d.placed)::bigint, sum(d.s * d.gmv)::bigint, sum(d.s * d.commission)::bigint,
               sum(d.s * d.completed)::bigint, sum(d.s * d.cancelled)::bigint, sum(d.s * d.refunded)::bigint,
               sum(d.s * d.voided_gmv)::bigint, sum(d.s * d.voided_commission)::bigint
        FROM (%s) d
        WHERE d.scope <> 'platform'
        GROUP BY d.scope, d.party_id, 1, d.flow
        ORDER BY d.scope, d.party_id, 1, d.flow
        ON CONFLICT (scope, party_id, month, flow) DO UPDATE SET
            placed = m.placed + excluded.placed, gmv = m.gmv + excluded.gmv,
            commission = m.commission + excluded.commission, completed = m.completed + excluded.completed,
            cancelled = m.cancelled + excluded.cancelled, refunded = m.refunded + excluded.refunded,
            voided_gmv = m.voided_gmv + excluded.voided_gmv,
            voided_commission = m.voided_commission + excluded.voided_commission,
            updated_at = now()
    $q$, stats_changed_rows(TG_OP));
    RETURN NULL;
END
$$;

CREATE FUNCTION stats_products_monthly_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$
        INSERT INTO stats_products_monthly AS m (month, product_id, store_id, orders, units, sales)
        SELECT date_trunc('month', d.day)::date AS month, d.product_id, min(d.store_id::text)::uuid,
               sum(d.s * d.orders)::bigint, sum(d.s * d.units)::bigint, sum(d.s * d.sales)::bigint
        FROM (%s) d
        GROUP BY d.product_id, 1
        ORDER BY d.product_id, 1
        ON CONFLICT (product_id, month) DO UPDATE SET
            orders = m.orders + excluded.orders, units = m.units + excluded.units,
            sales = m.sales + excluded.sales, updated_at = now()
    $q$, stats_changed_rows(TG_OP));
    RETURN NULL;
END
$$;

CREATE TRIGGER stats_monthly_ins AFTER INSERT ON stats_daily
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_monthly_follow();
CREATE TRIGGER stats_monthly_upd AFTER UPDATE ON stats_daily
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_monthly_follow();
CREATE TRIGGER stats_monthly_del AFTER DELETE ON stats_daily
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_monthly_follow();

CREATE TRIGGER stats_products_monthly_ins AFTER INSERT ON stats_products_daily
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_products_monthly_follow();
CREATE TRIGGER stats_products_monthly_upd AFTER UPDATE ON stats_products_daily
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_products_monthly_follow();
CREATE TRIGGER stats_products_monthly_del AFTER DELETE ON stats_products_daily
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_products_monthly_follow();

-- The months of the days already rolled up.
INSERT INTO stats_monthly (month, flow, scope, party_id, placed, gmv, commission, completed,
                           cancelled, refunded, voided_gmv, voided_commission)
SELECT date_trunc('month', day)::date, flow, scope, party_id, sum(placed), sum(gmv), sum(commission),
       sum(completed), sum(cancelled), sum(refunded), sum(voided_gmv), sum(voided_commission)
FROM stats_daily WHERE scope <> 'platform'
GROUP BY 1, flow, scope, party_id;

INSERT INTO stats_products_monthly (month, product_id, store_id, orders, units, sales)
SELECT date_trunc('month', day)::date, product_id, min(store_id::text)::uuid, sum(orders), sum(units), sum(sales)
FROM stats_products_daily
GROUP BY 1, product_id;
