//! Supports: one per person (or recorded offline by staff), written by
//! the group-commit writer; withdrawing one's own support.

use super::{check_offline, contributor, Offline, Proposals};
use crate::audit::event_label;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use std::str::FromStr;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{Form, ProcessFacts, ProcessRules, ProcessStatus};
use teilhabe_domain::{Actor, Denied};

/// What the permission check of a support needs.
#[derive(Deserialize)]
struct FactsRow {
    author_id: Option<i64>,
    hidden_at: Option<i64>,
    process_id: i64,
    status: String,
    department_id: Option<i64>,
    proposals_require_verification: bool,
    supports_require_verification: bool,
    comments_require_verification: bool,
    support_limit: Option<i64>,
    forms: Option<String>,
}

#[derive(Deserialize)]
struct CountRow {
    support_count: i64,
}

impl Proposals<'_> {
    /// What the permission check of a support needs, in one statement:
    /// the proposal's author and visibility, its process's rules and the
    /// forms of the active phase. Supports are the hottest write path.
    async fn contribution_facts(
        &self,
        tenant: &Tenant,
        id: i64,
    ) -> Result<(ProcessFacts, Option<i64>, bool, i64)> {
        let r: FactsRow = self
            .store
            .db
            .opt_as(
                "SELECT p.author_id, p.hidden_at, p.process_id, pr.status, pr.department_id, pr.proposals_require_verification, pr.supports_require_verification, pr.comments_require_verification, pr.support_limit, ph.forms FROM proposals p JOIN processes pr ON pr.id = p.process_id LEFT JOIN phases ph ON ph.id = pr.active_phase_id WHERE p.id = $1 AND p.municipality_id = $2",
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let facts = ProcessFacts {
            status: ProcessStatus::from_str(&r.status).unwrap_or(ProcessStatus::Draft),
            department_id: r.department_id,
            active_forms: r.forms.map(|f| Form::parse_list(&f)).unwrap_or_default(),
            rules: ProcessRules {
                proposals_require_verification: r.proposals_require_verification,
                supports_require_verification: r.supports_require_verification,
                comments_require_verification: r.comments_require_verification,
                support_limit: r.support_limit.map(|v| v as u32),
            },
        };
        Ok((facts, r.author_id, r.hidden_at.is_some(), r.process_id))
    }

    /// Supports a proposal (one per person; the database enforces it even
    /// under concurrent requests) or records an offline support.
    pub async fn support(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        offline: Option<Offline>,
    ) -> Result<i64> {
        let (facts, author_id, hidden, process_id) = self.contribution_facts(tenant, id).await?;
        let target = Target::Contribution {
            process: &facts,
            author_id,
            hidden,
        };
        if offline.is_some() {
            decide(actor, Action::RecordOffline, &target)?;
            if hidden {
                return Err(StoreError::Denied(Denied::NotOpen));
            }
        } else {
            decide(actor, Action::Support, &target)?;
        }
        check_offline(&offline)?;
        let (user, channel, name, recorded_by) = contributor(actor, &offline);
        // Written by the group-commit writer: durable when this returns.
        self.store
            .supports
            .submit(super::group_commit::SupportJob {
                municipality_id: tenant.id,
                process_id,
                proposal_id: id,
                user_id: user,
                channel: channel.as_str(),
                offline_name: name,
                recorded_by,
                limit: facts.rules.support_limit,
                now: self.store.now(),
                actor: event_label(tenant, actor.user_id, "support.added"),
            })
            .await
    }

    /// Withdraws one's own support while supports are open.
    pub async fn withdraw_support(&self, tenant: &Tenant, actor: &Actor, id: i64) -> Result<i64> {
        let (facts, author_id, hidden, _) = self.contribution_facts(tenant, id).await?;
        decide(
            actor,
            Action::Support,
            &Target::Contribution {
                process: &facts,
                author_id,
                hidden,
            },
        )?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let mut w = self.store.write(tenant).await?;
        let n = w
            .exec(
                "DELETE FROM supports WHERE proposal_id = $1 AND user_id = $2",
                params![id, user],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::Conflict("error-not-supported"));
        }
        let count = w.one_as::<CountRow>("UPDATE proposals SET support_count = support_count - 1 WHERE id = $1 RETURNING support_count", params![id]).await?.support_count;
        w.audit(
            actor,
            "support.withdrawn",
            format!("proposal:{id}"),
            serde_json::json!({}),
        );
        w.commit().await?;
        Ok(count)
    }
}
