//! The files of a closed process's anonymous results, as the catalog
//! publishes them (`publish.rs` decides when and keeps them versioned):
//! proposals with status and public answer, the opinion map in Polis's
//! format, each budget as Pabulib `.pb` with its result, and the
//! evaluation figures.
//!
//! Nothing here names a person: no author, no account id, no name of an
//! offline contributor, no comment text (only the contribution itself:
//! a proposal's or statement's text); counts broken down by district,
//! channel or group are suppressed under the municipality's threshold
//! ([`suppress`]; the files whose name starts with `nach-` are those
//! breakdowns).

use crate::processes::Process;
use crate::{params, Result, Store, StoreError, Tenant};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use teilhabe_domain::evaluation::{ContributionForm, Person};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::spreadsheet::defuse;
use teilhabe_domain::Actor;

/// One published file.
#[derive(Debug, Clone)]
pub struct ResultFile {
    pub file_name: String,
    pub title: String,
    /// EU file-type code.
    pub format: &'static str,
    pub bytes: Vec<u8>,
}

/// One result of a process, to become one dataset.
#[derive(Debug, Clone)]
pub struct ResultSet {
    /// proposals | opinion | budget | evaluation
    pub origin_ref: &'static str,
    pub title: String,
    pub description: String,
    pub keywords: Vec<String>,
    pub themes: Vec<String>,
    pub files: Vec<ResultFile>,
}

/// A count shown only from `threshold` people on (zero stays, it names
/// nobody); suppressed cells are empty.
pub fn suppress(n: i64, threshold: i64) -> String {
    if n > 0 && n < threshold {
        String::new()
    } else {
        n.to_string()
    }
}

fn csv_bytes(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| StoreError::internal("result csv", e);
    w.write_record(header).map_err(err)?;
    for r in rows {
        w.write_record(r).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| StoreError::internal("result csv", std::io::Error::other(e.to_string())))
}

fn date(ms: i64) -> String {
    crate::date_of(ms).to_string()
}

fn file(name: &str, title: &str, format: &'static str, bytes: Vec<u8>) -> ResultFile {
    ResultFile {
        file_name: name.to_string(),
        title: title.to_string(),
        format,
        bytes,
    }
}

#[derive(Deserialize)]
struct ProposalRow {
    id: i64,
    title: String,
    body: String,
    category: String,
    status: String,
    answer: Option<String>,
    answered_at: Option<i64>,
    progress: i64,
    support_count: i64,
    comment_count: i64,
    latitude: Option<f64>,
    longitude: Option<f64>,
    created_at: i64,
}

#[derive(Deserialize)]
struct IdRow {
    id: i64,
}

/// Every result the process has now, each with its files.
pub(super) async fn results(
    store: &Store,
    tenant: &Tenant,
    process: &Process,
    threshold: i64,
) -> Result<Vec<ResultSet>> {
    let mut out = Vec::new();
    out.extend(proposals(store, tenant, process).await?);
    out.extend(opinion(store, tenant, process, threshold).await?);
    out.extend(budget(store, tenant, process, threshold).await?);
    out.extend(evaluation(store, tenant, process, threshold).await?);
    Ok(out)
}

/// The visible proposals with status and public answer (no author, no
/// offline name, no comments' texts).
async fn proposals(store: &Store, tenant: &Tenant, process: &Process) -> Result<Option<ResultSet>> {
    let rows: Vec<ProposalRow> = store
        .db
        .all_as(
            "SELECT id, title, body, category, status, answer, answered_at, progress, support_count, comment_count, latitude, longitude, created_at FROM proposals WHERE municipality_id = $1 AND process_id = $2 AND hidden_at IS NULL ORDER BY id",
            params![tenant.id, process.id],
        )
        .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let opt = |v: Option<f64>| v.map(|x| format!("{x:.5}")).unwrap_or_default();
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                date(r.created_at),
                defuse(&r.title),
                defuse(&r.body),
                defuse(&r.category),
                r.status.clone(),
                defuse(r.answer.as_deref().unwrap_or("")),
                r.answered_at.map(date).unwrap_or_default(),
                r.progress.to_string(),
                r.support_count.to_string(),
                r.comment_count.to_string(),
                opt(r.latitude),
                opt(r.longitude),
            ]
        })
        .collect();
    let bytes = csv_bytes(
        &[
            "vorschlag",
            "eingereicht_am",
            "titel",
            "text",
            "kategorie",
            "status",
            "antwort",
            "beantwortet_am",
            "umsetzung_prozent",
            "unterstuetzungen",
            "kommentare",
            "breite",
            "laenge",
        ],
        &table,
    )?;
    Ok(Some(ResultSet {
        origin_ref: "proposals",
        title: format!("Vorschläge: {}", process.title),
        description: format!(
            "Alle öffentlichen Vorschläge der Beteiligung „{}“ mit ihrem Stand und der öffentlichen Antwort der Verwaltung, als CSV (eine Zeile je Vorschlag). Ohne Namen und Konten der Einreichenden und ohne Kommentartexte; Unterstützungen und Kommentare nur als Anzahl.",
            process.title
        ),
        keywords: vec!["Bürgerbeteiligung".into(), "Vorschläge".into()],
        themes: vec!["GOVE".into()],
        files: vec![file(
            "vorschlaege.csv",
            "Vorschläge mit Stand und Antwort",
            "CSV",
            bytes,
        )],
    }))
}

