//! Exchange formats: Eurocities ATS 0.3.1 JSON (export and validated
//! import) and the Dutch Algoritmeregister Publicatiestandaard 1.0 (export).

use serde::Serialize;
use serde_json::{Map, Value};
use teilhabe_domain::register::entry::{RegisterEntry, RiskCategory, Status};
use teilhabe_domain::register::fields::{field, ATS_VERSION, FIELDS};
use teilhabe_domain::validation::{write_import_problem, write_import_problems};

/// One ATS record for an entry: every non-empty catalogue field (the 49 ATS
/// fields and our `aiact_` fields, which ATS allows as additional
/// properties), then the entry's extra properties. `standard_version` is
/// always `0.3.1`; `lang` defaults to `de`.
pub fn to_ats_record(entry: &RegisterEntry) -> Map<String, Value> {
    let mut m = Map::new();
    for spec in FIELDS {
        let v = entry.get(spec.name);
        if !v.is_empty() {
            m.insert(spec.name.to_string(), Value::String(v.to_string()));
        }
    }
    // Keys outside the catalogue set through `values` are kept as text.
    for (k, v) in &entry.values {
        if field(k).is_none() && !v.trim().is_empty() {
            m.insert(k.clone(), Value::String(v.trim().to_string()));
        }
    }
    for (k, v) in &entry.extra {
        if field(k).is_none() {
            m.insert(k.clone(), v.clone());
        }
    }
    m.insert("standard_version".into(), Value::String(ATS_VERSION.into()));
    if entry.get("lang").is_empty() {
        m.insert("lang".into(), Value::String("de".into()));
    }
    m
}

/// The whole register as an ATS JSON array (one record per entry).
pub fn export_ats(entries: &[RegisterEntry]) -> Value {
    Value::Array(
        entries
            .iter()
            .map(|e| Value::Object(to_ats_record(e)))
            .collect(),
    )
}

/// [`export_ats`] as pretty-printed JSON text.
pub fn export_ats_string(entries: &[RegisterEntry]) -> String {
    // Serialising a `Value` cannot fail.
    serde_json::to_string_pretty(&export_ats(entries)).unwrap_or_default()
}

/// One problem of an import: the record number (counting from 1; `None`
/// for problems with the file as a whole), the field (empty when not
/// field-specific), an i18n key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportError {
    pub record: Option<usize>,
    pub field: String,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = match self.record {
            Some(r) => format!("record {r}"),
            None => "file".to_string(),
        };
        write_import_problem(f, &place, ("field", &self.field), self.key, &self.args)
    }
}

/// Every problem of an import; an import with errors yields no records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportErrors(pub Vec<ImportError>);

impl ImportErrors {
    /// The errors of one record (counting from 1).
    pub fn for_record(&self, record: usize) -> impl Iterator<Item = &ImportError> {
        self.0.iter().filter(move |e| e.record == Some(record))
    }
}

impl std::fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_import_problems(f, &self.0)
    }
}

impl std::error::Error for ImportErrors {}

