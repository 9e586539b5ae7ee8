//! The one write path. A use case opens a [`Write`], which holds the
//! transaction, the time of the change and the audit events; it runs its
//! statements through it, records what happened with [`Write::audit`], and
//! [`Write::commit`] appends the events to the audit chain and commits
//! both together. Dropped without a commit (an error, a `?`), nothing is
//! written: no half-written change and no audit entry for a change that
//! did not happen.

use crate::audit::{append, event_label};
use crate::{Result, Store, Tenant, Tx};
use std::ops::{Deref, DerefMut};
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::Actor;

pub struct Write<'t> {
    tx: Tx,
    tenant: &'t Tenant,
    /// The time of the change, read once so that every row and the audit
    /// entry of one use case carry the same instant.
    pub now: i64,
    events: Vec<AuditEvent>,
}

impl Store {
    /// Opens the unit of work of one use case in `tenant`.
    pub async fn write<'t>(&self, tenant: &'t Tenant) -> Result<Write<'t>> {
        Ok(Write {
            tx: self.db.begin().await?,
            tenant,
            now: self.now(),
            events: Vec::new(),
        })
    }
}

impl<'t> Write<'t> {
    pub fn tenant(&self) -> &'t Tenant {
        self.tenant
    }

    /// Records an audit event by `actor` (in the public log a pseudonym
    /// per kind of action, or nobody for residents' countable events;
    /// `None` user ids are the system).
    pub fn audit(
        &mut self,
        actor: &Actor,
        action: &str,
        target: impl Into<String>,
        details: serde_json::Value,
    ) {
        let label = event_label(self.tenant, actor.user_id, action);
        self.events
            .push(AuditEvent::new(label, action, target, details));
    }

    /// Records an event done by the platform itself (a job, an import).
    pub fn audit_system(
        &mut self,
        action: &str,
        target: impl Into<String>,
        details: serde_json::Value,
    ) {
        self.events
            .push(AuditEvent::new("system", action, target, details));
    }

    /// The first of `base`, `base-2`, `base-3`, ... that no row of `table`
    /// in this municipality uses as its slug.
    pub(crate) async fn free_slug(&mut self, table: &'static str, base: &str) -> Result<String> {
        let sql = format!("SELECT id FROM {table} WHERE municipality_id = $1 AND slug = $2");
        let municipality = self.tenant.id;
        let mut slug = base.to_string();
        let mut n = 1;
        while self
            .opt(&sql, crate::params![municipality, slug.as_str()])
            .await?
            .is_some()
        {
            n += 1;
            slug = format!("{base}-{n}");
        }
        Ok(slug)
    }

    /// Appends the recorded events to the audit chain and commits.
    pub async fn commit(mut self) -> Result<()> {
        for event in std::mem::take(&mut self.events) {
            append(&mut self.tx, self.tenant, self.now, event).await?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

impl Deref for Write<'_> {
    type Target = Tx;
    fn deref(&self) -> &Tx {
        &self.tx
    }
}

impl DerefMut for Write<'_> {
    fn deref_mut(&mut self) -> &mut Tx {
        &mut self.tx
    }
}
