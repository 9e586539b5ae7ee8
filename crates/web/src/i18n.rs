//! Translations with Project Fluent: `locales/de/` (default) and
//! `locales/en/`, each with `core.ftl` and one file per module
//! (`budget.ftl`, `opinion.ftl`, …), all embedded in the binary by
//! `build.rs`. German formats for numbers and dates when the page is German.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use unic_langid::langid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    /// First supported language of an Accept-Language header, German otherwise.
    pub fn from_accept_language(h: &str) -> Lang {
        for part in h.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag.starts_with("de") {
                return Lang::De;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::De
    }
}

mod embedded {
    // `LOCALES`: per language folder, its files as (file name, text).
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// The Fluent files of a language as (file name, text): `core.ftl` first,
/// then one file per module. Every file of `locales/<lang>/` is included;
/// no key may be defined in two of them (a test checks).
pub fn locale_files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    embedded::LOCALES
        .iter()
        .find(|(code, _)| *code == lang.code())
        .map(|(_, files)| *files)
        .unwrap_or(&[])
}

pub struct I18n {
    de: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(
    files: &[(&str, &str)],
    lang: unic_langid::LanguageIdentifier,
) -> FluentBundle<FluentResource> {
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    b.set_use_isolating(false);
    // The .ftl files are part of the build; a syntax error or a key defined
    // in two files is a programming error that the i18n tests catch.
    for (_, src) in files {
        let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, _)| res);
        let _ = b.add_resource(res);
    }
    b
}

impl Default for I18n {
    fn default() -> Self {
        Self::new()
    }
}

impl I18n {
    pub fn new() -> Self {
        I18n {
            de: bundle(locale_files(Lang::De), langid!("de")),
            en: bundle(locale_files(Lang::En), langid!("en")),
        }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }

    /// The message, or the key itself if missing (visible, never a crash).
    pub fn t(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        let b = self.bundle(lang);
        let Some(msg) = b.get_message(key) else {
            return key.to_string();
        };
        let Some(pattern) = msg.value() else {
            return key.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            // Numbers stay numbers so that plural selection works.
            match v.parse::<f64>() {
                Ok(n) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '-') => {
                    fargs.set(*k, FluentValue::from(n))
                }
                _ => fargs.set(*k, FluentValue::String(Cow::Owned(v.clone()))),
            }
        }
        let mut errors = vec![];
        b.format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }
}

/// 1234567 -> "1.234.567" (de) or "1,234,567" (en).
pub fn format_int(n: i64, lang: Lang) -> String {
    let sep = if lang == Lang::De { '.' } else { ',' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Unix milliseconds -> "27.11.2026" (de) or "27 Nov 2026" (en).
pub fn format_date(ms: i64, lang: Lang) -> String {
    let d = teilhabe_store::date_of(ms);
    format_ymd(d.year(), d.month() as u8, d.day(), lang)
}

pub fn format_ymd(y: i32, m: u8, d: u8, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{d:02}.{m:02}.{y}"),
        Lang::En => format!("{d} {} {y}", MONTHS_EN[(m.clamp(1, 12) - 1) as usize]),
    }
}

/// "2026-11-27" -> localized date; other text unchanged.
pub fn format_iso_date(s: &str, lang: Lang) -> String {
    let parts: Vec<&str> = s.split('-').collect();
    if let [y, m, d] = parts[..] {
        if let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) {
            return format_ymd(y, m, d, lang);
        }
    }
    s.to_string()
}