/// Imports ATS 0.3.1 JSON: an array of records (a single record object is
/// accepted too). Each record is converted and validated like a form
/// ([`RegisterEntry::validate`], including the `aiact_` rules for high-risk
/// entries); properties outside our catalogue are kept in
/// [`RegisterEntry::extra`]. Either all records are returned, or every
/// error of every record and none of the records.
///
/// Keys: `error-json` (not JSON), `error-ats-not-array`,
/// `error-ats-not-object`, `error-not-text` (a catalogue field that is not
/// a string), plus the validation keys.
pub fn import_ats(json: &str) -> Result<Vec<RegisterEntry>, ImportErrors> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        ImportErrors(vec![ImportError {
            record: None,
            field: String::new(),
            key: "error-json",
            args: vec![
                ("line", e.line().to_string()),
                ("column", e.column().to_string()),
            ],
        }])
    })?;
    let records = match value {
        Value::Array(a) => a,
        Value::Object(o) => vec![Value::Object(o)],
        _ => {
            return Err(ImportErrors(vec![ImportError {
                record: None,
                field: String::new(),
                key: "error-ats-not-array",
                args: Vec::new(),
            }]))
        }
    };
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    for (i, rec) in records.into_iter().enumerate() {
        let n = i + 1;
        let Value::Object(obj) = rec else {
            errors.push(ImportError {
                record: Some(n),
                field: String::new(),
                key: "error-ats-not-object",
                args: Vec::new(),
            });
            continue;
        };
        let mut entry = RegisterEntry::new();
        let mut type_errors = false;
        for (k, v) in obj {
            if field(&k).is_some() {
                match v {
                    Value::String(s) => entry.set(&k, s),
                    Value::Null => {}
                    other => {
                        type_errors = true;
                        errors.push(ImportError {
                            record: Some(n),
                            field: k.clone(),
                            key: "error-not-text",
                            args: vec![("value", other.to_string())],
                        });
                    }
                }
            } else {
                entry.extra.insert(k, v);
            }
        }
        if let Err(fe) = entry.validate() {
            for e in fe.0 {
                // A field already reported as non-text is not also "required".
                if type_errors
                    && errors
                        .iter()
                        .any(|x| x.record == Some(n) && x.field == e.field)
                {
                    continue;
                }
                errors.push(ImportError {
                    record: Some(n),
                    field: e.field.to_string(),
                    key: e.key,
                    args: e.args,
                });
            }
        }
        entries.push(entry);
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(ImportErrors(errors))
    }
}

// ---------------------------------------------------------------------
// Dutch Algoritmeregister Publicatiestandaard 1.0

/// A note about information lost or shortened in the NL export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NlWarning {
    /// Record number, counting from 1.
    pub record: usize,
    /// NL field.
    pub field: &'static str,
    pub note: String,
}

/// Result of the NL export: the records (a JSON array) and what was lost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NlExport {
    pub records: Value,
    pub warnings: Vec<NlWarning>,
}

/// NL `status` for our lifecycle status. Planned to development are "in
/// ontwikkeling"; pilot, evaluation and operational affect people and are
/// "in gebruik" (the NL guidance: when in doubt, "in gebruik"); retired is
/// "buiten gebruik".
pub fn nl_status(s: Status) -> &'static str {
    match s {
        Status::Planned | Status::Design | Status::Development => "In ontwikkeling",
        Status::Pilot | Status::Evaluation | Status::Operational => "In gebruik",
        Status::Retired => "Buiten gebruik",
    }
}

/// NL `publication_category` for our risk category: high risk and
/// unacceptable → category A (high-risk AI system), limited → B
/// (impactful), minimal → C (other).
pub fn nl_publication_category(r: RiskCategory) -> &'static str {
    match r {
        RiskCategory::High | RiskCategory::Unacceptable => "Hoog-risico AI-systeem (Categorie A)",
        RiskCategory::Limited => "Impactvolle algoritmes (Categorie B)",
        RiskCategory::Minimal => "Overige algoritmes (Categorie C)",
    }
}

/// NL theme (Dutch government topic list, from which the ATS domain list
/// was translated) for an ATS domain.
pub fn nl_theme(domain: &str) -> &'static str {
    match domain {
        "taxes" => "Belastingen",
        "housing, living and living environment" => "Bouwen en wonen",
        "culture, sports and leisure" => "Cultuur, sport en vrije tijd",
        "defence" => "Defensie",
        "economy and entrepreneurship" => "Economie en ondernemen",
        "family, youth and households" => "Familie, jeugd en gezin",
        "finance" => "Financiën",
        "health and health care" => "Gezondheid en zorg",
        "immigration and integration" => "Immigratie en integratie",
        "international collaboration and development aid" => {
            "Internationale samenwerking en ontwikkelingshulp"
        }
        "agriculture, nature and food" => "Landbouw, natuur en voedsel",
        "environment, spacial planning and water" => "Milieu, ruimtelijke ordening en water",
        "education and science" => "Onderwijs en wetenschap",
        "public safety" => "Openbare orde en veiligheid",
        "government" => "Overheid",
        "justice" => "Recht",
        "travel, living and working abroad" => "Reizen, wonen en werken in het buitenland",
        "subsidies, benefits and allowances" => "Subsidies, uitkeringen en toeslagen",
        "traffic and transportation" => "Verkeer en vervoer",
        "work and career" => "Werk",
        _ => "Generiek",
    }
}

