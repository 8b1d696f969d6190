//! The local dev/demo SMS sender: nothing leaves the machine. Each message is written to the
//! log (number and full text, so a developer can read an OTP there) and stored in `sms_outbox`.
//!
//! Never use it in production: the log then holds OTP codes.
//!
//! The table is created by a migration elsewhere; this code assumes:
//!
//! ```sql
//! CREATE TABLE sms_outbox (
//!     id         uuid        PRIMARY KEY,
//!     to_phone   text        NOT NULL,
//!     body       text        NOT NULL,
//!     kind       text        NOT NULL,   -- 'transactional' | 'promotional'
//!     created_at timestamptz NOT NULL DEFAULT now()
//! );
//! ```

use sqlx::PgPool;
use uuid::Uuid;

use super::{SmsError, SmsMessage, SmsSender};

#[derive(Clone, Debug)]
pub struct OutboxSms {
    pub pool: PgPool,
}

impl OutboxSms {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

#[async_trait::async_trait]
impl SmsSender for OutboxSms {
    async fn send(&self, msg: &SmsMessage) -> Result<(), SmsError> {
        let id = Uuid::now_v7();
        // Showing the text here is the point of this sender (dev/demo only).
        tracing::info!(
            provider = "outbox",
            %id,
            to = %msg.to,
            kind = %msg.kind,
            body = %msg.body,
            "sms (outbox, not sent)"
        );
        sqlx::query("INSERT INTO sms_outbox (id, to_phone, body, kind) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(&msg.to)
            .bind(&msg.body)
            .bind(msg.kind.as_str())
            .execute(&self.pool)
            .await
            .map_err(|e| SmsError::Storage(e.to_string()))?;
        Ok(())
    }

    fn name(&self) -> &'static str {
        "outbox"
    }
}
