//! Harvesting other catalogs: how a CKAN package dict becomes a
//! [`DatasetDraft`] with its distributions (links only). Pure rules; the
//! store fetches the pages and writes the datasets.
//!
//! Values a remote dataset lacks are defaulted and the default is named in
//! a warning; a dataset that cannot be mapped (no id, no title, an
//! invalid description after defaulting) is refused with the reason, and
//! the run skips it.

use super::vocab::{ACCESS_RIGHTS, FILE_TYPES, FREQUENCIES, LICENSES, THEMES};
use super::{
    is_web_url, DatasetDraft, DistributionDraft, DistributionKind, DESCRIPTION_MAX, KEYWORDS_MAX,
    KEYWORD_MAX, TITLE_MAX,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Something a harvest noticed about one remote dataset: an i18n key
/// (`catalog-harvest-*`) and the detail it names (a field, a value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub key: String,
    pub detail: String,
}

impl Note {
    pub fn new(key: &str, detail: impl Into<String>) -> Self {
        Note {
            key: key.to_string(),
            detail: detail.into(),
        }
    }
}

/// A remote dataset mapped to this catalog's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct HarvestedDataset {
    /// Its id in the remote catalog (`origin_ref`).
    pub remote_id: String,
    /// Its CKAN name there (the wished name here).
    pub remote_name: String,
    /// Its `metadata_modified` there (ISO text, as sent).
    pub modified: String,
    pub draft: DatasetDraft,
    pub distributions: Vec<DistributionDraft>,
    /// Defaults taken and parts left out.
    pub warnings: Vec<Note>,
}

/// What a harvest fills in where the remote dataset says nothing.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// The source's title (contact name of last resort).
    pub contact_name: String,
    /// The municipality's address (contact e-mail of last resort).
    pub contact_email: String,
}

