use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    /// Waiting for `runAt`.
    Queued,
    /// Leased to a node until `lockedUntil`.
    Running,
    Done,
    /// Failed its last attempt (or cannot succeed); kept until an admin retries it.
    Dead,
}

impl JobState {
    pub const ALL: [JobState; 4] = [
        JobState::Queued,
        JobState::Running,
        JobState::Done,
        JobState::Dead,
    ];
    pub const ALLOWED: &'static str = "queued, running, done, dead";

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A job as a worker holds it after claiming it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: Uuid,
    pub kind: String,
    pub payload: serde_json::Value,
    /// This claim included.
    pub attempts: i32,
    /// The job's own limit, or the workers' configured one.
    pub max_attempts: i32,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub id: Uuid,
    pub kind: String,
    pub payload: serde_json::Value,
    pub state: String,
    pub attempts: i32,
    pub max_attempts: Option<i32>,
    pub run_at: OffsetDateTime,
    pub locked_until: Option<OffsetDateTime>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub finished_at: Option<OffsetDateTime>,
}

/// A job as admins see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub id: Uuid,
    /// The handler, e.g. `notify.deliver`, `broadcast.batch`.
    pub kind: String,
    pub payload: serde_json::Value,
    pub state: JobState,
    /// Claims so far.
    pub attempts: i32,
    /// Claims allowed before the job is a dead letter.
    pub max_attempts: i32,
    /// When a queued job is due.
    #[serde(with = "time::serde::rfc3339")]
    pub run_at: OffsetDateTime,
    /// End of a running job's lease.
    #[serde(with = "time::serde::rfc3339::option")]
    pub locked_until: Option<OffsetDateTime>,
    /// The node that holds or last held the job.
    pub locked_by: Option<String>,
    /// The error of the last failed attempt.
    pub last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// When the job was done or became a dead letter.
    #[serde(with = "time::serde::rfc3339::option")]
    pub finished_at: Option<OffsetDateTime>,
}

impl Job {
    /// `default_max`: the workers' limit, for jobs without their own.
    pub fn from_row(r: JobRow, default_max: i32) -> Job {
        Job {
            state: JobState::parse(&r.state).unwrap_or(JobState::Queued),
            max_attempts: r.max_attempts.unwrap_or(default_max),
            id: r.id,
            kind: r.kind,
            payload: r.payload,
            attempts: r.attempts,
            run_at: r.run_at,
            locked_until: r.locked_until,
            locked_by: r.locked_by,
            last_error: r.last_error,
            created_at: r.created_at,
            updated_at: r.updated_at,
            finished_at: r.finished_at,
        }
    }
}

/// `GET /admin/jobs`: newest first.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JobQuery {
    /// `queued`, `running`, `done` or `dead`.
    #[param(value_type = Option<JobState>)]
    pub state: Option<String>,
    /// Exact kind, e.g. `notify.deliver`.
    #[param(max_length = 100)]
    pub kind: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl JobQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }

    /// The state filter, checked.
    pub fn state(&self, e: &mut FieldErrors) -> Option<JobState> {
        let s = self.state.as_deref()?.trim();
        let state = JobState::parse(s);
        if state.is_none() {
            e.add(
                "state",
                Message::new("validation-one-of").arg("allowed", JobState::ALLOWED),
            );
        }
        state
    }
}

impl Validate for JobQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        self.state(&mut e);
        if let Some(k) = &self.kind {
            e.max_chars("kind", k, 100);
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_names_every_failing_field() {
        let q = JobQuery {
            state: Some("lost".into()),
            kind: Some("x".repeat(101)),
            page: Some(0),
            per_page: Some(500),
        };
        match q.validate() {
            Err(ApiError::Validation(f)) => {
                let names: Vec<&String> = f.iter().map(|(k, _)| k).collect();
                assert_eq!(names, ["kind", "page", "perPage", "state"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
