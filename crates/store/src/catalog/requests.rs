//! Data requests (issue #13): a signed-in resident with a confirmed
//! address asks for a dataset to be published; staff answer publicly
//! (published in a dataset of the catalog, planned by a date, refused with
//! a reason) and may correct the answer later (shown as corrected, both
//! texts in the audit trail). The answer is due after the municipality's
//! objection deadline (`questions().objection_deadline_days`), fixed when
//! the request is made. Staff record requests that came on paper, by
//! phone, at the office or at a meeting.

use super::Catalog;
use crate::follows::notify_user;
use crate::proposals::Offline;
use crate::{params, Result, StoreError, Tenant};
use serde::{Deserialize, Serialize};
use teilhabe_domain::catalog::requests::{self as rules, Answer, RequestStatus};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::questions::{is_overdue, DAY_MS};
use teilhabe_domain::{Actor, Denied, FieldErrors};

/// A data request as the list, its page and the inbox show it. A hidden
/// one keeps only the moderator's reason.
#[derive(Debug, Clone, Serialize)]
pub struct DataRequest {
    pub id: i64,
    pub title: String,
    /// What data is wanted.
    pub body: String,
    /// Why it is wanted (optional).
    pub reason: String,
    pub author_id: Option<i64>,
    pub author_name: String,
    /// `online`, or how it reached the administration when staff recorded it.
    pub channel: String,
    /// open | published | planned | refused
    pub status: String,
    pub answer: String,
    /// Planned: the date (ISO) by which the data is to be published.
    pub planned_for: Option<String>,
    /// Published: the dataset's name and title.
    pub dataset_name: Option<String>,
    pub dataset_title: Option<String>,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub answered_at: Option<i64>,
    pub answer_corrected_at: Option<i64>,
    pub created_at: i64,
    pub due_at: i64,
    /// Unanswered past the deadline.
    pub overdue: bool,
    /// Answered after the deadline.
    pub answered_late: bool,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
}

const COLS: &str = "r.id, r.title, r.body, r.reason, r.author_id, COALESCE(u.display_name, r.offline_name) AS author_name, r.channel, r.status, r.answer, r.planned_for, ds.name AS dataset_name, ds.title AS dataset_title, r.department_id, d.name AS department_name, r.answered_at, r.answer_corrected_at, r.created_at, r.due_at, r.hidden_at, r.hidden_reason";
const FROM: &str = "data_requests r LEFT JOIN users u ON u.id = r.author_id LEFT JOIN datasets ds ON ds.id = r.dataset_id LEFT JOIN departments d ON d.id = r.department_id";

#[derive(Deserialize)]
struct Row {
    id: i64,
    title: String,
    body: String,
    reason: String,
    author_id: Option<i64>,
    author_name: Option<String>,
    channel: String,
    status: String,
    answer: String,
    planned_for: Option<String>,
    dataset_name: Option<String>,
    dataset_title: Option<String>,
    department_id: Option<i64>,
    department_name: Option<String>,
    answered_at: Option<i64>,
    answer_corrected_at: Option<i64>,
    created_at: i64,
    due_at: i64,
    hidden_at: Option<i64>,
    hidden_reason: Option<String>,
}

impl Row {
    fn shown(self, now: i64) -> DataRequest {
        let hidden = self.hidden_at.is_some();
        let keep = |s: String| if hidden { String::new() } else { s };
        DataRequest {
            id: self.id,
            title: keep(self.title),
            body: keep(self.body),
            reason: keep(self.reason),
            author_id: if hidden { None } else { self.author_id },
            author_name: keep(self.author_name.unwrap_or_default()),
            channel: self.channel,
            status: self.status,
            answer: self.answer,
            planned_for: self.planned_for,
            dataset_name: self.dataset_name,
            dataset_title: self.dataset_title,
            department_id: self.department_id,
            department_name: self.department_name,
            answered_at: self.answered_at,
            answer_corrected_at: self.answer_corrected_at,
            created_at: self.created_at,
            due_at: self.due_at,
            overdue: is_overdue(Some(self.due_at), self.answered_at.is_some(), hidden, now),
            answered_late: self.answered_at.is_some_and(|a| a > self.due_at),
            hidden,
            hidden_reason: self.hidden_reason,
        }
    }
}

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RequestFilter {
    #[default]
    All,
    Open,
    Answered,
    Overdue,
    Status(RequestStatus),
}

impl RequestFilter {
    /// The filter of the list's `status` parameter (`all` for anything else).
    pub fn parse(s: &str) -> Self {
        match s {
            "open" => Self::Open,
            "answered" => Self::Answered,
            "overdue" => Self::Overdue,
            s => RequestStatus::parse(s).map_or(Self::All, Self::Status),
        }
    }
    fn keeps(self, r: &DataRequest) -> bool {
        match self {
            Self::All => true,
            Self::Open => r.status == "open",
            Self::Answered => r.status != "open",
            Self::Overdue => r.overdue,
            Self::Status(s) => r.status == s.as_str(),
        }
    }
}

