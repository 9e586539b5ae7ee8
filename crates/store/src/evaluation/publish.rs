//! Publishing the evaluation of a closed process (a correction is a new
//! revision) and reading published revisions.

use super::{Evaluation, EvaluationDraft, EvaluationRevision, EvaluationRow, Evaluations};
use crate::audit::actor_label;
use crate::processes::Process;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::evaluation::{check_can_evaluate, validate_publication};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::Actor;

/// A revision in the history list, as stored.
#[derive(Deserialize)]
struct RevisionRow {
    revision: i64,
    correction_note: String,
    published_by: Option<i64>,
    published_at: i64,
}

impl Evaluations<'_> {
    async fn evaluable(&self, tenant: &Tenant, actor: &Actor, slug: &str) -> Result<Process> {
        let process = self.store.processes().get(tenant, actor, slug).await?;
        decide(
            actor,
            Action::EvaluateProcess,
            &Target::Process(&process.facts()),
        )?;
        check_can_evaluate(process.status).map_err(StoreError::Conflict)?;
        Ok(process)
    }

    /// The staff's page before publishing: the figures as of now and the
    /// latest published revision, if any. Only for closed processes.
    pub async fn draft(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
    ) -> Result<EvaluationDraft> {
        let process = self.evaluable(tenant, actor, slug).await?;
        let preview = self.snapshot(tenant, &process).await?;
        let latest = self.revision(tenant, process.id, None).await?;
        Ok(EvaluationDraft {
            process,
            preview,
            latest,
        })
    }

    /// Publishes the evaluation of a closed process: the figures are
    /// computed and frozen now, with the lessons learned. A later call
    /// publishes a corrected revision (with a note saying what changed);
    /// earlier revisions stay.
    pub async fn publish(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        lessons: &str,
        correction_note: &str,
    ) -> Result<Evaluation> {
        let process = self.evaluable(tenant, actor, slug).await?;
        let latest = self.latest_revision_number(tenant, process.id).await?;
        validate_publication(lessons, correction_note, latest > 0)?;
        let snapshot = self.snapshot(tenant, &process).await?;
        let json = serde_json::to_string(&snapshot)
            .map_err(|e| StoreError::internal("evaluation as JSON", e))?;
        let revision = latest + 1;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "INSERT INTO process_evaluations (municipality_id, process_id, revision, lessons, correction_note, snapshot, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![tenant.id, process.id, revision, lessons.trim(), correction_note.trim(), json.as_str(), actor.user_id, now],
        )
        .await
        // Two publications at the same moment: the second is refused.
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("error-evaluation-stale")
            } else {
                e.into()
            }
        })?;
        w.audit(
            actor,
            "process.evaluation_published",
            format!("process:{}", process.id),
            serde_json::json!({
                "revision": revision,
                "correction_note": correction_note.trim(),
                "participants": snapshot.figures.participants,
                "contributions": snapshot.figures.contributions,
                // The hash of the stored snapshot ties the log to it.
                "sha256": crate::token_hash(&json),
            }),
        );
        crate::follows::notify(
            &mut w,
            actor.user_id,
            &[crate::follows::Followed::Process(process.id)],
            "evaluation_published",
            &process.title,
            &format!("/processes/{}/evaluation", process.slug),
        )
        .await?;
        w.commit().await?;
        self.revision(tenant, process.id, Some(revision))
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn latest_revision_number(&self, tenant: &Tenant, process_id: i64) -> Result<i64> {
        #[derive(Deserialize)]
        struct Latest {
            n: i64,
        }
        let r: Latest = self
            .store
            .db
            .one_as(
                "SELECT COALESCE(MAX(revision), 0) AS n FROM process_evaluations WHERE municipality_id = $1 AND process_id = $2",
                params![tenant.id, process_id],
            )
            .await?;
        Ok(r.n)
    }

    /// One revision (`None`: the latest) of a process's evaluation.
    pub async fn revision(
        &self,
        tenant: &Tenant,
        process_id: i64,
        revision: Option<i64>,
    ) -> Result<Option<Evaluation>> {
        let r: Option<EvaluationRow> = self
            .store
            .db
            .opt_as(
                "SELECT process_id, revision, lessons, correction_note, snapshot, published_by, published_at FROM process_evaluations WHERE municipality_id = $1 AND process_id = $2 AND ($3 = 0 OR revision = $3) ORDER BY revision DESC LIMIT 1",
                params![tenant.id, process_id, revision.unwrap_or(0)],
            )
            .await?;
        r.map(|r| r.into_evaluation(tenant)).transpose()
    }

    /// All published revisions, newest first.
    pub async fn revisions(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<EvaluationRevision>> {
        let rows: Vec<RevisionRow> = self
            .store
            .db
            .all_as(
                "SELECT revision, correction_note, published_by, published_at FROM process_evaluations WHERE municipality_id = $1 AND process_id = $2 ORDER BY revision DESC",
                params![tenant.id, process_id],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| EvaluationRevision {
                revision: r.revision,
                correction_note: r.correction_note,
                published_by: actor_label(tenant, r.published_by),
                published_at: r.published_at,
            })
            .collect())
    }

    /// The published evaluation of a process the actor may see (`None`:
    /// the latest revision), with the list of revisions. Not found when
    /// nothing (or no such revision) is published.
    pub async fn published(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        revision: Option<i64>,
    ) -> Result<(Process, Evaluation, Vec<EvaluationRevision>)> {
        let process = self.store.processes().get(tenant, actor, slug).await?;
        let evaluation = self
            .revision(tenant, process.id, revision)
            .await?
            .ok_or(StoreError::NotFound)?;
        let revisions = self.revisions(tenant, process.id).await?;
        Ok((process, evaluation, revisions))
    }
}
