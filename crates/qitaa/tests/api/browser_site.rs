//! The landing site and the admin's audit log in a browser, in both
//! languages: each page in its layout and direction, and its main action
//! (the landing's calls to action lead to the app and the dashboards; the
//! audit log filters by entity).

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(10);

async fn in_direction(c: &Client, lang: &str) {
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(page_dir(c).await, (dir.into(), lang.into(), dir.into()));
}

#[tokio::test]
async fn the_landing_pages_and_the_audit_log_work_in_both_languages() {
    let app = TestApp::spawn().await;
    // Something to find in the audit log: a suspension by the super admin.
    let admin = app.token_of("+966500000000").await;
    let rep: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000004'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .post(
            &format!("/api/v1/admin/users/{rep}/suspend"),
            Some(&admin),
            serde_json::json!({"reason": "test"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");

    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        for lang in ["ar", "en"] {
            c.goto(&format!("{}/?lang={lang}", app.base)).await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Id("hero-title"))
                .await?;
            in_direction(&c, lang).await;
            c.find(Locator::Id("switch-language")).await?;
            c.find(Locator::Id("site-footer")).await?;
            for path in ["/privacy", "/terms", "/support"] {
                c.goto(&format!("{}{path}", app.base)).await?;
                c.wait()
                    .at_most(WAIT)
                    .for_element(Locator::Id("page-title"))
                    .await?;
                in_direction(&c, lang).await;
                c.find(Locator::Id("site-footer")).await?;
            }
        }
        // The calls to action: the customer app and the partner dashboard.
        c.goto(&format!("{}/", app.base)).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("cta-app"))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("body.app"))
            .await?;
        assert!(c.current_url().await?.path().starts_with("/app"));
        c.goto(&format!("{}/", app.base)).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("cta-sell"))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("phone"))
            .await?;
        assert!(c.current_url().await?.path().starts_with("/partner"));

        // The audit log, filtered to users: the suspension is there.
        sign_in(
            &c,
            &format!("{}/admin/sign-in?lang=ar", app.base),
            "0500000000",
        )
        .await?;
        for lang in ["ar", "en"] {
            c.goto(&format!("{}/admin/audit?lang={lang}", app.base))
                .await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Css("#nav-audit[aria-current=page]"))
                .await?;
            in_direction(&c, lang).await;
            c.find(Locator::Css("#audit-entity option[value=user]"))
                .await?
                .click()
                .await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Css("#audit-entity option[value=user]:checked"))
                .await?;
            let table = c
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Id("audit"))
                .await?;
            let text = table.text().await?;
            let expected = if lang == "ar" {
                "إيقاف حساب"
            } else {
                "Account suspended"
            };
            assert!(text.contains(expected), "{text}");
            assert!(!text.contains("user.suspend"), "labels, not slugs: {text}");
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
}
