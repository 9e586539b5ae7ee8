//! Questions and objections of citizens on register entries, their public
//! answers, moderation, following an entry, the staff inbox of open ones,
//! and the municipality's answer deadline for objections (issue #3).
//!
//! Rules (what is valid, when an answer is due, inbox order) are in
//! `teilhabe_register::questions`; every change here is one transaction
//! with its audit entry and notifications.

use crate::audit::{actor_label, append};
use crate::register::{notify_entry_followers, RegisterSummary};
use crate::{params, Result, Store, StoreError, Tenant, Tx};
use serde::Serialize;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::{Actor, Denied, FieldErrors};

pub use crate::proposals::Offline;
use teilhabe_register::questions::{
    self as rules, aspect_label_key, QuestionKind, DEFAULT_OBJECTION_DEADLINE_DAYS,
};

/// A question or objection as the entry page, the inbox and the API show it.
/// Hidden ones keep only the moderator's reason: text, aspect, author and
/// answer are left out.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterQuestion {
    pub id: i64,
    pub entry_id: i64,
    /// `question` or `objection`.
    pub kind: String,
    /// Objections: the part of the entry objected to (group id or `other`).
    pub aspect: String,
    /// Fluent key of the aspect's label; empty for questions.
    pub aspect_label_key: String,
    pub body: String,
    pub author_id: Option<i64>,
    pub author_name: String,
    /// `online`, or how it reached the administration (`paper`, `phone`,
    /// `office`, `meeting`) when staff recorded it.
    pub channel: String,
    /// The entry's version when it was asked.
    pub entry_version: i64,
    pub created_at: i64,
    /// Objections: when the answer is due.
    pub deadline_at: Option<i64>,
    /// Unanswered past the deadline.
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    /// Set when the published answer was corrected later.
    pub answer_corrected_at: Option<i64>,
    /// An objection answered after its deadline.
    pub answered_late: bool,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
}

/// An open question or objection in the staff inbox.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterInboxItem {
    pub question: RegisterQuestion,
    pub entry_slug: String,
    pub entry_title: String,
    pub department_name: Option<String>,
}

/// An open report on a question or objection, for the moderators.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterReport {
    pub id: i64,
    pub question_id: i64,
    pub kind: String,
    /// The reported text (moderators see it even when hidden).
    pub excerpt: String,
    pub reason: String,
    pub created_at: i64,
    pub hidden: bool,
    pub entry_slug: String,
    pub entry_title: String,
}

/// What the entry page needs besides the list: counts for the heading.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuestionCounts {
    pub questions: usize,
    pub objections: usize,
    pub open: usize,
    pub overdue: usize,
}

impl QuestionCounts {
    pub fn of(items: &[RegisterQuestion]) -> Self {
        let visible = items.iter().filter(|q| !q.hidden);
        let mut c = QuestionCounts::default();
        for q in visible {
            if q.kind == "objection" {
                c.objections += 1;
            } else {
                c.questions += 1;
            }
            if q.answered_at.is_none() {
                c.open += 1;
            }
            if q.overdue {
                c.overdue += 1;
            }
        }
        c
    }
}

const COLS: &str = "q.id, q.entry_id, q.kind, q.aspect, q.body, q.author_id, COALESCE(u.display_name, q.offline_name) AS author_name, q.channel, q.entry_version, q.created_at, q.deadline_at, q.answer, q.answered_at, q.answer_corrected_at, q.hidden_at, q.hidden_reason";

