//! The admins' side, under `coupons.manage` (the promotions permission that
//! also governs cashback): every referral by status and search, and
//! revocation with a reason, audited.

use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::super::model::{
    AdminReferral, AdminReferralQuery, ReferralStatus, RevokeReferral, normalize_code,
};
use super::super::repo::{self, ListFilter};
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::auth::Caller;

/// The search box as a code prefix (letters and digits) and a phone
/// fragment (digits, an optional leading `+`), whichever it can be.
fn search_terms(q: &str) -> (Option<String>, Option<String>) {
    let q = q.trim();
    if q.is_empty() {
        return (None, None);
    }
    let code: String = normalize_code(q)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let phone = kernel::phone::Phone::parse(q)
        .map(|p| p.as_str().to_owned())
        .or_else(|| {
            let digits: String = q.chars().filter(char::is_ascii_digit).collect();
            // A local number's leading 0 is not part of its E.164 form.
            let digits = digits.trim_start_matches('0').to_owned();
            (digits.len() >= 4).then_some(digits)
        });
    (Some(code).filter(|c| !c.is_empty()), phone)
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &AdminReferralQuery,
) -> ApiResult<(Vec<AdminReferral>, Meta)> {
    permissions::require(state, caller, Permission::CouponsManage).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let (code, phone) = search_terms(q.q.as_deref().unwrap_or(""));
    // A search that is neither a code nor a phone matches nothing.
    let searched = q.q.as_deref().is_some_and(|s| !s.trim().is_empty());
    if searched && code.is_none() && phone.is_none() {
        return Ok((Vec::new(), Meta::new(page.page, page.per_page, 0)));
    }
    let f = ListFilter {
        status: q.status.map(ReferralStatus::as_str),
        code: code.as_deref(),
        phone: phone.as_deref(),
    };
    let (rows, total) = repo::list(&state.db, &f, page).await?;
    Ok((
        rows.iter().map(AdminReferral::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

/// Revokes a referral: a pending one never rewards; a rewarded one keeps
/// its money (nothing is clawed back) and is only marked. Revoking a revoked
/// referral changes nothing.
pub async fn revoke(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &RevokeReferral,
) -> ApiResult<AdminReferral> {
    permissions::require(state, caller, Permission::CouponsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if before.status() == ReferralStatus::Revoked {
        tx.commit().await?;
        return Ok(AdminReferral::from(&before));
    }
    repo::mark_revoked(&mut tx, id, req.reason.trim(), Some(caller.user_id)).await?;
    let after = repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    crate::audit::record(
        &mut *tx,
        caller,
        "referral.revoke",
        "referral",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(AdminReferral::from(&after))
}

#[cfg(test)]
mod tests {
    use super::search_terms;

    #[test]
    fn a_search_is_a_code_a_phone_or_both() {
        assert_eq!(search_terms("ab2c"), (Some("AB2C".into()), None));
        let (_, phone) = search_terms("0501234567");
        assert_eq!(phone.as_deref(), Some("+966501234567"));
        assert_eq!(search_terms("%_"), (None, None));
    }
}