/// Maps one CKAN package dict (as `package_search` and `package_show`
/// return it, GovData style with `extras`).
pub fn from_ckan(pkg: &Value, defaults: &Defaults) -> Result<HarvestedDataset, Note> {
    let mut warnings = Vec::new();
    let remote_id = text(pkg, "id");
    let remote_name = text(pkg, "name");
    let remote_id = if remote_id.is_empty() {
        remote_name.clone()
    } else {
        remote_id
    };
    if remote_id.is_empty() {
        return Err(Note::new("catalog-harvest-no-id", ""));
    }
    let extras = extras(pkg);
    let extra = |k: &str| -> String {
        extras
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };

    let title = clip(&text(pkg, "title"), TITLE_MAX);
    let title = if title.chars().count() < 3 {
        if remote_name.chars().count() < 3 {
            return Err(Note::new("catalog-harvest-no-title", remote_id));
        }
        warnings.push(Note::new(
            "catalog-harvest-default-title",
            remote_name.clone(),
        ));
        clip(&remote_name, TITLE_MAX)
    } else {
        title
    };
    let mut description = clip(&text(pkg, "notes"), DESCRIPTION_MAX);
    if description.chars().count() < 10 {
        warnings.push(Note::new("catalog-harvest-default-description", ""));
        description = title.clone();
    }

    let mut keywords: Vec<String> = Vec::new();
    for tag in list(pkg, "tags") {
        let k = match tag {
            Value::String(s) => s.trim().to_string(),
            t => text(t, "name"),
        };
        if k.is_empty() || k.chars().count() > KEYWORD_MAX {
            continue;
        }
        if !keywords.iter().any(|o| o.eq_ignore_ascii_case(&k)) {
            keywords.push(k);
        }
    }
    if keywords.len() > KEYWORDS_MAX {
        warnings.push(Note::new(
            "catalog-harvest-keywords-cut",
            keywords.len().to_string(),
        ));
        keywords.truncate(KEYWORDS_MAX);
    }

    // Themes: groups named by the lower-case code (GovData), `theme`
    // IRIs in the extras (a JSON list or one IRI) or on the dict.
    let mut theme_values: Vec<String> = list(pkg, "groups")
        .iter()
        .map(|g| match g {
            Value::String(s) => s.clone(),
            g => text(g, "name"),
        })
        .collect();
    theme_values.extend(string_or_list(&extra("theme")));
    theme_values.extend(string_or_list(&extra("dcat_theme")));
    match pkg.get("theme") {
        Some(Value::String(s)) => theme_values.extend(string_or_list(s)),
        Some(Value::Array(a)) => {
            theme_values.extend(a.iter().filter_map(|v| v.as_str().map(String::from)))
        }
        _ => {}
    }
    let mut themes: Vec<String> = Vec::new();
    for t in &theme_values {
        if let Some(code) = THEMES.code_of(t) {
            if !themes.iter().any(|o| o == code) {
                themes.push(code.to_string());
            }
        }
    }
    if themes.is_empty() {
        warnings.push(Note::new("catalog-harvest-default-theme", "GOVE"));
        themes.push("GOVE".to_string());
    }

    let frequency = first_non_empty(&[
        extra("frequency"),
        extra("accrual_periodicity"),
        text(pkg, "frequency"),
    ]);
    let accrual_periodicity = match FREQUENCIES.code_of(&frequency) {
        Some(c) => c.to_string(),
        None => {
            if !frequency.is_empty() {
                warnings.push(Note::new("catalog-harvest-unknown-frequency", frequency));
            }
            "UNKNOWN".to_string()
        }
    };
    let access = first_non_empty(&[extra("access_rights"), text(pkg, "access_rights")]);
    let access_rights = match ACCESS_RIGHTS.code_of(&access) {
        Some(c) => c.to_string(),
        None => {
            if !access.is_empty() {
                warnings.push(Note::new("catalog-harvest-unknown-access", access));
            }
            "PUBLIC".to_string()
        }
    };

    let contact_name = first_non_empty(&[
        text(pkg, "maintainer"),
        extra("contact_name"),
        text(pkg, "author"),
        extra("publisher_name"),
    ]);
    let contact_name = if contact_name.chars().count() < 2 {
        warnings.push(Note::new(
            "catalog-harvest-default-contact",
            defaults.contact_name.clone(),
        ));
        defaults.contact_name.clone()
    } else {
        clip(&contact_name, 200)
    };
    let contact_email = first_non_empty(&[
        text(pkg, "maintainer_email"),
        extra("contact_email"),
        extra("maintainer_email"),
        text(pkg, "author_email"),
        extra("publisher_email"),
    ]);
    let contact_email = contact_email
        .strip_prefix("mailto:")
        .unwrap_or(&contact_email)
        .to_string();
    let contact_email = if crate::validation::is_plausible_email(&contact_email) {
        contact_email
    } else {
        warnings.push(Note::new(
            "catalog-harvest-default-email",
            defaults.contact_email.clone(),
        ));
        defaults.contact_email.clone()
    };

    let landing = text(pkg, "url");
    let landing_page = if landing.is_empty() || is_web_url(&landing) {
        landing
    } else {
        warnings.push(Note::new("catalog-harvest-bad-landing-page", landing));
        String::new()
    };

    let temporal_start = date_of(
        &first_non_empty(&[extra("temporal_start"), text(pkg, "temporal_start")]),
        &mut warnings,
    );
    let temporal_end = date_of(
        &first_non_empty(&[extra("temporal_end"), text(pkg, "temporal_end")]),
        &mut warnings,
    );

    let draft = DatasetDraft {
        title,
        description,
        keywords,
        themes,
        temporal_start,
        temporal_end,
        accrual_periodicity,
        contact_name,
        contact_email,
        landing_page,
        access_rights,
    };
    if let Err(e) = draft.validate() {
        let fields: Vec<&str> = e.0.iter().map(|f| f.field).collect();
        return Err(Note::new("catalog-harvest-invalid", fields.join(", ")));
    }

    let dataset_license = first_non_empty(&[
        text(pkg, "license_id"),
        text(pkg, "license_url"),
        extra("license"),
    ]);
    let mut distributions = Vec::new();
    for (i, r) in list(pkg, "resources").iter().enumerate() {
        match resource(r, &dataset_license, &mut warnings) {
            Some(d) => distributions.push(d),
            None => warnings.push(Note::new(
                "catalog-harvest-resource-skipped",
                (i + 1).to_string(),
            )),
        }
    }

    Ok(HarvestedDataset {
        remote_id,
        remote_name,
        modified: text(pkg, "metadata_modified"),
        draft,
        distributions,
        warnings,
    })
}

