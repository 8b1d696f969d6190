//! The job queue (`jobs.manage`): dead letters first (the page opens on
//! them), any other state through the filter, and a dead letter sent back
//! to the queue with its row's retry button (htmx, the session's CSRF
//! token in `X-CSRF-Token`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::jobs::Kind;
use app::jobs::model::{Job, JobQuery, JobState};
use app::jobs::service as jobs;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, urlencode};
use crate::partner::orders::when;
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

/// What the state filter offers: every state, then all of them.
const FILTERS: [&str; 5] = ["dead", "queued", "running", "done", "all"];

/// One job as its row shows it.
pub struct JobView {
    id: String,
    /// The handler's name in the page's language, or the kind itself.
    kind_name: String,
    state: &'static str,
    /// "2 of 5".
    attempts: String,
    last_error: String,
    payload: String,
    created: String,
    run_at: String,
    finished: String,
}

impl JobView {
    fn of(j: &Job, locale: Locale) -> JobView {
        let kind_name = match Kind::parse(&j.kind) {
            Some(k) => kernel::i18n::t(
                locale,
                &format!("web-jobs-kind-{}", k.as_str().replace('.', "-")),
            ),
            None => j.kind.clone(),
        };
        JobView {
            id: j.id.to_string(),
            kind_name,
            state: j.state.as_str(),
            attempts: Message::new("web-jobs-attempts-of")
                .arg("attempts", i64::from(j.attempts))
                .arg("max", i64::from(j.max_attempts))
                .render(locale),
            last_error: j.last_error.clone().unwrap_or_default(),
            payload: serde_json::to_string_pretty(&j.payload).unwrap_or_default(),
            created: when(j.created_at),
            run_at: when(j.run_at),
            finished: j.finished_at.map(when).unwrap_or_default(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/jobs.html")]
struct JobsPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The chosen filter: a state or `all`.
    filter: &'static str,
    filters: [&'static str; 5],
    kind: String,
    total: i64,
    rows: Vec<JobView>,
    pager: Pager,
}

/// One row, as the retry button's answer replaces it.
#[derive(Template, WebTemplate)]
#[template(
    source = r#"{% import "admin/jobs.html" as jobs %}{% call jobs::job_row(job, retried) %}{% endcall %}"#,
    ext = "html"
)]
struct JobRow {
    c: Chrome,
    base: &'static str,
    job: JobView,
    /// Set on the row an admin just sent back to the queue.
    retried: bool,
}

#[derive(Deserialize)]
pub struct Filter {
    #[serde(default)]
    state: String,
    #[serde(default)]
    kind: String,
    page: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    // Dead letters unless another state (or all of them) is asked for.
    let filter = FILTERS
        .into_iter()
        .find(|s| *s == f.state)
        .unwrap_or("dead");
    let chosen = JobState::parse(filter);
    let kind = f.kind.trim().to_owned();
    let q = JobQuery {
        state: chosen.map(|s| s.as_str().to_owned()),
        kind: Some(kind.clone()).filter(|k| !k.is_empty()),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match jobs::list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let kind_param = urlencode(&kind);
    let pager = Pager::new(&ctx, &meta, |p| {
        format!("{base}/jobs?state={filter}&kind={kind_param}&page={p}")
    });
    JobsPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "jobs",
        filter,
        filters: FILTERS,
        kind,
        total: meta.total,
        rows: items.iter().map(|j| JobView::of(j, ctx.locale)).collect(),
        pager,
    }
    .into_response()
}

/// Sends a dead letter back to the queue and answers with its new row; a
/// job that is not dead any more keeps its row, which says why.
pub async fn retry(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match jobs::retry(&state, &caller, id).await {
        Ok(job) => shared::with_toast(
            JobRow {
                c: chrome(&ctx, &csrf),
                base: ctx.admin_base(),
                job: JobView::of(&job, ctx.locale),
                retried: true,
            }
            .into_response(),
            &kernel::i18n::t(ctx.locale, "ds-toast-job-retried"),
            "success",
        ),
        Err(e @ ApiError::Conflict { .. }) => {
            let message = Errors::from_api(&e, ctx.locale).form.unwrap_or_default();
            shared::inline_error(&format!("#job-{id} .row-error"), &message)
        }
        Err(e) => error_page(&ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_retry_answer_is_the_row_alone() {
        let row = JobRow {
            c: Chrome {
                locale: Locale::En,
                csrf: "t".into(),
                nav: None,
            },
            base: "/admin",
            job: JobView {
                id: "j1".into(),
                kind_name: "Broadcast batch".into(),
                state: "queued",
                attempts: "0 of 5".into(),
                last_error: "boom".into(),
                payload: "{}".into(),
                created: String::new(),
                run_at: String::new(),
                finished: String::new(),
            },
            retried: true,
        };
        let html = row.render().unwrap();
        assert!(html.trim_start().starts_with("<tr id=\"job-j1\""), "{html}");
        assert!(
            html.contains("job-retried") && !html.contains("<html"),
            "{html}"
        );
    }
}
