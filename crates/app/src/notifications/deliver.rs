//! Sending one notification to one recipient on one external channel, and
//! the `notify.deliver` job that does it. The template is read and filled
//! in the recipient's language (`users.locale`) when the job runs.

use std::collections::BTreeSet;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use providers::email::{EmailError, EmailMessage};
use providers::push::{PushError, PushMessage, PushOutcome};
use providers::sms::{SmsError, SmsKind, SmsMessage};
use providers::webpush::{WebPushError, WebPushMessage, WebPushOutcome, WebPushSubscription};

use super::model::{Category, Channel, DeliveryStatus, Platform, Subscription, locale_from_db};
use super::render::{self, Rendered};
use super::repo::{self, Outcome, Recipient};
use crate::AppState;
use crate::jobs::{Claimed, JobError};

/// What a `notify.deliver` job carries.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliverPayload {
    pub user_id: Uuid,
    pub event: String,
    pub category: String,
    pub channel: String,
    #[serde(default)]
    pub vars: Value,
}

/// One attempt's result: the delivery row's new state, and whether the job
/// should try again.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub outcome: Outcome,
    pub retry: Option<JobError>,
}

impl Attempt {
    fn done(
        status: DeliveryStatus,
        provider: Option<&str>,
        provider_id: Option<String>,
        error: Option<String>,
        sent_devices: Vec<Uuid>,
    ) -> Attempt {
        Attempt {
            outcome: Outcome {
                status,
                provider: provider.map(str::to_owned),
                provider_id,
                error,
                sent_devices,
            },
            retry: None,
        }
    }

    fn skipped(reason: &str, sent_devices: Vec<Uuid>) -> Attempt {
        Attempt::done(
            DeliveryStatus::Skipped,
            None,
            None,
            Some(reason.to_owned()),
            sent_devices,
        )
    }

    /// A retryable failure: the row stays pending unless this was the last try.
    fn retry(
        provider: Option<&str>,
        error: String,
        after: Option<Duration>,
        sent_devices: Vec<Uuid>,
    ) -> Attempt {
        Attempt {
            outcome: Outcome {
                status: DeliveryStatus::Pending,
                provider: provider.map(str::to_owned),
                provider_id: None,
                error: Some(error.clone()),
                sent_devices,
            },
            retry: Some(JobError::retry_after(error, after)),
        }
    }

    /// On a job's last try, a retryable failure is final.
    pub fn finalize(mut self, last_try: bool) -> Attempt {
        if last_try && self.retry.is_some() {
            self.outcome.status = DeliveryStatus::Failed;
        }
        self
    }
}

