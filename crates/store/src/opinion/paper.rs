//! Paper questionnaires: staff enter what people filled in on paper; the
//! questionnaire's number is the participant.

use super::votes::put_vote;
use super::OpinionMaps;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::opinion::OpinionVote;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, FieldErrors};

#[derive(Deserialize)]
struct ParticipantRow {
    id: i64,
    channel: String,
}

impl OpinionMaps<'_> {
    /// Staff enter a paper questionnaire: the questionnaire's number
    /// identifies the participant, so entering it again corrects it.
    pub async fn record_questionnaire(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        label: &str,
        votes: &[(i64, OpinionVote)],
    ) -> Result<i64> {
        let (process, map) = self.process_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::RecordOffline, &Target::Process(&facts))?;
        let mut e = FieldErrors::new();
        e.text("label", label, 1, 40);
        if votes.is_empty() {
            e.add("votes", "error-opinion-no-votes");
        }
        e.into_result()?;
        if !map.exists {
            return Err(StoreError::Conflict("error-opinion-not-set-up"));
        }
        let known: std::collections::HashSet<i64> = self
            .statements(tenant, &map, false, None)
            .await?
            .iter()
            .map(|s| s.id)
            .collect();
        if votes.iter().any(|(s, _)| !known.contains(s)) {
            let mut e = FieldErrors::new();
            e.add("votes", "error-opinion-unknown-statement");
            return Err(e.into());
        }
        let label = format!("paper-{}", label.trim());
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let existing = w
            .opt_as::<ParticipantRow>(
                "SELECT id, channel FROM opinion_participants WHERE process_id = $1 AND external_id = $2",
                params![process.id, label.as_str()],
            )
            .await?;
        let participant = match existing {
            Some(r) if r.channel == "paper" => r.id,
            Some(_) => return Err(StoreError::Conflict("error-opinion-label-taken")),
            None => {
                let id = w
                    .insert(
                        "INSERT INTO opinion_participants (municipality_id, process_id, external_id, channel, recorded_by, created_at) VALUES ($1, $2, $3, 'paper', $4, $5) RETURNING id",
                        params![tenant.id, process.id, label.as_str(), actor.user_id, now],
                    )
                    .await?;
                w.exec(
                    "UPDATE opinion_maps SET participant_count = participant_count + 1 WHERE process_id = $1",
                    params![process.id],
                )
                .await?;
                id
            }
        };
        for &(statement, vote) in votes {
            put_vote(
                &mut w,
                tenant.id,
                process.id,
                participant,
                statement,
                vote,
                "paper",
                now,
            )
            .await?;
        }
        w.audit(
            actor,
            "opinion.questionnaire_recorded",
            format!("process:{}", process.id),
            serde_json::json!({"questionnaire": label, "votes": votes.len()}),
        );
        w.commit().await?;
        Ok(participant)
    }
}
