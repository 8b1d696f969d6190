//! The admin signs in through the web page in headless Chromium (Debian's
//! `chromium` + `chromedriver`), in Arabic, right to left.

use std::time::Duration;

use fantoccini::Locator;

use crate::chromium::{answer_dialog, browser, page_dir, start_driver};
use crate::harness::TestApp;

#[tokio::test]
async fn admin_signs_in_in_arabic_rtl_and_suspends_a_user() {
    let app = TestApp::spawn().await;
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        c.goto(&format!("{}/admin", app.base)).await?;
        // Redirected to sign-in; the switcher picks Arabic whatever the browser sends.
        c.goto(&format!("{}/admin/sign-in?lang=ar", app.base))
            .await?;
        assert_eq!(
            page_dir(&c).await,
            ("rtl".into(), "ar".into(), "rtl".into())
        );
        assert!(
            c.find(Locator::Css("h1"))
                .await?
                .text()
                .await?
                .contains("لوحة الإدارة")
        );

        c.find(Locator::Id("phone"))
            .await?
            .send_keys("0500000000")
            .await?;
        c.find(Locator::Id("send-code")).await?.click().await?;
        let code = c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Id("code"))
            .await?;
        code.send_keys("123456").await?;
        c.find(Locator::Id("verify")).await?.click().await?;
        let title = c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Id("page-title"))
            .await?;
        // The super admin opens on the KPI home, then goes to users from the sidebar.
        assert_eq!(title.text().await?, "نظرة عامة");
        assert_eq!(page_dir(&c).await.0, "rtl");
        c.find(Locator::Id("nav-users")).await?.click().await?;
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#nav-users[aria-current=page]"))
            .await?;
        assert_eq!(
            c.find(Locator::Id("page-title")).await?.text().await?,
            "المستخدمون"
        );
        assert!(c.current_url().await?.path().ends_with("/admin/users"));
        let rows = c.find_all(Locator::Css("#users tbody tr")).await?;
        assert_eq!(rows.len(), 6, "the six demo users");

        // Suspend the demo customer through htmx (the reason asked in a dialog, CSRF header).
        let customer_id: uuid::Uuid =
            sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000001'")
                .fetch_one(&app.db)
                .await
                .unwrap();
        let button = c
            .find(Locator::Css(&format!("#user-{customer_id} button.danger")))
            .await?;
        button.click().await?;
        // The reason is asked in the page's own dialog, not prompt().
        answer_dialog(&c, Some("احتيال")).await?;
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&format!(
                "#user-{customer_id} .badge.suspended"
            )))
            .await?;
        let (status, reason): (String, Option<String>) =
            sqlx::query_as("SELECT status, status_reason FROM users WHERE id = $1")
                .bind(customer_id)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert_eq!(status, "suspended");
        assert_eq!(reason.as_deref(), Some("احتيال"));

        // English is left to right.
        c.find(Locator::Id("switch-language"))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("html[dir=ltr]"))
            .await?;
        assert_eq!(
            c.find(Locator::Id("page-title")).await?.text().await?,
            "Users"
        );
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
}
