//! The rules of the supply side. Every service takes the `Caller` and decides
//! access itself (the admin guard, the store-access check, the company
//! owner); every mutation writes its audit row in the same transaction.

pub mod branches;
pub mod companies;
pub mod public;
pub mod team;
pub mod types;

use kernel::ApiError;

use super::repo;

/// Turns a unique violation on `constraint` into the conflict `(code, key)`,
/// and any other database error into an internal one.
pub(crate) fn conflict_on(
    e: sqlx::Error,
    constraints: &[(&str, &'static str, &'static str)],
) -> ApiError {
    if let Some(hit) = repo::unique_violation(&e)
        && let Some((_, code, key)) = constraints.iter().find(|(c, _, _)| *c == hit)
    {
        return ApiError::conflict(code, key);
    }
    e.into()
}
