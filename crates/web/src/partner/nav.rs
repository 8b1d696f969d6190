//! The partner sidebar: the home and stores for everyone who works at a
//! store, the company for its supplier, support, and the suppliers' terms
//! and privacy.

use app::AppState;
use app::auth::Caller;
use app::identity::model::Role;

use crate::chrome::{Nav, NavGroup, NavItem};

pub fn build<'a>(
    _state: &'a AppState,
    caller: &'a Caller,
    base: &'static str,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Nav> + Send + 'a>> {
    Box::pin(async move {
        let item = |key, path: &str, label_key, icon| NavItem {
            key,
            href: if path.is_empty() {
                crate::shared::home_url(base)
            } else {
                format!("{base}{path}")
            },
            label_key,
            icon,
        };
        let mut store = vec![
            item("home", "", "ds-nav-home", "dashboard"),
            item("stores", "/stores", "web-partner-stores", "building-store"),
            item("chats", "/chats", "ds-chats", "messages"),
        ];
        if caller.role == Role::Supplier {
            store.push(item(
                "company",
                "/company",
                "web-partner-company",
                "building",
            ));
        }
        Nav {
            home: crate::shared::home_url(base),
            title_key: "web-partner-title",
            groups: vec![
                NavGroup {
                    title_key: "",
                    items: store,
                },
                NavGroup {
                    title_key: "ds-group-help",
                    items: vec![
                        item("support", "/support", "web-chat-nav", "headset"),
                        item("terms", "/terms", "lp-foot-terms", "scale"),
                        item("privacy", "/privacy", "lp-foot-privacy", "lock"),
                    ],
                },
            ],
            who: kernel::i18n::t(
                caller.client.locale,
                &format!("role-{}", caller.role.as_str()),
            ),
            sign_out: format!("{base}/sign-out"),
        }
    })
}
