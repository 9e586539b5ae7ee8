//! Full-text search over processes, proposals, comments and the datasets
//! of the open data catalog: SQLite FTS5
//! (diacritics folded, so "Strasse" finds "Straße" only via the German
//! stemmer on PostgreSQL; SQLite matches prefixes instead) and PostgreSQL
//! with the German configuration. Hidden contributions are removed from
//! the index when hidden; drafts (and withdrawn datasets) are filtered at
//! query time.

use crate::{params, Page, Result, Tenant, Tx};
use serde::{Deserialize, Serialize};

crate::service!(
    Search,
    search,
    "Full-text search over processes, proposals, comments and datasets."
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Process,
    Proposal,
    Comment,
    /// A dataset of the open data catalog (no process).
    Dataset,
}

impl Kind {
    fn code(self) -> i64 {
        match self {
            Kind::Process => 1,
            Kind::Proposal => 2,
            Kind::Comment => 3,
            Kind::Dataset => 4,
        }
    }
    fn as_str(self) -> &'static str {
        match self {
            Kind::Process => "process",
            Kind::Proposal => "proposal",
            Kind::Comment => "comment",
            Kind::Dataset => "dataset",
        }
    }
    fn parse(s: &str) -> Option<Kind> {
        match s {
            "process" => Some(Kind::Process),
            "proposal" => Some(Kind::Proposal),
            "comment" => Some(Kind::Comment),
            "dataset" => Some(Kind::Dataset),
            _ => None,
        }
    }
}

/// Marks around matched words in snippets; the web layer escapes the text
/// and then turns these into `<mark>` elements.
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub link: String,
}

