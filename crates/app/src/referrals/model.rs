use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// The letters and digits of a code: uppercase, without the look-alikes
/// 0/O and 1/I/L (the migration's check says the same).
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 8;
/// Longest code accepted as typed (spaces and dashes included).
pub const MAX_CODE_INPUT: usize = 32;
/// Longest device id an app may send.
pub const MAX_DEVICE_ID: usize = 200;
/// Longest revocation reason, in characters.
pub const MAX_REASON: usize = 500;
/// Longest search text of the admin list.
pub const MAX_SEARCH: usize = 50;

/// A typed code as stored: uppercase, without spaces or dashes.
pub fn normalize_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `code` could be a code at all (so that no lookup is made for others).
pub fn well_formed(code: &str) -> bool {
    code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReferralStatus {
    /// Applied; rewards at the referee's first delivered order.
    Pending,
    /// Both wallets were credited (the referrer's unless capped).
    Rewarded,
    /// Stopped by an admin or refused by the platform; never rewards (a
    /// rewarded one keeps its money).
    Revoked,
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 3] = [
        ReferralStatus::Pending,
        ReferralStatus::Rewarded,
        ReferralStatus::Revoked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Pending => "pending",
            ReferralStatus::Rewarded => "rewarded",
            ReferralStatus::Revoked => "revoked",
        }
    }

    pub fn parse(s: &str) -> Option<ReferralStatus> {
        ReferralStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// `POST /referrals/apply`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplyReferral {
    /// The referrer's code, as typed (case, spaces and dashes do not matter).
    #[schema(min_length = 1, max_length = 32, pattern = "\\S")]
    pub code: String,
    /// The app's installation id: one reward per device.
    #[serde(default)]
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub device_id: Option<String>,
}

impl Validate for ApplyReferral {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("code", &self.code) {
            e.max_chars("code", &self.code, MAX_CODE_INPUT);
        }
        if let Some(d) = &self.device_id
            && e.required("deviceId", d)
        {
            e.max_chars("deviceId", d, MAX_DEVICE_ID);
        }
        e.into_result()
    }
}

/// `POST /admin/referrals/{id}/revoke`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RevokeReferral {
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for RevokeReferral {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("reason", &self.reason) {
            e.max_chars("reason", self.reason.trim(), MAX_REASON);
        }
        e.into_result()
    }
}

/// `GET /admin/referrals`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AdminReferralQuery {
    pub status: Option<ReferralStatus>,
    /// A code (or its beginning) or a phone number of either side.
    #[param(max_length = 50)]
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl AdminReferralQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for AdminReferralQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, MAX_SEARCH);
        }
        e.into_result()
    }
}

/// A referral as stored, with both parties as their accounts show them.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReferralRow {
    pub id: Uuid,
    pub referrer_id: Uuid,
    pub referee_id: Uuid,
    pub code: String,
    #[serde(skip)]
    pub referee_phone_hash: Vec<u8>,
    #[serde(skip)]
    pub device_hash: Option<Vec<u8>>,
    pub status: String,
    pub referrer_reward: i64,
    pub referee_reward: i64,
    pub referrer_capped: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub rewarded_at: Option<OffsetDateTime>,
    pub rewarded_order_id: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    pub revoked_by: Option<Uuid>,
    pub revoke_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub referrer_name: Option<String>,
    pub referrer_phone: String,
    pub referee_name: Option<String>,
    pub referee_phone: String,
}

impl ReferralRow {
    pub fn status(&self) -> ReferralStatus {
        ReferralStatus::parse(&self.status).unwrap_or(ReferralStatus::Revoked)
    }
}

/// The caller's own referral, as the referee.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyReferral {
    pub id: Uuid,
    pub code: String,
    pub status: ReferralStatus,
    /// What the caller's wallet received, halalas (0 until rewarded).
    pub reward: i64,
    pub currency: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub rewarded_at: Option<OffsetDateTime>,
}

impl From<&ReferralRow> for MyReferral {
    fn from(r: &ReferralRow) -> Self {
        MyReferral {
            id: r.id,
            code: r.code.clone(),
            status: r.status(),
            reward: r.referee_reward,
            currency: "SAR",
            created_at: r.created_at,
            rewarded_at: r.rewarded_at,
        }
    }
}

/// `GET /referrals/me`: the caller's code and what it earned.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReferralSummary {
    /// Whether codes can be applied and rewards are paid now.
    pub enabled: bool,
    pub code: String,
    /// A link to share; it opens the app's account page with the code filled in.
    pub share_link: String,
    /// Customers who applied the caller's code (any status).
    pub referred_count: i64,
    /// Of them, those whose reward reached the caller's wallet.
    pub rewarded_count: i64,
    /// Halalas the caller's wallet received as referrer.
    pub rewards_earned: i64,
    /// What a referral pays each side now, halalas.
    pub referrer_reward: i64,
    pub referee_reward: i64,
    pub currency: &'static str,
    /// Whether the caller may still apply someone's code.
    pub can_apply: bool,
    /// The caller's own referral, when they applied a code.
    pub referred_by: Option<MyReferral>,
}

/// A referral in the admins' list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminReferral {
    pub id: Uuid,
    pub code: String,
    pub status: ReferralStatus,
    pub referrer_id: Uuid,
    pub referrer_name: Option<String>,
    pub referrer_phone: String,
    pub referee_id: Uuid,
    pub referee_name: Option<String>,
    pub referee_phone: String,
    /// Halalas each wallet received (0 before the reward).
    pub referrer_reward: i64,
    pub referee_reward: i64,
    /// Rewarded past the referrer's monthly cap: the referee only.
    pub referrer_capped: bool,
    pub rewarded_order_id: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub rewarded_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<OffsetDateTime>,
    /// None with a reason: refused by the platform.
    pub revoked_by: Option<Uuid>,
    pub revoke_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}

impl From<&ReferralRow> for AdminReferral {
    fn from(r: &ReferralRow) -> Self {
        AdminReferral {
            id: r.id,
            code: r.code.clone(),
            status: r.status(),
            referrer_id: r.referrer_id,
            referrer_name: r.referrer_name.clone(),
            referrer_phone: r.referrer_phone.clone(),
            referee_id: r.referee_id,
            referee_name: r.referee_name.clone(),
            referee_phone: r.referee_phone.clone(),
            referrer_reward: r.referrer_reward,
            referee_reward: r.referee_reward,
            referrer_capped: r.referrer_capped,
            rewarded_order_id: r.rewarded_order_id,
            rewarded_at: r.rewarded_at,
            revoked_at: r.revoked_at,
            revoked_by: r.revoked_by,
            revoke_reason: r.revoke_reason.clone(),
            created_at: r.created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_typed() {
        assert_eq!(normalize_code(" ab-cd ef2 3 "), "ABCDEF23");
        assert!(well_formed("ABCDEF23"));
        assert!(!well_formed("ABCDEF20"), "0 is not in the alphabet");
        assert!(!well_formed("ABCDEFG"), "too short");
    }

    #[test]
    fn every_failing_field_is_named() {
        let e = ApplyReferral {
            code: " ".into(),
            device_id: Some("x".repeat(MAX_DEVICE_ID + 1)),
        }
        .validate()
        .unwrap_err();
        let ApiError::Validation(f) = e else {
            panic!("{e:?}")
        };
        assert!(f.contains("code") && f.contains("deviceId"));
    }
}
