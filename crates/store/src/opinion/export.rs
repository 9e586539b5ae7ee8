//! The map in Polis's export format: loaded for the analysis and written
//! as CSV files (staff download them; the CLI exports them).

use super::analysis::analysis_settings;
use super::OpinionMaps;
use crate::processes::Process;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use std::collections::HashMap;
use teilhabe_domain::opinion::StatementState;
use teilhabe_opinion::polis::{Comment as PolisComment, VoteRecord};
use teilhabe_opinion::{analyze, PolisExport, Vote};

/// A map loaded as a Polis export, with the way back to database ids.
pub(super) struct Loaded {
    pub(super) export: PolisExport,
    pub(super) participant_db_ids: HashMap<String, i64>,
    pub(super) statement_db_ids: HashMap<String, i64>,
}

#[derive(Deserialize)]
struct StatementRow {
    id: i64,
    external_id: Option<String>,
    body: String,
    state: String,
    created_at: i64,
    author_participant_id: Option<i64>,
}

#[derive(Deserialize)]
struct ParticipantRow {
    id: i64,
    external_id: Option<String>,
    polis_xid: Option<String>,
}

#[derive(Deserialize)]
struct VoteRow {
    participant_id: i64,
    statement_id: i64,
    vote: i64,
    updated_at: i64,
}

impl OpinionMaps<'_> {
    /// The map as a Polis export: statements as comments, current votes,
    /// participants as voters. Imported statements and participants keep
    /// their Polis ids; others get the next free numbers, so Polis tools
    /// (which expect integer ids) can read the files.
    pub(super) async fn load_export(
        &self,
        municipality_id: i64,
        process_id: i64,
    ) -> Result<Loaded> {
        let statements = self
            .store
            .db
            .all_as::<StatementRow>(
                "SELECT id, external_id, body, state, created_at, author_participant_id FROM opinion_statements WHERE municipality_id = $1 AND process_id = $2 ORDER BY id",
                params![municipality_id, process_id],
            )
            .await?;
        let participants = self
            .store
            .db
            .all_as::<ParticipantRow>(
                "SELECT id, external_id, polis_xid FROM opinion_participants WHERE municipality_id = $1 AND process_id = $2 ORDER BY id",
                params![municipality_id, process_id],
            )
            .await?;
        let votes = self
            .store
            .db
            .all_as::<VoteRow>(
                "SELECT participant_id, statement_id, vote, updated_at FROM opinion_votes WHERE process_id = $1 ORDER BY updated_at, participant_id, statement_id",
                params![process_id],
            )
            .await?;
        let participant_ids: Vec<(i64, Option<String>)> = participants
            .iter()
            .map(|r| {
                let e = r.external_id.clone();
                (r.id, e.filter(|e| !e.starts_with("paper-")))
            })
            .collect();
        let voter_names = export_ids(&participant_ids);
        // Polis's xid column is written back when an import brought it.
        let xids = participants.iter().any(|r| r.polis_xid.is_some()).then(|| {
            let xid = participants
                .iter()
                .map(|r| r.polis_xid.clone().unwrap_or_default());
            voter_names.iter().cloned().zip(xid).collect()
        });
        let statement_ids: Vec<(i64, Option<String>)> = statements
            .iter()
            .map(|r| (r.id, r.external_id.clone()))
            .collect();
        let comment_names = export_ids(&statement_ids);
        let voter_index: HashMap<i64, u32> = participant_ids
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i as u32))
            .collect();
        let comment_index: HashMap<i64, u32> = statement_ids
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i as u32))
            .collect();
        // Statements without a participant as author (seed statements of the
        // administration) get one id after all participants, as Polis gives
        // the owner's id; it casts no votes.
        let administration = voter_names
            .iter()
            .filter_map(|v| v.parse::<u64>().ok())
            .max()
            .map_or(0, |m| m + 1)
            .to_string();
        let mut export = PolisExport {
            voters: voter_names.clone(),
            xids,
            ..PolisExport::default()
        };
        for (r, name) in statements.iter().zip(&comment_names) {
            let state = StatementState::parse(&r.state).unwrap_or(StatementState::Pending);
            let author = r
                .author_participant_id
                .and_then(|p| voter_index.get(&p))
                .map(|&i| voter_names[i as usize].clone())
                .unwrap_or_else(|| administration.clone());
            export.comments.push(PolisComment {
                id: name.clone(),
                timestamp: r.created_at,
                datetime: String::new(),
                author_id: author,
                moderated: state.polis_moderated(),
                body: r.body.clone(),
            });
        }
        for r in &votes {
            let (Some(&voter), Some(&comment)) = (
                voter_index.get(&r.participant_id),
                comment_index.get(&r.statement_id),
            ) else {
                continue;
            };
            let vote = Vote::from_value(r.vote).unwrap_or(Vote::Pass);
            export.votes.push(VoteRecord {
                timestamp: r.updated_at,
                comment,
                voter,
                vote,
            });
        }
        Ok(Loaded {
            export,
            participant_db_ids: voter_names
                .into_iter()
                .zip(participant_ids.iter().map(|(id, _)| *id))
                .collect(),
            statement_db_ids: comment_names
                .into_iter()
                .zip(statement_ids.iter().map(|(id, _)| *id))
                .collect(),
        })
    }

    /// The map in Polis's CSV format (comments.csv, votes.csv,
    /// participants-votes.csv with our groups, summary.csv).
    pub async fn polis_files(
        &self,
        tenant: &Tenant,
        process: &Process,
    ) -> Result<Vec<(&'static str, Vec<u8>)>> {
        self.polis_files_as(tenant, process, false).await
    }

    /// The same files as open data (`catalog::publish`): without the
    /// `xid` column (external ids an import brought) and without the text
    /// of statements that were not accepted (the row and its votes stay,
    /// so the numbering is that of [`Self::polis_files`]).
    pub(crate) async fn public_polis_files(
        &self,
        tenant: &Tenant,
        process: &Process,
    ) -> Result<Vec<(&'static str, Vec<u8>)>> {
        self.polis_files_as(tenant, process, true).await
    }

    async fn polis_files_as(
        &self,
        tenant: &Tenant,
        process: &Process,
        public: bool,
    ) -> Result<Vec<(&'static str, Vec<u8>)>> {
        let mut loaded = self.load_export(tenant.id, process.id).await?;
        if public {
            loaded.export.xids = None;
            for c in &mut loaded.export.comments {
                if c.moderated != 1 {
                    c.body = String::new();
                }
            }
        }
        loaded.export.summary = vec![
            ("topic".into(), process.title.clone()),
            ("url".into(), format!("/processes/{}/opinion", process.slug)),
        ];
        // What people wrote is opened in spreadsheets: no cell may start a
        // formula (the analysis reads only ids and votes, not these texts).
        defuse_texts(&mut loaded.export);
        tokio::task::spawn_blocking(move || {
            let conv = loaded.export.conversation()?;
            let outcome = analyze(&conv, &analysis_settings())?;
            loaded.export.csv_files(Some((&conv, &outcome)))
        })
        .await
        .map_err(|e| StoreError::Analysis(e.to_string()))?
        .map_err(|e| StoreError::Analysis(e.to_string()))
    }
}

