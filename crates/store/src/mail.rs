//! The outbox: every mail is first a row, so nothing is lost when the SMTP
//! server is down, and without SMTP the admin reads the outbox instead.

use crate::accounts::{Notification, User};
use crate::{params, Result, Store, Tenant};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct OutboxMail {
    pub id: i64,
    pub municipality_id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub attempts: i64,
    pub last_error: Option<String>,
}

fn mail_from(r: &crate::Row) -> Result<OutboxMail> {
    Ok(OutboxMail {
        id: r.i64("id")?,
        municipality_id: r.i64("municipality_id")?,
        recipient: r.str("recipient")?,
        subject: r.str("subject")?,
        body: r.str("body")?,
        created_at: r.i64("created_at")?,
        sent_at: r.opt_i64("sent_at")?,
        attempts: r.i64("attempts")?,
        last_error: r.opt_str("last_error")?,
    })
}

const MAIL_COLS: &str =
    "id, municipality_id, recipient, subject, body, created_at, sent_at, attempts, last_error";

/// Digest frequency a user chose.
pub fn digest_interval_ms(digest: &str) -> Option<i64> {
    match digest {
        "daily" => Some(86_400_000),
        "weekly" => Some(7 * 86_400_000),
        _ => None,
    }
}

impl Store {
    pub async fn queue_mail(
        &self,
        tenant: &Tenant,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> Result<()> {
        self.db
            .exec(
                "INSERT INTO outbox (municipality_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
                params![tenant.id, recipient, subject, body, self.now()],
            )
            .await?;
        Ok(())
    }

    pub async fn outbox(&self, tenant: &Tenant, limit: i64) -> Result<Vec<OutboxMail>> {
        let rows = self
            .db
            .all(&format!("SELECT {MAIL_COLS} FROM outbox WHERE municipality_id = $1 ORDER BY id DESC LIMIT $2"), params![tenant.id, limit])
            .await?;
        rows.iter().map(mail_from).collect()
    }

    /// Claims unsent mails (fewer than 10 attempts) for sending, for
    /// `lease_ms`. A claimed mail is not handed to another app instance
    /// until its lease ends, so several instances never send it twice; a
    /// crashed sender's mails are picked up again after the lease.
    pub async fn claim_mail(&self, limit: i64, lease_ms: i64) -> Result<Vec<OutboxMail>> {
        let now = self.now();
        // PostgreSQL: rows another instance is claiming right now are
        // skipped instead of waited for; SQLite writes one at a time anyway.
        let skip = if self.db.is_postgres() {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let rows = self
            .db
            .all(
                &format!("UPDATE outbox SET claimed_until = $1 WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < 10 AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT $3{skip}) AND (claimed_until IS NULL OR claimed_until < $2) RETURNING {MAIL_COLS}"),
                params![now + lease_ms, now, limit],
            )
            .await?;
        let mut mails = rows.iter().map(mail_from).collect::<Result<Vec<_>>>()?;
        mails.sort_by_key(|m| m.id);
        Ok(mails)
    }

    pub async fn mark_mail(&self, id: i64, error: Option<&str>) -> Result<()> {
        match error {
            None => {
                self.db
                    .exec(
                        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2",
                        params![self.now(), id],
                    )
                    .await?
            }
            Some(e) => {
                self.db
                    .exec(
                        "UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2",
                        params![e, id],
                    )
                    .await?
            }
        };
        Ok(())
    }

    /// Users whose digest is due and who have undigested notifications,
    /// each with those notifications (two statements).
    pub async fn due_digests(&self, tenant: &Tenant) -> Result<Vec<(User, Vec<Notification>)>> {
        let now = self.now();
        let rows = self
            .db
            .all(
                "SELECT u.id, u.email, u.display_name, u.locale, u.digest, u.verified_at, u.created_at, u.last_digest_at FROM users u WHERE u.municipality_id = $1 AND u.digest <> 'none' AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.digested_at IS NULL AND n.read_at IS NULL)",
                params![tenant.id],
            )
            .await?;
        let mut due = Vec::new();
        for r in &rows {
            let digest = r.str("digest")?;
            let last = r.opt_i64("last_digest_at")?.unwrap_or(r.i64("created_at")?);
            if digest_interval_ms(&digest).is_some_and(|iv| now - last >= iv) {
                due.push(User {
                    id: r.i64("id")?,
                    email: r.str("email")?,
                    display_name: r.str("display_name")?,
                    locale: r.str("locale")?,
                    digest,
                    verified: r.opt_i64("verified_at")?.is_some(),
                    created_at: r.i64("created_at")?,
                });
            }
        }
        if due.is_empty() {
            return Ok(Vec::new());
        }
        let notes = self
            .db
            .all(
                "SELECT id, user_id, kind, title, link, created_at, read_at FROM notifications WHERE municipality_id = $1 AND digested_at IS NULL AND read_at IS NULL ORDER BY id",
                params![tenant.id],
            )
            .await?;
        Ok(due
            .into_iter()
            .map(|u| {
                let mine = notes
                    .iter()
                    .filter(|n| n.i64("user_id").ok() == Some(u.id))
                    .filter_map(|r| {
                        Some(Notification {
                            id: r.i64("id").ok()?,
                            kind: r.str("kind").ok()?,
                            title: r.str("title").ok()?,
                            link: r.str("link").ok()?,
                            created_at: r.i64("created_at").ok()?,
                            read: false,
                        })
                    })
                    .collect();
                (u, mine)
            })
            .collect())
    }

    /// Queues one digest mail and marks its notifications, in one
    /// transaction. Marking comes first and must find exactly the listed
    /// notifications unmarked: if another app instance digested them
    /// meanwhile, nothing is queued (returns false), so nobody gets a mail
    /// twice.
    pub async fn queue_digest(
        &self,
        tenant: &Tenant,
        user: &User,
        notifications: &[Notification],
        subject: &str,
        body: &str,
    ) -> Result<bool> {
        let Some(last) = notifications.iter().map(|n| n.id).max() else {
            return Ok(false);
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let marked = tx
            .exec(
                "UPDATE notifications SET digested_at = $1 WHERE user_id = $2 AND id <= $3 AND digested_at IS NULL AND read_at IS NULL",
                params![now, user.id, last],
            )
            .await?;
        if marked != notifications.len() as u64 {
            return Ok(false);
        }
        tx.exec(
            "INSERT INTO outbox (municipality_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
            params![tenant.id, user.email.as_str(), subject, body, now],
        )
        .await?;
        tx.exec(
            "UPDATE users SET last_digest_at = $1 WHERE id = $2",
            params![now, user.id],
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