fn question_from(r: &crate::Row, now: i64) -> Result<RegisterQuestion> {
    let hidden = r.opt_i64("hidden_at")?.is_some();
    let answered_at = r.opt_i64("answered_at")?;
    let deadline_at = r.opt_i64("deadline_at")?;
    let kind = r.str("kind")?;
    let aspect = if hidden {
        String::new()
    } else {
        r.str("aspect")?
    };
    Ok(RegisterQuestion {
        id: r.i64("id")?,
        entry_id: r.i64("entry_id")?,
        aspect_label_key: if kind == "objection" && !hidden {
            aspect_label_key(&aspect).to_string()
        } else {
            String::new()
        },
        kind,
        aspect,
        body: if hidden {
            String::new()
        } else {
            r.str("body")?
        },
        author_id: if hidden {
            None
        } else {
            r.opt_i64("author_id")?
        },
        author_name: if hidden {
            String::new()
        } else {
            r.opt_str("author_name")?.unwrap_or_default()
        },
        channel: r.str("channel")?,
        entry_version: r.i64("entry_version")?,
        created_at: r.i64("created_at")?,
        deadline_at,
        overdue: rules::is_overdue(deadline_at, answered_at.is_some(), hidden, now),
        answer: if hidden { None } else { r.opt_str("answer")? },
        answered_at: if hidden { None } else { answered_at },
        answer_corrected_at: if hidden {
            None
        } else {
            r.opt_i64("answer_corrected_at")?
        },
        answered_late: !hidden && matches!((answered_at, deadline_at), (Some(a), Some(d)) if a > d),
        hidden,
        hidden_reason: r.opt_str("hidden_reason")?,
    })
}

async fn notify_user(
    tx: &mut Tx,
    tenant: &Tenant,
    now: i64,
    user: i64,
    kind: &str,
    title: &str,
    link: &str,
) -> Result<()> {
    tx.exec(
        "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        params![tenant.id, user, kind, title, link, now],
    )
    .await?;
    Ok(())
}

fn link(entry: &RegisterSummary, question_id: i64) -> String {
    format!("/data-register/{}#question-{question_id}", entry.slug)
}

impl Store {
    /// The municipality's answer deadline for objections, in days.
    pub async fn objection_deadline_days(&self, tenant: &Tenant) -> Result<i64> {
        Ok(self
            .db
            .opt(
                "SELECT objection_deadline_days FROM municipalities WHERE id = $1",
                params![tenant.id],
            )
            .await?
            .map(|r| r.i64("objection_deadline_days"))
            .transpose()?
            .unwrap_or(DEFAULT_OBJECTION_DEADLINE_DAYS))
    }

