//! Online voting: a verified resident casts or replaces their ballot and
//! gets a receipt code. The checks shared with paper ballots live here too.

use super::{Budget, Budgets, Which};
use crate::processes::Process;
use crate::{params, Result, StoreError, Tenant};
use serde::Serialize;
use std::collections::HashMap;
use teilhabe_domain::budget::{
    check_age, encode_ballot, receipt_code, receipt_hash, validate_ballot, BallotChoice,
};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, Denied};

/// What the voter gets back: the receipt code, shown once.
#[derive(Debug, Clone, Serialize)]
pub struct Receipt {
    pub code: String,
    pub hash: String,
    pub replaced: bool,
}

#[derive(serde::Deserialize)]
struct DistrictRow {
    district: String,
}

impl Budgets<'_> {
    /// What an online and a paper ballot check alike: the budget is visible,
    /// the action (casting, or recording a paper ballot) is allowed, results
    /// are not yet published, and the choices fit the ballot's limits.
    /// Returns the budget, its process and the acting account.
    pub(super) async fn ballot_checked(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        action: Action,
        choices: &[BallotChoice],
    ) -> Result<(Budget, Process, i64)> {
        let (b, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        decide(actor, action, &Target::Process(&process.facts()))?;
        if b.published_at.is_some() {
            return Err(StoreError::Denied(Denied::NotOpen));
        }
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let projects = self.projects_of(budget_id, Which::Feasible).await?;
        let costs: HashMap<i64, i64> = projects.iter().map(|p| (p.id, p.cost)).collect();
        validate_ballot(&b.settings(), &costs, choices)?;
        Ok((b, process, user))
    }

    /// A verified resident casts or replaces their ballot while voting is
    /// open. One ballot per person and budget, enforced by the database;
    /// a district budget only if the person has not voted in another
    /// district of the process. Returns the new receipt code (shown once).
    pub async fn cast_ballot(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        choices: &[BallotChoice],
        birth_date: &str,
    ) -> Result<Receipt> {
        let (b, process, user) = self
            .ballot_checked(tenant, actor, budget_id, Action::CastBallot, choices)
            .await?;
        check_age(b.min_age, birth_date, self.store.clock.today())?;
        let code = {
            use rand::Rng;
            let mut r = [0u8; 12];
            let mut rng = rand::thread_rng();
            for x in r.iter_mut() {
                *x = rng.gen_range(0..32);
            }
            receipt_code(&r)
        };
        let hash = receipt_hash(&code);
        let key = self.voter_key(user);
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        if !b.is_citywide() {
            // The first district ballot binds the person to its district;
            // the key decides between simultaneous ballots.
            w.exec(
                "INSERT INTO budget_voter_districts (municipality_id, process_id, voter_key, district) VALUES ($1, $2, $3, $4) ON CONFLICT (process_id, voter_key) DO NOTHING",
                params![tenant.id, process.id, key.as_str(), b.district.as_str()],
            )
            .await?;
            let bound = w
                .one_as::<DistrictRow>(
                    "SELECT district FROM budget_voter_districts WHERE process_id = $1 AND voter_key = $2",
                    params![process.id, key.as_str()],
                )
                .await?
                .district;
            if bound != b.district {
                return Err(StoreError::Conflict("error-ballot-other-district"));
            }
        }
        let replaced = w
            .opt(
                "SELECT id FROM budget_ballots WHERE budget_id = $1 AND voter_key = $2",
                params![budget_id, key.as_str()],
            )
            .await?
            .is_some();
        // Insert or replace in one statement: two simultaneous submissions
        // of the same person leave exactly one ballot (the later one).
        w.exec(
                "INSERT INTO budget_ballots (municipality_id, budget_id, process_id, voter_key, channel, choices, receipt_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, 'online', $5, $6, $7, $7) ON CONFLICT (budget_id, voter_key) DO UPDATE SET choices = excluded.choices, receipt_hash = excluded.receipt_hash, updated_at = excluded.updated_at",
                params![tenant.id, budget_id, process.id, key.as_str(), encode_ballot(choices), hash.as_str(), now],
            )
            .await?;
        w.audit(
            actor,
            if replaced {
                "budget.ballot_replaced"
            } else {
                "budget.ballot_cast"
            },
            format!("budget:{budget_id}"),
            serde_json::json!({"channel": "online"}),
        );
        w.commit().await?;
        Ok(Receipt {
            code,
            hash,
            replaced,
        })
    }
}