/// Date and time in UTC+1 is not assumed: times are shown in UTC with the
/// zone named, which is honest for a log that anyone verifies.
pub fn format_datetime(ms: i64, lang: Lang) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let date = format_ymd(t.year(), t.month() as u8, t.day(), lang);
    format!("{date}, {:02}:{:02} UTC", t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn german_formats() {
        assert_eq!(format_int(1_234_567, Lang::De), "1.234.567");
        assert_eq!(format_int(-1234, Lang::En), "-1,234");
        assert_eq!(format_int(999, Lang::De), "999");
        assert_eq!(format_date(1_795_780_800_000, Lang::De), "27.11.2026");
        assert_eq!(format_date(1_795_780_800_000, Lang::En), "27 Nov 2026");
        assert_eq!(format_iso_date("2026-03-01", Lang::De), "01.03.2026");
    }

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr, de;q=0.5"), Lang::De);
        assert_eq!(Lang::from_accept_language(""), Lang::De);
    }

    /// Message and term ids of an .ftl text: an entry starts at column 0
    /// with an identifier and `=` (continuation lines are indented or
    /// start with `}`, comments with `#`).
    fn keys(src: &str) -> Vec<String> {
        src.lines()
            .filter_map(|l| {
                let id: String = l
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                let first = id.chars().next()?;
                let is_id = first.is_ascii_alphabetic() || (first == '-' && id.len() > 1);
                (is_id && l[id.len()..].trim_start().starts_with('=')).then_some(id)
            })
            .collect()
    }

    #[test]
    fn both_locales_have_the_same_files_and_keys_and_parse() {
        let de = locale_files(Lang::De);
        let en = locale_files(Lang::En);
        let names = |files: &'static [(&'static str, &'static str)]| -> Vec<&'static str> {
            files.iter().map(|(n, _)| *n).collect()
        };
        assert_eq!(names(de).first(), Some(&"core.ftl"));
        assert!(names(de).len() > 1, "one file per module: {:?}", names(de));
        assert_eq!(names(de), names(en), "de/ and en/ hold the same files");
        for ((name, de_src), (_, en_src)) in de.iter().zip(en) {
            for (lang, src) in [("de", de_src), ("en", en_src)] {
                assert!(
                    FluentResource::try_new(src.to_string()).is_ok(),
                    "ftl syntax error in {lang}/{name}"
                );
            }
            let de_keys: BTreeSet<String> = keys(de_src).into_iter().collect();
            let en_keys: BTreeSet<String> = keys(en_src).into_iter().collect();
            assert!(!de_keys.is_empty(), "{name} has no keys");
            let only_de: Vec<_> = de_keys.difference(&en_keys).collect();
            let only_en: Vec<_> = en_keys.difference(&de_keys).collect();
            assert!(
                only_de.is_empty() && only_en.is_empty(),
                "{name}: only de: {only_de:?}, only en: {only_en:?}"
            );
        }
        let i18n = I18n::new();
        assert_eq!(
            i18n.t(Lang::De, "register-field-risk_category", &[]),
            "Risikostufe"
        );
        assert_eq!(i18n.t(Lang::En, "nav-goals", &[]), "Impact goals");
    }

    #[test]
    fn no_key_is_defined_twice() {
        for lang in [Lang::De, Lang::En] {
            // Across the files of a language, by the text ...
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            let mut twice = vec![];
            for (name, src) in locale_files(lang) {
                for key in keys(src) {
                    if let Some(first) = seen.insert(key.clone(), name) {
                        twice.push(format!("{key} ({first}, {name})"));
                    }
                }
            }
            assert!(
                twice.is_empty(),
                "{}: keys defined twice: {twice:?}",
                lang.code()
            );
            // ... and by Fluent itself, which keeps the first definition.
            let mut b = FluentBundle::new_concurrent(vec![langid!("de")]);
            for (name, src) in locale_files(lang) {
                let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(r, _)| r);
                if let Err(errors) = b.add_resource(res) {
                    panic!("{}/{name}: {errors:?}", lang.code());
                }
            }
        }
    }

    /// The register's field catalogue (labels, help texts, choice values,
    /// page sections) and the keys its rules and the goals' rules return
    /// have a text in both languages.
    #[test]
    fn register_catalogue_and_rules_have_texts() {
        use teilhabe_domain::register::fields::{value_label_key, Group, FIELDS};
        let mut want: Vec<String> = Vec::new();
        for f in FIELDS {
            want.push(f.label_key.to_string());
            want.push(f.help_key.to_string());
            for v in f.choices().unwrap_or_default() {
                want.push(value_label_key(f.name, v));
            }
        }
        want.extend(Group::ALL.iter().map(|g| g.label_key().to_string()));
        for k in [
            "error-required",
            "error-email",
            "error-phone",
            "error-url",
            "error-date",
            "error-uuid",
            "error-invalid-choice",
            "error-too-long",
            "error-date-before",
            "error-register-prohibited",
            "error-json",
            "error-ats-not-array",
            "error-ats-not-object",
            "error-not-text",
            "error-csv",
            "error-csv-empty",
            "error-csv-missing-column",
            "error-csv-field-count",
            "error-number",
            "error-unknown-indicator",
            "error-csv-duplicate",
            "indicator-state-achieved",
            "indicator-state-on_track",
            "indicator-state-off_track",
            "indicator-state-no_data",
        ] {
            want.push(k.to_string());
        }
        let i18n = I18n::new();
        for lang in [Lang::De, Lang::En] {
            for k in &want {
                assert!(i18n.has(lang, k), "{}: {k}", lang.code());
            }
        }
        assert_eq!(
            value_label_key("risk_category", "high risk"),
            "register-value-risk_category-high-risk"
        );
    }

    #[test]
    fn a_key_in_two_files_is_found() {
        let files = [
            ("core.ftl", "a = A\nb = B\n"),
            ("mod.ftl", "c = C\n-b = T\nb = again\n"),
        ];
        let all: Vec<String> = files.iter().flat_map(|(_, src)| keys(src)).collect();
        assert_eq!(all, ["a", "b", "c", "-b", "b"]);
        let mut b = FluentBundle::new_concurrent(vec![langid!("de")]);
        let results: Vec<bool> = files
            .iter()
            .map(|(_, src)| {
                let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(r, _)| r);
                b.add_resource(res).is_ok()
            })
            .collect();
        assert_eq!(results, [true, false]);
    }
}
