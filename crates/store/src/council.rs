//! The data council (Datenbeirat, issue #3): review requests on register
//! entries, the internal discussion, votes, the published result with the
//! council's recommendation, the administration's public answer, and the
//! rule that an entry may not become operational while a required review
//! is open (unless an admin overrides it with a public justification).
//!
//! - A review is opened automatically inside the transaction that saves an
//!   entry, when `teilhabe_register::entry::review_triggers` finds a reason
//!   (risk limited or higher on creation, risk raised, status changed to
//!   pilot or operational, a material field changed); such a review is
//!   *required*. Staff of the responsible department may also ask for a
//!   review of any entry, with a reason (not required, unless a rule adds
//!   a reason later). An entry has at most one open review: new reasons
//!   join it.
//! - The discussion and the individual votes are internal: council
//!   members and staff see them, nobody else (404 for citizens and
//!   visitors). The result, the counts and the recommendation are public
//!   once a member closes the review.
//! - The result follows from the council's rule
//!   (`teilhabe_register::council::CouncilRules::decide`), with the rule in
//!   force at closing stored next to the counts.

use crate::audit::{actor_label, append};
use crate::register::notify_entry_followers;
use crate::{params, Result, Store, StoreError, Tenant, Tx};
use serde::Serialize;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, Denied, FieldErrors, Role};
use teilhabe_register::council::{CouncilRules, MajorityRule, Outcome, Response, Tally, Vote};
use teilhabe_register::{RegisterEntry, ReviewTrigger, Status};

/// Longest comment, recommendation, reason, conditions or justification.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Why a review was asked for.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewReason {
    /// created_with_risk, risk_raised, status_changed,
    /// material_field_changed, manual
    pub kind: String,
    /// The risk category, status or field concerned, or the staff's reason.
    pub detail: String,
    /// The entry version that triggered it.
    pub version: i64,
    pub created_at: i64,
}

/// A review as the inbox, the review page and the entry page show it.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilReview {
    pub id: i64,
    pub entry_id: i64,
    pub entry_slug: String,
    pub entry_title: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub status: String,
    pub required: bool,
    pub version: i64,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    pub outcome: Option<String>,
    pub approve: i64,
    pub approve_with_conditions: i64,
    pub reject: i64,
    pub abstain: i64,
    pub quorum: Option<i64>,
    pub majority: Option<String>,
    pub recommendation: Option<String>,
    pub response: Option<String>,
    pub response_text: Option<String>,
    pub responded_at: Option<i64>,
    pub reasons: Vec<ReviewReason>,
}

impl CouncilReview {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }
    pub fn target(&self) -> Target<'static> {
        Target::RegisterEntry {
            department_id: self.department_id,
        }
    }
}

/// One contribution to the internal discussion.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilComment {
    pub id: i64,
    pub author_name: String,
    /// Whether the author is a council member (else staff).
    pub by_member: bool,
    pub body: String,
    pub created_at: i64,
}

/// One member's vote (internal while the review is open).
#[derive(Debug, Clone, Serialize)]
pub struct CouncilVote {
    pub user_id: i64,
    pub member_name: String,
    pub vote: String,
    pub conditions: String,
    pub updated_at: i64,
}

/// A review with its discussion and votes, for members and staff.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewDetail {
    pub review: CouncilReview,
    pub comments: Vec<CouncilComment>,
    pub votes: Vec<CouncilVote>,
    /// Counted so far (the result if it were closed now).
    pub tally: Tally,
    pub would_be: String,
    pub rules: CouncilRules,
}

/// An admin set an entry to operational while a required review was open.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilOverride {
    pub review_id: i64,
    pub version: i64,
    pub justification: String,
    /// The admin's pseudonym, as in the audit trail.
    pub admin: String,
    pub created_at: i64,
}

