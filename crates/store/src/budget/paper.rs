//! Paper ballots with double entry: two staff members enter each sheet;
//! when their entries match the ballot counts, when they differ the sheet
//! is flagged until two match.

use super::{Budgets, Which};
use crate::{params, Result, StoreError, Tenant};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use teilhabe_domain::budget::{decode_ballot, encode_ballot, BallotChoice};
use teilhabe_domain::permission::Action;
use teilhabe_domain::{Actor, FieldErrors};

/// What happened to a paper-ballot entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperOutcome {
    /// First entry of the sheet: waiting for the second staff member.
    Pending,
    /// Two entries by different staff members match: the ballot counts.
    Counted,
    /// The entries differ: flagged, not counted until two match.
    Mismatch,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaperSheet {
    pub sheet: String,
    pub status: PaperOutcome,
    /// (staff name, ballot as project titles) per entry.
    pub entries: Vec<(String, Vec<String>)>,
}

#[derive(serde::Deserialize)]
struct ChoicesRow {
    choices: String,
}

/// One entry of a sheet, with who entered it and whether the sheet counts.
#[derive(serde::Deserialize)]
struct EntryRow {
    sheet: String,
    choices: String,
    display_name: String,
    counted: i64,
}

impl Budgets<'_> {
    /// Staff enter a paper ballot. The first entry of a sheet waits for a
    /// second one by another staff member; when two entries match, the
    /// ballot counts; when they differ, the sheet is flagged.
    pub async fn enter_paper_ballot(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        sheet: &str,
        choices: &[BallotChoice],
    ) -> Result<PaperOutcome> {
        let (_, process, staff) = self
            .ballot_checked(tenant, actor, budget_id, Action::RecordOffline, choices)
            .await?;
        let sheet = sheet.trim();
        let mut e = FieldErrors::new();
        e.text("sheet", sheet, 1, 40);
        e.into_result()?;
        let encoded = encode_ballot(choices);
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "INSERT INTO budget_paper_entries (municipality_id, budget_id, sheet, entered_by, choices, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            params![tenant.id, budget_id, sheet, staff, encoded.as_str(), now],
        )
        .await
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("error-paper-already-entered")
            } else {
                e.into()
            }
        })?;
        let others: Vec<ChoicesRow> = w
            .all_as(
                "SELECT choices FROM budget_paper_entries WHERE budget_id = $1 AND sheet = $2 AND entered_by <> $3",
                params![budget_id, sheet, staff],
            )
            .await?;
        let outcome = if others.is_empty() {
            PaperOutcome::Pending
        } else if others.iter().any(|r| r.choices == encoded) {
            let key = format!("paper:{sheet}");
            w.exec(
                "INSERT INTO budget_ballots (municipality_id, budget_id, process_id, voter_key, channel, choices, receipt_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, 'paper', $5, NULL, $6, $6) ON CONFLICT (budget_id, voter_key) DO NOTHING",
                params![tenant.id, budget_id, process.id, key, encoded.as_str(), now],
            )
            .await?;
            PaperOutcome::Counted
        } else {
            PaperOutcome::Mismatch
        };
        w.audit(
            actor,
            "budget.paper_entered",
            format!("budget:{budget_id}"),
            serde_json::json!({"sheet": sheet, "outcome": outcome}),
        );
        w.commit().await?;
        Ok(outcome)
    }

    /// Paper sheets of a budget with their entries: counted, pending and
    /// mismatched (the list staff work through).
    pub async fn paper_sheets(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
    ) -> Result<Vec<PaperSheet>> {
        self.managed(tenant, actor, budget_id).await?;
        let titles: HashMap<i64, String> = self
            .projects_of(budget_id, Which::All)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect();
        let rows: Vec<EntryRow> = self
            .store
            .db
            .all_as(
                "SELECT e.sheet, e.choices, u.display_name, (SELECT COUNT(*) FROM budget_ballots bb WHERE bb.budget_id = e.budget_id AND bb.voter_key = 'paper:' || e.sheet) AS counted FROM budget_paper_entries e JOIN users u ON u.id = e.entered_by WHERE e.budget_id = $1 ORDER BY e.sheet, e.id",
                params![budget_id],
            )
            .await?;
        let mut sheets: BTreeMap<String, (bool, Vec<(String, String)>)> = BTreeMap::new();
        for r in rows {
            let s = sheets.entry(r.sheet).or_default();
            s.0 = r.counted > 0;
            s.1.push((r.display_name, r.choices));
        }
        Ok(sheets
            .into_iter()
            .map(|(sheet, (counted, entries))| {
                let status = if counted {
                    PaperOutcome::Counted
                } else if entries.len() < 2 {
                    PaperOutcome::Pending
                } else {
                    PaperOutcome::Mismatch
                };
                PaperSheet {
                    sheet,
                    status,
                    entries: entries
                        .into_iter()
                        .map(|(who, c)| {
                            let names = decode_ballot(&c)
                                .iter()
                                .map(|c| {
                                    let t = titles.get(&c.project).cloned().unwrap_or_default();
                                    if c.points != 1 {
                                        format!("{t} ({})", c.points)
                                    } else {
                                        t
                                    }
                                })
                                .collect();
                            (who, names)
                        })
                        .collect(),
                }
            })
            .collect())
    }
}
