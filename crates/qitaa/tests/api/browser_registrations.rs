//! The registration form in a browser, in Arabic (right to left): a
//! representative walks the landing site's steps (an empty first step shows
//! every field's error in Arabic), uploads documents row by row through
//! htmx, reviews and sends, and lands on "check your e-mail".

use std::time::Duration;

use fantoccini::Locator;

use crate::chromium::{browser, page_dir, start_driver, toast};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_representative_registers_through_the_landing_steps_in_arabic() {
    let app = TestApp::spawn().await;
    std::fs::create_dir_all(&app.files).unwrap();
    let id_card = app.files.join("iqama.pdf");
    std::fs::write(
        &id_card,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    )
    .unwrap();
    let licence = app.files.join("licence.png");
    std::fs::write(&licence, crate::media::png(120, 80)).unwrap();

    let jeddah: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM cities WHERE slug = 'jeddah' AND deleted_at IS NULL")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        c.goto(&format!(
            "{}/register?kind=representative&lang=ar",
            app.base
        ))
        .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("account-form"))
            .await?;
        assert_eq!(
            page_dir(&c).await,
            ("rtl".into(), "ar".into(), "rtl".into())
        );
        assert!(
            c.find(Locator::Css("#kind-representative:checked"))
                .await
                .is_ok(),
            "the kind from the link is chosen"
        );
        let step = c
            .find(Locator::Css("#reg-step-account [aria-current=step]"))
            .await?
            .text()
            .await?;
        assert!(step.contains("الحساب"), "{step}");

        // Sent empty: every field's error, in Arabic, beside its field.
        press(&c, "account-next").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#full-name[aria-invalid=true]"))
            .await?;
        let name_error = c.find(Locator::Id("full-name-error")).await?.text().await?;
        assert!(name_error.contains("مطلوب"), "{name_error}");
        let phone_error = c.find(Locator::Id("phone-error")).await?.text().await?;
        assert!(phone_error.contains("مطلوب"), "{phone_error}");
        c.find(Locator::Css("#email[aria-invalid=true]")).await?;
        assert_eq!(page_dir(&c).await.0, "rtl");

        c.find(Locator::Id("full-name"))
            .await?
            .send_keys("مها العتيبي")
            .await?;
        c.find(Locator::Id("phone"))
            .await?
            .send_keys("0559876543")
            .await?;
        c.find(Locator::Id("email"))
            .await?
            .send_keys("maha@example.sa")
            .await?;
        press(&c, "account-next").await?;

        // Step 2: the vehicle.
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("details-form"))
            .await?;
        c.find(Locator::Css("#vehicle-type option[value=pickup]"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("plate-number"))
            .await?
            .send_keys("ر س ع ٤٨٢١")
            .await?;
        c.find(Locator::Id("national-id"))
            .await?
            .send_keys("2234567890")
            .await?;
        c.find(Locator::Css(&format!("#city option[value='{jeddah}']")))
            .await?
            .click()
            .await?;
        press(&c, "details-next").await?;

        // Step 3: each document uploads as it is chosen.
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("documents-form"))
            .await?;
        c.find(Locator::Id("doc-national_id-file"))
            .await?
            .send_keys(id_card.to_str().unwrap())
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("doc-national_id-done"))
            .await?;
        toast(&c, "رُفع المستند").await?;
        c.find(Locator::Id("doc-driving_license-file"))
            .await?
            .send_keys(licence.to_str().unwrap())
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("doc-driving_license-done"))
            .await?;
        press(&c, "documents-next").await?;

        // Step 4: review and send.
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("submit-form"))
            .await?;
        assert_eq!(
            c.find(Locator::Id("review-kind")).await?.text().await?,
            "مندوب"
        );
        let details = c.find(Locator::Id("review-details")).await?.text().await?;
        assert!(
            details.contains("وانيت") && details.contains("2234567890"),
            "{details}"
        );
        press(&c, "review-submit").await?;

        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("registration-sent"))
            .await?;
        let title = c.find(Locator::Id("page-title")).await?.text().await?;
        assert!(title.contains("بريدك الإلكتروني"), "{title}");
        assert_eq!(
            c.find(Locator::Id("done-email")).await?.text().await?,
            "maha@example.sa"
        );
        assert_eq!(page_dir(&c).await.0, "rtl");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();

    let (status, locale, plate, city, city_id): (
        String,
        String,
        String,
        String,
        Option<uuid::Uuid>,
    ) = sqlx::query_as(
        "SELECT status, locale, plate_number, city, city_id FROM registration_requests \
             WHERE phone = '+966559876543'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), locale.as_str(), plate.as_str()),
        ("submitted", "ar", "ر س ع 4821")
    );
    assert_eq!((city.as_str(), city_id), ("جدة", Some(jeddah)));
}

/// Clicks a step's button once it is on screen (the page scrolls smoothly,
/// so it is brought there at once).
async fn press(c: &fantoccini::Client, id: &str) -> Result<(), fantoccini::error::CmdError> {
    let button = c.find(Locator::Id(id)).await?;
    c.execute(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})",
        vec![serde_json::to_value(&button)?],
    )
    .await?;
    button.click().await
}