/// The opinion map in Polis's export format (anonymous participant
/// numbers only); groups with fewer members than the threshold lose
/// their group number in `participants-votes.csv`.
async fn opinion(
    store: &Store,
    tenant: &Tenant,
    process: &Process,
    threshold: i64,
) -> Result<Option<ResultSet>> {
    let any: Option<IdRow> = store
        .db
        .opt_as(
            "SELECT id FROM opinion_statements WHERE municipality_id = $1 AND process_id = $2 LIMIT 1",
            params![tenant.id, process.id],
        )
        .await?;
    if any.is_none() {
        return Ok(None);
    }
    let files = store.opinion().public_polis_files(tenant, process).await?;
    let mut out = Vec::new();
    for (name, bytes) in files {
        let bytes = if name == "participants-votes.csv" {
            suppress_small_groups(&bytes, threshold)?
        } else {
            bytes
        };
        let title = match name {
            "comments.csv" => "Aussagen mit Zustimmung und Ablehnung",
            "votes.csv" => "Alle Stimmen",
            "participants-votes.csv" => "Stimmen je Teilnehmenden mit Meinungsgruppe",
            _ => "Zusammenfassung",
        };
        out.push(file(name, title, "CSV", bytes));
    }
    Ok(Some(ResultSet {
        origin_ref: "opinion",
        title: format!("Meinungsbild: {}", process.title),
        description: format!(
            "Das Meinungsbild der Beteiligung „{}“ im Exportformat von Polis: Aussagen (comments.csv), Stimmen (votes.csv), Stimmen je Teilnehmenden mit Meinungsgruppe (participants-votes.csv) und eine Zusammenfassung (summary.csv). Teilnehmende tragen nur eine laufende Nummer.",
            process.title
        ),
        keywords: vec![
            "Bürgerbeteiligung".into(),
            "Meinungsbild".into(),
            "Polis".into(),
        ],
        themes: vec!["GOVE".into()],
        files: out,
    }))
}

/// Blanks the `group-id` of participants in groups smaller than the
/// threshold.
fn suppress_small_groups(bytes: &[u8], threshold: i64) -> Result<Vec<u8>> {
    let err = |e: csv::Error| StoreError::internal("participants-votes.csv", e);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let rows: Vec<csv::StringRecord> = r
        .records()
        .collect::<std::result::Result<_, _>>()
        .map_err(err)?;
    let Some(col) = rows
        .first()
        .and_then(|h| h.iter().position(|c| c == "group-id"))
    else {
        return Ok(bytes.to_vec());
    };
    let mut sizes: HashMap<String, i64> = HashMap::new();
    for row in rows.iter().skip(1) {
        if let Some(g) = row.get(col).filter(|g| !g.is_empty()) {
            *sizes.entry(g.to_string()).or_default() += 1;
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<&str> = row
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let small = sizes.get(c).is_some_and(|&n| n < threshold);
                if i > 0 && j == col && small {
                    ""
                } else {
                    c
                }
            })
            .collect();
        w.write_record(&cells).map_err(err)?;
    }
    w.into_inner().map_err(|e| {
        StoreError::internal(
            "participants-votes.csv",
            std::io::Error::other(e.to_string()),
        )
    })
}

