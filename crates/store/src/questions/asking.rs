//! The questions and objections of an entry; asking one online, and staff
//! recording one that came on paper, by phone, at the office or at a
//! meeting.

use super::{Offline, QuestionRow, Questions, RegisterQuestion, COLS};
use crate::register::RegisterSummary;
use crate::{params, Result, StoreError, Tenant};
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::questions::{self as rules, QuestionKind};
use teilhabe_domain::{Actor, Denied, FieldErrors};

impl Questions<'_> {
    /// All questions and objections on an entry, oldest first (public).
    pub async fn of_entry(&self, tenant: &Tenant, entry_id: i64) -> Result<Vec<RegisterQuestion>> {
        let rows = self
            .store
            .db
            .all_as::<QuestionRow>(
                &format!("SELECT {COLS} FROM register_questions q LEFT JOIN users u ON u.id = q.author_id WHERE q.municipality_id = $1 AND q.entry_id = $2 ORDER BY q.id"),
                params![tenant.id, entry_id],
            )
            .await?;
        let now = self.store.now();
        Ok(rows.into_iter().map(|r| r.shown(now)).collect())
    }

    /// One question or objection of an entry.
    pub async fn get(&self, tenant: &Tenant, entry_id: i64, id: i64) -> Result<RegisterQuestion> {
        let r = self
            .store
            .db
            .opt_as::<QuestionRow>(
                &format!("SELECT {COLS} FROM register_questions q LEFT JOIN users u ON u.id = q.author_id WHERE q.municipality_id = $1 AND q.entry_id = $2 AND q.id = $3"),
                params![tenant.id, entry_id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.shown(self.store.now()))
    }

    /// A signed-in person asks a question (`kind = "question"`) or files an
    /// objection (`kind = "objection"`, with the `aspect` objected to) on
    /// an entry. An objection's answer deadline is fixed now, from the
    /// municipality's setting.
    pub async fn ask(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        kind: &str,
        aspect: &str,
        body: &str,
    ) -> Result<RegisterQuestion> {
        let entry = self.store.register().entry(tenant, slug).await?;
        decide(actor, Action::AskRegisterQuestion, &entry.target())?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let kind = rules::validate_submission(kind, aspect, body)?;
        self.insert(tenant, actor, &entry, kind, aspect, body, Some(user), None)
            .await
    }

    /// Staff of the entry's department record a question or objection that
    /// reached them on paper, by phone, at the office or at a meeting, so
    /// it is answered publicly like one asked online. The deadline runs
    /// from the recording; the name is optional.
    #[allow(clippy::too_many_arguments)] // the form's fields, each needed once
    pub async fn record(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        offline: &Offline,
        kind: &str,
        aspect: &str,
        body: &str,
    ) -> Result<RegisterQuestion> {
        let entry = self.store.register().entry(tenant, slug).await?;
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
        self.insert(
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
    async fn insert(
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
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let deadline = rules::deadline(kind, now, days);
        let id = w
            .insert(
                "INSERT INTO register_questions (municipality_id, entry_id, kind, author_id, channel, offline_name, recorded_by, aspect, body, entry_version, deadline_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                params![tenant.id, entry.id, kind.as_str(), author, channel.as_str(), offline_name, recorded_by, aspect, body.trim(), entry.current_version, deadline, now],
            )
            .await?;
        let action = match kind {
            QuestionKind::Question => "register.question_asked",
            QuestionKind::Objection => "register.objection_filed",
        };
        w.audit(
            actor,
            action,
            format!("register_question:{id}"),
            serde_json::json!({
                "entry": entry.id,
                "version": entry.current_version,
                "aspect": aspect,
                "channel": channel.as_str(),
                "deadline": deadline.map(|d| crate::date_of(d).to_string()),
            }),
        );
        w.commit().await?;
        self.get(tenant, entry.id, id).await
    }
}