const REVIEW_COLS: &str = "r.id, r.entry_id, e.slug, e.title, e.department_id, d.name AS department_name, r.status, r.required, r.version, r.opened_at, r.closed_at, r.outcome, r.approve, r.approve_with_conditions, r.reject, r.abstain, r.quorum, r.majority, r.recommendation, r.response, r.response_text, r.responded_at";
const REVIEW_FROM: &str = "council_reviews r JOIN register_entries e ON e.id = r.entry_id LEFT JOIN departments d ON d.id = e.department_id";

fn review_from(r: &crate::Row) -> Result<CouncilReview> {
    Ok(CouncilReview {
        id: r.i64("id")?,
        entry_id: r.i64("entry_id")?,
        entry_slug: r.str("slug")?,
        entry_title: r.str("title")?,
        department_id: r.opt_i64("department_id")?,
        department_name: r.opt_str("department_name")?,
        status: r.str("status")?,
        required: r.i64("required")? != 0,
        version: r.i64("version")?,
        opened_at: r.i64("opened_at")?,
        closed_at: r.opt_i64("closed_at")?,
        outcome: r.opt_str("outcome")?,
        approve: r.i64("approve")?,
        approve_with_conditions: r.i64("approve_with_conditions")?,
        reject: r.i64("reject")?,
        abstain: r.i64("abstain")?,
        quorum: r.opt_i64("quorum")?,
        majority: r.opt_str("majority")?,
        recommendation: r.opt_str("recommendation")?,
        response: r.opt_str("response")?,
        response_text: r.opt_str("response_text")?,
        responded_at: r.opt_i64("responded_at")?,
        reasons: Vec::new(),
    })
}

fn text(field: &'static str, value: &str, errors: &mut FieldErrors) {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "error-required");
    } else if v.chars().count() > MAX_TEXT_CHARS {
        errors.add_with(
            field,
            "error-too-long",
            vec![("max", MAX_TEXT_CHARS.to_string())],
        );
    }
}

/// A review trigger as (kind, detail) for storage.
fn reason_of(t: &ReviewTrigger) -> (&'static str, String) {
    match t {
        ReviewTrigger::CreatedWithRisk { risk } => ("created_with_risk", risk.as_str().into()),
        ReviewTrigger::RiskRaised { to, .. } => ("risk_raised", to.as_str().into()),
        ReviewTrigger::StatusChanged { to, .. } => ("status_changed", to.as_str().into()),
        ReviewTrigger::MaterialFieldChanged { field } => ("material_field_changed", field.clone()),
    }
}

async fn rules_in(tx: &mut Tx, tenant: &Tenant) -> Result<CouncilRules> {
    let r = tx
        .opt(
            "SELECT quorum, majority, material_fields FROM council_settings WHERE municipality_id = $1",
            params![tenant.id],
        )
        .await?;
    rules_from(r.as_ref())
}

fn rules_from(r: Option<&crate::Row>) -> Result<CouncilRules> {
    let Some(r) = r else {
        return Ok(CouncilRules::default());
    };
    Ok(CouncilRules {
        quorum: r.i64("quorum")?.clamp(1, i64::from(u32::MAX)) as u32,
        majority: MajorityRule::parse(&r.str("majority")?).unwrap_or_default(),
        material_fields: serde_json::from_str(&r.str("material_fields")?)
            .map_err(|e| StoreError::Analysis(format!("council material fields: {e}")))?,
    })
}

fn audit_event(
    tenant: &Tenant,
    actor: Option<i64>,
    action: &str,
    review_id: i64,
    details: serde_json::Value,
) -> AuditEvent {
    AuditEvent::new(
        actor_label(tenant, actor),
        action,
        format!("council_review:{review_id}"),
        details,
    )
}

