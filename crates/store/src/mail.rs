//! The outbox: every mail is first a row, so nothing is lost when the SMTP
//! server is down, and without SMTP the admin reads the outbox instead.

use crate::accounts::{Notification, NotificationRow, User, UserRow};
use crate::{params, Result, Tenant};
use serde::{Deserialize, Serialize};

crate::service!(
    Mail,
    mail,
    "The mail outbox: queueing, claiming and marking mails, and digests."
);

#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// `reset` or `confirm` for a mail whose link the sender creates when
    /// it sends (see [`LINK_MARK`]); `None` for every other mail.
    pub kind: Option<String>,
    pub user_id: Option<i64>,
}

/// Stands in the queued body of a mail with a secret link, where the
/// sender puts the link it creates right before sending. The outbox (and
/// so the admin page and every backup) never holds a usable token.
pub const LINK_MARK: &str = "[[link]]";

/// A user whose digest may be due.
#[derive(Deserialize)]
struct DigestUserRow {
    #[serde(flatten)]
    user: UserRow,
    last_digest_at: Option<i64>,
}

/// A notification not yet digested, with its user.
#[derive(Deserialize)]
struct DigestNoteRow {
    user_id: i64,
    #[serde(flatten)]
    note: NotificationRow,
}

const MAIL_COLS: &str =
    "id, municipality_id, recipient, subject, body, created_at, sent_at, attempts, last_error, kind, user_id";

/// Digest frequency a user chose.
pub fn digest_interval_ms(digest: &str) -> Option<i64> {
    match digest {
        "daily" => Some(86_400_000),
        "weekly" => Some(7 * 86_400_000),
        _ => None,
    }
}

impl Mail<'_> {
    pub async fn queue(
        &self,
        tenant: &Tenant,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> Result<()> {
        self.store.db
            .exec(
                "INSERT INTO outbox (municipality_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
                params![tenant.id, recipient, subject, body, self.store.now()],
            )
            .await?;
        Ok(())
    }

    /// Queues a mail whose body holds [`LINK_MARK`] where the sender puts
    /// a fresh single-use link of `kind` for `user_id` when it sends.
    pub async fn queue_link(
        &self,
        tenant: &Tenant,
        kind: crate::accounts::MailToken,
        user_id: i64,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> Result<()> {
        self.store.db
            .exec(
                "INSERT INTO outbox (municipality_id, recipient, subject, body, created_at, kind, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![tenant.id, recipient, subject, body, self.store.now(), kind.as_str(), user_id],
            )
            .await?;
        Ok(())
    }

    pub async fn outbox(&self, tenant: &Tenant, limit: i64) -> Result<Vec<OutboxMail>> {
        Ok(self
            .store
            .db
            .all_as(&format!("SELECT {MAIL_COLS} FROM outbox WHERE municipality_id = $1 ORDER BY id DESC LIMIT $2"), params![tenant.id, limit])
            .await?)
    }

    /// Claims unsent mails (fewer than 10 attempts) for sending, for
    /// `lease_ms`. A claimed mail is not handed to another app instance
    /// until its lease ends, so several instances never send it twice; a
    /// crashed sender's mails are picked up again after the lease.
    pub async fn claim(&self, limit: i64, lease_ms: i64) -> Result<Vec<OutboxMail>> {
        let now = self.store.now();
        // PostgreSQL: rows another instance is claiming right now are
        // skipped instead of waited for; SQLite writes one at a time anyway.
        let skip = if self.store.db.is_postgres() {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        // A write: through a transaction on the write connection, never
        // the read pool (on SQLite that would race the single writer).
        let mut tx = self.store.db.begin().await?;
        let mut mails: Vec<OutboxMail> = tx
            .all_as(
                &format!("UPDATE outbox SET claimed_until = $1 WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < 10 AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT $3{skip}) AND (claimed_until IS NULL OR claimed_until < $2) RETURNING {MAIL_COLS}"),
                params![now + lease_ms, now, limit],
            )
            .await?;
        tx.commit().await?;
        mails.sort_by_key(|m| m.id);
        Ok(mails)
    }

    /// Marks a mail sent (`None`) or failed. A sent mail of a kind with a
    /// link has its body blanked.
    pub async fn mark(&self, id: i64, error: Option<&str>) -> Result<()> {
        match error {
            None => {
                self.store
                    .db
                    .exec(
                        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, body = CASE WHEN kind IS NULL THEN body ELSE '' END WHERE id = $2",
                        params![self.store.now(), id],
                    )
                    .await?
            }
            Some(e) => {
                self.store
                    .db
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
        let now = self.store.now();
        let rows: Vec<DigestUserRow> = self
            .store
            .db
            .all_as(
                "SELECT u.id, u.email, u.display_name, u.locale, u.digest, u.verified_at, u.created_at, u.email_confirmed_at, u.last_digest_at FROM users u WHERE u.municipality_id = $1 AND u.digest <> 'none' AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.digested_at IS NULL AND n.read_at IS NULL)",
                params![tenant.id],
            )
            .await?;
        let mut due = Vec::new();
        for r in rows {
            let last = r.last_digest_at.unwrap_or(r.user.created_at);
            if digest_interval_ms(&r.user.digest).is_some_and(|iv| now - last >= iv) {
                due.push(User::from(r.user));
            }
        }
        if due.is_empty() {
            return Ok(Vec::new());
        }
        let notes: Vec<DigestNoteRow> = self
            .store
            .db
            .all_as(
                "SELECT id, user_id, kind, title, link, created_at, read_at FROM notifications WHERE municipality_id = $1 AND digested_at IS NULL AND read_at IS NULL ORDER BY id",
                params![tenant.id],
            )
            .await?;
        Ok(due
            .into_iter()
            .map(|u| {
                let mine = notes
                    .iter()
                    .filter(|n| n.user_id == u.id)
                    .map(|n| Notification {
                        id: n.note.id,
                        kind: n.note.kind.clone(),
                        title: n.note.title.clone(),
                        link: n.note.link.clone(),
                        created_at: n.note.created_at,
                        read: false,
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
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let marked = w
            .exec(
                "UPDATE notifications SET digested_at = $1 WHERE user_id = $2 AND id <= $3 AND digested_at IS NULL AND read_at IS NULL",
                params![now, user.id, last],
            )
            .await?;
        if marked != notifications.len() as u64 {
            return Ok(false);
        }
        w.exec(
            "INSERT INTO outbox (municipality_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
            params![tenant.id, user.email.as_str(), subject, body, now],
        )
        .await?;
        w.exec(
            "UPDATE users SET last_digest_at = $1 WHERE id = $2",
            params![now, user.id],
        )
        .await?;
        w.commit().await?;
        Ok(true)
    }
}
