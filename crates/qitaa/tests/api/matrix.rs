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
fn product_patch() -> Option<Value> {
    Some(json!({"stock": 3}))
}

fn routes() -> Vec<Route> {
    use Need::*;
    use Target::*;
    vec![
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
            path: "/api/v1/partner/stores/{store}/balance",
            need: Owner,
            target: Store,
            body: no_body,
            expect: [200, 403, 403, 404, 404, 401],
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
            let path = route
                .path
                .replace("{store}", &store_id.to_string())
                .replace("{product}", &product_id.to_string())
                .replace("{employee}", &employee_id.to_string());
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
