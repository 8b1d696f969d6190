//! A property test of the one ledger: random sequences of payments (card,
//! wallet, cash), deliveries (settlement with commission, cashback),
//! cancellations, partial refunds, wallet adjustments and payouts, driven
//! through HTTP. After every step: every transaction sums to zero, every
//! cached balance equals its entries, no wallet is below zero, and each
//! order's escrow holds exactly what was paid for it and not yet settled or
//! refunded.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::json;
use uuid::Uuid;

use crate::harness::TestApp;
use crate::shop::*;

struct World {
    app: TestApp,
    customers: Vec<(String, String)>,
    customer_ids: Vec<Uuid>,
    supplier: String,
    admin: String,
    riyadh: Uuid,
    products: Vec<Uuid>,
    key: u64,
}

impl World {
    fn key(&mut self) -> String {
        self.key += 1;
        format!("prop-{}", self.key)
    }

    async fn orders(&self, statuses: &[&str]) -> Vec<(Uuid, Uuid)> {
        sqlx::query_as(
            "SELECT id, customer_id FROM orders WHERE store_id = $1 AND status = ANY($2) ORDER BY id",
        )
        .bind(self.riyadh)
        .bind(statuses.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .fetch_all(&self.app.db)
        .await
        .unwrap()
    }

    fn token_of_customer(&self, id: Uuid) -> &str {
        let i = self.customer_ids.iter().position(|c| *c == id).unwrap();
        &self.customers[i].0
    }
}

async fn world() -> World {
    let app = TestApp::spawn_with(|c| c.otp.per_ip_per_hour = 10_000, None).await;
    let (riyadh, _) = demo_stores(&app).await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let supplier = app.token_of(SUPPLIER).await;
    let mut customers = Vec::new();
    let mut customer_ids = Vec::new();
    for phone in [CUSTOMER, "+966559000001", "+966559000002"] {
        let token = app.token_of(phone).await;
        let address = address(&app, &token).await;
        let id: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
            .bind(phone)
            .fetch_one(&app.db)
            .await
            .unwrap();
        customers.push((token, address));
        customer_ids.push(id);
    }
    sqlx::query(
        "INSERT INTO cashback_rules (id, name, percent_bp, max_amount) VALUES ($1, 'prop', 500, 1500)",
    )
    .bind(Uuid::now_v7())
    .execute(&app.db)
    .await
    .unwrap();
    let mut products = Vec::new();
    for (price, stock) in [(3_333, 500), (12_345, 500), (777, 500)] {
        products.push(product(&app, riyadh, price, stock).await);
    }
    // A store commission rate that does not divide evenly.
    sqlx::query("UPDATE stores SET commission_bp = 1234 WHERE id = $1")
        .bind(riyadh)
        .execute(&app.db)
        .await
        .unwrap();
    World {
        app,
        customers,
        customer_ids,
        supplier,
        admin,
        riyadh,
        products,
        key: 0,
    }
}

async fn step(w: &mut World, rng: &mut StdRng) -> String {
    match rng.random_range(0..8) {
        0 | 1 => {
            let c = rng.random_range(0..w.customers.len());
            let method = ["wallet", "card", "cash"][rng.random_range(0..3)];
            let p = w.products[rng.random_range(0..w.products.len())];
            let qty = rng.random_range(1..4);
            let key = w.key();
            let (token, address) = w.customers[c].clone();
            let r = checkout(
                &w.app,
                &token,
                &key,
                json!({"addressId": address, "paymentMethod": method,
                       "items": [{"productId": p, "quantity": qty}]}),
            )
            .await;
            assert!(r.status == 201 || r.status == 422, "{r:?}");
            if r.status == 201 && method == "card" {
                let url = r.body["data"]["paymentUrl"].as_str().unwrap().to_owned();
                let page = w.app.client.get(&url).send().await.unwrap();
                let to = page.headers()["location"].to_str().unwrap().to_owned();
                let button = if rng.random_bool(0.8) {
                    "pay"
                } else {
                    "decline"
                };
                let r = w
                    .app
                    .client
                    .post(format!("{to}/{button}"))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 303);
                return format!("card checkout, {button}");
            }
            format!("{method} checkout → {}", r.status)
        }
        2 | 3 => {
            let live = w
                .orders(&["confirmed", "accepted", "preparing", "shipped"])
                .await;
            if live.is_empty() {
                return "no order to move".into();
            }
            let (id, _) = live[rng.random_range(0..live.len())];
            let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
                .bind(id)
                .fetch_one(&w.app.db)
                .await
                .unwrap();
            let next = match status.as_str() {
                "confirmed" => "accepted",
                "accepted" => "preparing",
                "preparing" => "shipped",
                _ => "delivered",
            };
            let r = w
                .app
                .post(
                    &format!("/api/v1/partner/stores/{}/orders/{id}/status", w.riyadh),
                    Some(&w.supplier),
                    json!({"status": next}),
                )
                .await;
            assert_eq!(r.status, 200, "{r:?}");
            format!("{status} → {next}")
        }
        4 => {
            let open = w.orders(&["pending_payment", "confirmed"]).await;
            if open.is_empty() {
                return "no order to cancel".into();
            }
            let (id, customer) = open[rng.random_range(0..open.len())];
            let token = w.token_of_customer(customer).to_owned();
            let r = w
                .app
                .post(
                    &format!("/api/v1/orders/{id}/cancel"),
                    Some(&token),
                    json!({}),
                )
                .await;
            assert_eq!(r.status, 200, "{r:?}");
            "cancel".into()
        }
        5 => {
            let paid: Vec<(Uuid, i64)> = sqlx::query_as(
                "SELECT target_id, amount - refunded_amount FROM payments \
                 WHERE state IN ('captured', 'partially_refunded') AND amount > refunded_amount",
            )
            .fetch_all(&w.app.db)
            .await
            .unwrap();
            if paid.is_empty() {
                return "nothing to refund".into();
            }
            let (order, left) = paid[rng.random_range(0..paid.len())];
            let amount = rng.random_range(1..=left);
            let key = w.key();
            let r = post_keyed(
                &w.app,
                &format!("/api/v1/admin/orders/{order}/refunds"),
                &w.admin,
                &key,
                json!({"amount": amount, "reason": "property"}),
            )
            .await;
            assert_eq!(r.status, 201, "{r:?}");
            format!("refund {amount} of {left}")
        }
        6 => {
            let owed: i64 = sqlx::query_scalar(
                "SELECT coalesce(-balance, 0) FROM ledger_accounts WHERE kind = 'store_payable' AND owner_id = $1",
            )
            .bind(w.riyadh)
            .fetch_optional(&w.app.db)
            .await
            .unwrap()
            .unwrap_or(0);
            if owed <= 0 {
                return "nothing owed".into();
            }
            let amount = rng.random_range(1..=owed);
            let key = w.key();
            let r = post_keyed(
                &w.app,
                &format!("/api/v1/admin/stores/{}/payouts", w.riyadh),
                &w.admin,
                &key,
                json!({"amount": amount, "reference": "TRX"}),
            )
            .await;
            assert_eq!(r.status, 201, "{r:?}");
            format!("payout {amount}")
        }
        _ => {
            let c = rng.random_range(0..w.customer_ids.len());
            let credit = rng.random_bool(0.6);
            let amount = rng.random_range(1..30_000);
            let key = w.key();
            let path = format!(
                "/api/v1/admin/users/{}/wallet/{}",
                w.customer_ids[c],
                if credit { "credit" } else { "debit" }
            );
            let r = post_keyed(
                &w.app,
                &path,
                &w.admin,
                &key,
                json!({"amount": amount, "reason": "property"}),
            )
            .await;
            assert!(r.status == 201 || (!credit && r.status == 422), "{r:?}");
            format!(
                "wallet {} {amount} → {}",
                if credit { "credit" } else { "debit" },
                r.status
            )
        }
    }
}

