//! The controlled vocabularies a DCAT-AP.de 3.0 catalog uses: the EU data
//! themes, file types, frequencies and access rights (EU Publications
//! Office authority tables) and the licences of `dcat-ap.de/def/licenses`.
//! Each entry is its code (the last part of its IRI) and an i18n key; the
//! IRI is built from the code, so stored rows keep only the code.

/// One term of a vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub code: &'static str,
    /// Fluent key of its German/English label.
    pub label_key: &'static str,
}

/// A vocabulary: the base IRI its terms' codes are appended to.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    pub base: &'static str,
    pub terms: &'static [Term],
}

impl Vocabulary {
    pub fn get(&self, code: &str) -> Option<&'static Term> {
        self.terms.iter().find(|t| t.code == code)
    }
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }
    /// The term's IRI (`base` + code).
    pub fn iri(&self, code: &str) -> String {
        format!("{}{}", self.base, code)
    }
    /// The code of an IRI of this vocabulary (also without the base, and
    /// for licences with a trailing slash some publishers add).
    pub fn code_of(&self, iri_or_code: &str) -> Option<&'static str> {
        let s = iri_or_code.trim();
        let s = s.strip_prefix(self.base).unwrap_or(s);
        let s = s.trim_end_matches('/');
        self.terms
            .iter()
            .find(|t| t.code.eq_ignore_ascii_case(s))
            .map(|t| t.code)
    }
}

macro_rules! terms {
    ($($code:literal => $key:literal),* $(,)?) => {
        &[$(Term { code: $code, label_key: $key }),*]
    };
}

/// EU data themes (`dcat:theme`). GovData and CKAN groups use the
/// lower-case code as the group name (`envi`, `soci`).
pub const THEMES: Vocabulary = Vocabulary {
    base: "http://publications.europa.eu/resource/authority/data-theme/",
    terms: terms![
        "AGRI" => "catalog-theme-agri",
        "ECON" => "catalog-theme-econ",
        "EDUC" => "catalog-theme-educ",
        "ENER" => "catalog-theme-ener",
        "ENVI" => "catalog-theme-envi",
        "GOVE" => "catalog-theme-gove",
        "HEAL" => "catalog-theme-heal",
        "INTR" => "catalog-theme-intr",
        "JUST" => "catalog-theme-just",
        "REGI" => "catalog-theme-regi",
        "SOCI" => "catalog-theme-soci",
        "TECH" => "catalog-theme-tech",
        "TRAN" => "catalog-theme-tran",
    ],
};

/// EU file types (`dct:format`), the ones a municipality publishes.
pub const FILE_TYPES: Vocabulary = Vocabulary {
    base: "http://publications.europa.eu/resource/authority/file-type/",
    terms: terms![
        "CSV" => "catalog-format-csv",
        "JSON" => "catalog-format-json",
        "GEOJSON" => "catalog-format-geojson",
        "XLSX" => "catalog-format-xlsx",
        "PDF" => "catalog-format-pdf",
        "XML" => "catalog-format-xml",
        "HTML" => "catalog-format-html",
        "ZIP" => "catalog-format-zip",
        "TXT" => "catalog-format-txt",
        "RDF_TURTLE" => "catalog-format-turtle",
        "WMS_SRVC" => "catalog-format-wms",
        "WFS_SRVC" => "catalog-format-wfs",
    ],
};

/// EU frequencies (`dct:accrualPeriodicity`).
pub const FREQUENCIES: Vocabulary = Vocabulary {
    base: "http://publications.europa.eu/resource/authority/frequency/",
    terms: terms![
        "CONT" => "catalog-frequency-cont",
        "DAILY" => "catalog-frequency-daily",
        "WEEKLY" => "catalog-frequency-weekly",
        "MONTHLY" => "catalog-frequency-monthly",
        "QUARTERLY" => "catalog-frequency-quarterly",
        "ANNUAL_2" => "catalog-frequency-annual-2",
        "ANNUAL" => "catalog-frequency-annual",
        "IRREG" => "catalog-frequency-irreg",
        "NEVER" => "catalog-frequency-never",
        "UNKNOWN" => "catalog-frequency-unknown",
    ],
};