/// Labels used when several of our fields are joined into one NL text.
/// The content stays German (the NL format has no translation step).
const JOIN_LABELS: &[(&str, &str)] = &[
    ("goal", "Ziel"),
    ("impact", "Wirkung"),
    ("proportionality", "Verhältnismäßigkeit"),
    ("alternatives_considered", "Geprüfte Alternativen"),
    ("decision_making_process", "Entscheidungsprozess"),
    ("human_intervention", "Menschliche Kontrolle"),
    ("risks", "Risiken"),
    ("data_bias", "Verzerrungen in den Daten"),
    ("monitoring", "Überwachung"),
    ("rollback", "Rückfallebene"),
    ("source_data", "Quelldaten"),
    ("training_data", "Trainingsdaten"),
    ("connected_data_sources", "Verbundene Datenquellen"),
    ("description", "Erklärung"),
    ("methods_and_models", "Methoden und Modelle"),
    ("performance", "Leistung"),
    ("DPIA_description", "Datenschutz-Folgenabschätzung"),
    ("AIA_description", "Algorithmen-Folgenabschätzung"),
    (
        "aiact_fria_summary",
        "Grundrechte-Folgenabschätzung (KI-VO Art. 27)",
    ),
    (
        "aiact_dpia_summary",
        "Datenschutz-Folgenabschätzung (Zusammenfassung)",
    ),
];

fn join_fields(entry: &RegisterEntry, names: &[&str]) -> String {
    let parts: Vec<String> = names
        .iter()
        .filter(|n| !entry.get(n).is_empty())
        .map(|n| {
            let label = JOIN_LABELS
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, l)| *l)
                .unwrap_or(n);
            format!("{label}: {}", entry.get(n))
        })
        .collect();
    parts.join("\n\n")
}