/// What the reader may do with data requests.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RequestRights {
    pub ask: bool,
    pub answer: bool,
}

impl RequestRights {
    pub fn decide(actor: &Actor) -> Self {
        let may = |a| decide(actor, a, &Target::Municipality).is_ok();
        RequestRights {
            ask: may(Action::RequestData),
            answer: may(Action::AnswerDataRequest),
        }
    }
}

/// The share of requests answered within their deadline, and its basis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RequestsInTime {
    /// Requests whose answer was due by then, or answered by then.
    pub due: i64,
    pub in_time: i64,
}

impl Catalog<'_> {
    /// Visible requests (not hidden), newest first, filtered.
    pub async fn requests(
        &self,
        tenant: &Tenant,
        filter: RequestFilter,
    ) -> Result<Vec<DataRequest>> {
        let rows: Vec<Row> = self
            .store
            .db
            .all_as(
                &format!("SELECT {COLS} FROM {FROM} WHERE r.municipality_id = $1 AND r.hidden_at IS NULL ORDER BY r.created_at DESC, r.id DESC"),
                params![tenant.id],
            )
            .await?;
        let now = self.store.now();
        Ok(rows
            .into_iter()
            .map(|r| r.shown(now))
            .filter(|r| filter.keeps(r))
            .collect())
    }

    /// One request (a hidden one without its content).
    pub async fn request(&self, tenant: &Tenant, id: i64) -> Result<DataRequest> {
        let row: Row = self
            .store
            .db
            .opt_as(
                &format!("SELECT {COLS} FROM {FROM} WHERE r.municipality_id = $1 AND r.id = $2"),
                params![tenant.id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(row.shown(self.store.now()))
    }

    /// Open requests for the staff inbox: of the actor's departments or of
    /// none (all for admins), the one due first first.
    pub async fn open_requests(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<DataRequest>> {
        decide(actor, Action::AnswerDataRequest, &Target::Municipality)?;
        let mut open: Vec<DataRequest> = self
            .requests(tenant, RequestFilter::Open)
            .await?
            .into_iter()
            .filter(|r| r.department_id.is_none() || actor.runs(r.department_id))
            .collect();
        open.sort_by_key(|r| (r.due_at, r.id));
        Ok(open)
    }

    /// A signed-in resident with a confirmed address asks for data.
    pub async fn ask_for_data(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        title: &str,
        what: &str,
        why: &str,
    ) -> Result<DataRequest> {
        decide(actor, Action::RequestData, &Target::Municipality)?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        rules::validate_request(title, what, why)?;
        self.insert_request(tenant, actor, (title, what, why), Some(user), None)
            .await
    }

    /// Staff record a request that came on paper, by phone, at the office
    /// or at a meeting; the deadline runs from the recording, the name is
    /// optional.
    pub async fn record_request(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        offline: &Offline,
        title: &str,
        what: &str,
        why: &str,
    ) -> Result<DataRequest> {
        decide(actor, Action::AnswerDataRequest, &Target::Municipality)?;
        let mut errors = FieldErrors::new();
        if offline.channel == Channel::Online {
            errors.add("channel", "error-invalid-choice");
        }
        errors.optional_text("offline_name", &offline.name, 80);
        if let Err(e) = rules::validate_request(title, what, why) {
            errors.0.extend(e.0);
        }
        errors.into_result()?;
        self.insert_request(tenant, actor, (title, what, why), None, Some(offline))
            .await
    }

    async fn insert_request(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        (title, what, why): (&str, &str, &str),
        author: Option<i64>,
        offline: Option<&Offline>,
    ) -> Result<DataRequest> {
        let channel = offline.map_or(Channel::Online, |o| o.channel);
        let offline_name = offline
            .map(|o| o.name.trim().to_string())
            .filter(|n| !n.is_empty());
        let days = self
            .store
            .questions()
            .objection_deadline_days(tenant)
            .await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let due = now + days * DAY_MS;
        let id = w
            .insert(
                "INSERT INTO data_requests (municipality_id, author_id, title, body, reason, channel, offline_name, due_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                params![tenant.id, author, title.trim(), what.trim().replace("\r\n", "\n"), why.trim().replace("\r\n", "\n"), channel.as_str(), offline_name, due, now],
            )
            .await?;
        w.audit(
            actor,
            "catalog.data_requested",
            format!("data_request:{id}"),
            serde_json::json!({
                "title": title.trim(),
                "channel": channel.as_str(),
                "due": crate::date_of(due).to_string(),
            }),
        );
        w.commit().await?;
        self.request(tenant, id).await
    }

    /// Staff answer a request publicly (`status` published, planned or
    /// refused; see `rules::validate_answer`), optionally assigning it to
    /// a department. Answering again corrects the answer: shown as
    /// corrected, the earlier answer kept in the audit trail. The author
    /// is notified.
    #[allow(clippy::too_many_arguments)] // the form's fields, each needed once
    pub async fn answer_request(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        status: &str,
        dataset: &str,
        planned_for: &str,
        text: &str,
        department_id: Option<i64>,
    ) -> Result<DataRequest> {
        decide(actor, Action::AnswerDataRequest, &Target::Municipality)?;
        let before = self.request(tenant, id).await?;
        if before.hidden {
            return Err(StoreError::Conflict("catalog-request-error-hidden"));
        }
        let today = self.store.clock.today();
        let mut errors = FieldErrors::new();
        let answer = match rules::validate_answer(status, dataset, planned_for, text, today) {
            Ok(a) => Some(a),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let dataset_id = match &answer {
            Some(Answer::Published { dataset }) => match self.by_name(tenant, dataset).await {
                Ok(d) => Some(d.id),
                Err(StoreError::NotFound) => {
                    errors.add_with(
                        "request_dataset",
                        "catalog-request-error-dataset",
                        vec![("value", dataset.clone())],
                    );
                    None
                }
                Err(e) => return Err(e),
            },
            _ => None,
        };
        if let Some(d) = department_id {
            let known = self
                .store
                .db
                .opt(
                    "SELECT id FROM departments WHERE municipality_id = $1 AND id = $2",
                    params![tenant.id, d],
                )
                .await?;
            if known.is_none() {
                errors.add("request_department", "error-invalid-choice");
            }
        }
        errors.into_result()?;
        let Some(answer) = answer else {
            return Err(FieldErrors::new().into());
        };
        let text = text.trim().replace("\r\n", "\n");
        let planned = match &answer {
            Answer::Planned { date } => Some(date.to_string()),
            _ => None,
        };
        let status = answer.status().as_str();
        let first = before.answered_at.is_none();
        if !first
            && before.status == status
            && before.answer == text
            && before.planned_for == planned
            && before.dataset_name.as_deref() == dataset_name(&answer)
            && before.department_id == department_id
        {
            let mut e = FieldErrors::new();
            e.add("request_answer", "catalog-request-error-unchanged");
            return Err(e.into());
        }
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        // Each update names the state it read, so two staff members
        // answering at once cannot both write a first answer.
        let updated = if first {
            w.exec(
                "UPDATE data_requests SET status = $1, answer = $2, planned_for = $3, dataset_id = $4, department_id = $5, answered_by = $6, answered_at = $7 WHERE id = $8 AND municipality_id = $9 AND answered_at IS NULL AND hidden_at IS NULL",
                params![status, text.as_str(), planned.clone(), dataset_id, department_id, actor.user_id, now, id, tenant.id],
            )
            .await?
        } else {
            w.exec(
                "UPDATE data_requests SET status = $1, answer = $2, planned_for = $3, dataset_id = $4, department_id = $5, answer_corrected_at = $6 WHERE id = $7 AND municipality_id = $8 AND answer = $9 AND status = $10 AND hidden_at IS NULL",
                params![status, text.as_str(), planned.clone(), dataset_id, department_id, now, id, tenant.id, before.answer.as_str(), before.status.as_str()],
            )
            .await?
        };
        if updated != 1 {
            return Err(StoreError::Conflict("catalog-request-error-stale"));
        }
        let details = serde_json::json!({
            "status": status,
            "answer": text,
            "planned_for": planned,
            "dataset": dataset_name(&answer),
            "department": department_id,
            "within_deadline": now <= before.due_at,
            "previous": if first { serde_json::Value::Null } else {
                serde_json::json!({ "status": before.status, "answer": before.answer })
            },
        });
        let action = if first {
            "catalog.data_request_answered"
        } else {
            "catalog.data_request_answer_corrected"
        };
        w.audit(actor, action, format!("data_request:{id}"), details);
        if let Some(a) = before.author_id.filter(|a| Some(*a) != actor.user_id) {
            let kind = if first {
                "data_request_answered"
            } else {
                "data_request_corrected"
            };
            let link = format!("/daten/anfragen/{id}");
            notify_user(&mut w, tenant, now, a, kind, &before.title, &link).await?;
        }
        w.commit().await?;
        self.request(tenant, id).await
    }

    /// For the computed indicator: requests whose answer was due by `now`
    /// or that were answered by then (not hidden), and how many of them
    /// were answered within their deadline.
    pub async fn requests_in_time(&self, tenant: &Tenant, now: i64) -> Result<RequestsInTime> {
        Ok(self
            .store
            .db
            .one_as(
                "SELECT COUNT(*) AS due, COALESCE(SUM(CASE WHEN answered_at IS NOT NULL AND answered_at <= $2 AND answered_at <= due_at THEN 1 ELSE 0 END), 0) AS in_time FROM data_requests WHERE municipality_id = $1 AND hidden_at IS NULL AND created_at <= $2 AND ((answered_at IS NOT NULL AND answered_at <= $2) OR due_at < $2)",
                params![tenant.id, now],
            )
            .await?)
    }
}

fn dataset_name(a: &Answer) -> Option<&str> {
    match a {
        Answer::Published { dataset } => Some(dataset.as_str()),
        _ => None,
    }
}
