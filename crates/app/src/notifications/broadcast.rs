//! Admin broadcasts (`notifications.manage`): a message in both languages to
//! a segment (role, city, everyone) on chosen channels, sent through the
//! queue in batches.
//!
//! Creating one writes the broadcast row and its first `broadcast.batch`
//! job. A batch job, under the broadcast's row lock, takes the next page of
//! the segment's active users by id (keyset; at most `broadcast_batch`),
//! writes one delivery row per recipient and channel (in-app ones sent at
//! once, opted-out ones skipped), moves the broadcast's cursor and enqueues
//! the next batch, all in one transaction; then it sends its pending rows.
//! A retried batch finds its page already planned (the cursor moved on) and
//! only sends what is still pending. The segment is read as batches go, so
//! users who join meanwhile may be included.

use std::collections::HashMap;

use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::deliver::{self, Attempt};
use super::model::{
    BROADCAST_EVENT, Broadcast, BroadcastInput, BroadcastQuery, Category, Channel, Delivery,
    DeliveryQuery, DeliveryStatus, StatusCounts,
};
use super::repo;
use super::service::inbox_texts;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::jobs::{self, Claimed, JobError, Kind};
use crate::{AppState, audit};

/// Recipients a batch sends to at once.
const SEND_CONCURRENCY: usize = 8;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BatchPayload {
    broadcast_id: Uuid,
    /// The last recipient of the previous batch.
    after: Option<Uuid>,
}

/// Creates the broadcast and queues its first batch; audited.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    req: &BroadcastInput,
) -> ApiResult<Broadcast> {
    require(state, caller, Permission::NotificationsManage).await?;
    let b = req.resolve()?;
    let mut tx = state.db.begin().await?;
    let row = repo::insert_broadcast(&mut tx, Uuid::now_v7(), &b, caller.user_id).await?;
    jobs::enqueue(
        &mut tx,
        Kind::BroadcastBatch.as_str(),
        &json!({"broadcastId": row.id, "after": null}),
    )
    .await?;
    let broadcast = Broadcast::from_row(row, 0, StatusCounts::default());
    audit::record(
        &mut *tx,
        caller,
        "broadcast.create",
        "broadcast",
        broadcast.id,
        None::<&()>,
        Some(&broadcast),
    )
    .await?;
    tx.commit().await?;
    Ok(broadcast)
}

async fn with_progress(
    state: &AppState,
    rows: Vec<super::model::BroadcastRow>,
) -> ApiResult<Vec<Broadcast>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let (recipients, counts) = repo::progress(&state.db, &ids).await?;
    let recipients: HashMap<Uuid, i64> = recipients.into_iter().collect();
    let mut by_status: HashMap<Uuid, StatusCounts> = HashMap::new();
    for (id, status, n) in counts {
        by_status.entry(id).or_default().add(&status, n);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let (n, c) = (
                recipients.get(&r.id).copied().unwrap_or(0),
                by_status.get(&r.id).copied().unwrap_or_default(),
            );
            Broadcast::from_row(r, n, c)
        })
        .collect())
}

