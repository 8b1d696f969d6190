//! Ids as they arrive in paths.

use uuid::Uuid;

use crate::ApiError;

/// Path parameter `{id}` that answers 404 (not 400) when it is no UUID: to
/// the client it is simply an object that does not exist.
pub fn parse_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_id_names_nothing() {
        assert!(matches!(parse_id("not-a-uuid"), Err(ApiError::NotFound)));
        let id = Uuid::now_v7();
        assert_eq!(parse_id(&id.to_string()).unwrap(), id);
    }
}