/// Each counted budget as a Pabulib election (`.pb`, the budget module's
/// export) and its result; the turnout by budget (district) and channel
/// with small cells suppressed.
async fn budget(
    store: &Store,
    tenant: &Tenant,
    process: &Process,
    threshold: i64,
) -> Result<Option<ResultSet>> {
    let ids: Vec<IdRow> = store
        .db
        .all_as(
            "SELECT id FROM budgets WHERE municipality_id = $1 AND process_id = $2 AND published_at IS NOT NULL ORDER BY id",
            params![tenant.id, process.id],
        )
        .await?;
    if ids.is_empty() {
        return Ok(None);
    }
    // What the public sees: a visitor's view of the exports.
    let visitor = Actor::visitor();
    let mut files = Vec::new();
    let mut turnout = Vec::new();
    for IdRow { id } in ids {
        let (budget, election, _) = store.budgets().export(tenant, &visitor, id).await?;
        let mut pb = Vec::new();
        election
            .write(&mut pb)
            .map_err(|e| StoreError::internal("budget .pb", e))?;
        let slug = super::ckan_name(&budget.name);
        files.push(file(
            &format!("{slug}.pb"),
            &format!("{}: Abstimmung (Pabulib)", budget.name),
            "TXT",
            pb,
        ));
        let results = store.budgets().results(tenant, &visitor, id).await?;
        let rows: Vec<Vec<String>> = results
            .result
            .projects
            .iter()
            .map(|p| {
                vec![
                    p.project_id.to_string(),
                    p.proposal_id.to_string(),
                    defuse(&p.title),
                    p.cost.to_string(),
                    p.votes.to_string(),
                    p.score.to_string(),
                    if p.selected { "ja" } else { "nein" }.to_string(),
                ]
            })
            .collect();
        files.push(file(
            &format!("{slug}-ergebnis.csv"),
            &format!("{}: Ergebnis je Projekt", budget.name),
            "CSV",
            csv_bytes(
                &[
                    "projekt",
                    "vorschlag",
                    "titel",
                    "kosten_eur",
                    "stimmen",
                    "punkte",
                    "ausgewaehlt",
                ],
                &rows,
            )?,
        ));
        if turnout.is_empty() {
            turnout = results.turnout;
        }
    }
    let rows: Vec<Vec<String>> = turnout
        .iter()
        .map(|t| {
            vec![
                defuse(&t.budget),
                defuse(&t.district),
                t.channel.clone(),
                suppress(t.ballots, threshold),
            ]
        })
        .collect();
    files.push(file(
        "nach-stadtteil-und-kanal.csv",
        "Stimmzettel nach Budget (Stadtteil) und Weg",
        "CSV",
        csv_bytes(&["budget", "stadtteil", "kanal", "stimmzettel"], &rows)?,
    ));
    Ok(Some(ResultSet {
        origin_ref: "budget",
        title: format!("Bürgerhaushalt: {}", process.title),
        description: format!(
            "Die Abstimmung der Beteiligung „{}“: je Budget die Stimmzettel ohne Namen im Pabulib-Format (.pb, lesbar zum Beispiel mit pabutools) und das Ergebnis je Projekt (CSV), dazu die Zahl der Stimmzettel nach Stadtteil und Weg (online, Papier).",
            process.title
        ),
        keywords: vec![
            "Bürgerhaushalt".into(),
            "Pabulib".into(),
            "Bürgerbeteiligung".into(),
        ],
        themes: vec!["GOVE".into(), "ECON".into()],
        files,
    }))
}

