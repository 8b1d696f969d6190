//! The admin sidebar: one item per page, shown only when the admin holds the
//! permission the page's service requires.

use app::AppState;
use app::admin::permissions::{self, Permission};
use app::auth::Caller;

use crate::chrome::{Nav, NavGroup, NavItem};

/// (group, key, path under the base, label, icon, permission)
const ITEMS: &[(&str, &str, &str, &str, &str, Permission)] = &[
    (
        "",
        "home",
        "",
        "ds-nav-home",
        "dashboard",
        Permission::FinanceManage,
    ),
    (
        "ds-group-marketplace",
        "orders",
        "/orders",
        "web-orders-title",
        "receipt",
        Permission::OrdersManage,
    ),
    (
        "ds-group-marketplace",
        "shipments",
        "/shipments",
        "shp-shipments-title",
        "truck",
        Permission::OrdersManage,
    ),
    (
        "ds-group-marketplace",
        "pickup-locations",
        "/pickup-locations",
        "shp-pickups-title",
        "map-pin",
        Permission::OrdersManage,
    ),
    (
        "ds-group-marketplace",
        "courier-rates",
        "/courier-rates",
        "crt-title",
        "route",
        Permission::SettingsManage,
    ),
    (
        "ds-group-marketplace",
        "requests",
        "/requests",
        "adm-requests-title",
        "help-circle",
        Permission::RequestsManage,
    ),
    (
        "ds-group-marketplace",
        "reps",
        "/reps",
        "arp-reps-title",
        "motorbike",
        Permission::RepsManage,
    ),
    (
        "ds-group-marketplace",
        "repair-jobs",
        "/repair-jobs",
        "arp-jobs-title",
        "tool",
        Permission::RepsManage,
    ),
    (
        "ds-group-marketplace",
        "bookings",
        "/bookings",
        "abk-title",
        "calendar-event",
        Permission::BookingsManage,
    ),
    (
        "ds-group-marketplace",
        "service-catalog",
        "/service-catalog",
        "asc-title",
        "list-details",
        Permission::BookingsManage,
    ),
    (
        "ds-group-marketplace",
        "merchants",
        "/merchants",
        "adm-ext-merchants-title",
        "packages",
        Permission::ExternalManage,
    ),
    (
        "ds-group-marketplace",
        "external-orders",
        "/external-orders",
        "adm-ext-orders-title",
        "truck-delivery",
        Permission::ExternalManage,
    ),
    (
        "ds-group-marketplace",
        "products",
        "/products",
        "web-nav-products",
        "package",
        Permission::ProductsApprove,
    ),
    (
        "ds-group-marketplace",
        "companies",
        "/companies",
        "web-nav-companies",
        "building",
        Permission::CompaniesManage,
    ),
    (
        "ds-group-marketplace",
        "stores",
        "/stores",
        "adm-stores-title",
        "building-store",
        Permission::StoresManage,
    ),
    (
        "ds-group-marketplace",
        "taxonomy",
        "/taxonomy",
        "web-nav-taxonomy",
        "car",
        Permission::CatalogManage,
    ),
    (
        "ds-group-marketplace",
        "geography",
        "/geography",
        "web-nav-geography",
        "map-pin",
        Permission::CatalogManage,
    ),
    (
        "ds-group-marketplace",
        "reviews",
        "/reviews",
        "adm-reviews-title",
        "star",
        Permission::ReviewsModerate,
    ),
    (
        "ds-group-people",
        "users",
        "/users",
        "web-admin-users",
        "users",
        Permission::UsersView,
    ),
    (
        "ds-group-people",
        "registrations",
        "/registrations",
        "reg-admin-title",
        "id",
        Permission::UsersView,
    ),
    (
        "ds-group-people",
        "admins",
        "/admins",
        "adm-admins-title",
        "user-shield",
        Permission::AdminsManage,
    ),
    (
        "ds-group-people",
        "deletions",
        "/deletions",
        "adm-deletions-title",
        "trash",
        Permission::UsersManage,
    ),
    (
        "ds-group-money",
        "stats",
        "/stats",
        "sts-title",
        "chart-bar",
        Permission::FinanceManage,
    ),
    (
        "ds-group-money",
        "finance",
        "/finance",
        "web-orders-finance-title",
        "report-money",
        Permission::FinanceManage,
    ),
    (
        "ds-group-money",
        "coupons",
        "/coupons",
        "adm-coupons-title",
        "ticket",
        Permission::CouponsManage,
    ),
    (
        "ds-group-money",
        "cashback",
        "/cashback",
        "adm-cashback-title",
        "gift",
        Permission::CouponsManage,
    ),
    (
        "ds-group-money",
        "referrals",
        "/referrals",
        "web-ref-admin-title",
        "users",
        Permission::CouponsManage,
    ),
    (
        "ds-group-engagement",
        "support",
        "/support",
        "web-chat-nav",
        "headset",
        Permission::SupportManage,
    ),
    (
        "ds-group-engagement",
        "broadcasts",
        "/broadcasts",
        "web-broadcasts-title",
        "speakerphone",
        Permission::NotificationsManage,
    ),
    (
        "ds-group-engagement",
        "templates",
        "/notification-templates",
        "am-templates-title",
        "mail",
        Permission::NotificationsManage,
    ),
    (
        "ds-group-engagement",
        "inbox",
        "/inbox",
        "am-inbox-title",
        "bell",
        Permission::NotificationsManage,
    ),
    (
        "ds-group-system",
        "audit",
        "/audit",
        "ds-nav-audit",
        "history",
        Permission::AuditView,
    ),
    (
        "ds-group-system",
        "jobs",
        "/jobs",
        "web-jobs-title",
        "clipboard-list",
        Permission::JobsManage,
    ),
    (
        "ds-group-system",
        "settings",
        "/settings",
        "adm-settings-title",
        "settings",
        Permission::SettingsManage,
    ),
    (
        "ds-group-system",
        "content",
        "/content",
        "adm-content-title",
        "file-text",
        Permission::ContentManage,
    ),
];

pub fn build<'a>(
    state: &'a AppState,
    caller: &'a Caller,
    base: &'static str,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Nav> + Send + 'a>> {
    Box::pin(async move {
        // A failed read shows an empty sidebar; the page's own service call
        // reports the failure.
        let held = permissions::held(state, caller).await.unwrap_or_default();
        let mut groups: Vec<NavGroup> = Vec::new();
        for (group, key, path, label, icon, needs) in ITEMS {
            if !held.contains(needs) {
                continue;
            }
            let item = NavItem {
                key,
                href: if path.is_empty() {
                    crate::shared::home_url(base)
                } else {
                    format!("{base}{path}")
                },
                label_key: label,
                icon,
            };
            match groups.last_mut() {
                Some(g) if g.title_key == *group => g.items.push(item),
                _ => groups.push(NavGroup {
                    title_key: group,
                    items: vec![item],
                }),
            }
        }
        Nav {
            home: crate::shared::home_url(base),
            title_key: "web-admin-title",
            groups,
            who: kernel::i18n::t(
                caller.client.locale,
                &format!("role-{}", caller.role.as_str()),
            ),
            sign_out: format!("{base}/sign-out"),
        }
    })
}
