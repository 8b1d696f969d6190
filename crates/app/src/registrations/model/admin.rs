//! The admins' queue: its query and the request as they see it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{Kind, Registration, Status};

/// The queue's filters. Without `status`, every request past its draft.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RegistrationQuery {
    /// `submitted` (waiting for the e-mail link), `confirmed` (to review),
    /// `rejected` or `approved`.
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    /// Matches the name, phone, e-mail, company names, CR number and plate.
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl RegistrationQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for RegistrationQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 100);
        }
        if self.status == Some(Status::Draft) {
            e.add(
                "status",
                Message::new("validation-one-of")
                    .arg("allowed", "submitted, confirmed, rejected, approved"),
            );
        }
        e.into_result()
    }
}

/// A request in the admins' queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminRegistration {
    #[serde(flatten)]
    pub registration: Registration,
    /// When the applicant used the e-mailed link.
    #[serde(with = "time::serde::rfc3339::option")]
    pub confirmed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub reviewed_at: Option<OffsetDateTime>,
    /// The account approval opened.
    pub user_id: Option<Uuid>,
    /// The supplier's company approval opened.
    pub company_id: Option<Uuid>,
}
