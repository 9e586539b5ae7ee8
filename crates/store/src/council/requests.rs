//! How reviews come about: opened (or joined) by a register save when a
//! rule asks for it, or by staff with a reason; the block on becoming
//! operational while a required review is open, and an admin's public
//! override of it.

use super::settings::rules_in;
use super::{reason_of, review_target, text, Council, IdRow, MAX_TEXT_CHARS};
use crate::{params, Result, StoreError, Tenant, Write};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::{RegisterEntry, Status};
use teilhabe_domain::{Actor, FieldErrors, Role};

/// Opens a review, or adds reasons to the entry's open one. Returns the
/// review id. `required` marks reasons from a rule.
async fn add_reasons(
    w: &mut Write<'_>,
    actor: &Actor,
    entry_id: i64,
    entry_title: &str,
    version: i64,
    reasons: &[(&str, String)],
    required: bool,
) -> Result<i64> {
    let tenant = w.tenant();
    let now = w.now;
    let open = w
        .opt_as::<IdRow>(
            "SELECT id FROM council_reviews WHERE municipality_id = $1 AND entry_id = $2 AND status = 'open'",
            params![tenant.id, entry_id],
        )
        .await?;
    let (id, opened) = match open {
        Some(IdRow { id }) => {
            if required {
                w.exec(
                    "UPDATE council_reviews SET required = 1 WHERE id = $1",
                    params![id],
                )
                .await?;
            }
            (id, false)
        }
        None => {
            let id = w
                .insert(
                    "INSERT INTO council_reviews (municipality_id, entry_id, status, required, version, opened_at) VALUES ($1, $2, 'open', $3, $4, $5) RETURNING id",
                    params![tenant.id, entry_id, i64::from(required), version, now],
                )
                .await
                // Two saves at once on PostgreSQL: the unique index keeps one open review.
                .map_err(|e| {
                    if e.is_unique_violation() {
                        StoreError::Conflict("error-register-stale")
                    } else {
                        e.into()
                    }
                })?;
            (id, true)
        }
    };
    for (kind, detail) in reasons {
        w.exec(
            "INSERT INTO council_review_reasons (review_id, kind, detail, version, requested_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            params![id, *kind, detail.as_str(), version, actor.user_id, now],
        )
        .await?;
    }
    w.audit(
        actor,
        if opened {
            "council.review_opened"
        } else {
            "council.review_reasons_added"
        },
        review_target(id),
        serde_json::json!({
            "entry": entry_id,
            "version": version,
            "required": required,
            "reasons": reasons.iter().map(|(k, d)| serde_json::json!({"kind": k, "detail": d})).collect::<Vec<_>>(),
        }),
    );
    if opened {
        // Every council member gets the request in their notifications.
        w.exec(
            "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) SELECT $1, g.user_id, 'council_review_requested', $2, $3, $4 FROM role_grants g WHERE g.municipality_id = $1 AND g.role = $5 AND g.user_id <> $6",
            params![
                tenant.id,
                entry_title,
                format!("/council/reviews/{id}"),
                now,
                Role::Council.as_str(),
                actor.user_id.unwrap_or(0)
            ],
        )
        .await?;
    }
    Ok(id)
}

impl Council<'_> {
    /// Called by the register inside the transaction of every save: opens
    /// a required review (or adds to the open one) when a rule asks for
    /// it. `old` is `None` for a new entry.
    pub(crate) async fn after_register_save(
        &self,
        w: &mut Write<'_>,
        actor: &Actor,
        entry_id: i64,
        version: i64,
        old: Option<&RegisterEntry>,
        new: &RegisterEntry,
    ) -> Result<()> {
        let tenant = w.tenant();
        let rules = rules_in(w, tenant).await?;
        let triggers =
            teilhabe_domain::register::entry::review_triggers(old, new, &rules.material());
        if triggers.is_empty() {
            return Ok(());
        }
        let reasons: Vec<(&str, String)> = triggers.iter().map(reason_of).collect();
        add_reasons(w, actor, entry_id, new.get("name"), version, &reasons, true).await?;
        Ok(())
    }

    /// The operational block, checked before a save: setting an entry to
    /// operational (from another status) while a required review is open
    /// is refused on the `status` field, unless an admin gives a public
    /// justification. Returns the open review to record the override on.
    #[allow(clippy::too_many_arguments)] // the save's parts, each needed once
    pub(crate) async fn check_operational(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_id: i64,
        old: &RegisterEntry,
        new: &RegisterEntry,
        justification: Option<&str>,
        errors: &mut FieldErrors,
    ) -> Result<Option<i64>> {
        let entering =
            new.status() == Some(Status::Operational) && old.status() != Some(Status::Operational);
        if !entering {
            return Ok(None);
        }
        let Some(IdRow { id: review_id }) = self
            .store
            .db
            .opt_as(
                "SELECT id, opened_at FROM council_reviews WHERE municipality_id = $1 AND entry_id = $2 AND status = 'open' AND required = 1",
                params![tenant.id, entry_id],
            )
            .await?
        else {
            return Ok(None);
        };
        let justification = justification.map(str::trim).unwrap_or("");
        let overriding = !justification.is_empty();
        if overriding {
            decide(
                actor,
                Action::OverrideCouncilReview,
                &Target::RegisterEntry {
                    department_id: None,
                },
            )?;
            if justification.chars().count() > MAX_TEXT_CHARS {
                errors.add_with(
                    "override_justification",
                    "error-too-long",
                    vec![("max", MAX_TEXT_CHARS.to_string())],
                );
            }
        }
        if teilhabe_domain::register::entry::may_become_operational(true, overriding) {
            Ok(Some(review_id))
        } else {
            errors.add_with(
                "status",
                "error-council-review-open",
                vec![("review", review_id.to_string())],
            );
            Ok(None)
        }
    }

    /// Records an admin's override in the save's transaction: audited and
    /// shown publicly on the entry page.
    pub(crate) async fn record_override(
        &self,
        w: &mut Write<'_>,
        actor: &Actor,
        entry_id: i64,
        review_id: i64,
        version: i64,
        justification: &str,
    ) -> Result<()> {
        let tenant = w.tenant();
        let now = w.now;
        w.exec(
            "INSERT INTO council_overrides (municipality_id, entry_id, review_id, version, justification, admin_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![tenant.id, entry_id, review_id, version, justification.trim(), actor.user_id, now],
        )
        .await?;
        w.audit(
            actor,
            "council.operational_override",
            review_target(review_id),
            serde_json::json!({"entry": entry_id, "version": version, "justification": justification.trim()}),
        );
        Ok(())
    }

    /// Staff of the responsible department ask the council to review an
    /// entry, with a reason. Joins the open review if there is one.
    pub async fn request_review(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        reason: &str,
    ) -> Result<i64> {
        let entry = self.store.register().entry(tenant, slug).await?;
        decide(actor, Action::RequestCouncilReview, &entry.target())?;
        let mut errors = FieldErrors::new();
        text("reason", reason, &mut errors);
        errors.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let id = add_reasons(
            &mut w,
            actor,
            entry.id,
            &entry.title,
            entry.current_version,
            &[("manual", reason.trim().to_string())],
            false,
        )
        .await?;
        w.commit().await?;
        Ok(id)
    }
}