/// The `notify.deliver` handler.
pub async fn run(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let p: DeliverPayload = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobError::fatal(format!("malformed payload: {e}")))?;
    let channel = Channel::parse(&p.channel)
        .filter(|c| *c != Channel::InApp)
        .ok_or_else(|| JobError::fatal(format!("not an external channel: {:?}", p.channel)))?;
    let category = Category::parse(&p.category)
        .ok_or_else(|| JobError::fatal(format!("unknown category {:?}", p.category)))?;
    let row = repo::job_delivery(&state.db, job.id, p.user_id, &p.event, channel).await?;
    // An outcome recorded by an earlier claim whose node died before
    // finishing the job stands; a fresh start (an admin's retry of a dead
    // letter) tries a failed delivery again.
    let fresh = job.attempts == 1;
    let finished = row.status == DeliveryStatus::Sent.as_str()
        || row.status == DeliveryStatus::Skipped.as_str()
        || (row.status == DeliveryStatus::Failed.as_str() && !fresh);
    if finished {
        return Ok(());
    }
    let Some(recipient) = repo::recipient(&state.db, p.user_id).await? else {
        return Err(JobError::fatal("no such user"));
    };
    let attempt = send(
        state,
        &recipient,
        &p.event,
        category,
        channel,
        &p.vars,
        row.sent_devices,
    )
    .await?
    .finalize(job.attempts >= job.max_attempts);
    repo::record(&state.db, row.id, &attempt.outcome).await?;
    match attempt.retry {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Renders the event's template for `channel` in the recipient's language
/// and sends it. `sent_devices`: devices an earlier try already reached.
pub async fn send(
    state: &AppState,
    recipient: &Recipient,
    event: &str,
    category: Category,
    channel: Channel,
    vars: &Value,
    sent_devices: Vec<Uuid>,
) -> Result<Attempt, JobError> {
    if !recipient.live {
        return Ok(Attempt::skipped("the account is deleted", sent_devices));
    }
    let Some(template) = repo::template_for(&state.db, event, channel, &recipient.locale).await?
    else {
        return Ok(Attempt::skipped("no enabled template", sent_devices));
    };
    let locale = locale_from_db(&recipient.locale);
    let text_vars = render::vars_for(event, vars, locale, recipient.name.as_deref());
    let rendered = render::render(&template, &text_vars, locale);
    Ok(match channel {
        Channel::Push => {
            let data = render::push_data(event, vars, locale);
            push(state, recipient, &rendered, data, sent_devices).await?
        }
        Channel::Sms => sms(state, recipient, category, &rendered, sent_devices).await,
        Channel::Email => email(state, recipient, &rendered, sent_devices).await,
        Channel::InApp => Attempt::skipped("in-app is written by notify", sent_devices),
    })
}

async fn sms(
    state: &AppState,
    r: &Recipient,
    category: Category,
    m: &Rendered,
    sent_devices: Vec<Uuid>,
) -> Attempt {
    let kind = if category == Category::Marketing {
        SmsKind::Promotional
    } else {
        SmsKind::Transactional
    };
    let provider = Some(state.sms.name());
    match state
        .sms
        .send(&SmsMessage::new(&r.phone, &m.body, kind))
        .await
    {
        Ok(()) => Attempt::done(DeliveryStatus::Sent, provider, None, None, sent_devices),
        Err(e) => {
            let retryable = match &e {
                SmsError::Transport(_) | SmsError::Storage(_) => true,
                SmsError::Provider { status, .. } => *status == 429 || *status >= 500,
                _ => false,
            };
            if retryable {
                Attempt::retry(provider, e.to_string(), None, sent_devices)
            } else {
                Attempt::done(
                    DeliveryStatus::Failed,
                    provider,
                    None,
                    Some(e.to_string()),
                    sent_devices,
                )
            }
        }
    }
}

async fn email(state: &AppState, r: &Recipient, m: &Rendered, sent_devices: Vec<Uuid>) -> Attempt {
    let Some(to) = r.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) else {
        return Attempt::skipped("no email address", sent_devices);
    };
    let message = EmailMessage {
        to: to.to_owned(),
        to_name: r.name.clone(),
        subject: m.title.clone(),
        text: m.body.clone(),
        html: m.html.clone().unwrap_or_default(),
        locale: r.locale.clone(),
    };
    let provider = Some(state.email.name());
    match state.email.send(&message).await {
        Ok(()) => Attempt::done(DeliveryStatus::Sent, provider, None, None, sent_devices),
        Err(e @ EmailError::Unreachable(_)) => {
            Attempt::retry(provider, e.to_string(), None, sent_devices)
        }
        Err(e) => Attempt::done(
            DeliveryStatus::Failed,
            provider,
            None,
            Some(e.to_string()),
            sent_devices,
        ),
    }
}

/// What became of one device.
enum DeviceResult {
    Sent(String),
    /// The token is dead; the device was removed.
    Pruned,
    Retry(String, Option<Duration>),
    Failed(String),
}