/// Opens a review, or adds reasons to the entry's open one. Returns the
/// review id. `required` marks reasons from a rule.
#[allow(clippy::too_many_arguments)] // the reason's fields, each needed once
async fn add_reasons(
    tx: &mut Tx,
    tenant: &Tenant,
    actor: &Actor,
    entry_id: i64,
    entry_title: &str,
    version: i64,
    reasons: &[(&str, String)],
    required: bool,
    now: i64,
) -> Result<i64> {
    let open = tx
        .opt(
            "SELECT id FROM council_reviews WHERE municipality_id = $1 AND entry_id = $2 AND status = 'open'",
            params![tenant.id, entry_id],
        )
        .await?;
    let (id, opened) = match open {
        Some(r) => {
            let id = r.i64("id")?;
            if required {
                tx.exec(
                    "UPDATE council_reviews SET required = 1 WHERE id = $1",
                    params![id],
                )
                .await?;
            }
            (id, false)
        }
        None => {
            let id = tx
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
        tx.exec(
            "INSERT INTO council_review_reasons (review_id, kind, detail, version, requested_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            params![id, *kind, detail.as_str(), version, actor.user_id, now],
        )
        .await?;
    }
    append(
        tx,
        tenant,
        now,
        audit_event(
            tenant,
            actor.user_id,
            if opened {
                "council.review_opened"
            } else {
                "council.review_reasons_added"
            },
            id,
            serde_json::json!({
                "entry": entry_id,
                "version": version,
                "required": required,
                "reasons": reasons.iter().map(|(k, d)| serde_json::json!({"kind": k, "detail": d})).collect::<Vec<_>>(),
            }),
        ),
    )
    .await?;
    if opened {
        // Every council member gets the request in their notifications.
        tx.exec(
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

/// Called by the register inside the transaction of every save: opens a
/// required review (or adds to the open one) when a rule asks for it.
/// `old` is `None` for a new entry.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn after_register_save(
    tx: &mut Tx,
    tenant: &Tenant,
    actor: &Actor,
    entry_id: i64,
    version: i64,
    old: Option<&RegisterEntry>,
    new: &RegisterEntry,
    now: i64,
) -> Result<()> {
    let rules = rules_in(tx, tenant).await?;
    let triggers = teilhabe_register::entry::review_triggers(old, new, &rules.material());
    if triggers.is_empty() {
        return Ok(());
    }
    let reasons: Vec<(&str, String)> = triggers.iter().map(reason_of).collect();
    add_reasons(
        tx,
        tenant,
        actor,
        entry_id,
        new.get("name"),
        version,
        &reasons,
        true,
        now,
    )
    .await?;
    Ok(())
}

/// The operational block, checked before a save: setting an entry to
/// operational (from another status) while a required review is open is
/// refused on the `status` field, unless an admin gives a public
/// justification. Returns the open review to record the override on.
#[allow(clippy::too_many_arguments)] // the save's parts, each needed once
pub(crate) async fn check_operational(
    store: &Store,
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
    let Some(r) = store
        .db
        .opt(
            "SELECT id, opened_at FROM council_reviews WHERE municipality_id = $1 AND entry_id = $2 AND status = 'open' AND required = 1",
            params![tenant.id, entry_id],
        )
        .await?
    else {
        return Ok(None);
    };
    let review_id = r.i64("id")?;
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
    if teilhabe_register::entry::may_become_operational(true, overriding) {
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
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_override(
    tx: &mut Tx,
    tenant: &Tenant,
    actor: &Actor,
    entry_id: i64,
    review_id: i64,
    version: i64,
    justification: &str,
    now: i64,
) -> Result<()> {
    tx.exec(
        "INSERT INTO council_overrides (municipality_id, entry_id, review_id, version, justification, admin_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params![tenant.id, entry_id, review_id, version, justification.trim(), actor.user_id, now],
    )
    .await?;
    append(
        tx,
        tenant,
        now,
        audit_event(
            tenant,
            actor.user_id,
            "council.operational_override",
            review_id,
            serde_json::json!({"entry": entry_id, "version": version, "justification": justification.trim()}),
        ),
    )
    .await
}

impl Store {
    /// The council's settings (the defaults until an admin saves them).
    pub async fn council_rules(&self, tenant: &Tenant) -> Result<CouncilRules> {
        let r = self
            .db
            .opt(
                "SELECT quorum, majority, material_fields FROM council_settings WHERE municipality_id = $1",
                params![tenant.id],
            )
            .await?;
        rules_from(r.as_ref())
    }

    /// An admin sets quorum, majority rule and material fields. The form's
    /// raw values are checked here (field errors name `quorum`, `majority`,
    /// `material_fields`).
    pub async fn update_council_rules(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        quorum: &str,
        majority: &str,
        material_fields: &[String],
    ) -> Result<CouncilRules> {
        decide(actor, Action::ManageCouncil, &Target::Municipality)?;
        let rules = CouncilRules::parse(quorum, majority, material_fields)?;
        let now = self.now();
        let fields = serde_json::to_string(&rules.material_fields)
            .map_err(|e| StoreError::Analysis(e.to_string()))?;
        let mut tx = self.db.begin().await?;
        tx.exec(
            "INSERT INTO council_settings (municipality_id, quorum, majority, material_fields, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (municipality_id) DO UPDATE SET quorum = $2, majority = $3, material_fields = $4, updated_at = $5",
            params![tenant.id, i64::from(rules.quorum), rules.majority.as_str(), fields.as_str(), now],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "council.settings_updated",
                format!("municipality:{}", tenant.id),
                serde_json::json!({
                    "quorum": rules.quorum,
                    "majority": rules.majority.as_str(),
                    "material_fields": rules.material_fields,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(rules)
    }

    /// Staff of the responsible department ask the council to review an
    /// entry, with a reason. Joins the open review if there is one.
    pub async fn request_council_review(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        reason: &str,
    ) -> Result<i64> {
        let entry = self.register_entry(tenant, slug).await?;
        decide(actor, Action::RequestCouncilReview, &entry.target())?;
        let mut errors = FieldErrors::new();
        text("reason", reason, &mut errors);
        errors.into_result()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let id = add_reasons(
            &mut tx,
            tenant,
            actor,
            entry.id,
            &entry.title,
            entry.current_version,
            &[("manual", reason.trim().to_string())],
            false,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The reasons of all given reviews, in one statement.
    async fn load_reasons(&self, reviews: &mut [CouncilReview]) -> Result<()> {
        if reviews.is_empty() {
            return Ok(());
        }
        let placeholders: Vec<String> = (1..=reviews.len()).map(|i| format!("${i}")).collect();
        let ids: Vec<crate::P> = reviews.iter().map(|r| r.id.into()).collect();
        let rows = self
            .db
            .all(
                &format!(
                    "SELECT review_id, kind, detail, version, created_at FROM council_review_reasons WHERE review_id IN ({}) ORDER BY id",
                    placeholders.join(", ")
                ),
                &ids,
            )
            .await?;
        for x in &rows {
            let id = x.i64("review_id")?;
            if let Some(r) = reviews.iter_mut().find(|r| r.id == id) {
                r.reasons.push(ReviewReason {
                    kind: x.str("kind")?,
                    detail: x.str("detail")?,
                    version: x.i64("version")?,
                    created_at: x.i64("created_at")?,
                });
            }
        }
        Ok(())
    }

    /// The council's inbox: open reviews, oldest first (members, staff,
    /// admins).
    pub async fn council_open_reviews(
        &self,
        tenant: &Tenant,
        actor: &Actor,
    ) -> Result<Vec<CouncilReview>> {
        decide(actor, Action::ViewCouncilReviews, &Target::Municipality)?;
        let rows = self
            .db
            .all(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.status = 'open' ORDER BY r.opened_at, r.id"),
                params![tenant.id],
            )
            .await?;
        let mut out: Vec<CouncilReview> = rows.iter().map(review_from).collect::<Result<_>>()?;
        self.load_reasons(&mut out).await?;
        Ok(out)
    }

    /// Closed reviews, newest first, for the inbox's archive.
    pub async fn council_closed_reviews(
        &self,
        tenant: &Tenant,
        actor: &Actor,
    ) -> Result<Vec<CouncilReview>> {
        decide(actor, Action::ViewCouncilReviews, &Target::Municipality)?;
        let rows = self
            .db
            .all(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.status = 'closed' ORDER BY r.closed_at DESC, r.id DESC"),
                params![tenant.id],
            )
            .await?;
        rows.iter().map(review_from).collect()
    }

    /// The public part of an entry's reviews: closed ones (result, counts,
    /// recommendation, answer), newest first, and whether one is open.
    pub async fn entry_council_reviews(
        &self,
        tenant: &Tenant,
        entry_id: i64,
    ) -> Result<Vec<CouncilReview>> {
        let rows = self
            .db
            .all(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.entry_id = $2 ORDER BY r.status DESC, r.opened_at DESC, r.id DESC"),
                params![tenant.id, entry_id],
            )
            .await?;
        let mut out: Vec<CouncilReview> = rows.iter().map(review_from).collect::<Result<_>>()?;
        self.load_reasons(&mut out).await?;
        Ok(out)
    }

    /// Admin overrides of the operational block on an entry (public).
    pub async fn council_overrides(
        &self,
        tenant: &Tenant,
        entry_id: i64,
    ) -> Result<Vec<CouncilOverride>> {
        let rows = self
            .db
            .all(
                "SELECT review_id, version, justification, admin_id, created_at FROM council_overrides WHERE municipality_id = $1 AND entry_id = $2 ORDER BY id DESC",
                params![tenant.id, entry_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(CouncilOverride {
                    review_id: r.i64("review_id")?,
                    version: r.i64("version")?,
                    justification: r.str("justification")?,
                    admin: actor_label(tenant, r.opt_i64("admin_id")?),
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }

    async fn review_row(&self, tenant: &Tenant, review_id: i64) -> Result<CouncilReview> {
        let r = self
            .db
            .opt(
                &format!("SELECT {REVIEW_COLS} FROM {REVIEW_FROM} WHERE r.municipality_id = $1 AND r.id = $2"),
                params![tenant.id, review_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut v = vec![review_from(&r)?];
        self.load_reasons(&mut v).await?;
        Ok(v.remove(0))
    }

    /// A closed review as the public sees it (no discussion, no names).
    pub async fn published_council_review(
        &self,
        tenant: &Tenant,
        review_id: i64,
    ) -> Result<CouncilReview> {
        let r = self.review_row(tenant, review_id).await?;
        if r.is_open() {
            return Err(StoreError::NotFound);
        }
        Ok(r)
    }

    /// A review with its internal discussion and votes. Citizens and
    /// visitors get "not found": the discussion is not public.
    pub async fn council_review(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        review_id: i64,
    ) -> Result<ReviewDetail> {
        insider(actor)?;
        let review = self.review_row(tenant, review_id).await?;
        let comments = self
            .db
            .all(
                "SELECT c.id, u.display_name, c.body, c.created_at, EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = c.author_id AND g.role = 'council') AS by_member FROM council_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.review_id = $1 ORDER BY c.created_at, c.id",
                params![review_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(CouncilComment {
                    id: r.i64("id")?,
                    author_name: r.opt_str("display_name")?.unwrap_or_default(),
                    by_member: r.bool("by_member")?,
                    body: r.str("body")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let votes = self.votes(review_id).await?;
        let tally = Tally::of(votes.iter().filter_map(|v| Vote::parse(&v.vote)));
        let rules = self.council_rules(tenant).await?;
        Ok(ReviewDetail {
            would_be: rules.decide(&tally).as_str().to_string(),
            review,
            comments,
            votes,
            tally,
            rules,
        })
    }

    async fn votes(&self, review_id: i64) -> Result<Vec<CouncilVote>> {
        self.db
            .all(
                "SELECT v.user_id, u.display_name, v.vote, v.conditions, v.updated_at FROM council_votes v JOIN users u ON u.id = v.user_id WHERE v.review_id = $1 ORDER BY u.display_name, v.user_id",
                params![review_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(CouncilVote {
                    user_id: r.i64("user_id")?,
                    member_name: r.str("display_name")?,
                    vote: r.str("vote")?,
                    conditions: r.str("conditions")?,
                    updated_at: r.i64("updated_at")?,
                })
            })
            .collect()
    }

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
    pub async fn add_council_comment(
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO council_comments (review_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                params![review.id, actor.user_id, body.trim(), now],
            )
            .await?;
        // The log says that someone wrote, not what: the discussion is internal.
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor.user_id,
                "council.comment_added",
                review.id,
                serde_json::json!({ "comment": id, "sha256": crate::token_hash(body.trim()) }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A member votes, or changes their vote, while the review is open.
    /// `approve_with_conditions` needs the conditions.
    pub async fn cast_council_vote(
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let changed = tx
            .exec(
                "UPDATE council_votes SET vote = $1, conditions = $2, updated_at = $3 WHERE review_id = $4 AND user_id = $5",
                params![vote.as_str(), conditions, now, review.id, user],
            )
            .await?;
        if changed == 0 {
            tx.exec(
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
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor.user_id,
                if changed == 0 {
                    "council.vote_cast"
                } else {
                    "council.vote_changed"
                },
                review.id,
                serde_json::json!({ "vote": vote.as_str() }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A member closes an open review with the council's written
    /// recommendation. The result follows from the votes and the rule in
    /// force; result, counts and recommendation become public and the
    /// entry's followers are notified.
    pub async fn close_council_review(
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let rules = rules_in(&mut tx, tenant).await?;
        let votes = tx
            .all(
                "SELECT vote FROM council_votes WHERE review_id = $1",
                params![review.id],
            )
            .await?;
        let mut list = Vec::new();
        for v in &votes {
            if let Some(v) = Vote::parse(&v.str("vote")?) {
                list.push(v);
            }
        }
        let tally = Tally::of(list);
        let outcome = rules.decide(&tally);
        let updated = tx
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
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor.user_id,
                "council.review_closed",
                review.id,
                serde_json::json!({
                    "entry": review.entry_id,
                    "outcome": outcome.as_str(),
                    "tally": tally,
                    "quorum": rules.quorum,
                    "majority": rules.majority.as_str(),
                    "sha256": crate::token_hash(recommendation.trim()),
                }),
            ),
        )
        .await?;
        notify_entry_followers(
            &mut tx,
            tenant,
            now,
            actor.user_id,
            "council_recommendation",
            review.entry_id,
            &review.entry_title,
            &format!("/data-register/{}#council", review.entry_slug),
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// The administration (staff of the entry's department, or an admin)
    /// answers a published recommendation: followed, partly followed or
    /// not followed, with reasons. Once; the answer is public.
    pub async fn answer_council_recommendation(
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let updated = tx
            .exec(
                "UPDATE council_reviews SET response = $1, response_text = $2, responded_at = $3, responded_by = $4 WHERE id = $5 AND response IS NULL",
                params![response.as_str(), reasons.trim(), now, actor.user_id, review.id],
            )
            .await?;
        if updated != 1 {
            return Err(StoreError::Conflict("error-council-already-answered"));
        }
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor.user_id,
                "council.recommendation_answered",
                review.id,
                serde_json::json!({
                    "entry": review.entry_id,
                    "response": response.as_str(),
                    "sha256": crate::token_hash(reasons.trim()),
                }),
            ),
        )
        .await?;
        notify_entry_followers(
            &mut tx,
            tenant,
            now,
            actor.user_id,
            "council_answer",
            review.entry_id,
            &review.entry_title,
            &format!("/data-register/{}#council", review.entry_slug),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Outsiders learn nothing about internal reviews: visitors are asked to
/// log in, signed-in people without the right get "not found".
fn insider(actor: &Actor) -> Result<()> {
    match decide(actor, Action::ViewCouncilReviews, &Target::Municipality) {
        Ok(()) => Ok(()),
        Err(Denied::LoginRequired) => Err(StoreError::Denied(Denied::LoginRequired)),
        Err(_) => Err(StoreError::NotFound),
    }
}