    /// An admin sets the answer deadline for objections (1 to 365 days).
    /// Existing objections keep the deadline they were filed with.
    pub async fn set_objection_deadline_days(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        days: i64,
    ) -> Result<()> {
        decide(actor, Action::ManageUsers, &Target::Municipality)?;
        rules::validate_deadline_days(days)?;
        let before = self.objection_deadline_days(tenant).await?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE municipalities SET objection_deadline_days = $1 WHERE id = $2",
            params![days, tenant.id],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "municipality.objection_deadline_changed",
                format!("municipality:{}", tenant.id),
                serde_json::json!({ "days": [before, days] }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// All questions and objections on an entry, oldest first (public).
    pub async fn register_questions(
        &self,
        tenant: &Tenant,
        entry_id: i64,
    ) -> Result<Vec<RegisterQuestion>> {
        let rows = self
            .db
            .all(
                &format!("SELECT {COLS} FROM register_questions q LEFT JOIN users u ON u.id = q.author_id WHERE q.municipality_id = $1 AND q.entry_id = $2 ORDER BY q.id"),
                params![tenant.id, entry_id],
            )
            .await?;
        let now = self.now();
        rows.iter().map(|r| question_from(r, now)).collect()
    }

    /// One question or objection of an entry.
    pub async fn register_question(
        &self,
        tenant: &Tenant,
        entry_id: i64,
        id: i64,
    ) -> Result<RegisterQuestion> {
        let r = self
            .db
            .opt(
                &format!("SELECT {COLS} FROM register_questions q LEFT JOIN users u ON u.id = q.author_id WHERE q.municipality_id = $1 AND q.entry_id = $2 AND q.id = $3"),
                params![tenant.id, entry_id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        question_from(&r, self.now())
    }

    /// A signed-in person asks a question (`kind = "question"`) or files an
    /// objection (`kind = "objection"`, with the `aspect` objected to) on
    /// an entry. An objection's answer deadline is fixed now, from the
    /// municipality's setting.
    pub async fn ask_register_question(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        kind: &str,
        aspect: &str,
        body: &str,
    ) -> Result<RegisterQuestion> {
        let entry = self.register_entry(tenant, slug).await?;
        decide(actor, Action::AskRegisterQuestion, &entry.target())?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let kind = rules::validate_submission(kind, aspect, body)?;
        self.insert_question(tenant, actor, &entry, kind, aspect, body, Some(user), None)
            .await
    }

    /// Staff of the entry's department record a question or objection that
    /// reached them on paper, by phone, at the office or at a meeting, so
    /// it is answered publicly like one asked online. The deadline runs
    /// from the recording; the name is optional.
    #[allow(clippy::too_many_arguments)] // the form's fields, each needed once
    pub async fn record_register_question(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        offline: &Offline,
        kind: &str,
        aspect: &str,
        body: &str,
    ) -> Result<RegisterQuestion> {
        let entry = self.register_entry(tenant, slug).await?;
        decide(actor, Action::RecordOffline, &entry.target())?;
        let mut errors = FieldErrors::new();
        if offline.channel == Channel::Online {
            errors.add("channel", "error-invalid-choice");
        }
        errors.optional_text("offline_name", &offline.name, 80);
        let kind = match rules::validate_submission(kind, aspect, body) {
            Ok(k) => Some(k),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        errors.into_result()?;
        let kind = kind.unwrap_or(QuestionKind::Question);
        self.insert_question(
            tenant,
            actor,
            &entry,
            kind,
            aspect,
            body,
            None,
            Some(offline),
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_question(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry: &RegisterSummary,
        kind: QuestionKind,
        aspect: &str,
        body: &str,
        author: Option<i64>,
        offline: Option<&Offline>,
    ) -> Result<RegisterQuestion> {
        let aspect = match kind {
            QuestionKind::Objection => aspect.trim(),
            QuestionKind::Question => "",
        };
        let channel = offline.map(|o| o.channel).unwrap_or(Channel::Online);
        let offline_name = offline
            .map(|o| o.name.trim().to_string())
            .filter(|n| !n.is_empty());
        let recorded_by = offline.and(actor.user_id);
        let days = self.objection_deadline_days(tenant).await?;
        let now = self.now();
        let deadline = rules::deadline(kind, now, days);
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO register_questions (municipality_id, entry_id, kind, author_id, channel, offline_name, recorded_by, aspect, body, entry_version, deadline_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                params![tenant.id, entry.id, kind.as_str(), author, channel.as_str(), offline_name, recorded_by, aspect, body.trim(), entry.current_version, deadline, now],
            )
            .await?;
        let action = match kind {
            QuestionKind::Question => "register.question_asked",
            QuestionKind::Objection => "register.objection_filed",
        };
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                action,
                format!("register_question:{id}"),
                serde_json::json!({
                    "entry": entry.id,
                    "version": entry.current_version,
                    "aspect": aspect,
                    "channel": channel.as_str(),
                    "deadline": deadline.map(|d| crate::date_of(d).to_string()),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.register_question(tenant, entry.id, id).await
    }

    /// Staff of the entry's department (or an admin) answer publicly; a
    /// second call corrects the published answer (shown as corrected,
    /// both texts in the audit trail). The asker and the entry's
    /// followers are notified.
    pub async fn answer_register_question(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        id: i64,
        answer: &str,
    ) -> Result<RegisterQuestion> {
        let entry = self.register_entry(tenant, slug).await?;
        decide(actor, Action::AnswerRegisterQuestion, &entry.target())?;
        let row = self
            .db
            .opt(
                "SELECT kind, author_id, answer, answered_at, deadline_at, hidden_at FROM register_questions WHERE municipality_id = $1 AND entry_id = $2 AND id = $3",
                params![tenant.id, entry.id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.opt_i64("hidden_at")?.is_some() {
            return Err(StoreError::Conflict("error-register-question-hidden"));
        }
        rules::validate_answer(answer)?;
        let answer = answer.trim().replace("\r\n", "\n");
        let previous = row.opt_str("answer")?;
        if previous.as_deref() == Some(answer.as_str()) {
            let mut e = FieldErrors::new();
            e.add("answer", "error-register-answer-unchanged");
            return Err(e.into());
        }
        let author = row.opt_i64("author_id")?;
        let deadline = row.opt_i64("deadline_at")?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        // Each update names the state it expects, so two staff members
        // answering at once cannot both write a "first" answer.
        let (updated, action, kind, details) = match &previous {
            None => (
                tx.exec(
                    "UPDATE register_questions SET answer = $1, answered_at = $2, answered_by = $3 WHERE id = $4 AND answered_at IS NULL AND hidden_at IS NULL",
                    params![answer.as_str(), now, actor.user_id, id],
                )
                .await?,
                "register.question_answered",
                "register_answer",
                serde_json::json!({
                    "entry": entry.id,
                    "kind": row.str("kind")?,
                    "answer": answer,
                    "within_deadline": deadline.map(|d| now <= d),
                }),
            ),
            Some(old) => (
                tx.exec(
                    "UPDATE register_questions SET answer = $1, answer_corrected_at = $2 WHERE id = $3 AND answer = $4 AND hidden_at IS NULL",
                    params![answer.as_str(), now, id, old.as_str()],
                )
                .await?,
                "register.answer_corrected",
                "register_answer_corrected",
                serde_json::json!({
                    "entry": entry.id,
                    "kind": row.str("kind")?,
                    "previous": old,
                    "answer": answer,
                }),
            ),
        };
        if updated != 1 {
            return Err(StoreError::Conflict("error-register-question-stale"));
        }
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                action,
                format!("register_question:{id}"),
                details,
            ),
        )
        .await?;
        let link = link(&entry, id);
        notify_entry_followers(
            &mut tx,
            tenant,
            now,
            actor.user_id,
            kind,
            entry.id,
            &entry.title,
            &link,
        )
        .await?;
        // The asker hears of it directly, unless they follow the entry and
        // were just notified as a follower.
        if let Some(a) = author.filter(|a| Some(*a) != actor.user_id) {
            let follows = tx
                .opt(
                    "SELECT 1 AS x FROM follows WHERE user_id = $1 AND target_kind = 'register_entry' AND target_id = $2",
                    params![a, entry.id],
                )
                .await?
                .is_some();
            if !follows {
                notify_user(
                    &mut tx,
                    tenant,
                    now,
                    a,
                    &format!("{kind}_own"),
                    &entry.title,
                    &link,
                )
                .await?;
            }
        }
        tx.commit().await?;
        self.register_question(tenant, entry.id, id).await
    }

    /// A moderator hides an abusive question or objection with a public
    /// reason; a placeholder with the reason stays, the author is told.
    pub async fn hide_register_question(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        id: i64,
        reason: &str,
    ) -> Result<()> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let entry = self.register_entry(tenant, slug).await?;
        rules::validate_hide_reason(reason)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let author = tx
            .opt(
                "SELECT author_id, hidden_at FROM register_questions WHERE municipality_id = $1 AND entry_id = $2 AND id = $3",
                params![tenant.id, entry.id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if author.opt_i64("hidden_at")?.is_some() {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        let author = author.opt_i64("author_id")?;
        let n = tx
            .exec(
                "UPDATE register_questions SET hidden_at = $1, hidden_reason = $2 WHERE id = $3 AND hidden_at IS NULL",
                params![now, reason.trim(), id],
            )
            .await?;
        if n != 1 {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        // Open reports on it are settled by hiding it.
        tx.exec(
            "UPDATE reports SET resolved_at = $1, resolution = 'hidden' WHERE target_kind = 'register_question' AND target_id = $2 AND resolved_at IS NULL",
            params![now, id],
        )
        .await?;
        if let Some(a) = author {
            notify_user(
                &mut tx,
                tenant,
                now,
                a,
                "hidden",
                &entry.title,
                &link(&entry, id),
            )
            .await?;
        }
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "register.question_hidden",
                format!("register_question:{id}"),
                serde_json::json!({ "entry": entry.id, "reason": reason.trim() }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Anyone signed in reports a question or objection to the moderators
    /// (private, like reports on proposals and comments).
    pub async fn report_register_question(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        id: i64,
        reason: &str,
    ) -> Result<()> {
        let entry = self.register_entry(tenant, slug).await?;
        decide(actor, Action::Report, &entry.target())?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let q = self.register_question(tenant, entry.id, id).await?;
        if q.hidden {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        let mut e = FieldErrors::new();
        e.text("reason", reason, 5, 1000);
        e.into_result()?;
        self.db
            .exec(
                "INSERT INTO reports (municipality_id, reporter_id, target_kind, target_id, reason, created_at) VALUES ($1, $2, 'register_question', $3, $4, $5)",
                params![tenant.id, user, id, reason.trim(), self.now()],
            )
            .await?;
        Ok(())
    }

    /// Open reports on questions and objections, oldest first (moderators).
    pub async fn open_register_reports(
        &self,
        tenant: &Tenant,
        actor: &Actor,
    ) -> Result<Vec<RegisterReport>> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let rows = self
            .db
            .all(
                "SELECT r.id, r.target_id, r.reason, r.created_at, q.kind, q.body, q.hidden_at, e.slug, e.title FROM reports r JOIN register_questions q ON q.id = r.target_id JOIN register_entries e ON e.id = q.entry_id WHERE r.municipality_id = $1 AND r.target_kind = 'register_question' AND r.resolved_at IS NULL ORDER BY r.id",
                params![tenant.id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(RegisterReport {
                    id: r.i64("id")?,
                    question_id: r.i64("target_id")?,
                    kind: r.str("kind")?,
                    excerpt: r.str("body")?,
                    reason: r.str("reason")?,
                    created_at: r.i64("created_at")?,
                    hidden: r.opt_i64("hidden_at")?.is_some(),
                    entry_slug: r.str("slug")?,
                    entry_title: r.str("title")?,
                })
            })
            .collect()
    }

    /// Follow (`on`) or stop following an entry; repeating either is
    /// harmless. Followers hear of new versions, answers and the data
    /// council's recommendations. Following is private, so it is not in
    /// the public audit trail (as for processes and proposals).
    pub async fn follow_register_entry(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        on: bool,
    ) -> Result<()> {
        let entry = self.register_entry(tenant, slug).await?;
        decide(actor, Action::Follow, &entry.target())?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        if on {
            self.db
                .exec(
                    "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, 'register_entry', $3, $4) ON CONFLICT DO NOTHING",
                    params![tenant.id, user, entry.id, self.now()],
                )
                .await?;
        } else {
            self.db
                .exec(
                    "DELETE FROM follows WHERE user_id = $1 AND target_kind = 'register_entry' AND target_id = $2",
                    params![user, entry.id],
                )
                .await?;
        }
        Ok(())
    }

    /// How many people follow an entry.
    pub async fn register_entry_followers(&self, entry_id: i64) -> Result<i64> {
        Ok(self
            .db
            .one(
                "SELECT COUNT(*) AS n FROM follows WHERE target_kind = 'register_entry' AND target_id = $1",
                params![entry_id],
            )
            .await?
            .i64("n")?)
    }

    /// Open (unanswered, not hidden) questions and objections on entries
    /// of the actor's departments (all for admins): overdue first, then
    /// objections by deadline, then questions oldest first.
    pub async fn register_inbox(
        &self,
        tenant: &Tenant,
        actor: &Actor,
    ) -> Result<Vec<RegisterInboxItem>> {
        decide(actor, Action::ViewInbox, &Target::Municipality)?;
        let rows = self
            .db
            .all(
                &format!("SELECT {COLS}, e.slug AS entry_slug, e.title AS entry_title, e.department_id, d.name AS department_name FROM register_questions q LEFT JOIN users u ON u.id = q.author_id JOIN register_entries e ON e.id = q.entry_id LEFT JOIN departments d ON d.id = e.department_id WHERE q.municipality_id = $1 AND q.answered_at IS NULL AND q.hidden_at IS NULL ORDER BY q.id"),
                params![tenant.id],
            )
            .await?;
        let now = self.now();
        let mut items = Vec::new();
        for r in &rows {
            if actor.runs(r.opt_i64("department_id")?) {
                items.push(RegisterInboxItem {
                    question: question_from(r, now)?,
                    entry_slug: r.str("entry_slug")?,
                    entry_title: r.str("entry_title")?,
                    department_name: r.opt_str("department_name")?,
                });
            }
        }
        let keys: Vec<_> = items
            .iter()
            .map(|i| {
                (
                    i.question.deadline_at,
                    i.question.created_at,
                    i.question.overdue,
                )
            })
            .collect();
        let order = rules::inbox_order(&keys);
        let mut slots: Vec<Option<RegisterInboxItem>> = items.into_iter().map(Some).collect();
        Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
    }
}