/// The latest published evaluation: its figures (as frozen at
/// publication) and the contributions by channel.
async fn evaluation(
    store: &Store,
    tenant: &Tenant,
    process: &Process,
    threshold: i64,
) -> Result<Option<ResultSet>> {
    let Some(e) = store
        .evaluations()
        .revision(tenant, process.id, None)
        .await?
    else {
        return Ok(None);
    };
    let f = &e.snapshot.figures;
    let s = |n: i64| suppress(n, threshold);
    let share = |v: Option<f64>| v.map(|x| format!("{x:.3}")).unwrap_or_default();
    let days = |v: Option<f64>| v.map(|x| format!("{x:.1}")).unwrap_or_default();
    let figures: Vec<(&str, String)> = vec![
        ("auswertung_version", e.revision.to_string()),
        ("veroeffentlicht_am", date(e.published_at)),
        ("teilnehmende", f.participants.to_string()),
        ("teilnehmende_mit_konto", s(f.participants_accounts)),
        ("teilnehmende_ohne_konto", s(f.participants_anonymous)),
        ("teilnehmende_offline", s(f.participants_offline)),
        ("bestaetigte_einwohner", s(f.verified_accounts)),
        ("beitraege", f.contributions.to_string()),
        ("vorschlaege", f.by_form.proposals.to_string()),
        ("kommentare", f.by_form.comments.to_string()),
        ("unterstuetzungen", f.by_form.supports.to_string()),
        ("meinungsbild_stimmen", f.by_form.opinion_votes.to_string()),
        (
            "meinungsbild_aussagen",
            f.by_form.opinion_statements.to_string(),
        ),
        ("stimmzettel", f.by_form.budget_ballots.to_string()),
        ("anteil_offline", share(f.offline_share)),
        ("vorschlaege_beantwortet", f.proposals_answered.to_string()),
        ("antwort_median_tage", days(f.median_answer_days)),
        (
            "beantwortet_in_frist",
            f.answered_within_deadline.to_string(),
        ),
        ("beantwortet_verspaetet", f.answered_late.to_string()),
        ("warten_auf_antwort", f.awaiting_answer.to_string()),
        ("vorschlaege_angenommen", f.proposals_accepted.to_string()),
        ("vorschlaege_umgesetzt", f.proposals_implemented.to_string()),
        ("vorschlaege_abgelehnt", f.proposals_rejected.to_string()),
    ];
    let rows: Vec<Vec<String>> = figures
        .into_iter()
        .map(|(k, v)| vec![k.to_string(), v])
        .collect();
    let mut files = vec![file(
        "kennzahlen.csv",
        "Kennzahlen der Auswertung",
        "CSV",
        csv_bytes(&["kennzahl", "wert"], &rows)?,
    )];
    // People per channel, now (a channel with fewer people than the
    // threshold shows no counts at all).
    let mut people: HashMap<Channel, BTreeSet<String>> = HashMap::new();
    let mut unkeyed: HashMap<Channel, i64> = HashMap::new();
    for c in crate::module::contributions(store, tenant, process.id).await? {
        match &c.person {
            Person::Account(id) => {
                people
                    .entry(c.channel)
                    .or_default()
                    .insert(format!("a{id}"));
            }
            Person::Anonymous(k) => {
                people.entry(c.channel).or_default().insert(format!("o{k}"));
            }
            Person::Offline(Some(k)) => {
                people.entry(c.channel).or_default().insert(format!("p{k}"));
            }
            Person::Offline(None) => *unkeyed.entry(c.channel).or_default() += c.count,
        }
    }
    let mut rows = Vec::new();
    for ch in &f.by_channel {
        let n = people.get(&ch.channel).map_or(0, |p| p.len() as i64)
            + unkeyed.get(&ch.channel).copied().unwrap_or(0);
        let hide = n < threshold;
        let cell = |v: i64| if hide { String::new() } else { s(v) };
        let mut row = vec![ch.channel.as_str().to_string(), cell(n)];
        for form in ContributionForm::ALL {
            row.push(cell(ch.forms.get(form)));
        }
        row.push(cell(ch.total));
        rows.push(row);
    }
    files.push(file(
        "nach-kanal.csv",
        "Beiträge nach Weg der Beteiligung",
        "CSV",
        csv_bytes(
            &[
                "kanal",
                "personen",
                "vorschlaege",
                "kommentare",
                "unterstuetzungen",
                "meinungsbild_stimmen",
                "meinungsbild_aussagen",
                "stimmzettel",
                "beitraege",
            ],
            &rows,
        )?,
    ));
    Ok(Some(ResultSet {
        origin_ref: "evaluation",
        title: format!("Auswertung: {}", process.title),
        description: format!(
            "Die veröffentlichte Auswertung der Beteiligung „{}“: wie viele Menschen sich beteiligt haben, auf welchen Wegen, und wie die Verwaltung geantwortet hat (Kennzahlen als CSV, Beiträge nach Weg als CSV).",
            process.title
        ),
        keywords: vec!["Bürgerbeteiligung".into(), "Auswertung".into()],
        themes: vec!["GOVE".into()],
        files,
    }))
}