/// One CKAN resource as a link distribution (`None` without a web URL).
fn resource(
    r: &Value,
    dataset_license: &str,
    warnings: &mut Vec<Note>,
) -> Option<DistributionDraft> {
    let url = first_non_empty(&[
        text(r, "url"),
        text(r, "access_url"),
        text(r, "download_url"),
    ]);
    if !is_web_url(&url) {
        return None;
    }
    let raw_format = first_non_empty(&[text(r, "format"), text(r, "mimetype")]);
    let format = match format_code(&raw_format)
        .or_else(|| format_code(url.rsplit('.').next().unwrap_or("")))
    {
        Some(f) => f,
        None => {
            warnings.push(Note::new("catalog-harvest-unknown-format", raw_format));
            return None;
        }
    };
    let lic = first_non_empty(&[text(r, "license"), dataset_license.to_string()]);
    let license = match license_code(&lic) {
        Some(l) => l.to_string(),
        None => {
            warnings.push(Note::new("catalog-harvest-unknown-license", lic));
            "other-closed".to_string()
        }
    };
    let name = first_non_empty(&[text(r, "name"), text(r, "description"), format.to_string()]);
    let d = DistributionDraft {
        title: clip(&name, TITLE_MAX),
        description: clip(&text(r, "description"), 5000),
        format: format.to_string(),
        license,
        access_url: url,
    };
    d.validate(DistributionKind::Link).ok().map(|_| d)
}

/// The EU file-type code of a CKAN format (a name, a media type, an EU
/// IRI, an extension).
pub fn format_code(raw: &str) -> Option<&'static str> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = FILE_TYPES.code_of(s) {
        return Some(c);
    }
    let lower = s.to_ascii_lowercase();
    let lower = lower.trim_start_matches('.');
    Some(match lower {
        "text/csv" | "csv" => "CSV",
        "application/json" | "json" => "JSON",
        "application/geo+json" | "application/vnd.geo+json" | "geo+json" | "geojson" => "GEOJSON",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" | "xlsx" => "XLSX",
        "application/pdf" | "pdf" => "PDF",
        "application/xml" | "text/xml" | "xml" => "XML",
        "text/html" | "html" | "htm" => "HTML",
        "application/zip" | "zip" => "ZIP",
        "text/plain" | "txt" => "TXT",
        "text/turtle" | "ttl" | "turtle" | "rdf_turtle" => "RDF_TURTLE",
        "wms" | "wms_srvc" => "WMS_SRVC",
        "wfs" | "wfs_srvc" => "WFS_SRVC",
        _ => return None,
    })
}

/// The DCAT-AP.de licence code of a CKAN `license_id` or licence IRI (also
/// with a trailing slash, and the common CKAN ids).
pub fn license_code(raw: &str) -> Option<&'static str> {
    let s = raw.trim();
    if let Some(c) = LICENSES.code_of(s) {
        return Some(c);
    }
    let s = s.trim_end_matches('/').to_ascii_lowercase();
    Some(match s.as_str() {
        "dl-de-by-2.0" | "dl-by-de-2.0" | "https://www.govdata.de/dl-de/by-2-0" => "dl-by-de/2.0",
        "dl-de-zero-2.0" | "dl-zero-de-2.0" | "https://www.govdata.de/dl-de/zero-2-0" => {
            "dl-zero-de/2.0"
        }
        "cc-by" | "cc-by-4.0" | "cc-by/4.0" | "https://creativecommons.org/licenses/by/4.0" => {
            "cc-by/4.0"
        }
        "cc-by-sa" | "cc-by-sa-4.0" | "https://creativecommons.org/licenses/by-sa/4.0" => {
            "cc-by-sa/4.0"
        }
        "cc-zero" | "cc0" | "cc0-1.0" | "https://creativecommons.org/publicdomain/zero/1.0" => {
            "cc-zero"
        }
        "odc-odbl" | "odbl" => "odbl",
        "officialwork" | "official-work" => "officialWork",
        "other-open" | "other-at" | "other-pd" => "other-open",
        "other-closed" | "other-nc" => "other-closed",
        _ => return None,
    })
}

