//! The open data catalog (issue #13): datasets and their distributions
//! described after DCAT-AP.de 3.0, with the rules of what staff may enter.
//! The vocabularies are in [`vocab`]; storage, pages, the RDF export and
//! the CKAN API build on these types.

pub mod harvest;
pub mod harvest_dcat;
pub mod preview;
pub mod requests;
pub mod solr;
pub mod vocab;

use crate::validation::FieldErrors;
use serde::{Deserialize, Serialize};
use vocab::{ACCESS_RIGHTS, FILE_TYPES, FREQUENCIES, LICENSES, THEMES};

/// Where a dataset comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Entered by the municipality's staff.
    Own,
    /// Published automatically from a closed process's results.
    Participation,
    /// Harvested from another catalog (CKAN or DCAT-AP.de).
    Harvested,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Own => "own",
            Origin::Participation => "participation",
            Origin::Harvested => "harvested",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "own" => Origin::Own,
            "participation" => Origin::Participation,
            "harvested" => Origin::Harvested,
            _ => return None,
        })
    }
}

/// A dataset's description, as staff enter it (and as each version keeps
/// it). Codes are those of [`vocab`]; dates ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DatasetDraft {
    pub title: String,
    pub description: String,
    pub keywords: Vec<String>,
    /// EU data-theme codes (`ENVI`, …).
    pub themes: Vec<String>,
    pub temporal_start: Option<String>,
    pub temporal_end: Option<String>,
    /// EU frequency code (`ANNUAL`, …).
    pub accrual_periodicity: String,
    pub contact_name: String,
    pub contact_email: String,
    /// An own landing page (an `https://` URL), or empty for the dataset
    /// page of this catalog.
    pub landing_page: String,
    /// EU access-right code (`PUBLIC`, …).
    pub access_rights: String,
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 20_000;
pub const KEYWORD_MAX: usize = 60;
pub const KEYWORDS_MAX: usize = 30;

impl DatasetDraft {
    /// Every invalid field at once (i18n keys of `catalog.ftl` and the
    /// shared `error-*` keys).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        e.text("title", &self.title, 3, TITLE_MAX);
        e.text("description", &self.description, 10, DESCRIPTION_MAX);
        if self.keywords.len() > KEYWORDS_MAX
            || self
                .keywords
                .iter()
                .any(|k| k.trim().is_empty() || k.chars().count() > KEYWORD_MAX)
        {
            e.add_with(
                "keywords",
                "catalog-error-keywords",
                vec![
                    ("max", KEYWORDS_MAX.to_string()),
                    ("len", KEYWORD_MAX.to_string()),
                ],
            );
        }
        if self.themes.is_empty() {
            e.add("themes", "catalog-error-theme-required");
        } else if self.themes.iter().any(|t| !THEMES.contains(t)) {
            e.add("themes", "error-invalid-choice");
        }
        let start = check_date(&mut e, "temporal_start", self.temporal_start.as_deref());
        let end = check_date(&mut e, "temporal_end", self.temporal_end.as_deref());
        if let (Some(s), Some(t)) = (start, end) {
            if t < s {
                e.add("temporal_end", "catalog-error-end-before-start");
            }
        }
        if !FREQUENCIES.contains(&self.accrual_periodicity) {
            e.add("accrual_periodicity", "error-invalid-choice");
        }
        e.text("contact_name", &self.contact_name, 2, 200);
        if !crate::validation::is_plausible_email(self.contact_email.trim()) {
            e.add("contact_email", "error-email");
        }
        if !self.landing_page.trim().is_empty() && !is_web_url(&self.landing_page) {
            e.add("landing_page", "catalog-error-url");
        }
        if !ACCESS_RIGHTS.contains(&self.access_rights) {
            e.add("access_rights", "error-invalid-choice");
        }
        e.into_result()
    }

    /// Keywords from a comma-separated field: trimmed, empty parts and
    /// repeats dropped, order kept.
    pub fn keywords_from(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for k in text.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(k)) {
                out.push(k.to_string());
            }
        }
        out
    }
}

