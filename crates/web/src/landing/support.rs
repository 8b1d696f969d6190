//! `/support`: contact channels, the contact form (to the admins' inbox),
//! the frequent questions admins publish for customers (the built-in Fluent
//! ones until there are any), and how suppliers and representatives join.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::content::{Audience, ContactInput};
use kernel::ApiResult;
use kernel::validation::Validate;

use super::content::{Footer, footer};
use super::register::{csrf_ok, frame, respond};
use super::{Sibling, TocItem, rich, siblings};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Errors;
use crate::shared::error_page;

/// A question of the support page and its answer.
pub struct Faq {
    pub id: String,
    pub question: String,
    /// HTML, see [`rich`].
    pub answer: String,
}

/// The built-in questions (`lp-faq-<n>-q`, `lp-faq-<n>-a`).
const FAQS: u8 = 6;

pub const SUPPORT_EMAIL: &str = "support@qitaa.sa";

/// The customers' active FAQs in the page's language, in the admins' order;
/// the built-in ones when there are none (or they cannot be read).
async fn faqs(state: &AppState, c: &Chrome) -> Vec<Faq> {
    let published = app::content::public_faqs(state, Audience::Customer)
        .await
        .unwrap_or_default();
    if published.is_empty() {
        return (1..=FAQS)
            .map(|n| Faq {
                id: format!("faq-{n}"),
                question: c.t(&format!("lp-faq-{n}-q")),
                answer: rich(&c.t(&format!("lp-faq-{n}-a"))),
            })
            .collect();
    }
    published
        .iter()
        .enumerate()
        .map(|(i, f)| Faq {
            id: format!("faq-{}", i + 1),
            question: c.pick(&f.question_ar, &f.question_en).to_owned(),
            answer: rich(c.pick(&f.answer_ar, &f.answer_en).trim()).replace('\n', "<br>"),
        })
        .collect()
}

/// Percent-encoding of a query value (UTF-8 bytes; unreserved kept).
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "landing/support.html")]
pub struct Support {
    c: Chrome,
    /// The VAT rate and social links, for the footer.
    foot: Footer,
    /// The contact form's token, its values as sent, their errors, and
    /// whether a message was just sent.
    csrf: String,
    form: ContactForm,
    errors: Errors,
    sent: bool,
    page: &'static str,
    title: String,
    crumb: String,
    lead: String,
    eyebrow: String,
    toc: Vec<TocItem>,
    faqs: Vec<Faq>,
    /// `mailto:` of the representatives' registration, with its subject.
    rep_mailto: String,
    siblings: Vec<Sibling>,
}

fn render(
    c: Chrome,
    csrf: String,
    foot: Footer,
    faqs: Vec<Faq>,
    form: ContactForm,
    errors: Errors,
    sent: bool,
) -> Support {
    Support {
        foot,
        csrf,
        form,
        errors,
        sent,
        title: c.t("lp-support-title"),
        crumb: c.t("lp-nav-support"),
        lead: c.t("lp-support-lead"),
        eyebrow: c.t("lp-support-eyebrow"),
        toc: [
            ("contact", "lp-support-contact"),
            ("write", "lp-contact-title"),
            ("faq", "lp-support-faq"),
            ("join", "lp-support-join"),
        ]
        .into_iter()
        .map(|(id, key)| TocItem {
            id,
            title: c.t(key),
        })
        .collect(),
        faqs,
        siblings: siblings(&c, "support"),
        rep_mailto: format!(
            "mailto:{SUPPORT_EMAIL}?subject={}",
            url_encode(&c.t("lp-support-rep-subject"))
        ),
        page: "support",
        c,
    }
}

/// The contact form's fields as sent, to show them again beside errors.
#[derive(Debug, Default, Deserialize)]
pub struct ContactForm {
    #[serde(rename = "_csrf", default)]
    pub csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// The honeypot.
    #[serde(default)]
    pub website: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SupportQuery {
    #[serde(default)]
    pub sent: Option<String>,
}

/// `GET /support`.
pub async fn support(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(q): Query<SupportQuery>,
) -> Response {
    let f = frame(&ctx);
    let cookie = f.cookie.clone();
    let foot = footer(&state, &f.c).await;
    let list = faqs(&state, &f.c).await;
    let page = render(
        f.c,
        f.csrf,
        foot,
        list,
        ContactForm::default(),
        Errors::none(),
        q.sent.is_some(),
    );
    respond(page, [cookie])
}

/// `POST /support`: a message for the admins' inbox. A bot's filled
/// honeypot gets the same redirect as a person, and nothing is kept.
pub async fn contact(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(form): Form<ContactForm>,
) -> Response {
    if !csrf_ok(&ctx, &headers, &form.csrf) {
        return error_page(&ctx, crate::shared::csrf_error(), "/support".into());
    }
    let input = ContactInput {
        name: form.name.clone(),
        contact: form.contact.clone(),
        subject: form.subject.clone(),
        message: form.message.clone(),
        website: Some(form.website.clone()),
    };
    let result: ApiResult<()> = match input.validate() {
        Ok(()) => app::content::contact(&state, &ctx.client, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Redirect::to("/support?sent=1#write").into_response(),
        Err(e) => {
            let f = frame(&ctx);
            let cookie = f.cookie.clone();
            let foot = footer(&state, &f.c).await;
            let list = faqs(&state, &f.c).await;
            let status = e.status();
            let errors = Errors::from_api(&e, ctx.locale);
            let page = render(f.c, f.csrf, foot, list, form, errors, false);
            respond((status, page), [cookie])
        }
    }
}
