//! Left-to-right values inside Arabic pages: phones, CR and VAT numbers and
//! Latin names read as stored ("+966…" with its plus first, "Co." with its
//! full stop last) and sit next to their labels, measured in the page.

use fantoccini::{Client, Locator};
use serde_json::Value;
use uuid::Uuid;

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

/// Where the value of `#id` and its label (the `dt` before it) are drawn.
async fn measure(c: &Client, id: &str) -> Value {
    c.execute(
        r#"
        const dd = document.getElementById(arguments[0]);
        const dt = dd.previousElementSibling;
        const text = dd.textContent.trim();
        const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT, { acceptNode: n => n.textContent.trim() ? 1 : 3 });
        const node = walker.nextNode();
        const start = node.textContent.indexOf(text[0]);
        const end = node.textContent.lastIndexOf(text[text.length - 1]);
        const at = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
        const all = document.createRange(); all.selectNodeContents(dd);
        const box = all.getBoundingClientRect();
        return { text, first: at(start).left, last: at(end).left, left: box.left, right: box.right,
                 ddRight: dd.getBoundingClientRect().right, dtLeft: dt.getBoundingClientRect().left };
        "#,
        vec![Value::String(id.to_owned())],
    )
    .await
    .unwrap()
}

/// `stored` reads left to right in the page, right next to its label on the
/// right (Arabic), flush with the start of the values' column.
fn assert_reads_as_stored_by_its_label(m: &Value, stored: &str) {
    let f = |k: &str| m[k].as_f64().unwrap();
    assert_eq!(m["text"].as_str().unwrap().replace(' ', ""), stored, "{m}");
    assert!(f("first") < f("last"), "reads left to right: {m}");
    assert!(
        (f("ddRight") - f("right")).abs() <= 1.5,
        "flush with the values' start: {m}"
    );
    assert!(f("dtLeft") >= f("right"), "the label is on its right: {m}");
    assert!(f("dtLeft") - f("right") <= 24.0, "next to its label: {m}");
}

#[tokio::test]
async fn ltr_values_read_as_stored_and_sit_by_their_labels_on_arabic_pages() {
    let app = TestApp::spawn().await;
    let (company, cr, vat, name_en, owner): (Uuid, String, String, String, String) = sqlx::query_as(
        "SELECT c.id, c.cr_number, c.vat_number, c.legal_name_en, u.phone FROM companies c JOIN users u ON u.id = c.owner_id \
         WHERE c.cr_number = $1",
    )
    .bind(app::stores::seed::DEMO_CR)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let (order, address_phone): (Uuid, String) = sqlx::query_as(
        "SELECT id, address->>'phone' FROM orders WHERE address->>'phone' IS NOT NULL LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(&c, &format!("{}/admin/sign-in?lang=ar", app.base), "0500000000").await?;
        c.goto(&format!("{}/admin/companies/{company}", app.base)).await?;
        c.wait().for_element(Locator::Id("company-cr")).await?;
        assert_eq!(page_dir(&c).await, ("rtl".into(), "ar".into(), "rtl".into()));
        assert_reads_as_stored_by_its_label(&measure(&c, "company-cr").await, &cr);
        assert_reads_as_stored_by_its_label(&measure(&c, "company-vat").await, &vat);
        assert_reads_as_stored_by_its_label(&measure(&c, "owner-phone").await, &owner);
        assert_reads_as_stored_by_its_label(&measure(&c, "company-name-en").await, &name_en.replace(' ', ""));
        assert!(name_en.ends_with('.'), "the demo company's name ends with a full stop: {name_en}");

        c.goto(&format!("{}/admin/orders/{order}", app.base)).await?;
        c.wait().for_element(Locator::Id("address-phone")).await?;
        assert_reads_as_stored_by_its_label(&measure(&c, "address-phone").await, &address_phone);
        // The history's arrow points from the old status to the new one,
        // right to left: the old status is drawn to the right of the new.
        let v = c
            .execute(
                "const s = document.querySelector('#order-history .step'); if (!s.querySelector('.step-from')) return null; \
                 return [s.querySelector('.step-from').getBoundingClientRect().left, s.querySelector('.history-to').getBoundingClientRect().left];",
                vec![],
            )
            .await?;
        if let Some(pair) = v.as_array() {
            assert!(pair[0].as_f64().unwrap() > pair[1].as_f64().unwrap(), "{v}");
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
}
