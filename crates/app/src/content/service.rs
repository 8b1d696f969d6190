//! The rules of site content: admins hold `content.manage` for every change
//! (audited in the same transaction); the public reads only what is live.

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::*;
use super::repo;
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::audit;
use crate::auth::{Caller, ClientInfo};

async fn require(state: &AppState, caller: &Caller) -> ApiResult<()> {
    permissions::require(state, caller, Permission::ContentManage).await?;
    Ok(())
}

// ---------------------------------------------------------------- banners

pub async fn live_banners(state: &AppState, app: BannerApp) -> ApiResult<Vec<Banner>> {
    let rows = repo::live_banners(&state.db, app.as_str()).await?;
    Ok(rows.iter().map(Banner::from).collect())
}

pub async fn banners(state: &AppState, caller: &Caller) -> ApiResult<Vec<Banner>> {
    require(state, caller).await?;
    Ok(repo::banners(&state.db)
        .await?
        .iter()
        .map(Banner::from)
        .collect())
}

/// Creates (`id` none) or replaces a banner. Its image must be an upload
/// anyone may read, or the public list would show a broken picture.
pub async fn save_banner(
    state: &AppState,
    caller: &Caller,
    id: Option<Uuid>,
    b: &BannerInput,
) -> ApiResult<Banner> {
    require(state, caller).await?;
    let image = crate::media::service::find(state, b.image_id).await?;
    if !image.is_some_and(|f| f.purpose.is_public() && f.content_type.starts_with("image/")) {
        return Err(ApiError::Validation(FieldErrors::single(
            "imageId",
            Message::new("content-image-invalid"),
        )));
    }
    let mut tx = state.db.begin().await?;
    let before = match id {
        Some(id) => Some(
            repo::lock_banner(&mut tx, id)
                .await?
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    let after = repo::save_banner(
        &mut tx,
        id.unwrap_or_else(Uuid::now_v7),
        before.is_some(),
        b,
        caller.user_id,
    )
    .await?;
    let action = if before.is_some() {
        "banner.update"
    } else {
        "banner.create"
    };
    audit::record(
        &mut *tx,
        caller,
        action,
        "banner",
        after.id,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Banner::from(&after))
}

pub async fn delete_banner(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_banner(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::delete_banner(&mut tx, id).await?;
    audit::record(
        &mut *tx,
        caller,
        "banner.delete",
        "banner",
        id,
        Some(&before),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- faqs

pub async fn public_faqs(state: &AppState, audience: Audience) -> ApiResult<Vec<Faq>> {
    let rows = repo::faqs(&state.db, Some(audience.as_str()), true).await?;
    Ok(rows.iter().map(Faq::from).collect())
}

pub async fn faqs(
    state: &AppState,
    caller: &Caller,
    audience: Option<Audience>,
) -> ApiResult<Vec<Faq>> {
    require(state, caller).await?;
    let rows = repo::faqs(&state.db, audience.map(Audience::as_str), false).await?;
    Ok(rows.iter().map(Faq::from).collect())
}

pub async fn save_faq(
    state: &AppState,
    caller: &Caller,
    id: Option<Uuid>,
    f: &FaqInput,
) -> ApiResult<Faq> {
    require(state, caller).await?;
    let mut tx = state.db.begin().await?;
    let before = match id {
        Some(id) => Some(
            repo::lock_faq(&mut tx, id)
                .await?
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    let after = repo::save_faq(
        &mut tx,
        id.unwrap_or_else(Uuid::now_v7),
        before.is_some(),
        f,
    )
    .await?;
    let action = if before.is_some() {
        "faq.update"
    } else {
        "faq.create"
    };
    audit::record(
        &mut *tx,
        caller,
        action,
        "faq",
        after.id,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Faq::from(&after))
}

pub async fn delete_faq(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_faq(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::delete_faq(&mut tx, id).await?;
    audit::record(
        &mut *tx,
        caller,
        "faq.delete",
        "faq",
        id,
        Some(&before),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- pages

/// The version a static page shows now; none until an admin publishes one.
pub async fn published_page(
    state: &AppState,
    slug: PageSlug,
    audience: Audience,
) -> ApiResult<Option<PageVersion>> {
    let row = repo::current(&state.db, slug.as_str(), audience.as_str()).await?;
    Ok(row.as_ref().map(PageVersion::from))
}

/// `GET /content/pages/{slug}`: 404 for an unknown slug or an unpublished page.
pub async fn public_page(
    state: &AppState,
    slug: &str,
    audience: Audience,
) -> ApiResult<PageVersion> {
    let slug = PageSlug::parse(slug).ok_or(ApiError::NotFound)?;
    published_page(state, slug, audience)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn pages(state: &AppState, caller: &Caller) -> ApiResult<Vec<AdminPage>> {
    require(state, caller).await?;
    Ok(repo::pages(&state.db)
        .await?
        .iter()
        .map(AdminPage::from)
        .collect())
}

/// Publishes the next version of a page: numbered one past the last under
/// the page's lock, and shown at once.
pub async fn publish(
    state: &AppState,
    caller: &Caller,
    page: Uuid,
    p: &PublishPage,
) -> ApiResult<PageVersion> {
    require(state, caller).await?;
    let mut tx = state.db.begin().await?;
    let row = repo::lock_page(&mut tx, page)
        .await?
        .ok_or(ApiError::NotFound)?;
    let version = row.current_version.unwrap_or(0) + 1;
    repo::publish(&mut tx, page, version, p, caller.user_id).await?;
    let after = repo::versions(&mut *tx, page, Some(version))
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::NotFound)?;
    audit::record(
        &mut *tx,
        caller,
        "static_page.publish",
        "static_page",
        page,
        Some(&row),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(PageVersion::from(&after))
}

/// Every published version of a page (newest first), or the one asked for.
pub async fn versions(
    state: &AppState,
    caller: &Caller,
    page: Uuid,
    version: Option<&str>,
) -> ApiResult<Vec<PageVersion>> {
    require(state, caller).await?;
    let version = match version {
        Some(v) => Some(v.parse::<i32>().map_err(|_| ApiError::NotFound)?),
        None => None,
    };
    let rows = repo::versions(&state.db, page, version).await?;
    if version.is_some() && rows.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(rows.iter().map(PageVersion::from).collect())
}

// ---------------------------------------------------------------- inbox

/// Takes a message of the public contact form. A filled honeypot is answered
/// as a success and stored nowhere, so the bot learns nothing; the address's
/// hourly cap is counted first, so a flood stops either way.
pub async fn contact(state: &AppState, client: &ClientInfo, m: &ContactInput) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    let bucket = format!("contact:{}", client.ip);
    if let Err(wait) = crate::ratelimit::hit(&mut tx, &bucket, CONTACT_PER_HOUR, 3600).await? {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    if !m.is_bot() {
        repo::insert_message(&mut tx, m, &client.ip).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn inbox(
    state: &AppState,
    caller: &Caller,
    q: &InboxQuery,
) -> ApiResult<(Vec<ContactMessage>, Meta)> {
    require(state, caller).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let (rows, total) =
        repo::messages(&state.db, q.status.map(MessageStatus::as_str), page).await?;
    Ok((
        rows.iter().map(ContactMessage::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

pub async fn set_status(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    to: MessageStatus,
) -> ApiResult<ContactMessage> {
    require(state, caller).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_message(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let after = repo::set_status(&mut tx, id, to.as_str()).await?;
    audit::record(
        &mut *tx,
        caller,
        "contact_message.status",
        "contact_message",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(ContactMessage::from(&after))
}

// ---------------------------------------------------------------- social links

/// The active links, in order, for the public and the landing footer.
pub async fn social_links(state: &AppState) -> ApiResult<Vec<SocialLink>> {
    Ok(repo::links(&state.db, true)
        .await?
        .iter()
        .map(SocialLink::from)
        .collect())
}

pub async fn all_links(state: &AppState, caller: &Caller) -> ApiResult<Vec<SocialLink>> {
    require(state, caller).await?;
    Ok(repo::links(&state.db, false)
        .await?
        .iter()
        .map(SocialLink::from)
        .collect())
}

pub async fn replace_links(
    state: &AppState,
    caller: &Caller,
    input: &SocialLinksInput,
) -> ApiResult<Vec<SocialLink>> {
    require(state, caller).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::links(&mut *tx, false).await?;
    repo::replace_links(&mut tx, &input.links).await?;
    let after = repo::links(&mut *tx, false).await?;
    audit::record(
        &mut *tx,
        caller,
        "social_links.replace",
        "social_links",
        "all",
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after.iter().map(SocialLink::from).collect())
}