fn check_date(e: &mut FieldErrors, field: &'static str, value: Option<&str>) -> Option<time::Date> {
    let v = value?.trim();
    if v.is_empty() {
        return None;
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(v, format) {
        Ok(d) => Some(d),
        Err(_) => {
            e.add_with(field, "error-date", vec![("value", v.to_string())]);
            None
        }
    }
}

/// An `http(s)://` URL with a host and no spaces.
pub fn is_web_url(s: &str) -> bool {
    let s = s.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !r.chars().any(char::is_whitespace) && s.len() <= 2000
    })
}

/// How a distribution is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistributionKind {
    /// A file uploaded to the catalog (stored, with size and SHA-256).
    File,
    /// A link to elsewhere (an API, a WMS, a file on another server).
    Link,
}

impl DistributionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DistributionKind::File => "file",
            DistributionKind::Link => "link",
        }
    }
}

/// The description of a distribution (its file or link comes separately).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DistributionDraft {
    pub title: String,
    pub description: String,
    /// EU file-type code.
    pub format: String,
    /// DCAT-AP.de licence code (default [`vocab::DEFAULT_LICENSE`]).
    pub license: String,
    /// For a link: its URL (for a file: empty).
    pub access_url: String,
}

/// The largest file a distribution may upload (bytes).
pub const FILE_MAX_BYTES: usize = 20 * 1024 * 1024;

impl DistributionDraft {
    pub fn validate(&self, kind: DistributionKind) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        e.text("title", &self.title, 2, TITLE_MAX);
        e.optional_text("description", &self.description, 5000);
        if !FILE_TYPES.contains(&self.format) {
            e.add("format", "error-invalid-choice");
        }
        if !LICENSES.contains(&self.license) {
            e.add("license", "error-invalid-choice");
        }
        if kind == DistributionKind::Link && !is_web_url(&self.access_url) {
            e.add("access_url", "catalog-error-url");
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> DatasetDraft {
        DatasetDraft {
            title: "Verkehrszählungen".into(),
            description: "Zählstellen für Rad- und Kfz-Verkehr, stündlich.".into(),
            keywords: vec!["Verkehr".into()],
            themes: vec!["TRAN".into()],
            temporal_start: Some("2024-01-01".into()),
            temporal_end: Some("2024-12-31".into()),
            accrual_periodicity: "MONTHLY".into(),
            contact_name: "Amt für Mobilität".into(),
            contact_email: "mobil@musterstadt.example".into(),
            landing_page: String::new(),
            access_rights: "PUBLIC".into(),
        }
    }

    #[test]
    fn a_complete_dataset_passes_and_each_fault_is_named() {
        assert!(good().validate().is_ok());
        let bad = DatasetDraft {
            title: "V".into(),
            themes: vec!["NOPE".into()],
            temporal_end: Some("2023-01-01".into()),
            accrual_periodicity: "SOMETIMES".into(),
            contact_email: "kein".into(),
            landing_page: "javascript:alert(1)".into(),
            ..good()
        };
        let e = bad.validate().unwrap_err();
        for f in [
            "title",
            "themes",
            "temporal_end",
            "accrual_periodicity",
            "contact_email",
            "landing_page",
        ] {
            assert!(e.get(f).is_some(), "{f} not reported: {e}");
        }
        assert_eq!(
            e.get("temporal_end").unwrap().key,
            "catalog-error-end-before-start"
        );
    }

    #[test]
    fn keywords_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            DatasetDraft::keywords_from(" Rad, Verkehr,, rad ,Zählung"),
            vec!["Rad", "Verkehr", "Zählung"]
        );
    }

    #[test]
    fn a_link_needs_a_web_address() {
        let d = DistributionDraft {
            title: "WMS".into(),
            format: "WMS_SRVC".into(),
            license: vocab::DEFAULT_LICENSE.into(),
            access_url: "ftp://x".into(),
            ..Default::default()
        };
        assert!(d
            .validate(DistributionKind::Link)
            .unwrap_err()
            .get("access_url")
            .is_some());
        assert!(d.validate(DistributionKind::File).is_ok());
    }
}
