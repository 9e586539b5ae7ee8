//! The council at work on an open review: the internal discussion, the
//! members' votes, closing with the recommendation, and afterwards the
//! administration's public answer.

use super::settings::rules_in;
use super::{insider, review_target, text, Council, CouncilReview};
use crate::register::notify_entry_followers;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::council::{Outcome, Response, Tally, Vote};
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::{Actor, Denied, FieldErrors};

#[derive(Deserialize)]
struct VoteRow {
    vote: String,
}

impl Council<'_> {
    async fn open_review_for(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        review_id: i64,
        action: Action,
    ) -> Result<CouncilReview> {
        insider(actor)?;
        let review = self.review_row(tenant, review_id).await?;
        decide(actor, action, &review.target())?;
        if !review.is_open() {
            return Err(StoreError::Conflict("error-council-review-closed"));
        }
        Ok(review)
    }

    /// A member (or staff of the entry's department) writes in the
    /// internal discussion of an open review.
    pub async fn add_comment(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        review_id: i64,
        body: &str,
    ) -> Result<i64> {
        let review = self
            .open_review_for(tenant, actor, review_id, Action::CommentCouncilReview)
            .await?;
        let mut errors = FieldErrors::new();
        text("body", body, &mut errors);
        errors.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO council_comments (review_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                params![review.id, actor.user_id, body.trim(), now],
            )
            .await?;
        // The log says that someone wrote, not what: the discussion is internal.
        w.audit(
            actor,
            "council.comment_added",
            review_target(review.id),
            serde_json::json!({ "comment": id, "sha256": crate::token_hash(body.trim()) }),
        );
        w.commit().await?;
        Ok(id)
    }

    /// A member votes, or changes their vote, while the review is open.
    /// `approve_with_conditions` needs the conditions.
    pub async fn cast_vote(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        review_id: i64,
        vote: &str,
        conditions: &str,
    ) -> Result<()> {
        let review = self
            .open_review_for(tenant, actor, review_id, Action::DeliberateCouncilReview)
            .await?;
        let mut errors = FieldErrors::new();
        let parsed = Vote::parse(vote.trim());
        match parsed {
            None => errors.add_with(
                "vote",
                "error-invalid-choice",
                vec![
                    ("value", vote.trim().to_string()),
                    (
                        "allowed",
                        Vote::ALL.map(Vote::as_str).join(", ").to_string(),
                    ),
                ],
            ),
            Some(v) if v.needs_conditions() => text("conditions", conditions, &mut errors),
            Some(_) => {}
        }
        errors.into_result()?;
        let vote = parsed.unwrap_or(Vote::Abstain);
        // Conditions belong to a conditional vote only.
        let conditions = if vote.needs_conditions() {
            conditions.trim()
        } else {
            ""
        };
        let user = actor.user_id.ok_or(Denied::LoginRequired)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let changed = w
            .exec(
                "UPDATE council_votes SET vote = $1, conditions = $2, updated_at = $3 WHERE review_id = $4 AND user_id = $5",
                params![vote.as_str(), conditions, now, review.id, user],
            )
            .await?;
        if changed == 0 {
            w.exec(
                "INSERT INTO council_votes (review_id, user_id, vote, conditions, updated_at) VALUES ($1, $2, $3, $4, $5)",
                params![review.id, user, vote.as_str(), conditions, now],
            )
            .await
            // The same member's first vote sent twice at once (PostgreSQL):
            // one vote per member stays true, the second is refused.
            .map_err(|e| {
                if e.is_unique_violation() {
                    StoreError::Conflict("error-council-vote-conflict")
                } else {
                    e.into()
                }
            })?;
        }
        w.audit(
            actor,
            if changed == 0 {
                "council.vote_cast"
            } else {
                "council.vote_changed"
            },
            review_target(review.id),
            serde_json::json!({ "vote": vote.as_str() }),
        );
        w.commit().await?;
        Ok(())
    }

    /// A member closes an open review with the council's written
    /// recommendation. The result follows from the votes and the rule in
    /// force; result, counts and recommendation become public and the
    /// entry's followers are notified.
    pub async fn close_review(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        review_id: i64,
        recommendation: &str,
    ) -> Result<Outcome> {
        let review = self
            .open_review_for(tenant, actor, review_id, Action::DeliberateCouncilReview)
            .await?;
        let mut errors = FieldErrors::new();
        text("recommendation", recommendation, &mut errors);
        errors.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let rules = rules_in(&mut w, tenant).await?;
        let votes = w
            .all_as::<VoteRow>(
                "SELECT vote FROM council_votes WHERE review_id = $1",
                params![review.id],
            )
            .await?;
        let tally = Tally::of(votes.iter().filter_map(|v| Vote::parse(&v.vote)));
        let outcome = rules.decide(&tally);
        let updated = w
            .exec(
                "UPDATE council_reviews SET status = 'closed', closed_at = $1, closed_by = $2, outcome = $3, approve = $4, approve_with_conditions = $5, reject = $6, abstain = $7, quorum = $8, majority = $9, recommendation = $10 WHERE id = $11 AND status = 'open'",
                params![
                    now,
                    actor.user_id,
                    outcome.as_str(),
                    tally.approve,
                    tally.approve_with_conditions,
                    tally.reject,
                    tally.abstain,
                    i64::from(rules.quorum),
                    rules.majority.as_str(),
                    recommendation.trim(),
                    review.id
                ],
            )
            .await?;
        if updated != 1 {
            return Err(StoreError::Conflict("error-council-review-closed"));
        }
        w.audit(
            actor,
            "council.review_closed",
            review_target(review.id),
            serde_json::json!({
                "entry": review.entry_id,
                "outcome": outcome.as_str(),
                "tally": tally,
                "quorum": rules.quorum,
                "majority": rules.majority.as_str(),
                "sha256": crate::token_hash(recommendation.trim()),
            }),
        );
        notify_entry_followers(
            &mut w,
            actor.user_id,
            "council_recommendation",
            review.entry_id,
            &review.entry_title,
            &format!("/data-register/{}#council", review.entry_slug),
        )
        .await?;
        w.commit().await?;
        Ok(outcome)
    }

    /// The administration (staff of the entry's department, or an admin)
    /// answers a published recommendation: followed, partly followed or
    /// not followed, with reasons. Once; the answer is public.
    pub async fn answer_recommendation(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        review_id: i64,
        response: &str,
        reasons: &str,
    ) -> Result<()> {
        let review = self.review_row(tenant, review_id).await?;
        decide(actor, Action::AnswerCouncilRecommendation, &review.target())?;
        if review.is_open() {
            return Err(StoreError::Conflict("error-council-review-not-closed"));
        }
        if review.response.is_some() {
            return Err(StoreError::Conflict("error-council-already-answered"));
        }
        let mut errors = FieldErrors::new();
        let parsed = Response::parse(response.trim());
        if parsed.is_none() {
            errors.add_with(
                "response",
                "error-invalid-choice",
                vec![
                    ("value", response.trim().to_string()),
                    (
                        "allowed",
                        Response::ALL.map(Response::as_str).join(", ").to_string(),
                    ),
                ],
            );
        }
        text("response_text", reasons, &mut errors);
        errors.into_result()?;
        let response = parsed.unwrap_or(Response::NotFollowed);
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let updated = w
            .exec(
                "UPDATE council_reviews SET response = $1, response_text = $2, responded_at = $3, responded_by = $4 WHERE id = $5 AND response IS NULL",
                params![response.as_str(), reasons.trim(), now, actor.user_id, review.id],
            )
            .await?;
        if updated != 1 {
            return Err(StoreError::Conflict("error-council-already-answered"));
        }
        w.audit(
            actor,
            "council.recommendation_answered",
            review_target(review.id),
            serde_json::json!({
                "entry": review.entry_id,
                "response": response.as_str(),
                "sha256": crate::token_hash(reasons.trim()),
            }),
        );
        notify_entry_followers(
            &mut w,
            actor.user_id,
            "council_answer",
            review.entry_id,
            &review.entry_title,
            &format!("/data-register/{}#council", review.entry_slug),
        )
        .await?;
        w.commit().await?;
        Ok(())
    }
}
