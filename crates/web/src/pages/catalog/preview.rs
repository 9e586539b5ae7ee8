//! The table preview of CSV, JSON and GeoJSON distributions: a section
//! on the dataset page (`Host::DatasetPage`, template
//! `catalog/preview_part.html`). The preview was computed when the file
//! was stored (`teilhabe_domain::catalog::preview`); here it is only put
//! into words and numbers in the reader's language.

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::i18n::{format_int, format_iso_date, Lang};
use crate::module::{Host, Section};
use serde::Serialize;
use teilhabe_domain::catalog::preview::{
    Column, ColumnType, Delimiter, Encoding, Preview, StoredPreview, STATS_ROWS,
};
use teilhabe_store::catalog::preview::FilePreview;
use teilhabe_store::catalog::DatasetRecord;

/// The preview section of the dataset page.
pub(super) const SECTION: Section = Section {
    host: Host::DatasetPage,
    template: "catalog/preview_part.html",
    load: previews_section,
};

crate::section_loader!(
    /// `catalog_previews` for `catalog/preview_part.html`.
    fn previews_section: Dataset => catalog_previews = load
);

async fn load(ctx: &Ctx, dataset: &DatasetRecord) -> AppResult<Vec<PreviewView>> {
    let previews = ctx
        .state
        .store
        .catalog()
        .previews(&ctx.tenant, dataset.id)
        .await?;
    Ok(views(ctx, &previews))
}

/// One file's preview as the template shows it.
#[derive(Debug, Serialize)]
pub struct PreviewView {
    pub distribution_id: i64,
    pub title: String,
    pub file_name: String,
    pub format: String,
    /// Why there is no table (translated), or empty.
    pub error: String,
    /// How the file was read (translated), e.g. "UTF-8, Semikolon".
    pub read_as: String,
    pub row_count: String,
    pub shown_rows: usize,
    /// The statistics cover only the first rows (translated note), or empty.
    pub truncated_note: String,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<String>>,
}

/// A column's type and statistics, formatted.
#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub name: String,
    /// `catalog-preview-type-*` key.
    pub type_key: String,
    pub values: String,
    pub empty: String,
    pub distinct: String,
    pub min: String,
    pub max: String,
    pub mean: String,
    pub first_date: String,
    pub last_date: String,
}

fn views(ctx: &Ctx, previews: &[FilePreview]) -> Vec<PreviewView> {
    let t = |key: &str, args: &[(&str, String)]| ctx.state.i18n.t(ctx.lang, key, args);
    previews
        .iter()
        .map(|p| {
            let mut v = PreviewView {
                distribution_id: p.distribution_id,
                title: p.title.clone(),
                file_name: p.file_name.clone(),
                format: p.format.clone(),
                error: String::new(),
                read_as: String::new(),
                row_count: String::new(),
                shown_rows: 0,
                truncated_note: String::new(),
                columns: Vec::new(),
                rows: Vec::new(),
            };
            match &p.preview {
                StoredPreview::Failed(e) => {
                    let mut args: Vec<(&str, String)> = e
                        .args
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.clone()))
                        .collect();
                    args.push(("line", e.line.unwrap_or(0).to_string()));
                    let reason = t(&e.key, &args);
                    v.error = match e.line {
                        Some(line) => t(
                            "catalog-preview-error-at-line",
                            &[("line", line.to_string()), ("reason", reason)],
                        ),
                        None => reason,
                    };
                }
                StoredPreview::Table(table) => fill(&mut v, table, ctx.lang, &t),
            }
            v
        })
        .collect()
}

/// Translates a key with arguments in the reader's language.
type Translate<'a> = &'a dyn Fn(&str, &[(&str, String)]) -> String;

fn fill(v: &mut PreviewView, p: &Preview, lang: Lang, t: Translate<'_>) {
    let encoding = t(
        match p.encoding {
            Encoding::Utf8 => "catalog-preview-encoding-utf8",
            Encoding::Utf8Bom => "catalog-preview-encoding-utf8-bom",
            Encoding::Windows1252 => "catalog-preview-encoding-windows-1252",
        },
        &[],
    );
    v.read_as = match p.delimiter {
        Some(d) => t(
            "catalog-preview-read-csv",
            &[
                ("encoding", encoding),
                (
                    "delimiter",
                    t(
                        match d {
                            Delimiter::Comma => "catalog-preview-delimiter-comma",
                            Delimiter::Semicolon => "catalog-preview-delimiter-semicolon",
                            Delimiter::Tab => "catalog-preview-delimiter-tab",
                        },
                        &[],
                    ),
                ),
            ],
        ),
        None => t("catalog-preview-read-json", &[("encoding", encoding)]),
    };
    v.row_count = int(p.row_count, lang);
    v.shown_rows = p.rows.len();
    if p.stats_truncated {
        v.truncated_note = t(
            "catalog-preview-stats-truncated",
            &[("rows", int(STATS_ROWS, lang))],
        );
    }
    v.columns = p.columns.iter().map(|c| column(c, lang)).collect();
    v.rows = p.rows.clone();
}

fn column(c: &Column, lang: Lang) -> ColumnView {
    let num =
        |x: Option<f64>, places: usize| x.map(|x| decimal(x, places, lang)).unwrap_or_default();
    let date = |d: &Option<String>| {
        d.as_deref()
            .map(|d| format_iso_date(d, lang))
            .unwrap_or_default()
    };
    let distinct = int(c.distinct, lang);
    ColumnView {
        name: c.name.clone(),
        type_key: format!("catalog-preview-type-{}", c.kind.as_str().replace('_', "-")),
        values: int(c.values, lang),
        empty: int(c.empty, lang),
        distinct: if c.distinct_capped {
            format!("> {distinct}")
        } else {
            distinct
        },
        min: num(c.min, 4),
        max: num(c.max, 4),
        mean: if c.kind == ColumnType::Integer || c.kind == ColumnType::Decimal {
            num(c.mean, 2)
        } else {
            String::new()
        },
        first_date: date(&c.first_date),
        last_date: date(&c.last_date),
    }
}

fn int(n: u64, lang: Lang) -> String {
    format_int(i64::try_from(n).unwrap_or(i64::MAX), lang)
}

/// A number with at most `places` decimals (trailing zeros dropped), in
/// the reader's format: "1.234,5" (de) or "1,234.5" (en).
pub fn decimal(x: f64, places: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{:.places$}", x.abs());
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let whole: i64 = whole.parse().unwrap_or(i64::MAX);
    let negative = x < 0.0 && (whole != 0 || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&format_int(whole, lang));
    if !frac.is_empty() {
        out.push(if lang == Lang::De { ',' } else { '.' });
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_in_german_and_english() {
        assert_eq!(decimal(1234.5, 2, Lang::De), "1.234,5");
        assert_eq!(decimal(1234.5, 2, Lang::En), "1,234.5");
        assert_eq!(decimal(-0.004, 2, Lang::De), "0");
        assert_eq!(decimal(-2.0, 2, Lang::De), "-2");
        assert_eq!(decimal(1107.3333333, 2, Lang::De), "1.107,33");
        assert_eq!(decimal(f64::NAN, 2, Lang::De), "");
    }
}
