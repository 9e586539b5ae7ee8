//! Voting one statement at a time (no JavaScript needed) and adding
//! statements.

use super::{
    cast_vote, has_map, map_page, voter_of, voter_or_new, with_voter_cookie, MapPage, StatementForm,
};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, page_with_status, see_other, with_notice};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use serde::Deserialize;
use teilhabe_domain::opinion::{Moderation, OpinionVote};
use teilhabe_domain::FieldErrors;
use teilhabe_store::opinion::Statement;
use teilhabe_store::StoreError;

#[derive(Deserialize, Default)]
pub(super) struct VoteQuery {
    /// Show this statement (to change a vote) instead of the next one.
    statement: Option<i64>,
}

pub(super) async fn vote_page(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<VoteQuery>,
) -> AppResult {
    let page = map_page(&ctx, &slug, None).await?;
    render_vote_page(&ctx, &page, q.statement, "", None, StatusCode::OK).await
}

async fn render_vote_page(
    ctx: &Ctx,
    MapPage { process, map, can }: &MapPage,
    chosen: Option<i64>,
    draft: &str,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let store = &ctx.state.store;
    if !has_map(process, map) {
        return Err(AppError::NotFound);
    }
    let voter = voter_of(ctx);
    let ballot = store
        .opinion()
        .ballot(&ctx.tenant, map, voter.as_ref())
        .await?;
    let current = match chosen {
        Some(id) => Some(
            ballot
                .statements
                .iter()
                .find(|s| s.id == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => ballot.next.clone(),
    };
    let position = current
        .as_ref()
        .map(|c| {
            if c.my_vote.is_some() {
                ballot.voted
            } else {
                ballot.voted + 1
            }
        })
        .unwrap_or(ballot.voted);
    let voted: Vec<&Statement> = ballot
        .statements
        .iter()
        .filter(|s| s.my_vote.is_some())
        .collect();
    let errs = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "opinion/vote.html",
        minijinja::context! {
            process, map, current, position,
            total => ballot.total, voted_count => ballot.voted, voted,
            can_vote => can.vote,
            vote_denied => can.vote_denied,
            can_submit => can.submit, can_manage => can.moderate, draft, errors => errs,
            pre_moderation => map.settings.moderation == Moderation::Pre,
            votes => OpinionVote::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
        },
        status,
    )
}

#[derive(Deserialize)]
pub(super) struct VoteForm {
    statement_id: i64,
    vote: String,
    /// Where to go next: the results page after the last statement, or back
    /// to the voting page.
    #[serde(default)]
    back: String,
}

pub(super) async fn vote(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<VoteForm>,
) -> AppResult {
    let vote = OpinionVote::parse(&form.vote)
        .ok_or_else(|| AppError::BadRequest("error-opinion-vote", form.vote.clone()))?;
    let (voter, new_cookie) = voter_or_new(&ctx);
    if new_cookie.is_some() {
        // Votes themselves are not limited (people vote quickly), but new
        // anonymous identities are, so a script cannot vote as a crowd.
        ctx.limit(&ctx.state.limits.contribute, "opinion-voter")?;
    }
    cast_vote(&ctx, &slug, &voter, form.statement_id, vote).await?;
    let to = if form.back == "list" {
        format!("/processes/{slug}/opinion#my-votes")
    } else {
        format!("/processes/{slug}/opinion")
    };
    Ok(with_voter_cookie(
        see_other(&with_notice(&to, "notice-opinion-voted")),
        &ctx,
        new_cookie,
    ))
}

pub(super) async fn submit_statement(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<StatementForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let page = map_page(&ctx, &slug, None).await?;
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let (voter, new_cookie) = voter_or_new(&ctx);
    match store
        .opinion()
        .submit_statement(&ctx.tenant, &ctx.actor, &slug, &voter, &form.body)
        .await
    {
        Ok(_) => {
            let notice = if page.map.settings.moderation == Moderation::Pre {
                "notice-opinion-statement-pending"
            } else {
                "notice-opinion-statement-added"
            };
            Ok(with_voter_cookie(
                see_other(&with_notice(&format!("/processes/{slug}/opinion"), notice)),
                &ctx,
                new_cookie,
            ))
        }
        Err(StoreError::Invalid(e)) => {
            render_vote_page(
                &ctx,
                &page,
                None,
                &form.body,
                Some(&e),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