pub(crate) async fn index(
    tx: &mut Tx,
    municipality_id: i64,
    kind: Kind,
    ref_id: i64,
    process_id: Option<i64>,
    title: &str,
    body: &str,
) -> Result<()> {
    if tx.is_postgres() {
        tx.exec(
            "INSERT INTO search_documents (kind, ref_id, municipality_id, process_id, title, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, process_id = excluded.process_id",
            params![kind.as_str(), ref_id, municipality_id, process_id, title, body],
        )
        .await?;
    } else {
        let rowid = ref_id * 8 + kind.code();
        tx.exec("DELETE FROM search_fts WHERE rowid = $1", params![rowid])
            .await?;
        tx.exec(
            "INSERT INTO search_fts (rowid, title, body, kind, ref_id, municipality_id, process_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![rowid, title, body, kind.as_str(), ref_id, municipality_id, process_id],
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn remove(tx: &mut Tx, kind: Kind, ref_id: i64) -> Result<()> {
    if tx.is_postgres() {
        tx.exec(
            "DELETE FROM search_documents WHERE kind = $1 AND ref_id = $2",
            params![kind.as_str(), ref_id],
        )
        .await?;
    } else {
        tx.exec(
            "DELETE FROM search_fts WHERE rowid = $1",
            params![ref_id * 8 + kind.code()],
        )
        .await?;
    }
    Ok(())
}

/// Words of a query, stripped of FTS syntax so user input cannot break it.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .take(12)
        .map(|w| w.to_lowercase())
        .collect()
}

fn fts5_query(words: &[String], any: bool) -> String {
    let parts: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
    parts.join(if any { " OR " } else { " " })
}

fn link_of(kind: Kind, id: i64, proposal_id: Option<i64>, slug: &str) -> String {
    match kind {
        Kind::Process => format!("/processes/{slug}"),
        Kind::Proposal => format!("/proposals/{id}"),
        Kind::Comment => format!("/proposals/{}#comment-{id}", proposal_id.unwrap_or(0)),
        Kind::Dataset => format!("/daten/{slug}"),
    }
}

/// One search result row. Text columns are optional so that a row with
/// an empty value is still shown, as before typed rows.
#[derive(Deserialize)]
struct HitRow {
    kind: Option<String>,
    ref_id: i64,
    title: Option<String>,
    snippet: Option<String>,
    proposal_id: Option<i64>,
    slug: Option<String>,
}

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

impl Search<'_> {
    /// Search across everything public, best matches first.
    pub async fn query(
        &self,
        tenant: &Tenant,
        q: &str,
        page: i64,
        per_page: i64,
    ) -> Result<Page<Hit>> {
        let w = words(q);
        let (page, per_page, _) = crate::page_window(page, per_page);
        if w.is_empty() {
            return Ok(Page {
                items: Vec::new(),
                total: 0,
                page,
                per_page,
            });
        }
        self.run_search(tenant, &w, false, None, page, per_page)
            .await
    }

    /// Existing proposals in a process that resemble a new one (any word
    /// matches, best first); shown before a proposal is submitted.
    pub async fn similar_proposals(
        &self,
        tenant: &Tenant,
        process_id: i64,
        text: &str,
        limit: i64,
    ) -> Result<Vec<Hit>> {
        let mut w = words(text);
        // Short words carry little meaning for similarity.
        w.retain(|x| x.chars().count() >= 4);
        if w.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .run_search(tenant, &w, true, Some(process_id), 1, limit)
            .await?
            .items)
    }

    async fn run_search(
        &self,
        tenant: &Tenant,
        w: &[String],
        any: bool,
        process_id: Option<i64>,
        page: i64,
        per_page: i64,
    ) -> Result<Page<Hit>> {
        let (page, per_page, offset) = crate::page_window(page, per_page);
        let kind_filter = if process_id.is_some() { "proposal" } else { "" };
        let pid = process_id.unwrap_or(0);
        let (count_sql, sql, query) = if self.store.db.is_postgres() {
            let tsq = w
                .iter()
                .map(|x| format!("{x}:*"))
                .collect::<Vec<_>>()
                .join(if any { " | " } else { " & " });
            (
                "SELECT COUNT(*) AS n FROM search_documents s LEFT JOIN processes pr ON pr.id = s.process_id LEFT JOIN datasets ds ON s.kind = 'dataset' AND ds.id = s.ref_id WHERE s.tsv @@ to_tsquery('german', $1) AND s.municipality_id = $2 AND (pr.status <> 'draft' OR (s.kind = 'dataset' AND ds.withdrawn_at IS NULL AND ds.id IS NOT NULL)) AND ($3 = '' OR s.kind = $3) AND ($4 = 0 OR s.process_id = $4)",
                "SELECT s.kind, s.ref_id, s.title, ts_headline('german', s.body, to_tsquery('german', $1), 'StartSel=\u{2}, StopSel=\u{3}, MaxWords=30, MinWords=12') AS snippet, c.proposal_id, COALESCE(pr.slug, ds.name) AS slug FROM search_documents s LEFT JOIN processes pr ON pr.id = s.process_id LEFT JOIN datasets ds ON s.kind = 'dataset' AND ds.id = s.ref_id LEFT JOIN comments c ON s.kind = 'comment' AND c.id = s.ref_id WHERE s.tsv @@ to_tsquery('german', $1) AND s.municipality_id = $2 AND (pr.status <> 'draft' OR (s.kind = 'dataset' AND ds.withdrawn_at IS NULL AND ds.id IS NOT NULL)) AND ($3 = '' OR s.kind = $3) AND ($4 = 0 OR s.process_id = $4) ORDER BY ts_rank(s.tsv, to_tsquery('german', $1)) DESC, s.ref_id DESC LIMIT $5 OFFSET $6",
                tsq,
            )
        } else {
            (
                "SELECT COUNT(*) AS n FROM search_fts s LEFT JOIN processes pr ON pr.id = s.process_id LEFT JOIN datasets ds ON s.kind = 'dataset' AND ds.id = s.ref_id WHERE search_fts MATCH $1 AND s.municipality_id = $2 AND (pr.status <> 'draft' OR (s.kind = 'dataset' AND ds.withdrawn_at IS NULL AND ds.id IS NOT NULL)) AND ($3 = '' OR s.kind = $3) AND ($4 = 0 OR s.process_id = $4)",
                "SELECT s.kind, s.ref_id, s.title, snippet(search_fts, 1, char(2), char(3), '…', 24) AS snippet, c.proposal_id, COALESCE(pr.slug, ds.name) AS slug FROM search_fts s LEFT JOIN processes pr ON pr.id = s.process_id LEFT JOIN datasets ds ON s.kind = 'dataset' AND ds.id = s.ref_id LEFT JOIN comments c ON s.kind = 'comment' AND c.id = s.ref_id WHERE search_fts MATCH $1 AND s.municipality_id = $2 AND (pr.status <> 'draft' OR (s.kind = 'dataset' AND ds.withdrawn_at IS NULL AND ds.id IS NOT NULL)) AND ($3 = '' OR s.kind = $3) AND ($4 = 0 OR s.process_id = $4) ORDER BY bm25(search_fts, 10.0, 1.0), s.ref_id DESC LIMIT $5 OFFSET $6",
                fts5_query(w, any),
            )
        };
        let total = self
            .store
            .db
            .one_as::<CountRow>(
                count_sql,
                params![query.as_str(), tenant.id, kind_filter, pid],
            )
            .await?
            .n;
        let rows = self
            .store
            .db
            .all(
                sql,
                params![
                    query.as_str(),
                    tenant.id,
                    kind_filter,
                    pid,
                    per_page,
                    offset
                ],
            )
            .await?;
        let items = rows
            .iter()
            .filter_map(|r| {
                let r: HitRow = r.to().ok()?;
                let kind = Kind::parse(r.kind.as_deref().unwrap_or(""))?;
                let id = r.ref_id;
                let slug = r.slug.unwrap_or_default();
                Some(Hit {
                    kind,
                    id,
                    title: r.title.unwrap_or_default(),
                    snippet: r.snippet.unwrap_or_default(),
                    link: link_of(kind, id, r.proposal_id, &slug),
                })
            })
            .collect();
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_syntax_is_stripped() {
        assert_eq!(
            words("Rad-weg\" OR NEAR(x) *"),
            vec!["rad", "weg", "or", "near"]
        );
        assert_eq!(
            fts5_query(&["rad".into(), "weg".into()], false),
            "\"rad\"* \"weg\"*"
        );
    }
}
