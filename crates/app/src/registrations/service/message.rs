//! Messages to an applicant, who has no account yet (so not through
//! `notifications`, which writes to users): the confirmation link, a
//! rejection with its reason and resume link (e-mail and SMS), the approval.
//! Enqueued in the change's transaction; the `registration.message` job
//! renders them in the applicant's language and sends them. A link is signed
//! again from the request's stored nonce when the job runs, so no link is
//! kept anywhere, and a message whose moment has passed (a newer link, a
//! request already decided) is not sent.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::Locale;
use kernel::i18n::Message;
use providers::email::{EmailError, EmailMessage};
use providers::sms::{SmsKind, SmsMessage};

use crate::AppState;
use crate::jobs::{self, Claimed, JobError, Kind as JobKind};
use crate::notifications::render::escape_html;
use crate::registrations::model::{Kind, RegistrationRow, Status};
use crate::registrations::repo;
use crate::registrations::tokens::{LinkPurpose, sign};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mail {
    Confirm,
    Rejected,
    Approved,
}

impl Mail {
    fn as_str(self) -> &'static str {
        match self {
            Mail::Confirm => "confirm",
            Mail::Rejected => "rejected",
            Mail::Approved => "approved",
        }
    }

    fn parse(s: &str) -> Option<Mail> {
        [Mail::Confirm, Mail::Rejected, Mail::Approved]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

pub(crate) async fn enqueue(
    conn: &mut PgConnection,
    id: Uuid,
    mail: Mail,
    channel: Channel,
) -> sqlx::Result<()> {
    let payload = json!({"registrationId": id, "mail": mail.as_str(), "channel": channel.as_str()});
    jobs::enqueue(conn, JobKind::RegistrationMessage.as_str(), &payload).await?;
    Ok(())
}

/// The link of `mail`, when the request still waits for it.
fn link(state: &AppState, row: &RegistrationRow, mail: Mail) -> Option<String> {
    let base = state.config.public_url.trim_end_matches('/');
    match mail {
        Mail::Confirm => {
            let (nonce, expires) = (row.confirm_nonce.as_deref()?, row.confirm_expires_at?);
            (row.status() == Status::Submitted).then(|| {
                let t = sign(
                    &state.keys,
                    LinkPurpose::Confirm,
                    row.id,
                    expires.unix_timestamp(),
                    nonce,
                );
                format!("{base}/register/confirm?token={t}")
            })
        }
        Mail::Rejected => {
            let (nonce, expires) = (row.resume_nonce.as_deref()?, row.resume_expires_at?);
            (row.status() == Status::Rejected).then(|| {
                let t = sign(
                    &state.keys,
                    LinkPurpose::Resume,
                    row.id,
                    expires.unix_timestamp(),
                    nonce,
                );
                format!("{base}/register/resume?token={t}")
            })
        }
        Mail::Approved => (row.status() == Status::Approved).then(|| match row.kind() {
            Kind::Supplier => format!("{base}/partner"),
            Kind::Representative => format!("{base}/rider"),
        }),
    }
}

/// The subject and the text of `mail` in the applicant's language.
fn texts(
    state: &AppState,
    row: &RegistrationRow,
    mail: Mail,
    link: &str,
    sms: bool,
) -> (String, String) {
    let locale = row.locale();
    let hours = (state.config.registrations.confirm_ttl.as_secs() / 3600).max(1);
    let key = |part: &str| {
        format!(
            "registrations-{}-{}-{part}",
            if sms { "sms" } else { "mail" },
            mail.as_str()
        )
    };
    let body = Message::new(key("body"))
        .arg("name", row.full_name.as_str())
        .arg("link", link)
        .arg("hours", hours)
        .arg(
            "reason",
            row.rejection_reason.as_deref().unwrap_or_default(),
        )
        .arg(
            "kind",
            Message::new(format!("registrations-kind-{}", row.kind().as_str())).render(locale),
        )
        .render(locale);
    let subject = if sms {
        String::new()
    } else {
        Message::new(key("subject")).render(locale)
    };
    (subject, body)
}

fn html(locale: Locale, text: &str, link: &str, cta: &str) -> String {
    format!(
        "<div dir=\"{}\" lang=\"{}\"><p>{}</p><p><a href=\"{}\">{}</a></p></div>",
        locale.dir(),
        locale.code(),
        escape_html(text).replace('\n', "<br>"),
        escape_html(link),
        escape_html(cta),
    )
}

/// The `registration.message` handler.
pub async fn send_message(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let p = &job.payload;
    let id: Uuid = p["registrationId"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| JobError::fatal("no registrationId"))?;
    let mail = p["mail"]
        .as_str()
        .and_then(Mail::parse)
        .ok_or_else(|| JobError::fatal("unknown mail"))?;
    let sms = p["channel"].as_str() == Some("sms");
    let row = repo::get(&state.db, id)
        .await?
        .ok_or_else(|| JobError::fatal("no such registration"))?;
    let Some(link) = link(state, &row, mail) else {
        tracing::info!(registration = %id, mail = mail.as_str(), "the request moved on: not sent");
        return Ok(());
    };
    let (subject, text) = texts(state, &row, mail, &link, sms);
    if sms {
        let msg = SmsMessage::new(&row.phone, &text, SmsKind::Transactional);
        return state
            .sms
            .send(&msg)
            .await
            .map_err(|e| JobError::retry(format!("sms: {e}")));
    }
    let locale = row.locale();
    let cta = Message::new(format!("registrations-mail-{}-cta", mail.as_str())).render(locale);
    let message = EmailMessage {
        to: row.email.clone(),
        to_name: Some(row.full_name.clone()),
        subject,
        html: html(locale, &text, &link, &cta),
        text,
        locale: locale.code().to_owned(),
    };
    match state.email.send(&message).await {
        Ok(()) => Ok(()),
        Err(e @ EmailError::Unreachable(_)) => Err(JobError::retry(e.to_string())),
        Err(e) => Err(JobError::fatal(e.to_string())),
    }
}
