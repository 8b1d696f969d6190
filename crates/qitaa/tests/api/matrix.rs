//! The authorization matrix of every store-scoped route: owner, employee
//! with the route's slug, employee without it, another supplier, a customer
//! and an anonymous caller. The table below is the specification; the test
//! fails on any cell that differs.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;

const ALL_SLUGS: [&str; 9] = [
    "products.view",
    "products.manage",
    "orders.view",
    "orders.manage",
    "requests.view",
    "requests.manage",
    "bookings.manage",
    "store.settings.manage",
    "store.team.manage",
];

/// What a route needs of a store employee.
#[derive(Clone, Copy)]
enum Need {
    /// Any standing in the store.
    Standing,
    Slug(&'static str),
    Owner,
}

/// What each call acts on; destructive routes get a fresh object per call.
#[derive(Clone, Copy)]
enum Target {
    Store,
    FreshStore,
    Product,
    FreshDraftProduct,
    FreshEmployee,
    /// The store's confirmed order (the demo's is delivered; one is made).
    Order,
    FreshOrder,
    FreshReview,
    /// A request sent to the store (made once).
    Request,
    /// A request sent to the store, made for each call.
    FreshRequest,
    /// The store's live offer on a fresh request, made for each call.
    FreshOffer,
    /// A promotion of the store (made once).
    Promotion,
    /// A promotion of the store, made for each call.
    FreshPromotion,
}

struct Route {
    method: Method,
    path: &'static str,
    need: Need,
    target: Target,
    body: fn() -> Option<Value>,
    /// owner, employee with, employee without, other supplier, customer, anonymous.
    expect: [u16; 6],
}

fn no_body() -> Option<Value> {
    None
}
fn store_patch() -> Option<Value> {
    Some(json!({"phone": "0551234567"}))
}
fn new_employee() -> Option<Value> {
    Some(
        json!({"phone": format!("05{:08}", Uuid::new_v4().as_u128() % 100_000_000), "permissions": ["orders.view"]}),
    )
}
fn employee_patch() -> Option<Value> {
    Some(json!({"permissions": ["orders.view", "products.view"]}))
}
fn new_product() -> Option<Value> {
    Some(
        json!({"nameAr": "منتج", "nameEn": "Product", "condition": "new", "price": 100, "submit": false}),
    )
}
fn accept_order() -> Option<Value> {
    Some(json!({"status": "accepted"}))
}
fn reply() -> Option<Value> {
    Some(json!({"text": "شكرًا لك"}))
}
fn product_patch() -> Option<Value> {
    Some(json!({"stock": 3}))
}
fn product_shipping() -> Option<Value> {
    Some(json!({"weightGrams": 1200, "lengthCm": 30}))
}
fn an_offer() -> Option<Value> {
    Some(crate::rfq::offer_body(30_000))
}
fn bad_item() -> Option<Value> {
    Some(
        json!({"serviceId": Uuid::nil(), "nameAr": "غسيل", "nameEn": "Wash", "durationMinutes": 30,
                "prices": [{"bodyTypeId": Uuid::nil(), "price": 3000}]}),
    )
}
fn schedule() -> Option<Value> {
    Some(
        json!({"slotMinutes": 30, "capacity": 1, "leadMinutes": 60, "horizonDays": 14,
                "cancelWindowMinutes": 120, "hours": [{"weekday": 7, "start": "09:00", "end": "12:00"}]}),
    )
}
fn block() -> Option<Value> {
    Some(json!({"kind": "yearly", "month": 9, "day": 23, "reason": "National Day"}))
}
fn booking_step() -> Option<Value> {
    Some(json!({"status": "confirmed"}))
}
fn coverage() -> Option<Value> {
    Some(json!({"makeIds": [], "categoryIds": []}))
}

/// The store's product a new promotion covers (set once the test read it).
static PROMOTED: std::sync::OnceLock<Uuid> = std::sync::OnceLock::new();

fn new_promotion() -> Option<Value> {
    let now = time::OffsetDateTime::now_utc();
    let rfc = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    Some(
        json!({"nameAr": "عرض", "nameEn": "Sale", "kind": "percent", "value": 1000,
                "productIds": [PROMOTED.get().expect("set by the test")],
                "startsAt": rfc(now), "endsAt": rfc(now + time::Duration::days(1))}),
    )
}
fn promotion_patch() -> Option<Value> {
    Some(json!({"active": true}))
}

fn routes() -> Vec<Route> {
    use Need::*;
    use Target::*;
    vec![
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/requests",
            need: Slug("requests.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/requests/stats",
            need: Slug("requests.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/requests/{request}",
            need: Slug("requests.view"),
            target: Request,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/requests/{request}/offers",
            need: Slug("requests.manage"),
            target: FreshRequest,
            body: an_offer,
            expect: [201, 201, 403, 404, 404, 401],
        },
        Route {
            method: Method::PUT,
            path: "/api/v1/partner/stores/{store}/requests/{request}/offers/{offer}",
            need: Slug("requests.manage"),
            target: FreshOffer,
            body: an_offer,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/requests/{request}/offers/{offer}/withdraw",
            need: Slug("requests.manage"),
            target: FreshOffer,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/requests/{request}/offers/{offer}/revisions",
            need: Slug("requests.view"),
            target: FreshOffer,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/requests/{request}/chat",
            need: Slug("requests.view"),
            target: Request,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/coverage",
            need: Slug("requests.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/reviews",
            need: Slug("orders.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/stats",
            need: Slug("orders.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}",
            need: Standing,
            target: Store,
            body: no_body,
            expect: [200, 200, 200, 404, 404, 401],
        },
        Route {
            method: Method::PATCH,
            path: "/api/v1/partner/stores/{store}",
            need: Slug("store.settings.manage"),
            target: Store,
            body: store_patch,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::DELETE,
            path: "/api/v1/partner/stores/{store}",
            need: Owner,
            target: FreshStore,
            body: no_body,
            expect: [200, 403, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/employees",
            need: Slug("store.team.manage"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/employees",
            need: Slug("store.team.manage"),
            target: Store,
            body: new_employee,
            expect: [201, 201, 403, 404, 404, 401],
        },
        Route {
            method: Method::PATCH,
            path: "/api/v1/partner/stores/{store}/employees/{employee}",
            need: Slug("store.team.manage"),
            target: FreshEmployee,
            body: employee_patch,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::DELETE,
            path: "/api/v1/partner/stores/{store}/employees/{employee}",
            need: Slug("store.team.manage"),
            target: FreshEmployee,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/products",
            need: Slug("products.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/products",
            need: Slug("products.manage"),
            target: Store,
            body: new_product,
            expect: [201, 201, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/products/{product}",
            need: Slug("products.view"),
            target: Product,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::PATCH,
            path: "/api/v1/partner/stores/{store}/products/{product}",
            need: Slug("products.manage"),
            target: Product,
            body: product_patch,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::DELETE,
            path: "/api/v1/partner/stores/{store}/products/{product}",
            need: Slug("products.manage"),
            target: FreshDraftProduct,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/products/{product}/shipping",
            need: Slug("products.view"),
            target: Product,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::PUT,
            path: "/api/v1/partner/stores/{store}/products/{product}/shipping",
            need: Slug("products.manage"),
            target: Product,
            body: product_shipping,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/products/{product}/submit",
            need: Slug("products.manage"),
            target: FreshDraftProduct,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/orders",
            need: Slug("orders.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/orders/{order}",
            need: Slug("orders.view"),
            target: Order,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/orders/{order}/status",
            need: Slug("orders.manage"),
            target: FreshOrder,
            body: accept_order,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/reviews/{review}/reply",
            need: Slug("orders.manage"),
            target: FreshReview,
            body: reply,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/balance",
            need: Owner,
            target: Store,
            body: no_body,
            expect: [200, 403, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/service-items",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/service-items",
            need: Slug("bookings.manage"),
            target: Store,
            body: bad_item,
            expect: [422, 422, 403, 404, 404, 401],
        },
        Route {
            method: Method::PUT,
            path: "/api/v1/partner/stores/{store}/service-items/{item}",
            need: Slug("bookings.manage"),
            target: Store,
            body: bad_item,
            expect: [404, 404, 403, 404, 404, 401],
        },
        Route {
            method: Method::DELETE,
            path: "/api/v1/partner/stores/{store}/service-items/{item}",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [404, 404, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/booking-schedule",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::PUT,
            path: "/api/v1/partner/stores/{store}/booking-schedule",
            need: Slug("bookings.manage"),
            target: Store,
            body: schedule,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/booking-blocks",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/booking-blocks",
            need: Slug("bookings.manage"),
            target: Store,
            body: block,
            expect: [201, 201, 403, 404, 404, 401],
        },
        Route {
            method: Method::DELETE,
            path: "/api/v1/partner/stores/{store}/booking-blocks/{block}",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [404, 404, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/bookings",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/bookings/{booking}",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [404, 404, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/bookings/{booking}/status",
            need: Slug("bookings.manage"),
            target: Store,
            body: booking_step,
            expect: [404, 404, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/bookings-stats",
            need: Slug("bookings.manage"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/promotions",
            need: Slug("products.view"),
            target: Store,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::POST,
            path: "/api/v1/partner/stores/{store}/promotions",
            need: Slug("products.manage"),
            target: Store,
            body: new_promotion,
            expect: [201, 201, 403, 404, 404, 401],
        },
        Route {
            method: Method::GET,
            path: "/api/v1/partner/stores/{store}/promotions/{promotion}",
            need: Slug("products.view"),
            target: Promotion,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::PATCH,
            path: "/api/v1/partner/stores/{store}/promotions/{promotion}",
            need: Slug("products.manage"),
            target: Promotion,
            body: promotion_patch,
            expect: [200, 200, 403, 404, 404, 401],
        },
        Route {
            method: Method::DELETE,
            path: "/api/v1/partner/stores/{store}/promotions/{promotion}",
            need: Slug("products.manage"),
            target: FreshPromotion,
            body: no_body,
            expect: [200, 200, 403, 404, 404, 401],
        },
        // Last: it empties the store's coverage, which fresh requests need.
        Route {
            method: Method::PUT,
            path: "/api/v1/partner/stores/{store}/coverage",
            need: Slug("store.settings.manage"),
            target: Store,
            body: coverage,
            expect: [200, 200, 403, 404, 404, 401],
        },
    ]
}

/// Slugs an employee holds in the "with" and "without" columns: without
/// holds everything that does not grant the route's need.
fn grants(need: Need) -> (Vec<&'static str>, Vec<&'static str>) {
    match need {
        Need::Standing => (vec!["products.view"], vec![]),
        Need::Owner => (ALL_SLUGS.to_vec(), ALL_SLUGS.to_vec()),
        Need::Slug(s) => {
            let granting = |slug: &str| {
                slug == s || (s.ends_with(".view") && slug == s.replace(".view", ".manage"))
            };
            (
                vec![s],
                ALL_SLUGS
                    .iter()
                    .copied()
                    .filter(|slug| !granting(slug))
                    .collect(),
            )
        }
    }
}

struct World {
    store: Uuid,
    company: Uuid,
    store_type: Uuid,
    owner: Uuid,
}

async fn user_with_phone(app: &TestApp, phone: &str) -> (Uuid, String) {
    let pair = app.sign_in(phone).await;
    (
        pair["user"]["id"].as_str().unwrap().parse().unwrap(),
        pair["accessToken"].as_str().unwrap().to_owned(),
    )
}

async fn employ(app: &TestApp, store: Uuid, user: Uuid, slugs: &[&str]) {
    sqlx::query(
        "INSERT INTO store_employees (id, store_id, user_id, permissions) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (store_id, user_id) WHERE deleted_at IS NULL DO UPDATE SET permissions = EXCLUDED.permissions",
    )
    .bind(Uuid::now_v7())
    .bind(store)
    .bind(user)
    .bind(slugs.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    .execute(&app.db)
    .await
    .unwrap();
}

async fn fresh_store(app: &TestApp, w: &World) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO stores (id, company_id, store_type_id, name_ar, name_en, city, address, lat, lng, status) \
         VALUES ($1, $2, $3, 'فرع', 'Branch', 'Riyadh', 'Street', 24.7, 46.7, 'active')",
    )
    .bind(id)
    .bind(w.company)
    .bind(w.store_type)
    .execute(&app.db)
    .await
    .unwrap();
    id
}

async fn fresh_draft_product(app: &TestApp, store: Uuid) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO products (id, store_id, name_ar, name_en, condition, price, status) \
         VALUES ($1, $2, 'مسودة', 'Draft', 'new', 100, 'draft')",
    )
    .bind(id)
    .bind(store)
    .execute(&app.db)
    .await
    .unwrap();
    id
}

async fn fresh_employee(app: &TestApp, store: Uuid) -> Uuid {
    let user = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO users (id, phone, role, status) VALUES ($1, $2, 'CUSTOMER', 'active')",
    )
    .bind(user)
    .bind(format!(
        "+9665{:08}",
        Uuid::new_v4().as_u128() % 100_000_000
    ))
    .execute(&app.db)
    .await
    .unwrap();
    let id = Uuid::now_v7();
    sqlx::query("INSERT INTO store_employees (id, store_id, user_id, permissions) VALUES ($1, $2, $3, '{orders.view}')")
        .bind(id)
        .bind(store)
        .bind(user)
        .execute(&app.db)
        .await
        .unwrap();
    id
}

/// A confirmed wallet order of the demo customer at `store`.
async fn confirmed_order(app: &TestApp, customer: &str, store: Uuid) -> Uuid {
    let p = crate::shop::product(app, store, 100, 5).await;
    let address = crate::shop::address(app, customer).await;
    let r = crate::shop::checkout(
        app,
        customer,
        &Uuid::new_v4().to_string(),
        json!({"addressId": address, "paymentMethod": "wallet", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A store review on the demo's delivered order of `store`.
async fn store_review(app: &TestApp, store: Uuid) -> Uuid {
    let (order, customer): (Uuid, Uuid) = sqlx::query_as(
        "SELECT id, customer_id FROM orders WHERE store_id = $1 AND status = 'delivered' LIMIT 1",
    )
    .bind(store)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO reviews (id, order_id, customer_id, store_id, target_type, stars) \
         VALUES ($1, $2, $3, $4, 'store', 5)",
    )
    .bind(id)
    .bind(order)
    .bind(customer)
    .bind(store)
    .execute(&app.db)
    .await
    .unwrap();
    id
}

async fn fresh_promotion(app: &TestApp, store: Uuid, product: Uuid) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO store_promotions (id, store_id, name_ar, name_en, kind, value, product_ids, \
           starts_at, ends_at) VALUES ($1, $2, 'عرض', 'Sale', 'percent', 1000, $3, now(), \
           now() + interval '1 day')",
    )
    .bind(id)
    .bind(store)
    .bind(vec![product])
    .execute(&app.db)
    .await
    .unwrap();
    id
}

/// The operations of the OpenAPI document under `prefix`, as `METHOD path`.
fn documented(prefix: &str) -> std::collections::BTreeSet<String> {
    let doc = serde_json::to_value(qitaa::server::openapi()).unwrap();
    let mut out = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with(prefix) {
            continue;
        }
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                out.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    out
}

/// Every documented store-scoped operation has a row, and every row is a
/// documented operation: a new route without a declared row fails here.
fn assert_every_store_route_is_declared() {
    let documented: std::collections::BTreeSet<String> = documented("/api/v1/partner/stores/{")
        .into_iter()
        .map(|op| {
            op.replace("{storeId}", "{store}")
                .replace("/employees/{employeeId}", "/employees/{employee}")
                .replace("/products/{id}", "/products/{product}")
                .replace("/orders/{id}", "/orders/{order}")
                .replace("/reviews/{reviewId}", "/reviews/{review}")
                .replace("/requests/{id}", "/requests/{request}")
                .replace("/offers/{offerId}", "/offers/{offer}")
                .replace("/service-items/{id}", "/service-items/{item}")
                .replace("/booking-blocks/{id}", "/booking-blocks/{block}")
                .replace("/bookings/{id}", "/bookings/{booking}")
                .replace("/promotions/{id}", "/promotions/{promotion}")
        })
        .collect();
    let declared: std::collections::BTreeSet<String> = routes()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let missing: Vec<_> = documented.difference(&declared).collect();
    let stale: Vec<_> = declared.difference(&documented).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "store-scoped operations without a row: {missing:?}; rows of no operation: {stale:?}"
    );
}

#[tokio::test]
async fn every_store_scoped_route_answers_each_kind_of_caller_as_declared() {
    let app = TestApp::spawn().await;
    let (store, company, store_type, owner): (Uuid, Uuid, Uuid, Uuid) = sqlx::query_as(
        "SELECT s.id, s.company_id, s.store_type_id, c.owner_id FROM stores s JOIN companies c ON c.id = s.company_id \
         WHERE s.name_en = 'Riyadh Branch'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let product: Uuid = sqlx::query_scalar("SELECT id FROM products WHERE store_id = $1 LIMIT 1")
        .bind(store)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let w = World {
        store,
        company,
        store_type,
        owner,
    };
    let owner_token = app.token_of("+966500000002").await;
    let (with_id, with_token) = user_with_phone(&app, "+966591000001").await;
    let (without_id, without_token) = user_with_phone(&app, "+966591000002").await;
    let other_supplier = app.sign_in_as("+966591000003", Some("SUPPLIER")).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let customer = app.token_of("+966500000001").await;
    assert_ne!(w.owner, with_id);
    let the_order = confirmed_order(&app, &customer, store).await;
    let review = store_review(&app, store).await;
    let _ = PROMOTED.set(product);
    let the_promotion = fresh_promotion(&app, store, product).await;
    let request_body = crate::rfq::headlight(&app, crate::rfq::RIYADH_PIN, 50).await;
    let the_request = crate::rfq::create(&app, &customer, request_body.clone()).await;
    assert_every_store_route_is_declared();

    let mut mismatches = Vec::new();
    for route in routes() {
        let (with, without) = grants(route.need);
        let callers: [Option<&str>; 6] = [
            Some(&owner_token),
            Some(&with_token),
            Some(&without_token),
            Some(&other_supplier),
            Some(&customer),
            None,
        ];
        for (col, token) in callers.iter().enumerate() {
            let store_id = match route.target {
                Target::FreshStore => fresh_store(&app, &w).await,
                _ => w.store,
            };
            // Employees are (re)set for the store under test, every call.
            employ(&app, store_id, with_id, &with).await;
            employ(&app, store_id, without_id, &without).await;
            let product_id = match route.target {
                Target::FreshDraftProduct => fresh_draft_product(&app, store_id).await,
                _ => product,
            };
            let employee_id = match route.target {
                Target::FreshEmployee => fresh_employee(&app, store_id).await,
                _ => Uuid::nil(),
            };
            let order_id = match route.target {
                Target::Order => the_order,
                Target::FreshOrder => confirmed_order(&app, &customer, store_id).await,
                _ => Uuid::nil(),
            };
            let (request_id, offer_id) = match route.target {
                Target::Request => (the_request, Uuid::nil()),
                Target::FreshRequest => (
                    crate::rfq::create(&app, &customer, request_body.clone()).await,
                    Uuid::nil(),
                ),
                Target::FreshOffer => {
                    let r = crate::rfq::create(&app, &customer, request_body.clone()).await;
                    (
                        r,
                        crate::rfq::offer(&app, &owner_token, store_id, r, 30_000).await,
                    )
                }
                _ => (Uuid::nil(), Uuid::nil()),
            };
            let promotion_id = match route.target {
                Target::Promotion => the_promotion,
                Target::FreshPromotion => fresh_promotion(&app, store_id, product).await,
                _ => Uuid::nil(),
            };
            let path = route
                .path
                .replace("{store}", &store_id.to_string())
                .replace("{request}", &request_id.to_string())
                .replace("{offer}", &offer_id.to_string())
                .replace("{product}", &product_id.to_string())
                .replace("{employee}", &employee_id.to_string())
                .replace("{order}", &order_id.to_string())
                .replace("{review}", &review.to_string())
                .replace("{item}", &Uuid::nil().to_string())
                .replace("{block}", &Uuid::nil().to_string())
                .replace("{booking}", &Uuid::nil().to_string())
                .replace("{promotion}", &promotion_id.to_string());
            let r = app
                .call(route.method.clone(), &path, *token, (route.body)(), "en")
                .await;
            let expected = route.expect[col];
            if r.status.as_u16() != expected {
                mismatches.push(format!(
                    "{} {} as {}: expected {expected}, got {} {}",
                    route.method,
                    route.path,
                    [
                        "owner",
                        "employee with",
                        "employee without",
                        "other supplier",
                        "customer",
                        "anonymous"
                    ][col],
                    r.status,
                    r.body
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} cells differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// One admin operation: what a caller sends to reach its permission check.
struct AdminRoute {
    method: Method,
    path: &'static str,
    body: Option<fn() -> Value>,
}

fn admin_routes() -> Vec<AdminRoute> {
    fn reason() -> Value {
        json!({"reason": "matrix"})
    }
    fn empty() -> Value {
        json!({})
    }
    let r = |method: Method, path: &'static str, body: Option<fn() -> Value>| AdminRoute {
        method,
        path,
        body,
    };
    use Method as M;
    vec![
        r(M::GET, "/api/v1/admin/users", None),
        r(M::POST, "/api/v1/admin/users/{id}/suspend", Some(reason)),
        r(M::POST, "/api/v1/admin/users/{id}/reactivate", Some(empty)),
        r(M::POST, "/api/v1/admin/users/{id}/approve", Some(empty)),
        r(M::GET, "/api/v1/admin/registrations", None),
        r(M::GET, "/api/v1/admin/registrations/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/registrations/{id}/approve",
            Some(empty),
        ),
        r(
            M::POST,
            "/api/v1/admin/registrations/{id}/reject",
            Some(reason),
        ),
        r(M::GET, "/api/v1/admin/admins", None),
        r(
            M::POST,
            "/api/v1/admin/admins",
            Some(|| json!({"phone": "0590000009", "name": "Ops", "permissions": ["users.view"]})),
        ),
        r(
            M::PUT,
            "/api/v1/admin/admins/{id}/permissions",
            Some(|| json!({"permissions": ["users.view"]})),
        ),
        r(M::GET, "/api/v1/admin/permissions", None),
        r(M::GET, "/api/v1/admin/deletion-requests", None),
        r(
            M::POST,
            "/api/v1/admin/deletion-requests/{id}/finalise",
            Some(empty),
        ),
        r(M::GET, "/api/v1/admin/audit-logs", None),
        r(M::GET, "/api/v1/admin/settings", None),
        r(M::GET, "/api/v1/admin/users/{id}/activity", None),
        r(M::PUT, "/api/v1/admin/settings", Some(empty)),
        r(M::GET, "/api/v1/admin/content/banners", None),
        r(
            M::POST,
            "/api/v1/admin/content/banners",
            Some(
                || json!({"titleAr": "ع", "titleEn": "T", "imageId": Uuid::nil(), "app": "customer"}),
            ),
        ),
        r(
            M::PUT,
            "/api/v1/admin/content/banners/{id}",
            Some(
                || json!({"titleAr": "ع", "titleEn": "T", "imageId": Uuid::nil(), "app": "customer"}),
            ),
        ),
        r(M::DELETE, "/api/v1/admin/content/banners/{id}", None),
        r(M::GET, "/api/v1/admin/content/faqs", None),
        r(
            M::POST,
            "/api/v1/admin/content/faqs",
            Some(
                || json!({"questionAr": "س", "questionEn": "Q", "answerAr": "ج", "answerEn": "A", "audience": "customer"}),
            ),
        ),
        r(
            M::PUT,
            "/api/v1/admin/content/faqs/{id}",
            Some(
                || json!({"questionAr": "س", "questionEn": "Q", "answerAr": "ج", "answerEn": "A", "audience": "customer"}),
            ),
        ),
        r(M::DELETE, "/api/v1/admin/content/faqs/{id}", None),
        r(M::GET, "/api/v1/admin/content/pages", None),
        r(M::GET, "/api/v1/admin/content/pages/{id}/versions", None),
        r(
            M::POST,
            "/api/v1/admin/content/pages/{id}/versions",
            Some(|| json!({"titleAr": "ش", "titleEn": "T", "bodyAr": "ن", "bodyEn": "B"})),
        ),
        r(
            M::GET,
            "/api/v1/admin/content/pages/{id}/versions/{version}",
            None,
        ),
        r(M::GET, "/api/v1/admin/content/social-links", None),
        r(
            M::PUT,
            "/api/v1/admin/content/social-links",
            Some(|| json!({"links": []})),
        ),
        r(M::GET, "/api/v1/admin/contact-messages", None),
        r(
            M::POST,
            "/api/v1/admin/contact-messages/{id}/status",
            Some(|| json!({"status": "read"})),
        ),
        r(M::POST, "/api/v1/admin/clear-data/step-up", Some(empty)),
        r(
            M::POST,
            "/api/v1/admin/clear-data",
            Some(|| json!({"phrase": "DELETE ALL BUSINESS DATA", "code": "000000"})),
        ),
        r(M::GET, "/api/v1/admin/companies", None),
        r(M::GET, "/api/v1/admin/companies/{id}", None),
        r(M::POST, "/api/v1/admin/companies/{id}/approve", Some(empty)),
        r(M::POST, "/api/v1/admin/companies/{id}/reject", Some(reason)),
        r(M::GET, "/api/v1/admin/stores", None),
        r(M::GET, "/api/v1/admin/stores/{id}", None),
        r(M::POST, "/api/v1/admin/stores/{id}/activate", Some(empty)),
        r(M::POST, "/api/v1/admin/stores/{id}/suspend", Some(reason)),
        r(
            M::PUT,
            "/api/v1/admin/stores/{id}/commission",
            Some(|| json!({"commissionBp": 900})),
        ),
        r(M::GET, "/api/v1/admin/stores/{storeId}/balance", None),
        r(
            M::POST,
            "/api/v1/admin/stores/{storeId}/payouts",
            Some(|| json!({"amount": 1, "reference": "TRX"})),
        ),
        r(M::GET, "/api/v1/admin/services", None),
        r(
            M::POST,
            "/api/v1/admin/services",
            Some(|| json!({"slug": "matrix-wash", "nameAr": "غسيل", "nameEn": "Wash"})),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/services/{id}",
            Some(|| json!({"nameEn": "Wash"})),
        ),
        r(M::DELETE, "/api/v1/admin/services/{id}", None),
        r(M::GET, "/api/v1/admin/store-types", None),
        r(
            M::POST,
            "/api/v1/admin/store-types",
            Some(
                || json!({"slug": "matrix-type", "nameAr": "نوع", "nameEn": "Type", "serviceIds": []}),
            ),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/store-types/{id}",
            Some(|| json!({"nameEn": "Type"})),
        ),
        r(M::DELETE, "/api/v1/admin/store-types/{id}", None),
        r(M::GET, "/api/v1/admin/products", None),
        r(M::POST, "/api/v1/admin/products/{id}/approve", Some(empty)),
        r(M::POST, "/api/v1/admin/products/{id}/reject", Some(reason)),
        r(
            M::POST,
            "/api/v1/admin/car-makes",
            Some(|| json!({"slug": "matrix", "nameAr": "ماتركس", "nameEn": "Matrix"})),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/car-makes/{id}",
            Some(|| json!({"nameEn": "Matrix"})),
        ),
        r(M::DELETE, "/api/v1/admin/car-makes/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/geo/countries",
            Some(|| json!({"code": "ZZ", "nameAr": "ماتركس", "nameEn": "Matrix"})),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/geo/countries/{id}",
            Some(|| json!({"nameEn": "Matrix"})),
        ),
        r(M::DELETE, "/api/v1/admin/geo/countries/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/geo/cities",
            Some(
                || json!({"countryId": Uuid::nil(), "slug": "matrix", "nameAr": "ماتركس", "nameEn": "Matrix"}),
            ),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/geo/cities/{id}",
            Some(|| json!({"nameEn": "Matrix"})),
        ),
        r(M::DELETE, "/api/v1/admin/geo/cities/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/geo/cities/{id}/areas",
            Some(|| json!({"slug": "matrix", "nameAr": "ماتركس", "nameEn": "Matrix"})),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/geo/areas/{id}",
            Some(|| json!({"nameEn": "Matrix"})),
        ),
        r(M::DELETE, "/api/v1/admin/geo/areas/{id}", None),
        r(M::POST, "/api/v1/admin/geo/countries/{id}/deactivate", None),
        r(M::POST, "/api/v1/admin/geo/countries/{id}/restore", None),
        r(M::POST, "/api/v1/admin/geo/cities/{id}/deactivate", None),
        r(M::POST, "/api/v1/admin/geo/cities/{id}/restore", None),
        r(M::POST, "/api/v1/admin/geo/areas/{id}/deactivate", None),
        r(M::POST, "/api/v1/admin/geo/areas/{id}/restore", None),
        r(
            M::POST,
            "/api/v1/admin/car-models",
            Some(
                || json!({"makeId": Uuid::nil(), "slug": "matrix-1", "nameAr": "١", "nameEn": "One", "yearFrom": 2020}),
            ),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/car-models/{id}",
            Some(|| json!({"nameEn": "One"})),
        ),
        r(M::DELETE, "/api/v1/admin/car-models/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/body-types",
            Some(|| json!({"slug": "matrix-body", "nameAr": "هيكل", "nameEn": "Body"})),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/body-types/{id}",
            Some(|| json!({"nameEn": "Body"})),
        ),
        r(M::DELETE, "/api/v1/admin/body-types/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/categories",
            Some(|| json!({"slug": "matrix-cat", "nameAr": "فئة", "nameEn": "Category"})),
        ),
        r(
            M::PATCH,
            "/api/v1/admin/categories/{id}",
            Some(|| json!({"nameEn": "Category"})),
        ),
        r(M::DELETE, "/api/v1/admin/categories/{id}", None),
        r(M::GET, "/api/v1/admin/orders", None),
        r(M::GET, "/api/v1/admin/orders/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/orders/{id}/status",
            Some(|| json!({"status": "cancelled", "reason": "matrix"})),
        ),
        r(
            M::POST,
            "/api/v1/admin/orders/{id}/refunds",
            Some(|| json!({"amount": 1, "reason": "matrix"})),
        ),
        r(M::GET, "/api/v1/admin/users/{id}/wallet", None),
        r(M::GET, "/api/v1/admin/users/{id}/wallet/transactions", None),
        r(
            M::POST,
            "/api/v1/admin/users/{id}/wallet/credit",
            Some(|| json!({"amount": 1, "reason": "matrix"})),
        ),
        r(
            M::POST,
            "/api/v1/admin/users/{id}/wallet/debit",
            Some(|| json!({"amount": 1, "reason": "matrix"})),
        ),
        r(M::GET, "/api/v1/admin/wallets/export.csv", None),
        r(M::GET, "/api/v1/admin/ledger/reconciliation", None),
        r(M::GET, "/api/v1/admin/coupons", None),
        r(
            M::POST,
            "/api/v1/admin/coupons",
            Some(|| json!({"code": "MATRIX1", "kind": "fixed", "value": 100})),
        ),
        r(M::GET, "/api/v1/admin/coupons/{id}", None),
        r(
            M::PATCH,
            "/api/v1/admin/coupons/{id}",
            Some(|| json!({"value": 200})),
        ),
        r(M::DELETE, "/api/v1/admin/coupons/{id}", None),
        r(M::GET, "/api/v1/admin/coupons/{id}/usages", None),
        r(M::GET, "/api/v1/admin/cashback-rules", None),
        r(
            M::POST,
            "/api/v1/admin/cashback-rules",
            Some(|| json!({"name": "Matrix", "percentBp": 100, "maxAmount": 100})),
        ),
        r(M::DELETE, "/api/v1/admin/cashback-rules/{id}", None),
        r(M::GET, "/api/v1/admin/referrals", None),
        r(M::POST, "/api/v1/admin/referrals/{id}/revoke", Some(reason)),
        r(M::GET, "/api/v1/admin/reviews", None),
        r(M::GET, "/api/v1/admin/shipments", None),
        r(M::POST, "/api/v1/admin/shipments/{id}/retry", Some(empty)),
        r(M::POST, "/api/v1/admin/shipments/{id}/cancel", Some(empty)),
        r(M::GET, "/api/v1/admin/shipping-webhooks", None),
        r(M::GET, "/api/v1/admin/shipping/pickup-locations", None),
        r(
            M::POST,
            "/api/v1/admin/shipping/pickup-locations/{id}/resync",
            Some(empty),
        ),
        r(M::GET, "/api/v1/admin/courier-rates", None),
        r(
            M::POST,
            "/api/v1/admin/courier-rates",
            Some(|| json!({"cityId": null, "upToGrams": 777, "fee": 100})),
        ),
        r(
            M::PUT,
            "/api/v1/admin/courier-rates/{id}",
            Some(|| json!({"upToGrams": 778, "fee": 100})),
        ),
        r(M::DELETE, "/api/v1/admin/courier-rates/{id}", None),
        r(M::POST, "/api/v1/admin/reviews/{id}/hide", Some(reason)),
        r(M::POST, "/api/v1/admin/reviews/{id}/restore", Some(empty)),
        r(M::GET, "/api/v1/admin/support/threads", None),
        r(M::GET, "/api/v1/admin/stats/overview", None),
        r(M::GET, "/api/v1/admin/stats/flows", None),
        r(M::GET, "/api/v1/admin/stats/flows.csv", None),
        r(M::GET, "/api/v1/admin/stats/top", None),
        r(M::GET, "/api/v1/admin/jobs", None),
        r(M::GET, "/api/v1/admin/jobs/{id}", None),
        r(M::POST, "/api/v1/admin/jobs/{id}/retry", Some(empty)),
        r(M::GET, "/api/v1/admin/notification-templates", None),
        r(
            M::PUT,
            "/api/v1/admin/notification-templates/{event}/{channel}/{locale}",
            Some(|| json!({"title": "t", "body": "b"})),
        ),
        r(M::GET, "/api/v1/admin/broadcasts", None),
        r(
            M::POST,
            "/api/v1/admin/broadcasts",
            Some(
                || json!({"title": {"ar": "عنوان", "en": "Title"}, "body": {"ar": "نص", "en": "Text"}, "segment": {"role": "CUSTOMER"}, "channels": ["in_app"]}),
            ),
        ),
        r(M::GET, "/api/v1/admin/broadcasts/{id}", None),
        r(M::GET, "/api/v1/admin/broadcasts/{id}/deliveries", None),
        r(M::GET, "/api/v1/admin/requests", None),
        r(M::GET, "/api/v1/admin/requests/{id}", None),
        r(M::POST, "/api/v1/admin/requests/{id}/close", Some(reason)),
        r(M::GET, "/api/v1/admin/merchants", None),
        r(M::GET, "/api/v1/admin/merchants/import-template.csv", None),
        r(
            M::POST,
            "/api/v1/admin/merchants",
            Some(
                || json!({"nameAr": "م", "nameEn": "M", "crNumber": "4000000001", "vatNumber": "310000000000003", "email": "m@example.sa", "commissionBp": 500, "leadTimeDays": 2}),
            ),
        ),
        r(M::GET, "/api/v1/admin/merchants/{id}", None),
        r(
            M::PUT,
            "/api/v1/admin/merchants/{id}",
            Some(
                || json!({"nameAr": "م", "nameEn": "M", "crNumber": "4000000002", "vatNumber": "310000000000003", "email": "m@example.sa", "commissionBp": 500, "leadTimeDays": 2}),
            ),
        ),
        r(M::POST, "/api/v1/admin/merchants/{id}/imports", None),
        r(M::GET, "/api/v1/admin/merchants/{id}/imports", None),
        r(
            M::GET,
            "/api/v1/admin/merchants/{id}/imports/{importId}",
            None,
        ),
        r(M::GET, "/api/v1/admin/external-orders", None),
        r(
            M::POST,
            "/api/v1/admin/external-orders/{id}/status",
            Some(|| json!({"status": "confirmed"})),
        ),
        r(
            M::POST,
            "/api/v1/admin/merchants/{id}/payouts",
            Some(|| json!({"amount": 1, "reference": "TRX"})),
        ),
        r(M::GET, "/api/v1/admin/reps", None),
        r(M::GET, "/api/v1/admin/reps/{id}", None),
        r(M::GET, "/api/v1/admin/repair-jobs", None),
        r(
            M::POST,
            "/api/v1/admin/reps/{id}/payouts",
            Some(|| json!({"amount": 1, "reference": "TRX"})),
        ),
        r(M::GET, "/api/v1/admin/bookings", None),
        r(M::GET, "/api/v1/admin/bookings/{id}", None),
        r(
            M::POST,
            "/api/v1/admin/bookings/{id}/status",
            Some(|| json!({"status": "confirmed", "reason": "Store asked"})),
        ),
    ]
}

/// Every documented admin operation has a row (a new one without fails), and
/// each refuses an admin holding no permission (403), a customer (403) and
/// an anonymous caller (401), while a super admin gets past the check.
#[tokio::test]
async fn every_admin_operation_refuses_whoever_lacks_its_permission() {
    let app = TestApp::spawn().await;
    let declared: std::collections::BTreeSet<String> = admin_routes()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let documented = documented("/api/v1/admin/");
    let missing: Vec<_> = documented.difference(&declared).collect();
    let stale: Vec<_> = declared.difference(&documented).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "admin operations without a row: {missing:?}; rows of no operation: {stale:?}"
    );

    sqlx::query("INSERT INTO users (id, phone, role, status) VALUES ($1, '+966591000010', 'ADMIN', 'active')")
        .bind(Uuid::now_v7())
        .execute(&app.db)
        .await
        .unwrap();
    let powerless = app.token_of("+966591000010").await;
    let customer = app.token_of("+966500000001").await;
    let root = app.token_of("+966500000000").await;
    let mut mismatches = Vec::new();
    for route in admin_routes() {
        let path = route
            .path
            .replace("{id}", &Uuid::nil().to_string())
            .replace("{storeId}", &Uuid::nil().to_string())
            .replace("{importId}", &Uuid::nil().to_string())
            .replace("{event}", "order.status")
            .replace("{channel}", "push")
            .replace("{locale}", "ar")
            .replace("{version}", "1");
        for (who, token, expected) in [
            (
                "admin without the permission",
                Some(powerless.as_str()),
                Some(403),
            ),
            ("customer", Some(customer.as_str()), Some(403)),
            ("anonymous", None, Some(401)),
            ("super admin", Some(root.as_str()), None),
        ] {
            let mut req = app
                .client
                .request(route.method.clone(), format!("{}{path}", app.base))
                .header("accept-language", "en")
                .header("idempotency-key", Uuid::new_v4().to_string());
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            if let Some(body) = route.body {
                req = req.json(&body());
            }
            let status = req.send().await.unwrap().status().as_u16();
            let wrong = match expected {
                Some(e) => status != e,
                None => matches!(status, 401 | 403) || status >= 500,
            };
            if wrong {
                mismatches.push(format!(
                    "{} {} as {who}: expected {}, got {status}",
                    route.method,
                    route.path,
                    expected.map_or("past the check".to_owned(), |e| e.to_string())
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} cells differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
