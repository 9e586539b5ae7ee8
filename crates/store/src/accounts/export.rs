//! The data export (DSGVO Art. 15 and 20): everything stored about one
//! account, as one serde value that the web layer shows as a page and
//! offers as JSON.

use super::{Accounts, ApiToken, Grant, Notification, NotificationRow, User};
use crate::{params, Result, Tenant};
use serde::{Deserialize, Serialize};
use teilhabe_domain::budget::{decode_ballot, BallotChoice};

/// All data about one account. Tokens appear by name only, sessions as a
/// count; a ballot shows the person's own choices.
#[derive(Debug, Clone, Serialize)]
pub struct DataExport {
    pub exported_at: i64,
    pub municipality: String,
    pub account: User,
    pub roles: Vec<Grant>,
    pub proposals: Vec<ExportProposal>,
    pub comments: Vec<ExportComment>,
    pub statements: Vec<ExportStatement>,
    pub questions: Vec<ExportQuestion>,
    /// Data requests to the open data catalog, with their answers.
    #[serde(default)]
    pub data_requests: Vec<ExportDataRequest>,
    /// Questions and objections on datasets of the open data catalog.
    #[serde(default)]
    pub dataset_questions: Vec<ExportDatasetQuestion>,
    pub supports: Vec<ExportSupport>,
    pub opinion_votes: Vec<ExportOpinionVote>,
    pub ballots: Vec<ExportBallot>,
    pub follows: Vec<ExportFollow>,
    pub reports: Vec<ExportReport>,
    pub notifications: Vec<Notification>,
    pub api_tokens: Vec<ApiToken>,
    /// Open sessions (logged-in browsers).
    pub sessions: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportProposal {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub body: String,
    pub status: String,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportComment {
    pub id: i64,
    pub proposal_id: i64,
    pub proposal_title: String,
    pub body: String,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportStatement {
    pub id: i64,
    pub process_id: i64,
    pub body: String,
    pub state: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportQuestion {
    pub id: i64,
    pub entry_id: i64,
    pub kind: String,
    pub body: String,
    pub answer: Option<String>,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportDataRequest {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub reason: String,
    pub status: String,
    pub answer: String,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportDatasetQuestion {
    pub id: i64,
    pub dataset_id: i64,
    pub dataset_title: String,
    pub kind: String,
    pub body: String,
    pub answer: Option<String>,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportSupport {
    pub proposal_id: i64,
    pub proposal_title: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportOpinionVote {
    pub process_id: i64,
    pub statement_id: i64,
    pub statement: String,
    /// 1 agree, -1 disagree, 0 pass.
    pub vote: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportBallot {
    pub budget_id: i64,
    pub budget: String,
    pub choices: Vec<ExportChoice>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportChoice {
    pub project: i64,
    pub title: String,
    pub points: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportFollow {
    pub target_kind: String,
    pub target_id: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportReport {
    pub target_kind: String,
    pub target_id: i64,
    pub reason: String,
    pub created_at: i64,
}

#[derive(Deserialize)]
struct BallotRow {
    budget_id: i64,
    budget: String,
    choices: String,
    created_at: i64,
    updated_at: i64,
}

#[derive(Deserialize)]
struct ProjectRow {
    id: i64,
    title: String,
}

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

impl Accounts<'_> {
    /// Everything stored about `user_id` in `tenant` (fourteen statements).
    pub async fn export(&self, tenant: &Tenant, user_id: i64) -> Result<DataExport> {
        let account = self.user(tenant, user_id).await?;
        let roles = self.grants(tenant, user_id).await?;
        let db = &self.store.db;
        let t = tenant.id;
        let proposals = db
            .all_as(
                "SELECT id, process_id, title, body, status, created_at, hidden_at FROM proposals WHERE municipality_id = $1 AND author_id = $2 ORDER BY id",
                params![t, user_id],
            )
            .await?;
        let comments = db
            .all_as(
                "SELECT c.id, c.proposal_id, p.title AS proposal_title, c.body, c.created_at, c.hidden_at FROM comments c JOIN proposals p ON p.id = c.proposal_id WHERE c.municipality_id = $1 AND c.author_id = $2 ORDER BY c.id",
                params![t, user_id],
            )
            .await?;
        let statements = db
            .all_as(
                "SELECT id, process_id, body, state, created_at FROM opinion_statements WHERE municipality_id = $1 AND author_user_id = $2 ORDER BY id",
                params![t, user_id],
            )
            .await?;
        let questions = db
            .all_as(
                "SELECT id, entry_id, kind, body, answer, created_at, hidden_at FROM register_questions WHERE municipality_id = $1 AND author_id = $2 ORDER BY id",
                params![t, user_id],
            )
            .await?;
        let data_requests = db
            .all_as(
                "SELECT id, title, body, reason, status, answer, created_at, hidden_at FROM data_requests WHERE municipality_id = $1 AND author_id = $2 ORDER BY id",
                params![t, user_id],
            )
            .await?;
        let dataset_questions = db
            .all_as(
                "SELECT q.id, q.dataset_id, ds.title AS dataset_title, q.kind, q.body, q.answer, q.created_at, q.hidden_at FROM dataset_questions q JOIN datasets ds ON ds.id = q.dataset_id WHERE q.municipality_id = $1 AND q.author_id = $2 ORDER BY q.id",
                params![t, user_id],
            )
            .await?;
        let supports = db
            .all_as(
                "SELECT s.proposal_id, p.title AS proposal_title, s.created_at FROM supports s JOIN proposals p ON p.id = s.proposal_id WHERE s.municipality_id = $1 AND s.user_id = $2 ORDER BY s.id",
                params![t, user_id],
            )
            .await?;
        let opinion_votes = db
            .all_as(
                "SELECT v.process_id, v.statement_id, s.body AS statement, v.vote, v.updated_at FROM opinion_votes v JOIN opinion_participants pa ON pa.id = v.participant_id JOIN opinion_statements s ON s.id = v.statement_id WHERE v.municipality_id = $1 AND pa.user_id = $2 ORDER BY v.process_id, v.statement_id",
                params![t, user_id],
            )
            .await?;
        let key = self.store.budgets().voter_key(user_id);
        let ballot_rows: Vec<BallotRow> = db
            .all_as(
                "SELECT bb.budget_id, b.name AS budget, bb.choices, bb.created_at, bb.updated_at FROM budget_ballots bb JOIN budgets b ON b.id = bb.budget_id WHERE bb.municipality_id = $1 AND bb.voter_key = $2 ORDER BY bb.budget_id",
                params![t, key.as_str()],
            )
            .await?;
        let projects: Vec<ProjectRow> = db
            .all_as(
                "SELECT bp.id, p.title FROM budget_projects bp JOIN proposals p ON p.id = bp.proposal_id WHERE bp.municipality_id = $1 AND bp.budget_id IN (SELECT budget_id FROM budget_ballots WHERE municipality_id = $1 AND voter_key = $2)",
                params![t, key.as_str()],
            )
            .await?;
        let ballots = ballot_rows
            .into_iter()
            .map(|b| ExportBallot {
                budget_id: b.budget_id,
                budget: b.budget,
                choices: decode_ballot(&b.choices)
                    .into_iter()
                    .map(|BallotChoice { project, points }| ExportChoice {
                        project,
                        title: projects
                            .iter()
                            .find(|p| p.id == project)
                            .map(|p| p.title.clone())
                            .unwrap_or_default(),
                        points,
                    })
                    .collect(),
                created_at: b.created_at,
                updated_at: b.updated_at,
            })
            .collect();
        let follows = db
            .all_as(
                "SELECT target_kind, target_id, created_at FROM follows WHERE municipality_id = $1 AND user_id = $2 ORDER BY created_at, target_kind, target_id",
                params![t, user_id],
            )
            .await?;
        let reports = db
            .all_as(
                "SELECT target_kind, target_id, reason, created_at FROM reports WHERE municipality_id = $1 AND reporter_id = $2 ORDER BY id",
                params![t, user_id],
            )
            .await?;
        let notifications: Vec<NotificationRow> = db
            .all_as(
                "SELECT id, kind, title, link, created_at, read_at FROM notifications WHERE municipality_id = $1 AND user_id = $2 ORDER BY id",
                params![t, user_id],
            )
            .await?;
        let api_tokens = self.api_tokens(tenant, user_id).await?;
        let sessions: CountRow = db
            .one_as(
                "SELECT COUNT(*) AS n FROM sessions WHERE municipality_id = $1 AND user_id = $2 AND expires_at > $3",
                params![t, user_id, self.store.now()],
            )
            .await?;
        Ok(DataExport {
            exported_at: self.store.now(),
            municipality: tenant.name.clone(),
            account,
            roles,
            proposals,
            comments,
            statements,
            questions,
            data_requests,
            dataset_questions,
            supports,
            opinion_votes,
            ballots,
            follows,
            reports,
            notifications: notifications.into_iter().map(Notification::from).collect(),
            api_tokens,
            sessions: sessions.n,
        })
    }
}
