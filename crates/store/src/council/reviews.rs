//! Reading reviews: the council's inbox and archive, one review with its
//! internal discussion and votes, and the public part shown on an entry
//! page (published results, overrides).

use super::{
    insider, Council, CouncilComment, CouncilOverride, CouncilReview, CouncilVote, ReviewDetail,
    ReviewReason, REVIEW_COLS, REVIEW_FROM,
};
use crate::audit::actor_label;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::council::{Tally, Vote};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::Actor;

#[derive(Deserialize)]
struct ReasonRow {
    review_id: i64,
    kind: String,
    detail: String,
    version: i64,
    created_at: i64,
}

#[derive(Deserialize)]
struct CommentRow {
    id: i64,
    display_name: Option<String>,
    body: String,
    created_at: i64,
    by_member: bool,
}

#[derive(Deserialize)]
struct OverrideRow {
    review_id: i64,
    version: i64,
    justification: String,
    admin_id: Option<i64>,
    created_at: i64,
}

impl Council<'_> {
    /// The reasons of all given reviews, in one statement.
    async fn load_reasons(&self, reviews: &mut [CouncilReview]) -> Result<()> {
        if reviews.is_empty() {
            return Ok(());
        }
        let placeholders: Vec<String> = (1..=reviews.len()).map(|i| format!("${i}")).collect();
        let ids: Vec<crate::P> = reviews.iter().map(|r| r.id.into()).collect();
        let rows = self
            .store
            .db
            .all_as::<ReasonRow>(
                &format!(
                    "SELECT review_id, kind, detail, version, created_at FROM council_review_reasons WHERE review_id IN ({}) ORDER BY id",
                    placeholders.join(", ")
                ),
                &ids,
            )
            .await?;
        for x in rows {
            if let Some(r) = reviews.iter_mut().find(|r| r.id == x.review_id) {
                r.reasons.push(ReviewReason {
                    kind: x.kind,
                    detail: x.detail,
                    version: x.version,
                    created_at: x.created_at,
                });
            }
        }
        Ok(())
    }

    /// The council's inbox: open reviews, oldest first (members, staff,
    /// admins).
    pub async fn open_reviews(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<CouncilReview>> {
        decide(actor, Action::ViewCouncilReviews, &Target::Municipality)?;
        let mut out: Vec<CouncilReview> = self
            .store
            .db
            .all_as(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.status = 'open' ORDER BY r.opened_at, r.id"),
                params![tenant.id],
            )
            .await?;
        self.load_reasons(&mut out).await?;
        Ok(out)
    }

    /// Closed reviews, newest first, for the inbox's archive.
    pub async fn closed_reviews(
        &self,
        tenant: &Tenant,
        actor: &Actor,
    ) -> Result<Vec<CouncilReview>> {
        decide(actor, Action::ViewCouncilReviews, &Target::Municipality)?;
        Ok(self
            .store
            .db
            .all_as(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.status = 'closed' ORDER BY r.closed_at DESC, r.id DESC"),
                params![tenant.id],
            )
            .await?)
    }

    /// The public part of an entry's reviews: closed ones (result, counts,
    /// recommendation, answer), newest first, and whether one is open.
    pub async fn entry_reviews(
        &self,
        tenant: &Tenant,
        entry_id: i64,
    ) -> Result<Vec<CouncilReview>> {
        let mut out: Vec<CouncilReview> = self
            .store
            .db
            .all_as(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.entry_id = $2 ORDER BY r.status DESC, r.opened_at DESC, r.id DESC"),
                params![tenant.id, entry_id],
            )
            .await?;
        self.load_reasons(&mut out).await?;
        Ok(out)
    }

    /// Admin overrides of the operational block on an entry (public).
    pub async fn overrides(&self, tenant: &Tenant, entry_id: i64) -> Result<Vec<CouncilOverride>> {
        Ok(self
            .store
            .db
            .all_as::<OverrideRow>(
                "SELECT review_id, version, justification, admin_id, created_at FROM council_overrides WHERE municipality_id = $1 AND entry_id = $2 ORDER BY id DESC",
                params![tenant.id, entry_id],
            )
            .await?
            .into_iter()
            .map(|r| CouncilOverride {
                review_id: r.review_id,
                version: r.version,
                justification: r.justification,
                admin: actor_label(tenant, r.admin_id),
                created_at: r.created_at,
            })
            .collect())
    }

    pub(super) async fn review_row(
        &self,
        tenant: &Tenant,
        review_id: i64,
    ) -> Result<CouncilReview> {
        let r = self
            .store
            .db
            .opt_as(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.id = $2"),
                params![tenant.id, review_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut v = vec![r];
        self.load_reasons(&mut v).await?;
        Ok(v.remove(0))
    }

    /// A closed review as the public sees it (no discussion, no names).
    pub async fn published_review(&self, tenant: &Tenant, review_id: i64) -> Result<CouncilReview> {
        let r = self.review_row(tenant, review_id).await?;
        if r.is_open() {
            return Err(StoreError::NotFound);
        }
        Ok(r)
    }

    /// A review with its internal discussion and votes. Citizens and
    /// visitors get "not found": the discussion is not public.
    pub async fn review(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        review_id: i64,
    ) -> Result<ReviewDetail> {
        insider(actor)?;
        let review = self.review_row(tenant, review_id).await?;
        let comments = self
            .store
            .db
            .all_as::<CommentRow>(
                "SELECT c.id, u.display_name, c.body, c.created_at, EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = c.author_id AND g.role = 'council') AS by_member FROM council_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.review_id = $1 ORDER BY c.created_at, c.id",
                params![review_id],
            )
            .await?
            .into_iter()
            .map(|r| CouncilComment {
                id: r.id,
                author_name: r.display_name.unwrap_or_default(),
                by_member: r.by_member,
                body: r.body,
                created_at: r.created_at,
            })
            .collect();
        let votes = self.votes(review_id).await?;
        let tally = Tally::of(votes.iter().filter_map(|v| Vote::parse(&v.vote)));
        let rules = self.rules(tenant).await?;
        Ok(ReviewDetail {
            would_be: rules.decide(&tally).as_str().to_string(),
            can: super::ReviewRights::decide(actor, &review),
            review,
            comments,
            votes,
            tally,
            rules,
        })
    }

    async fn votes(&self, review_id: i64) -> Result<Vec<CouncilVote>> {
        Ok(self
            .store
            .db
            .all_as(
                "SELECT v.user_id, u.display_name AS member_name, v.vote, v.conditions, v.updated_at FROM council_votes v JOIN users u ON u.id = v.user_id WHERE v.review_id = $1 ORDER BY u.display_name, v.user_id",
                params![review_id],
            )
            .await?)
    }
}
