-- Statistics roll-ups: the figures of the five flows (direct orders, store
-- requests' orders, service bookings, repair jobs, external-part orders) by
-- platform day, Asia/Riyadh. They are kept in the transaction of the step
-- that changes them (`app::stats::record` writes the step's deltas to
-- `stats_pending`; at commit a deferred trigger adds them with INSERT …
-- ON CONFLICT DO UPDATE SET x = x + excluded.x), so the admin's statistics
-- and the dashboards' homes read a few hundred rows instead of scanning the
-- flows' tables.
-- `stats_rebuild(from, to)` recomputes whole days from the flows' own rows:
-- it backfills them at the end of this file, `qitaa seed --scale` runs it
-- after loading, and its answer for any day equals what the steps added.
--
-- Roll-up rows are derived data, written by whoever takes a step and
-- rebuilt rather than deleted: they carry created_at/updated_at but no
-- author or soft-delete columns, and no foreign keys (a step pays one index
-- lookup per row it touches, no more).

-- One row per day, flow and party: the platform (the nil uuid), a store
-- (direct orders, store requests, bookings) or a rep (repair jobs).
--   placed: committed to on that day: paid (card, wallet) or confirmed cash
--     (orders, bookings, external orders), accepted (repair jobs);
--     gmv: its total with VAT as invoiced (before platform-funded
--     discounts), commission: the platform's (without its VAT), both fixed
--     when the target was created.
--   completed: delivered (orders, external orders), completed (bookings and
--     repair jobs; a paid booking's no-show too: the store is settled).
--   cancelled: a placed target cancelled or rejected (a cash booking's
--     no-show too: nothing was paid); refunded: a placed target refunded in
--     full; voided_gmv / voided_commission: the gmv and commission of
--     those, on the day they happened (net GMV = gmv - voided_gmv).
--   refunds / refunded_amount: money given back, every refund (partial,
--     full, those of cancellations), on the day it went back.
CREATE TABLE stats_daily (
    day               date NOT NULL,
    flow              text NOT NULL CHECK (flow IN ('order', 'request', 'booking', 'repair', 'external')),
    scope             text NOT NULL CHECK (scope IN ('platform', 'store', 'rep')),
    party_id          uuid NOT NULL,
    placed            bigint NOT NULL DEFAULT 0,
    gmv               bigint NOT NULL DEFAULT 0,
    commission        bigint NOT NULL DEFAULT 0,
    completed         bigint NOT NULL DEFAULT 0,
    cancelled         bigint NOT NULL DEFAULT 0,
    refunded          bigint NOT NULL DEFAULT 0,
    voided_gmv        bigint NOT NULL DEFAULT 0,
    voided_commission bigint NOT NULL DEFAULT 0,
    refunds           bigint NOT NULL DEFAULT 0,
    refunded_amount   bigint NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- The platform's row is the nil uuid's, so one conflict target serves
    -- every kind of row and the platform's days are one index range.
    CONSTRAINT stats_daily_party CHECK ((scope = 'platform') = (party_id = '00000000-0000-0000-0000-000000000000')),
    PRIMARY KEY (scope, party_id, day, flow)
);
-- The tops: one day range over every store (or rep), read from the index.
CREATE INDEX stats_daily_tops ON stats_daily (scope, day)
    INCLUDE (party_id, flow, placed, completed, cancelled, refunded, gmv, voided_gmv, commission, voided_commission)
    WHERE scope <> 'platform';

-- Platform products sold through direct orders, by day: the orders holding
-- the product, its units and line totals (before VAT), each less the
-- orders voided (cancelled, rejected, refunded in full) on their day.
CREATE TABLE stats_products_daily (
    day        date NOT NULL,
    product_id uuid NOT NULL,
    store_id   uuid NOT NULL,
    orders     bigint NOT NULL DEFAULT 0,
    units      bigint NOT NULL DEFAULT 0,
    sales      bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, day)
);
-- The products' top over a day range, read from the index.
CREATE INDEX stats_products_daily_day ON stats_products_daily (day) INCLUDE (product_id, orders, units, sales);

-- The homes' view of orders (direct and from store requests): the orders
-- placed on a day (paid, or cash) counted under the status they hold now,
-- per store (the nil uuid: every store) and payment method. Each step of a
-- placed order moves it from one status row of its day to another.
CREATE TABLE stats_order_days (
    day            date NOT NULL,
    store_id       uuid NOT NULL,
    payment_method text NOT NULL,
    status         text NOT NULL,
    orders         bigint NOT NULL DEFAULT 0,
    total          bigint NOT NULL DEFAULT 0,
    commission     bigint NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, day, payment_method, status)
);

