//! Questions and objections of residents on a dataset, with the rules of
//! the register's questions (`teilhabe_domain::questions`: kinds,
//! validation, the objection deadline of the municipality's setting). A
//! new one reaches the staff of the dataset's department and of every
//! data use (register entry) that reads the dataset; any of them answers
//! publicly; open ones are in their inbox with their deadline.

use super::Catalog;
use crate::follows::notify_user;
use crate::questions::ContentRow;
use crate::{params, Result, StoreError, Tenant};
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::questions as rules;
use teilhabe_domain::{Actor, Denied, FieldErrors};

/// A question or objection as the dataset page and the inbox show it.
/// Hidden ones keep only the moderator's reason.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetQuestion {
    pub id: i64,
    pub dataset_id: i64,
    /// `question` or `objection`.
    pub kind: String,
    pub body: String,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub dataset_version: i64,
    pub created_at: i64,
    /// Objections: when the answer is due.
    pub deadline_at: Option<i64>,
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub answer_corrected_at: Option<i64>,
    pub answered_late: bool,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
}

/// An open question or objection in the staff inbox, with its dataset.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetInboxItem {
    pub question: DatasetQuestion,
    pub dataset_name: String,
    pub dataset_title: String,
    pub department_name: Option<String>,
}

const COLS: &str = "q.id, q.dataset_id, q.kind, q.body, q.author_id, u.display_name AS author_name, q.dataset_version, q.created_at, q.deadline_at, q.answer, q.answered_at, q.answer_corrected_at, q.hidden_at, q.hidden_reason";

#[derive(Deserialize)]
struct Row {
    id: i64,
    dataset_id: i64,
    kind: String,
    dataset_version: i64,
    created_at: i64,
    #[serde(flatten)]
    content: ContentRow,
}

impl Row {
    fn shown(self, now: i64) -> DatasetQuestion {
        let c = self.content.shown(now);
        DatasetQuestion {
            id: self.id,
            dataset_id: self.dataset_id,
            kind: self.kind,
            body: c.body,
            author_id: c.author_id,
            author_name: c.author_name,
            dataset_version: self.dataset_version,
            created_at: self.created_at,
            deadline_at: c.deadline_at,
            overdue: c.overdue,
            answer: c.answer,
            answered_at: c.answered_at,
            answer_corrected_at: c.answer_corrected_at,
            answered_late: c.answered_late,
            hidden: c.hidden,
            hidden_reason: c.hidden_reason,
        }
    }
}

#[derive(Deserialize)]
struct InboxRow {
    #[serde(flatten)]
    question: Row,
    dataset_name: String,
    dataset_title: String,
    department_id: Option<i64>,
    department_name: Option<String>,
}

#[derive(Deserialize)]
struct UseRow {
    dataset_id: i64,
    department_id: Option<i64>,
}

fn link(dataset_name: &str, id: i64) -> String {
    format!("/daten/{dataset_name}#frage-{id}")
}