async fn check(w: &World, trail: &[String]) {
    assert_ledger_sound(&w.app).await;
    let negative: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ledger_accounts WHERE kind = 'customer_wallet' AND balance > 0",
    )
    .fetch_one(&w.app.db)
    .await
    .unwrap();
    assert_eq!(negative, 0, "a wallet below zero after {trail:?}");
    // Escrow: what was paid and not yet refunded, until settlement; then nothing.
    let wrong: Vec<(Uuid, String, i64, i64)> = sqlx::query_as(
        "SELECT o.id, o.status, coalesce(-a.balance, 0), \
           coalesce((SELECT sum(p.amount - p.refunded_amount) FROM payments p WHERE p.target_id = o.id \
                     AND p.state IN ('captured', 'partially_refunded', 'refunded')), 0)::bigint \
         FROM orders o LEFT JOIN ledger_accounts a ON a.kind = 'order_escrow' AND a.owner_id = o.id",
    )
    .fetch_all(&w.app.db)
    .await
    .unwrap()
    .into_iter()
    .filter(|(_, status, escrow, held)| {
        let settled = status == "delivered" || status == "refunded";
        *escrow != if settled { 0 } else { *held }
    })
    .collect();
    assert!(wrong.is_empty(), "escrow off for {wrong:?} after {trail:?}");
    // A full refund before delivery closes the order: it is never delivered
    // afterwards, so neither settled nor paid cashback.
    let reopened: Vec<Uuid> = sqlx::query_scalar(
        "SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM payments p WHERE p.target_id = o.id \
           AND p.state = 'refunded' AND p.updated_at < coalesce((SELECT min(h.created_at) \
             FROM order_status_history h WHERE h.order_id = o.id AND h.to_status = 'delivered'), 'infinity')) \
         AND EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.target_id = o.id \
           AND t.kind IN ('target_settled', 'cashback'))",
    )
    .fetch_all(&w.app.db)
    .await
    .unwrap();
    assert!(
        reopened.is_empty(),
        "refunded money settled or paid cashback for {reopened:?} after {trail:?}"
    );
    let open_refunded: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM orders o JOIN payments p ON p.target_id = o.id AND p.state = 'refunded' \
         WHERE o.status NOT IN ('refunded', 'cancelled', 'rejected')",
    )
    .fetch_one(&w.app.db)
    .await
    .unwrap();
    assert_eq!(
        open_refunded, 0,
        "a fully refunded order still open after {trail:?}"
    );
}

#[tokio::test]
async fn every_random_sequence_keeps_the_ledger_balanced() {
    let mut seen = std::collections::BTreeSet::new();
    for seed in [7_u64, 42, 2026, 1447, 99] {
        let mut w = world().await;
        let mut rng = StdRng::seed_from_u64(seed);
        let mut trail = Vec::new();
        for _ in 0..60 {
            trail.push(step(&mut w, &mut rng).await);
            check(&w, &trail).await;
        }
        let kinds: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT kind FROM ledger_transactions")
                .fetch_all(&w.app.db)
                .await
                .unwrap();
        seen.extend(kinds);
    }
    // The sequences did exercise every kind of movement.
    for kind in [
        "payment_captured",
        "cash_collected",
        "target_settled",
        "cash_retained",
        "refund",
        "settlement_reversed",
        "cashback",
        "payout",
        "wallet_credit",
        "wallet_debit",
    ] {
        assert!(seen.contains(kind), "{kind} never happened: {seen:?}");
    }
}