/// Sends to every device of the recipient not reached yet: FCM for the apps,
/// Web Push for the PWAs (when configured). Dead tokens are removed.
async fn push(
    state: &AppState,
    r: &Recipient,
    m: &Rendered,
    data: std::collections::BTreeMap<String, String>,
    mut sent: Vec<Uuid>,
) -> Result<Attempt, JobError> {
    let devices = repo::devices_of(&state.db, r.id).await?;
    let mut providers = BTreeSet::new();
    let (mut ids, mut errors) = (Vec::new(), Vec::new());
    let (mut tried, mut pruned) = (0usize, 0usize);
    let mut retry: Option<Option<Duration>> = None;
    for d in devices {
        if sent.contains(&d.id) {
            continue;
        }
        let result = if Platform::parse(&d.platform) == Some(Platform::Web) {
            let Some(webpush) = &state.webpush else {
                continue;
            };
            providers.insert(webpush.name());
            web_push(webpush.as_ref(), &d.token, m, &data).await
        } else {
            providers.insert(state.push.name());
            let message = PushMessage {
                token: d.token.clone(),
                title: m.title.clone(),
                body: m.body.clone(),
                data: data.clone(),
                locale: r.locale.clone(),
            };
            match state.push.send(&message).await {
                Ok(PushOutcome::Sent { message_id }) => DeviceResult::Sent(message_id),
                Ok(PushOutcome::InvalidToken) => DeviceResult::Pruned,
                Ok(PushOutcome::Retry { after }) => {
                    DeviceResult::Retry("the push provider asked to retry".into(), after)
                }
                Err(e @ PushError::Unreachable(_)) => DeviceResult::Retry(e.to_string(), None),
                Err(e) => DeviceResult::Failed(e.to_string()),
            }
        };
        tried += 1;
        match result {
            DeviceResult::Sent(id) => {
                sent.push(d.id);
                ids.push(id);
            }
            DeviceResult::Pruned => {
                repo::prune_device(&state.db, d.id).await?;
                pruned += 1;
            }
            DeviceResult::Retry(e, after) => {
                errors.push(e);
                retry = Some(match (retry.flatten(), after) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                });
            }
            DeviceResult::Failed(e) => errors.push(e),
        }
    }
    if pruned > 0 {
        errors.push(format!("{pruned} invalid device token(s) removed"));
    }
    let provider =
        (!providers.is_empty()).then(|| providers.into_iter().collect::<Vec<_>>().join("+"));
    let error = (!errors.is_empty()).then(|| errors.join("; "));
    let provider_id = (!ids.is_empty()).then(|| ids.join(" "));
    Ok(if let Some(after) = retry {
        let mut a = Attempt::retry(provider.as_deref(), error.unwrap_or_default(), after, sent);
        a.outcome.provider_id = provider_id;
        a
    } else if !sent.is_empty() {
        Attempt::done(
            DeliveryStatus::Sent,
            provider.as_deref(),
            provider_id,
            error,
            sent,
        )
    } else if tried == 0 {
        Attempt::skipped("no registered device", sent)
    } else {
        Attempt::done(
            DeliveryStatus::Failed,
            provider.as_deref(),
            None,
            error,
            sent,
        )
    })
}

async fn web_push(
    sender: &dyn providers::webpush::WebPushSender,
    token: &str,
    m: &Rendered,
    data: &std::collections::BTreeMap<String, String>,
) -> DeviceResult {
    let Some(sub) = Subscription::parse(token) else {
        return DeviceResult::Pruned;
    };
    let payload = json!({"title": m.title, "body": m.body, "data": data});
    let message = WebPushMessage {
        subscription: WebPushSubscription {
            endpoint: sub.endpoint,
            p256dh: sub.keys.p256dh,
            auth: sub.keys.auth,
        },
        payload: serde_json::to_vec(&payload).unwrap_or_default(),
        ttl_secs: 24 * 3600,
        urgency: Some("normal".into()),
    };
    match sender.send(&message).await {
        Ok(WebPushOutcome::Sent) => DeviceResult::Sent("webpush".into()),
        Ok(WebPushOutcome::Gone) => DeviceResult::Pruned,
        Ok(WebPushOutcome::Retry { after }) => {
            DeviceResult::Retry("the push service asked to retry".into(), after)
        }
        Err(e @ WebPushError::Unreachable(_)) => DeviceResult::Retry(e.to_string(), None),
        Err(e) => DeviceResult::Failed(e.to_string()),
    }
}
