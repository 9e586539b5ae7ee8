//! Retention: what the platform keeps only for a while. A background job
//! ([`JOB`], in the core's manifest) purges, in every municipality,
//! expired sessions, used or expired password-reset tokens, sent mails
//! older than the municipality's `retention_mail_days` and read
//! notifications older than its `retention_notification_days`.

use super::{Accounts, SESSION_DAYS};
use crate::module::Job;
use crate::{params, Result, Tenant};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A municipality's retention periods (days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Sent mails are deleted from the outbox after this many days.
    pub retention_mail_days: i64,
    /// Read notifications are deleted after this many days.
    pub retention_notification_days: i64,
}

impl Retention {
    /// Sessions end after this many days (fixed).
    pub const SESSION_DAYS: i64 = SESSION_DAYS;
    /// A password-reset link is valid this many minutes (fixed).
    pub const RESET_MINUTES: i64 = super::passwords::RESET_MINUTES;
}

/// What one purge deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub sessions: u64,
    pub password_resets: u64,
    pub mails: u64,
    pub notifications: u64,
}

/// The hourly retention job of the core.
pub const JOB: Job = Job {
    name: "retention",
    every: Duration::from_secs(3600),
    run: |s| {
        Box::pin(async move {
            for tenant in s.tenants().all().await? {
                s.accounts().purge(&tenant).await?;
            }
            Ok(())
        })
    },
};

const DAY_MS: i64 = 86_400_000;

impl Accounts<'_> {
    /// The municipality's retention periods.
    pub async fn retention(&self, tenant: &Tenant) -> Result<Retention> {
        Ok(self
            .store
            .db
            .one_as(
                "SELECT retention_mail_days, retention_notification_days FROM municipalities WHERE id = $1",
                params![tenant.id],
            )
            .await?)
    }

    /// Deletes what is past its retention period in `tenant` (see the
    /// module documentation); returns what was deleted.
    pub async fn purge(&self, tenant: &Tenant) -> Result<Purged> {
        let r = self.retention(tenant).await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let t = tenant.id;
        let sessions = w
            .exec(
                "DELETE FROM sessions WHERE municipality_id = $1 AND expires_at <= $2",
                params![t, now],
            )
            .await?;
        let password_resets = w
            .exec(
                "DELETE FROM password_resets WHERE municipality_id = $1 AND (used_at IS NOT NULL OR expires_at <= $2)",
                params![t, now],
            )
            .await?;
        let mails = w
            .exec(
                "DELETE FROM outbox WHERE municipality_id = $1 AND sent_at IS NOT NULL AND sent_at < $2",
                params![t, now - r.retention_mail_days * DAY_MS],
            )
            .await?;
        let notifications = w
            .exec(
                "DELETE FROM notifications WHERE municipality_id = $1 AND read_at IS NOT NULL AND read_at < $2",
                params![t, now - r.retention_notification_days * DAY_MS],
            )
            .await?;
        w.commit().await?;
        Ok(Purged {
            sessions,
            password_resets,
            mails,
            notifications,
        })
    }
}