/// Neutralises spreadsheet formulas in the texts of a Polis export that
/// people or imports wrote: statements, external ids, summary values.
fn defuse_texts(export: &mut PolisExport) {
    use teilhabe_domain::spreadsheet::defuse;
    for c in &mut export.comments {
        c.body = defuse(&c.body);
    }
    if let Some(xids) = &mut export.xids {
        for x in xids.values_mut() {
            *x = defuse(x);
        }
    }
    for (_, v) in &mut export.summary {
        *v = defuse(v);
    }
}

/// Export ids: an imported row keeps its Polis id; others get the next
/// integers after the largest numeric id.
fn export_ids(rows: &[(i64, Option<String>)]) -> Vec<String> {
    // Polis ids are non-negative integers; other external ids (none come
    // from Polis) are numbered like rows without one.
    let polis_id = |e: &Option<String>| -> Option<String> {
        e.as_deref()
            .filter(|e| e.parse::<u64>().is_ok())
            .map(str::to_string)
    };
    let mut next = rows
        .iter()
        .filter_map(|(_, e)| polis_id(e)?.parse::<u64>().ok())
        .max()
        .map_or(0, |m| m + 1);
    let taken: std::collections::HashSet<String> =
        rows.iter().filter_map(|(_, e)| polis_id(e)).collect();
    rows.iter()
        .map(|(_, e)| match polis_id(e) {
            Some(e) => e,
            None => {
                while taken.contains(next.to_string().as_str()) {
                    next += 1;
                }
                let id = next.to_string();
                next += 1;
                id
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::export_ids;

    #[test]
    fn export_ids_keep_polis_ids_and_continue_after_them() {
        let rows = vec![
            (10, Some("0".to_string())),
            (11, None),
            (12, Some("7".to_string())),
            (13, None),
        ];
        assert_eq!(export_ids(&rows), vec!["0", "8", "7", "9"]);
        assert_eq!(export_ids(&[(1, None), (2, None)]), vec!["0", "1"]);
        let odd = vec![(1, Some("demo-4".to_string())), (2, Some("3".to_string()))];
        assert_eq!(export_ids(&odd), vec!["4", "3"]);
    }
}
