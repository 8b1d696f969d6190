use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::phone::Phone;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    Customer,
    Supplier,
    Representative,
    Admin,
    SuperAdmin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Customer,
        Role::Supplier,
        Role::Representative,
        Role::Admin,
        Role::SuperAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "CUSTOMER",
            Role::Supplier => "SUPPLIER",
            Role::Representative => "REPRESENTATIVE",
            Role::Admin => "ADMIN",
            Role::SuperAdmin => "SUPER_ADMIN",
        }
    }

    pub fn from_db(s: &str) -> Role {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .unwrap_or(Role::Customer)
    }

    pub fn is_admin(self) -> bool {
        matches!(self, Role::Admin | Role::SuperAdmin)
    }

    /// Suppliers and representatives are vetted before they can trade.
    pub fn needs_approval(self) -> bool {
        matches!(self, Role::Supplier | Role::Representative)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    PendingApproval,
    Suspended,
    Deleted,
}

impl UserStatus {
    pub const ALL: [UserStatus; 4] = [
        UserStatus::Active,
        UserStatus::PendingApproval,
        UserStatus::Suspended,
        UserStatus::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::PendingApproval => "pending_approval",
            UserStatus::Suspended => "suspended",
            UserStatus::Deleted => "deleted",
        }
    }

    pub fn from_db(s: &str) -> UserStatus {
        UserStatus::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .unwrap_or(UserStatus::Suspended)
    }
}

/// A user as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub phone: String,
    pub role: String,
    pub status: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub locale: String,
    pub status_reason: Option<String>,
    pub deletion_requested_at: Option<OffsetDateTime>,
    pub last_login_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// The columns of [`UserRow`], for every query that reads users.
pub const USER_COLUMNS: &str = "id, phone, role, status, name, email, locale, status_reason, \
    deletion_requested_at, last_login_at, created_at, updated_at";

/// What a request's credentials resolve to, read fresh on every request so a
/// suspension, deletion or sign-out takes effect at once.
#[derive(Debug, sqlx::FromRow)]
pub struct SessionUser {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub role: String,
    pub status: String,
    pub locale: String,
    pub csrf_token: Option<String>,
}

/// A user as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: Uuid,
    pub phone: String,
    pub role: Role,
    pub status: UserStatus,
    pub name: Option<String>,
    pub email: Option<String>,
    pub locale: Locale,
    /// Why the account is suspended or not yet approved, when it is.
    pub status_reason: Option<String>,
    /// Set while an account deletion request waits out its grace period.
    #[serde(with = "time::serde::rfc3339::option")]
    pub deletion_requested_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        User {
            id: r.id,
            phone: r.phone,
            role: Role::from_db(&r.role),
            status: UserStatus::from_db(&r.status),
            name: r.name,
            email: r.email,
            locale: Locale::parse(&r.locale).unwrap_or_default(),
            status_reason: r.status_reason,
            deletion_requested_at: r.deletion_requested_at,
            last_login_at: r.last_login_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

fn check_phone(raw: &str, errors: &mut FieldErrors) -> Option<Phone> {
    if !errors.required("phone", raw) {
        return None;
    }
    let p = Phone::parse(raw);
    if p.is_none() {
        errors.add("phone", Message::new("validation-phone"));
    }
    p
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OtpRequest {
    /// Mobile number in a local or international form, e.g. `0501234567`.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$"
    )]
    pub phone: String,
}

impl OtpRequest {
    pub fn phone(&self) -> Phone {
        Phone::parse(&self.phone).expect("validated")
    }
}

impl Validate for OtpRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_phone(&self.phone, &mut e);
        e.into_result()
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OtpSent {
    pub expires_in_seconds: u64,
    pub resend_after_seconds: u64,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OtpVerify {
    #[serde(default)]
    #[schema(
        required = true,
        pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$"
    )]
    pub phone: String,
    /// The six digits of the SMS (Arabic-Indic digits are read too).
    #[serde(default)]
    #[schema(required = true, pattern = "^[0-9]{6}$")]
    pub code: String,
    /// Applies only when the phone is new; `CUSTOMER` by default.
    #[schema(value_type = Option<PublicRole>)]
    pub role: Option<Role>,
}

/// The roles outside the admin platform: those one signs up with, and
/// those a broadcast may target.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(dead_code)]
pub enum PublicRole {
    Customer,
    Supplier,
    Representative,
}

impl OtpVerify {
    pub fn phone(&self) -> Phone {
        Phone::parse(&self.phone).expect("validated")
    }

    /// The code with Arabic-Indic digits read as ASCII.
    pub fn code(&self) -> String {
        self.code
            .trim()
            .chars()
            .filter_map(kernel::phone::ascii_digit)
            .collect()
    }
}

impl Validate for OtpVerify {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_phone(&self.phone, &mut e);
        if e.required("code", &self.code) {
            let code = self.code();
            if code.len() != 6 || code.chars().count() != self.code.trim().chars().count() {
                e.add("code", Message::new("validation-otp-format"));
            }
        }
        if self.role.is_some_and(Role::is_admin) {
            e.add("role", Message::new("validation-role-signup"));
        }
        e.into_result()
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default)]
    #[schema(required = true, min_length = 1, pattern = "\\S")]
    pub refresh_token: String,
}

impl Validate for RefreshRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        e.required("refreshToken", &self.refresh_token);
        e.into_result()
    }
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: i64,
    pub is_new_user: bool,
    pub user: User,
}

/// `PATCH /users/me`: absent fields stay as they are; `null` clears name/email.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfilePatch {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 100, pattern = "\\S")]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, max_length = 254, pattern = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$")]
    pub email: Option<Option<String>>,
    pub locale: Option<Locale>,
}

fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

impl Validate for ProfilePatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(Some(name)) = &self.name {
            if name.trim().is_empty() {
                e.add("name", Message::new("validation-required"));
            }
            e.max_chars("name", name, 100);
        }
        if let Some(Some(email)) = &self.email {
            e.email("email", email.trim());
        }
        e.into_result()
    }
}

/// One sign-in: the session it opened, from where, and how it ended.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignIn {
    pub id: Uuid,
    /// `api` (an app's tokens) or `web` (a dashboard's cookie).
    pub kind: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub last_used_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<OffsetDateTime>,
    pub revoked_reason: Option<String>,
}
