//! The map and its settings: reading a process's map, staff saving who may
//! vote and how statements are moderated, and staff's seed statements.

use super::OpinionMaps;
use crate::processes::Process;
use crate::{params, Result, Tenant, Tx};
use serde::{Deserialize, Serialize};
use teilhabe_domain::opinion::{validate_statement, Moderation, OpinionSettings, Voters};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::ProcessFacts;
use teilhabe_domain::Actor;

/// An opinion map's settings and counters.
#[derive(Debug, Clone, Serialize)]
pub struct OpinionMap {
    pub process_id: i64,
    /// False until staff save settings or add a statement.
    pub exists: bool,
    pub settings: OpinionSettings,
    pub revision: i64,
    pub vote_count: i64,
    pub participant_count: i64,
}

/// The reader's rights on an opinion map's pages (see
/// [`OpinionMaps::map_page`]): the pages show buttons and forms by these
/// facts and decide nothing themselves.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OpinionRights {
    pub vote: bool,
    /// Why voting is refused (an i18n key), if it is.
    pub vote_denied: Option<&'static str>,
    /// Adding a statement.
    pub submit: bool,
    /// Moderating statements (the staff page).
    pub moderate: bool,
    /// Settings, seed statements and exports.
    pub configure: bool,
    /// Recording paper questionnaires.
    pub record: bool,
}

impl OpinionRights {
    /// Decides every action of the opinion pages for `actor`.
    pub fn decide(actor: &Actor, process: &Process, map: &OpinionMap) -> Self {
        let facts = process.facts();
        let target = map.target(&facts);
        let may = |a: Action| decide(actor, a, &target);
        let vote = may(Action::VoteOpinion);
        OpinionRights {
            vote: vote.is_ok(),
            vote_denied: vote.err().map(|d| d.message_key()),
            submit: may(Action::SubmitStatement).is_ok(),
            moderate: may(Action::ModerateStatements).is_ok(),
            configure: may(Action::ManageOpinionMap).is_ok(),
            record: decide(actor, Action::RecordOffline, &Target::Process(&facts)).is_ok(),
        }
    }
}

impl OpinionMap {
    pub fn target<'a>(&'a self, facts: &'a ProcessFacts) -> Target<'a> {
        Target::OpinionMap {
            process: facts,
            settings: &self.settings,
        }
    }
}

const MAP_COLS: &str =
    "process_id, voters, participant_statements, moderation, revision, vote_count, participant_count";

/// A stored map; unknown setting names fall back to the defaults' kind.
#[derive(Deserialize)]
struct MapRow {
    process_id: i64,
    voters: String,
    participant_statements: bool,
    moderation: String,
    revision: i64,
    vote_count: i64,
    participant_count: i64,
}

impl From<MapRow> for OpinionMap {
    fn from(r: MapRow) -> Self {
        OpinionMap {
            process_id: r.process_id,
            exists: true,
            settings: OpinionSettings {
                voters: Voters::parse(&r.voters).unwrap_or(Voters::Citizens),
                participant_statements: r.participant_statements,
                moderation: Moderation::parse(&r.moderation).unwrap_or(Moderation::Pre),
            },
            revision: r.revision,
            vote_count: r.vote_count,
            participant_count: r.participant_count,
        }
    }
}

/// Creates the map row with default settings if it is missing.
pub(super) async fn ensure_map(
    tx: &mut Tx,
    tenant: &Tenant,
    process_id: i64,
    now: i64,
) -> Result<()> {
    let d = OpinionSettings::default();
    tx.exec(
        "INSERT INTO opinion_maps (process_id, municipality_id, voters, participant_statements, moderation, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (process_id) DO NOTHING",
        params![process_id, tenant.id, d.voters.as_str(), d.participant_statements, d.moderation.as_str(), now],
    )
    .await?;
    Ok(())
}

/// A change the analysis must see: the map's revision moves on.
pub(super) async fn bump(tx: &mut Tx, process_id: i64, now: i64) -> Result<()> {
    tx.exec(
        "UPDATE opinion_maps SET revision = revision + 1, last_change_at = $1 WHERE process_id = $2",
        params![now, process_id],
    )
    .await?;
    Ok(())
}

impl OpinionMaps<'_> {
    /// A process's opinion map (default settings if staff have not set one up).
    pub async fn map(&self, tenant: &Tenant, process_id: i64) -> Result<OpinionMap> {
        let r = self
            .store
            .db
            .opt_as::<MapRow>(
                &format!("SELECT {MAP_COLS} FROM opinion_maps WHERE municipality_id = $1 AND process_id = $2"),
                params![tenant.id, process_id],
            )
            .await?;
        Ok(match r {
            Some(r) => r.into(),
            None => OpinionMap {
                process_id,
                exists: false,
                settings: OpinionSettings::default(),
                revision: 0,
                vote_count: 0,
                participant_count: 0,
            },
        })
    }

    /// The process (visible to the actor) and its opinion map.
    pub async fn process_map(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
    ) -> Result<(Process, OpinionMap)> {
        let process = self.store.processes().get(tenant, actor, slug).await?;
        let map = self.map(tenant, process.id).await?;
        Ok((process, map))
    }

    /// The process, its opinion map and what the actor may do there
    /// (`can`); with `need`, refused unless the actor may do that action
    /// (the staff page and the exports).
    pub async fn map_page(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        need: Option<Action>,
    ) -> Result<(Process, OpinionMap, OpinionRights)> {
        let (process, map) = self.process_map(tenant, actor, slug).await?;
        if let Some(action) = need {
            decide(actor, action, &map.target(&process.facts()))?;
        }
        let can = OpinionRights::decide(actor, &process, &map);
        Ok((process, map, can))
    }

    /// Staff save who may vote, whether participants add statements, and
    /// the moderation mode.
    pub async fn save_settings(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        settings: &OpinionSettings,
    ) -> Result<()> {
        let (process, map) = self.process_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::ManageOpinionMap, &map.target(&facts))?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        ensure_map(&mut w, tenant, process.id, now).await?;
        w.exec(
            "UPDATE opinion_maps SET voters = $1, participant_statements = $2, moderation = $3, revision = revision + 1, updated_at = $4 WHERE process_id = $5",
            params![settings.voters.as_str(), settings.participant_statements, settings.moderation.as_str(), now, process.id],
        )
        .await?;
        w.audit(
            actor,
            "opinion.settings_changed",
            format!("process:{}", process.id),
            serde_json::json!({"voters": settings.voters.as_str(), "participant_statements": settings.participant_statements, "moderation": settings.moderation.as_str()}),
        );
        w.commit().await
    }

    /// Staff write a seed statement; it is accepted at once.
    pub async fn add_seed_statement(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        body: &str,
    ) -> Result<i64> {
        let (process, map) = self.process_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::ManageOpinionMap, &map.target(&facts))?;
        validate_statement(body)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        ensure_map(&mut w, tenant, process.id, now).await?;
        let id = w
            .insert(
                "INSERT INTO opinion_statements (municipality_id, process_id, body, origin, author_user_id, state, created_at, moderated_at, moderated_by) VALUES ($1, $2, $3, 'seed', $4, 'accepted', $5, $5, $4) RETURNING id",
                params![tenant.id, process.id, body.trim(), actor.user_id, now],
            )
            .await?;
        bump(&mut w, process.id, now).await?;
        w.audit(
            actor,
            "opinion.statement_added",
            format!("opinion_statement:{id}"),
            serde_json::json!({"process": process.id, "origin": "seed", "body": body.trim()}),
        );
        w.commit().await?;
        Ok(id)
    }
}
