//! A representative's profile: the vehicle and identity they registered
//! with, opened when an admin approves their registration.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use crate::admin::permissions::Granted;
use crate::repairs::repo;

/// What an approved registration gives a representative's profile.
pub struct RepProfile<'a> {
    /// `motorcycle`, `car`, `pickup`, `van` or `tow_truck`.
    pub vehicle_type: &'a str,
    pub plate_number: &'a str,
    /// National ID or iqama: 10 digits.
    pub national_id: &'a str,
    pub city: &'a str,
    pub registration_id: Option<Uuid>,
}

/// Opens the profile in the caller's transaction; a rep who has one already
/// keeps it (`PROFILE_EXISTS`).
pub async fn open_profile(
    conn: &mut PgConnection,
    granted: &Granted,
    rep: Uuid,
    p: &RepProfile<'_>,
) -> ApiResult<()> {
    if repo::insert_profile(conn, rep, p, granted.admin).await? {
        Ok(())
    } else {
        Err(ApiError::conflict(
            "PROFILE_EXISTS",
            "registrations-profile-exists",
        ))
    }
}
