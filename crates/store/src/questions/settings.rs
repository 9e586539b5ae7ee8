//! The municipality's answer deadline for objections.

use super::Questions;
use crate::{params, Result, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::questions::{self as rules, DEFAULT_OBJECTION_DEADLINE_DAYS};
use teilhabe_domain::Actor;

#[derive(Deserialize)]
struct DeadlineRow {
    objection_deadline_days: i64,
}

impl Questions<'_> {
    /// The municipality's answer deadline for objections, in days.
    pub async fn objection_deadline_days(&self, tenant: &Tenant) -> Result<i64> {
        Ok(self
            .store
            .db
            .opt_as::<DeadlineRow>(
                "SELECT objection_deadline_days FROM municipalities WHERE id = $1",
                params![tenant.id],
            )
            .await?
            .map(|r| r.objection_deadline_days)
            .unwrap_or(DEFAULT_OBJECTION_DEADLINE_DAYS))
    }

    /// An admin sets the answer deadline for objections (1 to 365 days).
    /// Existing objections keep the deadline they were filed with.
    pub async fn set_objection_deadline_days(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        days: i64,
    ) -> Result<()> {
        decide(actor, Action::ManageUsers, &Target::Municipality)?;
        rules::validate_deadline_days(days)?;
        let before = self.objection_deadline_days(tenant).await?;
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "UPDATE municipalities SET objection_deadline_days = $1 WHERE id = $2",
            params![days, tenant.id],
        )
        .await?;
        w.audit(
            actor,
            "municipality.objection_deadline_changed",
            format!("municipality:{}", tenant.id),
            serde_json::json!({ "days": [before, days] }),
        );
        w.commit().await?;
        Ok(())
    }
}