/// EU access rights (`dct:accessRights`).
pub const ACCESS_RIGHTS: Vocabulary = Vocabulary {
    base: "http://publications.europa.eu/resource/authority/access-right/",
    terms: terms![
        "PUBLIC" => "catalog-access-public",
        "RESTRICTED" => "catalog-access-restricted",
        "NON_PUBLIC" => "catalog-access-non-public",
    ],
};

/// Licences of DCAT-AP.de (`dct:license`), IRIs without a trailing slash.
pub const LICENSES: Vocabulary = Vocabulary {
    base: "http://dcat-ap.de/def/licenses/",
    terms: terms![
        "dl-by-de/2.0" => "catalog-license-dl-by-de",
        "dl-zero-de/2.0" => "catalog-license-dl-zero-de",
        "cc-by/4.0" => "catalog-license-cc-by",
        "cc-by-sa/4.0" => "catalog-license-cc-by-sa",
        "cc-zero" => "catalog-license-cc-zero",
        "odbl" => "catalog-license-odbl",
        "officialWork" => "catalog-license-official-work",
        "other-open" => "catalog-license-other-open",
        "other-closed" => "catalog-license-other-closed",
    ],
};

/// The licence a new distribution gets unless staff choose another.
pub const DEFAULT_LICENSE: &str = "dl-by-de/2.0";

/// Licences that are open in the sense of the Open Definition (CKAN's
/// `isopen`).
pub fn license_is_open(code: &str) -> bool {
    !matches!(code, "other-closed")
}

/// The EU file type of an uploaded file, from its name's extension.
pub fn file_type_for_name(file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "csv" => "CSV",
        "json" => "JSON",
        "geojson" => "GEOJSON",
        "xlsx" => "XLSX",
        "pdf" => "PDF",
        _ => return None,
    })
}

/// The media type served for a file of this EU file type.
pub fn media_type(code: &str) -> &'static str {
    match code {
        "CSV" => "text/csv",
        "JSON" => "application/json",
        "GEOJSON" => "application/geo+json",
        "XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "PDF" => "application/pdf",
        "XML" => "application/xml",
        "HTML" => "text/html",
        "ZIP" => "application/zip",
        "TXT" => "text/plain",
        "RDF_TURTLE" => "text/turtle",
        _ => "application/octet-stream",
    }
}

/// The base of `dcatde:contributorID` IRIs.
pub const CONTRIBUTORS_BASE: &str = "http://dcat-ap.de/def/contributors/";

/// `dct:spatial` for a municipality's regional key (ARS).
pub fn regional_key_iri(ars: &str) -> String {
    format!("http://dcat-ap.de/def/politicalGeocoding/regionalKey/{ars}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_come_back_from_their_iris_and_licences_lose_a_trailing_slash() {
        assert_eq!(THEMES.code_of(&THEMES.iri("ENVI")), Some("ENVI"));
        assert_eq!(
            LICENSES.code_of("http://dcat-ap.de/def/licenses/dl-by-de/2.0/"),
            Some("dl-by-de/2.0")
        );
        assert_eq!(LICENSES.code_of("cc-by/4.0"), Some("cc-by/4.0"));
        assert_eq!(FILE_TYPES.code_of("csv"), Some("CSV"));
        assert_eq!(THEMES.code_of("XXXX"), None);
        assert!(LICENSES.contains(DEFAULT_LICENSE));
    }

    #[test]
    fn uploads_get_their_file_type_from_the_extension() {
        assert_eq!(file_type_for_name("Zählung 2025.CSV"), Some("CSV"));
        assert_eq!(file_type_for_name("b.geojson"), Some("GEOJSON"));
        assert_eq!(file_type_for_name("programm.exe"), None);
        assert_eq!(file_type_for_name("ohne-endung"), None);
    }
}