fn date_of(v: &str, warnings: &mut Vec<Note>) -> Option<String> {
    if v.is_empty() {
        return None;
    }
    let day: String = v.chars().take(10).collect();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if time::Date::parse(&day, format).is_ok() {
        Some(day)
    } else {
        warnings.push(Note::new("catalog-harvest-bad-date", v.to_string()));
        None
    }
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn extras(pkg: &Value) -> Vec<(String, String)> {
    list(pkg, "extras")
        .iter()
        .filter_map(|e| {
            let k = e.get("key")?.as_str()?.to_string();
            let v = match e.get("value")? {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some((k, v))
        })
        .collect()
}

/// One value, or the strings of a JSON list in text (CKAN extras).
fn string_or_list(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Vec<String>>(s) {
            return v;
        }
    }
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(',').map(|p| p.trim().to_string()).collect()
    }
}

fn first_non_empty(values: &[String]) -> String {
    values
        .iter()
        .find(|v| !v.trim().is_empty())
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

fn clip(s: &str, max: usize) -> String {
    s.trim()
        .chars()
        .take(max)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defaults() -> Defaults {
        Defaults {
            contact_name: "Kreis Beispiel".into(),
            contact_email: "open@musterstadt.example".into(),
        }
    }

    /// Shaped like a GovData `package_search` result (ckanext-dcatde).
    fn govdata() -> Value {
        json!({
            "id": "3f2a3b5e-1d7c-4a8e-9c1b-2f6e8d9a0b1c",
            "name": "baumkataster-musterkreis",
            "title": "Baumkataster Musterkreis",
            "notes": "Alle Straßenbäume des Kreises mit Art, Pflanzjahr und Standort.",
            "metadata_modified": "2024-05-02T09:15:27.123456",
            "license_id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0/",
            "maintainer": "Grünflächenamt",
            "maintainer_email": "gruen@kreis.example",
            "url": "https://kreis.example/baeume",
            "tags": [{"name": "Bäume"}, {"name": "Umwelt"}, {"name": "bäume"}],
            "groups": [{"name": "envi", "title": "Umwelt"}],
            "extras": [
                {"key": "contributorID", "value": "[\"http://dcat-ap.de/def/contributors/beispiel\"]"},
                {"key": "theme", "value": "[\"http://publications.europa.eu/resource/authority/data-theme/AGRI\"]"},
                {"key": "frequency", "value": "http://publications.europa.eu/resource/authority/frequency/ANNUAL"},
                {"key": "temporal_start", "value": "2020-01-01T00:00:00"},
                {"key": "temporal_end", "value": "kein Datum"}
            ],
            "resources": [
                {"name": "Bäume als CSV", "format": "CSV", "url": "https://kreis.example/baeume.csv"},
                {"name": "Karte", "format": "http://publications.europa.eu/resource/authority/file-type/WMS_SRVC",
                 "url": "https://geo.kreis.example/wms", "license": "cc-by"},
                {"name": "Shapefile", "format": "SHP", "url": "https://kreis.example/baeume.shp"},
                {"name": "Intern", "format": "CSV", "url": "file:///etc/passwd"}
            ]
        })
    }

    #[test]
    fn a_govdata_package_becomes_a_draft_with_links() {
        let h = from_ckan(&govdata(), &defaults()).unwrap();
        assert_eq!(h.remote_id, "3f2a3b5e-1d7c-4a8e-9c1b-2f6e8d9a0b1c");
        assert_eq!(h.modified, "2024-05-02T09:15:27.123456");
        let d = &h.draft;
        assert_eq!(d.title, "Baumkataster Musterkreis");
        assert_eq!(d.keywords, vec!["Bäume", "Umwelt"]);
        assert_eq!(d.themes, vec!["ENVI", "AGRI"]);
        assert_eq!(d.accrual_periodicity, "ANNUAL");
        assert_eq!(d.temporal_start.as_deref(), Some("2020-01-01"));
        assert_eq!(d.temporal_end, None);
        assert_eq!(d.contact_email, "gruen@kreis.example");
        assert_eq!(d.landing_page, "https://kreis.example/baeume");
        assert_eq!(h.distributions.len(), 2);
        assert_eq!(h.distributions[0].format, "CSV");
        // The dataset's licence IRI with a trailing slash is known.
        assert_eq!(h.distributions[0].license, "dl-by-de/2.0");
        assert_eq!(h.distributions[1].format, "WMS_SRVC");
        assert_eq!(h.distributions[1].license, "cc-by/4.0");
        let keys: Vec<&str> = h.warnings.iter().map(|w| w.key.as_str()).collect();
        assert!(keys.contains(&"catalog-harvest-bad-date"), "{keys:?}");
        assert!(keys.contains(&"catalog-harvest-unknown-format"), "{keys:?}");
        assert_eq!(
            keys.iter()
                .filter(|k| **k == "catalog-harvest-resource-skipped")
                .count(),
            2
        );
    }

    #[test]
    fn missing_values_are_defaulted_with_a_warning() {
        let pkg = json!({
            "id": "a1", "name": "parkplaetze", "title": "Parkplätze",
            "notes": "", "metadata_modified": "2024-01-01T00:00:00",
            "resources": [{"url": "https://x.example/p.json", "format": "application/json"}]
        });
        let h = from_ckan(&pkg, &defaults()).unwrap();
        assert_eq!(h.draft.themes, vec!["GOVE"]);
        assert_eq!(h.draft.description, "Parkplätze");
        assert_eq!(h.draft.contact_name, "Kreis Beispiel");
        assert_eq!(h.draft.contact_email, "open@musterstadt.example");
        assert_eq!(h.draft.accrual_periodicity, "UNKNOWN");
        assert_eq!(h.distributions[0].format, "JSON");
        // No licence at all: not claimed open.
        assert_eq!(h.distributions[0].license, "other-closed");
        let keys: Vec<&str> = h.warnings.iter().map(|w| w.key.as_str()).collect();
        for k in [
            "catalog-harvest-default-theme",
            "catalog-harvest-default-description",
            "catalog-harvest-default-contact",
            "catalog-harvest-default-email",
            "catalog-harvest-unknown-license",
        ] {
            assert!(keys.contains(&k), "{k} missing in {keys:?}");
        }
        assert!(h.draft.validate().is_ok());
    }

    #[test]
    fn a_package_that_cannot_be_mapped_is_refused_with_the_reason() {
        let no_id = json!({"title": "Ohne Kennung"});
        assert_eq!(
            from_ckan(&no_id, &defaults()).unwrap_err().key,
            "catalog-harvest-no-id"
        );
        let no_title = json!({"id": "x", "name": "x", "title": ""});
        assert_eq!(
            from_ckan(&no_title, &defaults()).unwrap_err().key,
            "catalog-harvest-no-title"
        );
        // Without a contact address and without a fallback the draft is invalid.
        let pkg = json!({"id": "y", "name": "yy", "title": "Gültiger Titel", "notes": "Eine Beschreibung."});
        let e = from_ckan(&pkg, &Defaults::default()).unwrap_err();
        assert_eq!(e.key, "catalog-harvest-invalid");
        assert!(e.detail.contains("contact_email"), "{e:?}");
    }

    #[test]
    fn licences_and_formats_are_mapped_to_codes() {
        assert_eq!(
            license_code("http://dcat-ap.de/def/licenses/cc-by/4.0/"),
            Some("cc-by/4.0")
        );
        assert_eq!(license_code("dl-de-by-2.0"), Some("dl-by-de/2.0"));
        assert_eq!(license_code("cc-zero"), Some("cc-zero"));
        assert_eq!(license_code("proprietär"), None);
        assert_eq!(format_code("csv"), Some("CSV"));
        assert_eq!(format_code("text/turtle"), Some("RDF_TURTLE"));
        assert_eq!(
            format_code("http://publications.europa.eu/resource/authority/file-type/GEOJSON"),
            Some("GEOJSON")
        );
        assert_eq!(format_code("SHP"), None);
    }
}