/// Shortens to at most `max` characters (ending in "…") and records a
/// warning when it had to.
fn fit(
    text: String,
    max: usize,
    record: usize,
    nl_field: &'static str,
    warnings: &mut Vec<NlWarning>,
) -> String {
    let n = text.chars().count();
    if n <= max {
        return text;
    }
    warnings.push(NlWarning {
        record,
        field: nl_field,
        note: format!("shortened from {n} to {max} characters"),
    });
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// One NL record for an entry; see docs/register.md for the mapping.
pub fn to_nl_record(
    entry: &RegisterEntry,
    record: usize,
    warnings: &mut Vec<NlWarning>,
) -> Map<String, Value> {
    let mut m = Map::new();
    let put = |m: &mut Map<String, Value>, k: &str, v: String| {
        if !v.trim().is_empty() {
            m.insert(k.to_string(), Value::String(v));
        }
    };
    let mut w = |t: String, max: usize, f: &'static str| fit(t, max, record, f, warnings);

    put(&mut m, "name", w(entry.get("name").to_string(), 99, "name"));
    put(
        &mut m,
        "description_short",
        w(
            entry.get("description_short").to_string(),
            399,
            "description_short",
        ),
    );
    put(
        &mut m,
        "organization",
        w(entry.get("organization").to_string(), 99, "organization"),
    );
    m.insert(
        "theme".into(),
        Value::Array(vec![Value::String(nl_theme(entry.get("domain")).into())]),
    );
    let status = entry.status().unwrap_or(Status::Planned);
    m.insert("status".into(), Value::String(nl_status(status).into()));
    // NL wants the month the algorithm went into use; ATS has no such
    // field, so the month of first publication stands in.
    let month = |d: &str| d.get(0..7).unwrap_or("").to_string();
    let start = month(entry.get("publication_date"));
    put(&mut m, "start_date", start);
    if status == Status::Retired {
        put(&mut m, "end_date", month(entry.get("last_change_date")));
    }
    let contact = if entry.get("contact_email").is_empty() {
        entry.get("website").to_string()
    } else {
        entry.get("contact_email").to_string()
    };
    put(&mut m, "contact", contact);
    put(&mut m, "link", entry.get("website").to_string());
    let risk = entry.risk_category().unwrap_or(RiskCategory::Minimal);
    m.insert(
        "publication_category".into(),
        Value::String(nl_publication_category(risk).into()),
    );
    put(
        &mut m,
        "purpose_and_impact",
        w(
            join_fields(entry, &["goal", "impact"]),
            2499,
            "purpose_and_impact",
        ),
    );
    put(
        &mut m,
        "considerations",
        w(
            join_fields(entry, &["proportionality", "alternatives_considered"]),
            2499,
            "considerations",
        ),
    );
    put(
        &mut m,
        "human_intervention",
        w(
            join_fields(entry, &["decision_making_process", "human_intervention"]),
            2499,
            "human_intervention",
        ),
    );
    put(
        &mut m,
        "risk_management",
        w(
            join_fields(entry, &["risks", "data_bias", "monitoring", "rollback"]),
            2499,
            "risk_management",
        ),
    );
    put(
        &mut m,
        "legal_basis",
        w(entry.get("lawful_basis").to_string(), 2499, "legal_basis"),
    );
    let mut assessments = Vec::new();
    if !entry.get("DPIA_description").is_empty()
        || !entry.get("DPIA_url").is_empty()
        || !entry.get("aiact_dpia_summary").is_empty()
    {
        assessments.push("Data Protection Impact Assessment (DPIA)");
    }
    if !entry.get("AIA_description").is_empty() || !entry.get("AIA_url").is_empty() {
        assessments.push("Algorithm Impact Assessment (AIA)");
    }
    if !entry.get("aiact_fria_summary").is_empty() {
        assessments.push("Fundamental Rights Impact Assessment (FRIA, AI Act art. 27)");
    }
    let assessments = if assessments.is_empty() {
        "Geen / keine".to_string()
    } else {
        assessments.join(", ")
    };
    m.insert("impact_assessments".into(), Value::String(assessments));
    let link = [entry.get("DPIA_url"), entry.get("AIA_url")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    put(&mut m, "impact_assessment_link", link);
    put(
        &mut m,
        "impact_assessment_explanation",
        w(
            join_fields(
                entry,
                &[
                    "DPIA_description",
                    "AIA_description",
                    "aiact_fria_summary",
                    "aiact_dpia_summary",
                ],
            ),
            2499,
            "impact_assessment_explanation",
        ),
    );
    put(
        &mut m,
        "data",
        w(
            join_fields(
                entry,
                &["source_data", "training_data", "connected_data_sources"],
            ),
            2499,
            "data",
        ),
    );
    let mut technical = join_fields(entry, &["description", "methods_and_models", "performance"]);
    let kinds = [entry.get("algorithm_type"), entry.get("type")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !kinds.is_empty() {
        technical.push_str(&format!("\n\nType: {kinds}"));
    }
    put(
        &mut m,
        "technical_operation",
        w(technical, 4999, "technical_operation"),
    );
    let supplier = match entry.extra.get("supplier") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => {
            warnings.push(NlWarning {
                record,
                field: "supplier",
                note: "ATS 0.3.1 has no supplier field; wrote \"Onbekend / nicht angegeben\""
                    .into(),
            });
            "Onbekend / nicht angegeben".to_string()
        }
    };
    let supplier = fit(supplier, 199, record, "supplier", warnings);
    m.insert("supplier".into(), Value::String(supplier));
    put(
        &mut m,
        "source_code_link",
        entry.get("codebase_url").to_string(),
    );
    m.insert("language".into(), Value::String("nld".into()));
    m.insert("schema".into(), Value::String("1.0.0".into()));
    put(&mut m, "source_id", entry.get("uuid").to_string());
    put(&mut m, "search_terms", entry.get("keywords").to_string());
    m
}

/// The register in the Dutch Publicatiestandaard 1.0 (a JSON array).
pub fn export_nl(entries: &[RegisterEntry]) -> NlExport {
    let mut warnings = Vec::new();
    let records = entries
        .iter()
        .enumerate()
        .map(|(i, e)| Value::Object(to_nl_record(e, i + 1, &mut warnings)))
        .collect();
    NlExport {
        records: Value::Array(records),
        warnings,
    }
}
