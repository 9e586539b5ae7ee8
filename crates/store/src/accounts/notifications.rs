//! A user's notifications (answers, replies, hidden contributions).

use super::{Accounts, Notification, NotificationRow};
use crate::{params, Result, Tenant};
use serde::Deserialize;

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

impl Accounts<'_> {
    pub async fn notifications(
        &self,
        tenant: &Tenant,
        user_id: i64,
        limit: i64,
    ) -> Result<Vec<Notification>> {
        let rows: Vec<NotificationRow> = self
            .store
            .db
            .all_as(
                "SELECT id, kind, title, link, created_at, read_at FROM notifications WHERE user_id = $1 AND municipality_id = $2 ORDER BY id DESC LIMIT $3",
                params![user_id, tenant.id, limit],
            )
            .await?;
        Ok(rows.into_iter().map(Notification::from).collect())
    }

    pub async fn unread_count(&self, user_id: i64) -> Result<i64> {
        let r: CountRow = self
            .store
            .db
            .one_as(
                "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
                params![user_id],
            )
            .await?;
        Ok(r.n)
    }

    pub async fn mark_notifications_read(&self, tenant: &Tenant, user_id: i64) -> Result<()> {
        self.store
            .db
            .exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND municipality_id = $3 AND read_at IS NULL", params![self.store.now(), user_id, tenant.id])
            .await?;
        Ok(())
    }
}
