//! The demo data: one idempotent seeder, extended by each feature, run by the
//! embedded default on first start and by `qitaa seed --demo`.

use kernel::phone::Phone;
use sqlx::PgPool;

use crate::admin::permissions::Permission;

pub struct DemoUser {
    pub phone: &'static str,
    pub role: &'static str,
    pub name: &'static str,
    pub what: &'static str,
}

pub const DEMO_USERS: [DemoUser; 6] = [
    DemoUser {
        phone: "+966500000000",
        role: "SUPER_ADMIN",
        name: "مدير المنصة",
        what: "super admin",
    },
    DemoUser {
        phone: "+966500000001",
        role: "CUSTOMER",
        name: "عميل تجريبي",
        what: "customer",
    },
    DemoUser {
        phone: "+966500000002",
        role: "SUPPLIER",
        name: "مورّد تجريبي",
        what: "supplier (owns the Riyadh and Jeddah stores)",
    },
    DemoUser {
        phone: "+966500000003",
        role: "CUSTOMER",
        name: "موظف متجر تجريبي",
        what: "employee of the Riyadh store (products.view, orders.view)",
    },
    DemoUser {
        phone: "+966500000004",
        role: "REPRESENTATIVE",
        name: "مندوب تجريبي",
        what: "representative",
    },
    DemoUser {
        phone: "+966500000005",
        role: "ADMIN",
        name: "مشرف تجريبي",
        what: "admin (users.view, audit.view)",
    },
];

/// The demo ADMIN's permissions: enough to look, not to change users.
pub const DEMO_ADMIN_PERMISSIONS: [Permission; 2] = [Permission::UsersView, Permission::AuditView];

/// Reference data every deployment needs (car taxonomy, categories); run on
/// every start, idempotent.
pub async fn reference(db: &PgPool) -> anyhow::Result<()> {
    crate::taxonomy::seed::run(db).await?;
    crate::stores::seed::reference(db).await
}

/// Inserts what is missing and leaves what exists alone.
pub async fn demo(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for u in &DEMO_USERS {
        let phone = Phone::parse(u.phone).expect("demo phones are valid");
        sqlx::query(
            "INSERT INTO users (id, phone, role, status, name, locale) VALUES ($1, $2, $3, 'active', $4, 'ar') \
             ON CONFLICT (phone) WHERE deleted_at IS NULL DO NOTHING",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(phone.as_str())
        .bind(u.role)
        .bind(u.name)
        .execute(&mut *tx)
        .await?;
    }
    let slugs: Vec<&str> = DEMO_ADMIN_PERMISSIONS.iter().map(|p| p.slug()).collect();
    sqlx::query(
        "INSERT INTO admin_permissions (user_id, permission) \
         SELECT u.id, p FROM users u, unnest($2::text[]) AS p \
         WHERE u.phone = $1 AND u.role = 'ADMIN' AND u.deleted_at IS NULL ON CONFLICT DO NOTHING",
    )
    .bind(DEMO_USERS[5].phone)
    .bind(&slugs)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    crate::stores::seed::demo(db).await?;
    crate::products::seed::demo(db).await?;
    crate::requests::seed::demo(db).await?;
    Ok(())
}

/// Demo data that goes through the services and so needs the whole state:
/// product images (the object store), and the demo customer's address,
/// wallet and delivered order (the ledger, checkout, the order steps); run
/// after [`demo`].
pub async fn demo_services(state: &crate::AppState) -> anyhow::Result<()> {
    crate::products::seed::demo_images(state).await?;
    crate::orders::seed::demo(state).await
}

pub async fn has_users(db: &PgPool) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users)")
        .fetch_one(db)
        .await
}