-- A transaction's deltas until it commits. The roll-ups' rows are shared by
-- every transaction of a flow (the platform's row of the day above all), so
-- they are taken last: at commit, by the deferred trigger below, after every
-- other lock of the transaction (invoice counters, wallets, stock), all of
-- a transaction's rows at once, summed per row and in key order. A
-- transaction holding a roll-up row then waits for nothing but roll-up rows
-- further in that order, so steps never wait on each other in a circle.
-- Rows live only inside their transaction: unlogged (nothing to recover
-- after a crash).
CREATE UNLOGGED TABLE stats_pending (
    id             bigserial PRIMARY KEY,
    tx             bigint NOT NULL DEFAULT txid_current(),
    -- Which roll-up: 'daily', 'product' or 'order_day'.
    target         text NOT NULL CHECK (target IN ('daily', 'product', 'order_day')),
    day            date NOT NULL,
    flow           text NOT NULL DEFAULT '',
    scope          text NOT NULL DEFAULT '',
    -- daily: the party; product: the product; order_day: the store.
    party_id       uuid NOT NULL,
    store_id       uuid,
    payment_method text NOT NULL DEFAULT '',
    status         text NOT NULL DEFAULT '',
    -- The deltas, in the roll-up's column order.
    v              bigint[] NOT NULL
);
-- The commit's trigger finds its transaction's rows.
CREATE INDEX stats_pending_tx ON stats_pending (tx);

CREATE FUNCTION stats_apply_pending() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- The first row of the transaction applies them all; the others find
    -- theirs gone.
    IF NOT EXISTS (SELECT 1 FROM stats_pending WHERE id = NEW.id) THEN
        RETURN NULL;
    END IF;
    WITH d AS (
        DELETE FROM stats_pending WHERE tx = txid_current() AND target = 'daily'
        RETURNING day, flow, scope, party_id, v
    )
    INSERT INTO stats_daily AS s (day, flow, scope, party_id, placed, gmv, commission, completed, cancelled,
                                  refunded, voided_gmv, voided_commission, refunds, refunded_amount)
    SELECT day, flow, scope, party_id, sum(v[1])::bigint, sum(v[2])::bigint, sum(v[3])::bigint,
           sum(v[4])::bigint, sum(v[5])::bigint, sum(v[6])::bigint, sum(v[7])::bigint,
           sum(v[8])::bigint, sum(v[9])::bigint, sum(v[10])::bigint
    FROM d GROUP BY scope, party_id, day, flow ORDER BY scope, party_id, day, flow
    ON CONFLICT (scope, party_id, day, flow) DO UPDATE SET
        placed = s.placed + excluded.placed, gmv = s.gmv + excluded.gmv,
        commission = s.commission + excluded.commission, completed = s.completed + excluded.completed,
        cancelled = s.cancelled + excluded.cancelled, refunded = s.refunded + excluded.refunded,
        voided_gmv = s.voided_gmv + excluded.voided_gmv,
        voided_commission = s.voided_commission + excluded.voided_commission,
        refunds = s.refunds + excluded.refunds, refunded_amount = s.refunded_amount + excluded.refunded_amount,
        updated_at = now();
    WITH d AS (
        DELETE FROM stats_pending WHERE tx = txid_current() AND target = 'product'
        RETURNING day, party_id, store_id, v
    )
    INSERT INTO stats_products_daily AS s (day, product_id, store_id, orders, units, sales)
    SELECT day, party_id, store_id, sum(v[1])::bigint, sum(v[2])::bigint, sum(v[3])::bigint
    FROM d GROUP BY party_id, day, store_id ORDER BY party_id, day
    ON CONFLICT (product_id, day) DO UPDATE SET
        orders = s.orders + excluded.orders, units = s.units + excluded.units,
        sales = s.sales + excluded.sales, updated_at = now();
    WITH d AS (
        DELETE FROM stats_pending WHERE tx = txid_current() AND target = 'order_day'
        RETURNING day, party_id, payment_method, status, v
    )
    INSERT INTO stats_order_days AS s (day, store_id, payment_method, status, orders, total, commission)
    SELECT day, party_id, payment_method, status, sum(v[1])::bigint, sum(v[2])::bigint, sum(v[3])::bigint
    FROM d GROUP BY party_id, day, payment_method, status ORDER BY party_id, day, payment_method, status
    ON CONFLICT (store_id, day, payment_method, status) DO UPDATE SET
        orders = s.orders + excluded.orders, total = s.total + excluded.total,
        commission = s.commission + excluded.commission, updated_at = now();
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER stats_apply_pending AFTER INSERT ON stats_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stats_apply_pending();

-- Recomputes the roll-ups of the days p_from..p_to (both included) from the
-- flows' rows. Each event is dated as the steps date it: placed at paid_at
-- (cash: created_at; repair jobs: created_at, their acceptance), delivered
-- orders at delivered_at, the other steps at their history row; an order
-- voided without one (bulk-loaded data) at its updated_at. The tables are
-- locked meanwhile: a step waits, then adds its deltas on top.
CREATE FUNCTION stats_rebuild(p_from date, p_to date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t0  timestamptz := p_from::timestamp AT TIME ZONE 'Asia/Riyadh';
    t1  timestamptz := (p_to + 1)::timestamp AT TIME ZONE 'Asia/Riyadh';
    nil constant uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
    LOCK TABLE stats_daily, stats_products_daily, stats_order_days IN EXCLUSIVE MODE;
    DELETE FROM stats_daily WHERE day BETWEEN p_from AND p_to;
    DELETE FROM stats_products_daily WHERE day BETWEEN p_from AND p_to;
    DELETE FROM stats_order_days WHERE day BETWEEN p_from AND p_to;

    WITH o AS (
        SELECT o.id, o.store_id, o.status, o.total, o.commission, o.delivered_at, o.updated_at,
               CASE WHEN o.source = 'request' THEN 'request' ELSE 'order' END AS flow,
               CASE WHEN o.payment_method = 'cash' THEN o.created_at ELSE o.paid_at END AS placed_at
        FROM orders o
    ),
    o_void AS (
        SELECT o.*, coalesce((SELECT min(h.created_at) FROM order_status_history h
                              WHERE h.order_id = o.id AND h.to_status = o.status), o.updated_at) AS ts
        FROM o
        WHERE o.status IN ('cancelled', 'rejected', 'refunded') AND o.placed_at IS NOT NULL
    ),
    b AS (
        SELECT b.id, b.store_id, b.total, b.commission, b.payment_method = 'cash' AS cash,
               CASE WHEN b.payment_method = 'cash' THEN b.created_at ELSE b.paid_at END AS placed_at
        FROM bookings b
    ),
    x AS (
        SELECT x.id, x.total, x.commission,
               CASE WHEN x.payment_method = 'cash' THEN x.created_at ELSE x.paid_at END AS placed_at
        FROM external_orders x
    ),
    ev AS (
        SELECT placed_at AS ts, flow, store_id, NULL::uuid AS rep_id,
               1 AS placed, total AS gmv, commission, 0 AS completed, 0 AS cancelled, 0 AS refunded,
               0::bigint AS voided_gmv, 0::bigint AS voided_commission, 0 AS refunds, 0::bigint AS refunded_amount
        FROM o WHERE placed_at >= t0 AND placed_at < t1
        UNION ALL
        SELECT delivered_at, flow, store_id, NULL, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
        FROM o WHERE delivered_at >= t0 AND delivered_at < t1
        UNION ALL
        SELECT ts, flow, store_id, NULL, 0, 0, 0, 0,
               (status <> 'refunded')::int, (status = 'refunded')::int, total, commission, 0, 0
        FROM o_void WHERE ts >= t0 AND ts < t1
        UNION ALL
        SELECT placed_at, 'booking', store_id, NULL, 1, total, commission, 0, 0, 0, 0, 0, 0, 0
        FROM b WHERE placed_at >= t0 AND placed_at < t1
        UNION ALL
        SELECT e.created_at, 'booking', e.store_id, NULL, 0, 0, 0, (NOT e.is_void)::int, e.is_void::int, 0,
               CASE WHEN e.is_void THEN e.total ELSE 0 END, CASE WHEN e.is_void THEN e.commission ELSE 0 END, 0, 0
        FROM (SELECT h.created_at, b.store_id, b.total, b.commission,
                     h.to_status IN ('cancelled', 'rejected', 'expired') OR (h.to_status = 'no_show' AND b.cash) AS is_void
              FROM booking_history h JOIN b ON b.id = h.booking_id
              WHERE b.placed_at IS NOT NULL AND h.to_status IN ('completed', 'no_show', 'cancelled', 'rejected', 'expired')
                AND h.created_at >= t0 AND h.created_at < t1) e
        UNION ALL
        SELECT j.created_at, 'repair', NULL, j.rep_id, 1, j.total, j.commission, 0, 0, 0, 0, 0, 0, 0
        FROM repair_jobs j WHERE j.created_at >= t0 AND j.created_at < t1
        UNION ALL
        SELECT h.created_at, 'repair', NULL, j.rep_id, 0, 0, 0,
               (h.to_status = 'completed')::int, (h.to_status = 'cancelled')::int, 0,
               CASE WHEN h.to_status = 'cancelled' THEN j.total ELSE 0 END,
               CASE WHEN h.to_status = 'cancelled' THEN j.commission ELSE 0 END, 0, 0
        FROM repair_job_history h JOIN repair_jobs j ON j.id = h.job_id
        WHERE h.to_status IN ('completed', 'cancelled') AND h.created_at >= t0 AND h.created_at < t1
        UNION ALL
        SELECT placed_at, 'external', NULL, NULL, 1, total, commission, 0, 0, 0, 0, 0, 0, 0
        FROM x WHERE placed_at >= t0 AND placed_at < t1
        UNION ALL
        SELECT h.created_at, 'external', NULL, NULL, 0, 0, 0,
               (h.to_status = 'delivered')::int, (h.to_status = 'cancelled')::int, (h.to_status = 'refunded')::int,
               CASE WHEN h.to_status = 'delivered' THEN 0 ELSE x.total END,
               CASE WHEN h.to_status = 'delivered' THEN 0 ELSE x.commission END, 0, 0
        FROM external_order_history h JOIN x ON x.id = h.order_id
        WHERE x.placed_at IS NOT NULL AND h.to_status IN ('delivered', 'cancelled', 'refunded')
          AND h.created_at >= t0 AND h.created_at < t1
        UNION ALL
        SELECT r.created_at, t.flow, t.store_id, t.rep_id, 0, 0, 0, 0, 0, 0, 0, 0, 1, r.amount
        FROM refunds r
        JOIN payments p ON p.id = r.payment_id
        JOIN LATERAL (
            SELECT CASE WHEN o.source = 'request' THEN 'request' ELSE 'order' END, o.store_id, NULL::uuid
            FROM orders o WHERE p.target_kind = 'order' AND o.id = p.target_id
            UNION ALL
            SELECT 'booking', b.store_id, NULL FROM bookings b
            WHERE p.target_kind = 'service_booking' AND b.id = p.target_id
            UNION ALL
            SELECT 'repair', NULL, j.rep_id FROM repair_jobs j
            WHERE p.target_kind = 'rep_order' AND j.id = p.target_id
            UNION ALL
            SELECT 'external', NULL, NULL FROM external_orders x
            WHERE p.target_kind = 'external_part_order' AND x.id = p.target_id
        ) AS t (flow, store_id, rep_id) ON true
        WHERE r.created_at >= t0 AND r.created_at < t1
    )
    INSERT INTO stats_daily (day, flow, scope, party_id, placed, gmv, commission, completed, cancelled,
                             refunded, voided_gmv, voided_commission, refunds, refunded_amount)
    SELECT day, flow, scope, party_id, placed, gmv, commission, completed, cancelled,
           refunded, voided_gmv, voided_commission, refunds, refunded_amount
    FROM (
        SELECT day, flow,
               CASE WHEN GROUPING(store_id) = 0 THEN 'store'
                    WHEN GROUPING(rep_id) = 0 THEN 'rep'
                    ELSE 'platform' END AS scope,
               coalesce(store_id, rep_id, nil) AS party_id,
               sum(placed)::bigint AS placed, sum(gmv)::bigint AS gmv, sum(commission)::bigint AS commission,
               sum(completed)::bigint AS completed, sum(cancelled)::bigint AS cancelled,
               sum(refunded)::bigint AS refunded, sum(voided_gmv)::bigint AS voided_gmv,
               sum(voided_commission)::bigint AS voided_commission, sum(refunds)::bigint AS refunds,
               sum(refunded_amount)::bigint AS refunded_amount
        FROM (SELECT (ev.ts AT TIME ZONE 'Asia/Riyadh')::date AS day, ev.* FROM ev) e
        GROUP BY GROUPING SETS ((day, flow), (day, flow, store_id), (day, flow, rep_id))
    ) g
    WHERE scope = 'platform' OR party_id <> nil;

    -- Direct orders' products: +1 when placed, -1 when voided.
    WITH o AS (
        SELECT o.id, o.store_id, o.status, o.updated_at,
               CASE WHEN o.payment_method = 'cash' THEN o.created_at ELSE o.paid_at END AS placed_at
        FROM orders o WHERE o.source = 'cart'
    ),
    moves AS (
        SELECT id, store_id, placed_at AS ts, 1 AS sign FROM o WHERE placed_at >= t0 AND placed_at < t1
        UNION ALL
        SELECT v.id, v.store_id, v.ts, -1 FROM (
            SELECT o.id, o.store_id,
                   coalesce((SELECT min(h.created_at) FROM order_status_history h
                             WHERE h.order_id = o.id AND h.to_status = o.status), o.updated_at) AS ts
            FROM o WHERE o.status IN ('cancelled', 'rejected', 'refunded') AND o.placed_at IS NOT NULL
        ) v WHERE v.ts >= t0 AND v.ts < t1
    )
    INSERT INTO stats_products_daily (day, product_id, store_id, orders, units, sales)
    SELECT (m.ts AT TIME ZONE 'Asia/Riyadh')::date, l.product_id, m.store_id,
           sum(m.sign)::bigint, sum(m.sign * l.units)::bigint, sum(m.sign * l.sales)::bigint
    FROM moves m
    JOIN LATERAL (
        SELECT i.product_id, sum(i.quantity)::bigint AS units, sum(i.line_total)::bigint AS sales
        FROM order_items i WHERE i.order_id = m.id AND i.product_id IS NOT NULL
        GROUP BY i.product_id
    ) l ON true
    GROUP BY 1, 2, 3;

    -- The homes' view: placed orders by their day and their status now.
    INSERT INTO stats_order_days (day, store_id, payment_method, status, orders, total, commission)
    SELECT day, coalesce(store_id, nil), payment_method, status,
           count(*), sum(total)::bigint, sum(commission)::bigint
    FROM (
        SELECT (p.placed_at AT TIME ZONE 'Asia/Riyadh')::date AS day,
               p.store_id, p.payment_method, p.status, p.total, p.commission
        FROM (SELECT o.*, CASE WHEN o.payment_method = 'cash' THEN o.created_at ELSE o.paid_at END AS placed_at
              FROM orders o) p
        WHERE p.placed_at >= t0 AND p.placed_at < t1
    ) o
    GROUP BY GROUPING SETS ((day, payment_method, status), (day, store_id, payment_method, status));
END
$$;

-- Every day that has figures, up to today.
SELECT stats_rebuild(
    (SELECT (coalesce(min(t), now()) AT TIME ZONE 'Asia/Riyadh')::date FROM (
        SELECT min(created_at) AS t FROM orders
        UNION ALL SELECT min(created_at) FROM bookings
        UNION ALL SELECT min(created_at) FROM repair_jobs
        UNION ALL SELECT min(created_at) FROM external_orders) m),
    (now() AT TIME ZONE 'Asia/Riyadh')::date);