impl Catalog<'_> {
    /// The questions and objections on a dataset, oldest first (public).
    pub async fn questions(
        &self,
        tenant: &Tenant,
        dataset_id: i64,
    ) -> Result<Vec<DatasetQuestion>> {
        let rows = self
            .store
            .db
            .all_as::<Row>(
                &format!("SELECT {COLS} FROM dataset_questions q LEFT JOIN users u ON u.id = q.author_id WHERE q.municipality_id = $1 AND q.dataset_id = $2 ORDER BY q.id"),
                params![tenant.id, dataset_id],
            )
            .await?;
        let now = self.store.now();
        Ok(rows.into_iter().map(|r| r.shown(now)).collect())
    }

    /// One question or objection on a dataset.
    pub async fn question(
        &self,
        tenant: &Tenant,
        dataset_id: i64,
        id: i64,
    ) -> Result<DatasetQuestion> {
        let r = self
            .store
            .db
            .opt_as::<Row>(
                &format!("SELECT {COLS} FROM dataset_questions q LEFT JOIN users u ON u.id = q.author_id WHERE q.municipality_id = $1 AND q.dataset_id = $2 AND q.id = $3"),
                params![tenant.id, dataset_id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.shown(self.store.now()))
    }

    /// Anyone signed in asks a question or files an objection (`kind`
    /// `question` or `objection`, the raw form value) on the dataset
    /// `name`. An objection's answer is due after the municipality's
    /// deadline. Staff of the dataset's department and of every data use
    /// reading it are notified.
    pub async fn ask(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        name: &str,
        kind: &str,
        body: &str,
    ) -> Result<DatasetQuestion> {
        let dataset = self.by_name(tenant, name).await?;
        decide(actor, Action::AskDatasetQuestion, &dataset.target())?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        if dataset.withdrawn_at.is_some() {
            return Err(StoreError::NotFound);
        }
        // Objections on a dataset are about the dataset as a whole: the
        // register's aspects do not apply.
        let kind = rules::validate_submission(kind, "other", body)?;
        let days = self
            .store
            .questions()
            .objection_deadline_days(tenant)
            .await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let deadline = rules::deadline(kind, now, days);
        let id = w
            .insert(
                "INSERT INTO dataset_questions (municipality_id, dataset_id, kind, author_id, body, dataset_version, deadline_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                params![tenant.id, dataset.id, kind.as_str(), user, body.trim().replace("\r\n", "\n"), dataset.version, deadline, now],
            )
            .await?;
        let action = match kind {
            rules::QuestionKind::Question => "catalog.question_asked",
            rules::QuestionKind::Objection => "catalog.objection_filed",
        };
        w.audit(
            actor,
            action,
            format!("dataset_question:{id}"),
            serde_json::json!({
                "dataset": dataset.id,
                "version": dataset.version,
                "deadline": deadline.map(|d| crate::date_of(d).to_string()),
            }),
        );
        // The staff of the dataset's department and of every data use
        // reading it, once each, in one statement.
        w.exec(
            "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) SELECT DISTINCT $1, u.id, $2, $3, $4, $5 FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.municipality_id = $1 AND g.role = 'staff' AND u.deleted_at IS NULL AND u.id <> $6 AND (g.department_id = $7 OR g.department_id IN (SELECT e.department_id FROM register_entry_datasets l JOIN register_entries e ON e.id = l.entry_id WHERE l.dataset_id = $8 AND e.department_id IS NOT NULL))",
            params![tenant.id, "catalog_question", dataset.title.as_str(), link(&dataset.name, id), now, user, dataset.department_id.unwrap_or(0), dataset.id],
        )
        .await?;
        w.commit().await?;
        self.question(tenant, dataset.id, id).await
    }

    /// May `actor` answer questions on the dataset: staff of its
    /// department (or an admin), or staff of a data use reading it.
    pub async fn may_answer(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        dataset: &super::DatasetRecord,
    ) -> Result<bool> {
        Ok(self.answer_check(tenant, actor, dataset).await?.is_ok())
    }

    async fn answer_check(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        dataset: &super::DatasetRecord,
    ) -> Result<std::result::Result<(), Denied>> {
        let own = decide(actor, Action::AnswerDatasetQuestion, &dataset.target());
        if own.is_ok() || actor.user_id.is_none() {
            return Ok(own);
        }
        let uses = self.data_uses(tenant, dataset.id).await?;
        if uses.iter().any(|u| {
            decide(
                actor,
                Action::AnswerRegisterQuestion,
                &Target::RegisterEntry {
                    department_id: u.department_id,
                },
            )
            .is_ok()
        }) {
            return Ok(Ok(()));
        }
        Ok(own)
    }

    /// Staff of the dataset's department or of a data use reading it (or
    /// an admin) answer publicly; a second call corrects the answer. The
    /// asker is notified.
    pub async fn answer(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        name: &str,
        id: i64,
        answer: &str,
    ) -> Result<DatasetQuestion> {
        let dataset = self.by_name(tenant, name).await?;
        self.answer_check(tenant, actor, &dataset)
            .await?
            .map_err(StoreError::Denied)?;
        let q = self.question(tenant, dataset.id, id).await?;
        if q.hidden {
            return Err(StoreError::Conflict("error-register-question-hidden"));
        }
        rules::validate_answer(answer)?;
        let answer = answer.trim().replace("\r\n", "\n");
        if q.answer.as_deref() == Some(answer.as_str()) {
            let mut e = FieldErrors::new();
            e.add("answer", "error-register-answer-unchanged");
            return Err(e.into());
        }
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let (updated, action, details) = match &q.answer {
            None => (
                w.exec(
                    "UPDATE dataset_questions SET answer = $1, answered_at = $2, answered_by = $3 WHERE id = $4 AND answered_at IS NULL AND hidden_at IS NULL",
                    params![answer.as_str(), now, actor.user_id, id],
                )
                .await?,
                "catalog.question_answered",
                serde_json::json!({
                    "dataset": dataset.id,
                    "kind": q.kind,
                    "answer": answer,
                    "within_deadline": q.deadline_at.map(|d| now <= d),
                }),
            ),
            Some(old) => (
                w.exec(
                    "UPDATE dataset_questions SET answer = $1, answer_corrected_at = $2 WHERE id = $3 AND answer = $4 AND hidden_at IS NULL",
                    params![answer.as_str(), now, id, old.as_str()],
                )
                .await?,
                "catalog.answer_corrected",
                serde_json::json!({
                    "dataset": dataset.id,
                    "kind": q.kind,
                    "previous": old,
                    "answer": answer,
                }),
            ),
        };
        if updated != 1 {
            return Err(StoreError::Conflict("error-register-question-stale"));
        }
        w.audit(actor, action, format!("dataset_question:{id}"), details);
        if let Some(a) = q.author_id.filter(|a| Some(*a) != actor.user_id) {
            notify_user(
                &mut w,
                tenant,
                now,
                a,
                "catalog_answer_own",
                &dataset.title,
                &link(&dataset.name, id),
            )
            .await?;
        }
        w.commit().await?;
        self.question(tenant, dataset.id, id).await
    }

    /// Open (unanswered, not hidden) questions and objections on datasets
    /// the actor answers for (their departments' datasets and datasets
    /// their departments' data uses read; all for admins): overdue first,
    /// then objections by deadline, then questions oldest first.
    pub async fn question_inbox(
        &self,
        tenant: &Tenant,
        actor: &Actor,
    ) -> Result<Vec<DatasetInboxItem>> {
        decide(actor, Action::ViewInbox, &Target::Municipality)?;
        let rows = self
            .store
            .db
            .all_as::<InboxRow>(
                &format!("SELECT {COLS}, ds.name AS dataset_name, ds.title AS dataset_title, ds.department_id, d.name AS department_name FROM dataset_questions q LEFT JOIN users u ON u.id = q.author_id JOIN datasets ds ON ds.id = q.dataset_id LEFT JOIN departments d ON d.id = ds.department_id WHERE q.municipality_id = $1 AND q.answered_at IS NULL AND q.hidden_at IS NULL ORDER BY q.id"),
                params![tenant.id],
            )
            .await?;
        let uses = self
            .store
            .db
            .all_as::<UseRow>(
                "SELECT l.dataset_id, e.department_id FROM register_entry_datasets l JOIN register_entries e ON e.id = l.entry_id WHERE l.municipality_id = $1",
                params![tenant.id],
            )
            .await?;
        let now = self.store.now();
        let items: Vec<DatasetInboxItem> = rows
            .into_iter()
            .filter(|r| {
                actor.runs(r.department_id)
                    || uses.iter().any(|u| {
                        u.dataset_id == r.question.dataset_id && actor.runs(u.department_id)
                    })
            })
            .map(|r| DatasetInboxItem {
                question: r.question.shown(now),
                dataset_name: r.dataset_name,
                dataset_title: r.dataset_title,
                department_name: r.department_name,
            })
            .collect();
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
        let mut slots: Vec<Option<DatasetInboxItem>> = items.into_iter().map(Some).collect();
        Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
    }
}