/// Broadcasts, newest first, with their progress.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &BroadcastQuery,
) -> ApiResult<(Vec<Broadcast>, Meta)> {
    require(state, caller, Permission::NotificationsManage).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let (rows, total) = repo::list_broadcasts(&state.db, page).await?;
    Ok((
        with_progress(state, rows).await?,
        Meta::new(page.page, page.per_page, total),
    ))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Broadcast> {
    require(state, caller, Permission::NotificationsManage).await?;
    let row = repo::get_broadcast(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(with_progress(state, vec![row]).await?.remove(0))
}

/// One row per recipient and channel, by recipient.
pub async fn deliveries(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    q: &DeliveryQuery,
) -> ApiResult<(Vec<Delivery>, Meta)> {
    require(state, caller, Permission::NotificationsManage).await?;
    let mut e = FieldErrors::new();
    let (page, status, channel) = q.resolve(&mut e);
    e.into_result()?;
    if repo::get_broadcast(&state.db, id).await?.is_none() {
        return Err(ApiError::NotFound);
    }
    let (rows, total) = repo::deliveries(&state.db, id, status, channel, page).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

/// The `broadcast.batch` handler: plans its page once, then sends what is
/// still pending of it.
pub async fn run_batch(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let p: BatchPayload = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobError::fatal(format!("malformed payload: {e}")))?;
    let limit = state.config.notifications.broadcast_batch.max(1);
    let mut tx = state.db.begin().await?;
    let Some(b) = repo::lock_broadcast(&mut tx, p.broadcast_id).await? else {
        return Err(JobError::fatal("no such broadcast"));
    };
    let vars = json!({"title": b.title, "body": b.body});
    if b.cursor_id == p.after && b.planned_at.is_none() {
        let users = repo::segment_page(&mut *tx, &b.segment(), p.after, limit).await?;
        for channel in b.channels() {
            let on = repo::opted_in(&mut *tx, &users, Category::Marketing, channel).await?;
            let off: Vec<Uuid> = users.iter().filter(|u| !on.contains(u)).copied().collect();
            repo::insert_broadcast_deliveries(
                &mut tx,
                b.id,
                &off,
                BROADCAST_EVENT,
                channel,
                DeliveryStatus::Skipped,
                None,
                Some("opted out"),
            )
            .await?;
            if channel == Channel::InApp {
                let (mut title, mut body) =
                    inbox_texts(&mut tx, BROADCAST_EVENT, &vars, None).await?;
                if title["ar"] == "" && body["ar"] == "" {
                    // No in-app template: the broadcast's own texts.
                    (title, body) = (b.title.clone(), b.body.clone());
                }
                let written = repo::insert_notifications(
                    &mut tx,
                    &on,
                    BROADCAST_EVENT,
                    Category::Marketing,
                    &title,
                    &body,
                    &json!({"broadcastId": b.id}),
                    Some(b.id),
                )
                .await?;
                repo::insert_broadcast_deliveries(
                    &mut tx,
                    b.id,
                    &written,
                    BROADCAST_EVENT,
                    channel,
                    DeliveryStatus::Sent,
                    Some("inbox"),
                    None,
                )
                .await?;
            } else {
                repo::insert_broadcast_deliveries(
                    &mut tx,
                    b.id,
                    &on,
                    BROADCAST_EVENT,
                    channel,
                    DeliveryStatus::Pending,
                    None,
                    None,
                )
                .await?;
            }
        }
        let full = i64::try_from(users.len()).unwrap_or(i64::MAX) >= limit;
        let last = users.last().copied();
        repo::advance(&mut tx, b.id, last, last.is_some(), !full).await?;
        if full {
            jobs::enqueue(
                &mut tx,
                Kind::BroadcastBatch.as_str(),
                &json!({"broadcastId": b.id, "after": last}),
            )
            .await?;
        }
    }
    tx.commit().await?;

    let users = repo::batch_users(&state.db, b.id, p.after, limit).await?;
    // A first attempt after an admin's retry also retries what failed.
    let pending = repo::pending_for(&state.db, b.id, &users, job.attempts == 1).await?;
    if pending.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = pending.iter().map(|d| d.user_id).collect();
    let recipients: HashMap<Uuid, repo::Recipient> = repo::recipients(&state.db, &ids)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let last_try = job.attempts >= job.max_attempts;
    let results: Vec<Result<Option<JobError>, JobError>> = futures_util::stream::iter(pending)
        .map(|row| {
            let (recipients, vars) = (&recipients, &vars);
            async move {
                let Some(channel) = Channel::parse(&row.channel) else {
                    return Ok(None);
                };
                let attempt = match recipients.get(&row.user_id) {
                    Some(r) => {
                        deliver::send(
                            state,
                            r,
                            BROADCAST_EVENT,
                            Category::Marketing,
                            channel,
                            vars,
                            row.sent_devices,
                        )
                        .await?
                    }
                    None => Attempt {
                        outcome: repo::Outcome {
                            status: DeliveryStatus::Skipped,
                            provider: None,
                            provider_id: None,
                            error: Some("no such user".into()),
                            sent_devices: row.sent_devices,
                        },
                        retry: None,
                    },
                }
                .finalize(last_try);
                repo::record(&state.db, row.id, &attempt.outcome).await?;
                Ok(attempt.retry)
            }
        })
        .buffer_unordered(SEND_CONCURRENCY)
        .collect()
        .await;
    let mut retry = None;
    for r in results {
        match r {
            Ok(Some(e)) | Err(e) => retry = retry.or(Some(e)),
            Ok(None) => {}
        }
    }
    match retry {
        Some(e) => Err(JobError {
            message: format!("some deliveries will be retried: {}", e.message),
            retry: e.retry,
        }),
        None => Ok(()),
    }
}
