//! The catalog for residents: `/daten` with search, facets and pages, a
//! dataset's page with every DCAT-AP.de property in plain words, and the
//! downloads of uploaded files. The staff forms are in `forms` (datasets)
//! and `files` (distributions).

mod files;
mod forms;
mod withdraw;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::module::{self, Host, HostRef};
use crate::params::page_number;
use crate::render::page;
use crate::AppState;
use axum::extract::{Path, Query};
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::catalog::vocab::{
    Vocabulary, ACCESS_RIGHTS, FILE_TYPES, FREQUENCIES, LICENSES, THEMES,
};
use teilhabe_store::catalog::browse::CatalogFilter;
use teilhabe_store::catalog::{DatasetRights, DistributionRecord};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/daten", get(list))
        .route("/daten/{name}", get(dataset_page))
        .merge(forms::routes())
        .merge(files::routes())
        .merge(withdraw::routes())
}

/// A vocabulary term for a select, checkbox or facet: its code and the
/// Fluent key of its label.
#[derive(Serialize)]
pub(super) struct Choice {
    value: &'static str,
    label_key: &'static str,
}

pub(super) fn choices(v: &Vocabulary) -> Vec<Choice> {
    v.terms
        .iter()
        .map(|t| Choice {
            value: t.code,
            label_key: t.label_key,
        })
        .collect()
}

/// The label key of a code (the code itself for an unknown one, which a
/// harvested dataset may bring).
pub(super) fn label_key(v: &Vocabulary, code: &str) -> String {
    v.get(code)
        .map(|t| t.label_key.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// A file size in words: "830 Bytes", "12,4 KB", "3,1 MB" (German
/// decimal comma).
pub(super) fn size_label(bytes: i64, lang: Lang) -> String {
    let (value, unit) = match bytes {
        b if b < 1024 => return format!("{} Bytes", crate::i18n::format_int(b, lang)),
        b if b < 1024 * 1024 => (b as f64 / 1024.0, "KB"),
        b => (b as f64 / (1024.0 * 1024.0), "MB"),
    };
    let s = format!("{value:.1}");
    let s = if lang == Lang::De {
        s.replace('.', ",")
    } else {
        s
    };
    format!("{s}\u{a0}{unit}")
}

/// The catalog's filters as the query string carries them.
#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    license: String,
    #[serde(default)]
    data_use: String,
    page: Option<i64>,
}

fn optional_id(s: &str, name: &str) -> Result<Option<i64>, AppError> {
    match s.trim() {
        "" => Ok(None),
        t => crate::params::parse_id(t)
            .map(Some)
            .map_err(|_| AppError::BadRequest("error-id", format!("{name}: {t}"))),
    }
}

/// A filter value must be a code of `v` (or empty).
fn code_of(v: &Vocabulary, value: &str, name: &str) -> Result<String, AppError> {
    if value.is_empty() || v.contains(value) {
        Ok(value.to_string())
    } else {
        Err(AppError::BadRequest(
            "error-invalid-choice",
            format!("{name}: {}", value.chars().take(40).collect::<String>()),
        ))
    }
}

impl ListQuery {
    fn filter(&self) -> Result<CatalogFilter, AppError> {
        if self.q.chars().count() > 200 {
            return Err(AppError::BadRequest("error-search-too-long", String::new()));
        }
        Ok(CatalogFilter {
            q: self.q.trim().to_string(),
            theme: code_of(&THEMES, &self.theme, "theme")?,
            department_id: optional_id(&self.department, "department")?,
            format: code_of(&FILE_TYPES, &self.format, "format")?,
            license: code_of(&LICENSES, &self.license, "license")?,
            data_use: optional_id(&self.data_use, "data_use")?,
            page: page_number(self.page)?,
        })
    }
}

/// The address of the catalog under `f` with one filter changed (`None`:
/// removed); the page starts again at 1.
fn link_with(f: &CatalogFilter, key: &str, value: Option<&str>) -> String {
    let dept = f.department_id.map(|d| d.to_string()).unwrap_or_default();
    let data_use = f.data_use.map(|d| d.to_string()).unwrap_or_default();
    let mut pairs: Vec<(&str, &str)> = vec![
        ("q", f.q.as_str()),
        ("theme", f.theme.as_str()),
        ("department", dept.as_str()),
        ("format", f.format.as_str()),
        ("license", f.license.as_str()),
        ("data_use", data_use.as_str()),
    ];
    for p in pairs.iter_mut() {
        if p.0 == key {
            p.1 = value.unwrap_or("");
        }
    }
    pairs.retain(|(_, v)| !v.is_empty());
    if pairs.is_empty() {
        "/daten".to_string()
    } else {
        format!(
            "/daten?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    }
}

/// One facet value as a link: its label, count, whether it is chosen,
/// and the address that chooses (or, when chosen, removes) it.
#[derive(Serialize)]
struct FacetLink {
    label_key: String,
    name: String,
    count: i64,
    selected: bool,
    href: String,
}

struct FacetSpec<'a> {
    key: &'static str,
    values: &'a [teilhabe_store::catalog::browse::FacetValue],
    vocabulary: Option<&'a Vocabulary>,
    current: String,
}

fn facet_links(f: &CatalogFilter, spec: FacetSpec<'_>) -> Vec<FacetLink> {
    spec.values
        .iter()
        .map(|v| {
            let selected = spec.current == v.value;
            FacetLink {
                label_key: spec
                    .vocabulary
                    .map(|voc| label_key(voc, &v.value))
                    .unwrap_or_default(),
                name: v.name.clone(),
                count: v.count,
                selected,
                href: link_with(f, spec.key, (!selected).then_some(v.value.as_str())),
            }
        })
        .collect()
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult {
    let filter = q.filter()?;
    let catalog = ctx.state.store.catalog();
    let result = catalog.browse(&ctx.tenant, &filter).await?;
    let facets = &result.facets;
    let id = |o: Option<i64>| o.map(|v| v.to_string()).unwrap_or_default();
    let facet = |key, values, vocabulary, current| {
        facet_links(
            &filter,
            FacetSpec {
                key,
                values,
                vocabulary,
                current,
            },
        )
    };
    let groups = vec![
        minijinja::context! { key => "theme", label_key => "catalog-facet-theme",
        values => facet("theme", &facets.themes, Some(&THEMES), filter.theme.clone()) },
        minijinja::context! { key => "department", label_key => "catalog-facet-department",
        values => facet("department", &facets.departments, None, id(filter.department_id)) },
        minijinja::context! { key => "format", label_key => "catalog-facet-format",
        values => facet("format", &facets.formats, Some(&FILE_TYPES), filter.format.clone()) },
        minijinja::context! { key => "license", label_key => "catalog-facet-license",
        values => facet("license", &facets.licenses, Some(&LICENSES), filter.license.clone()) },
        minijinja::context! { key => "data_use", label_key => "catalog-facet-data-use",
        values => facet("data_use", &facets.data_uses, None, id(filter.data_use)) },
    ];
    let cards: Vec<_> = result
        .datasets
        .items
        .iter()
        .map(|c| {
            let themes: Vec<String> = c
                .theme_codes
                .iter()
                .map(|t| label_key(&THEMES, t))
                .collect();
            let formats: Vec<String> = c
                .formats
                .iter()
                .map(|t| label_key(&FILE_TYPES, t))
                .collect();
            minijinja::context! {
                d => c.dataset,
                themes,
                formats,
                teaser => teaser(&c.dataset.description, 240),
            }
        })
        .collect();
    let pages = result.datasets.pages();
    let page_link = |n: i64| {
        let base = link_with(&filter, "", None);
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}page={n}")
    };
    let rights = DatasetRights::decide(&ctx.actor, None);
    page(
        &ctx,
        "catalog/pages_list.html",
        minijinja::context! {
            cards,
            groups,
            total => result.datasets.total,
            page => result.datasets.page,
            pages,
            prev => (result.datasets.page > 1).then(|| page_link(result.datasets.page - 1)),
            next => (result.datasets.page < pages).then(|| page_link(result.datasets.page + 1)),
            narrowed => filter.is_narrowed(),
            q => filter.q,
            theme => filter.theme,
            department => id(filter.department_id),
            format => filter.format,
            license => filter.license,
            data_use => id(filter.data_use),
            can_create => rights.create,
        },
    )
}

/// The start of a text, cut at a word, with "…" when cut.
fn teaser(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut} …")
}

/// A distribution as the dataset page shows it.
#[derive(Serialize)]
struct DistributionView<'a> {
    d: &'a DistributionRecord,
    format_key: String,
    license_key: String,
    license_iri: String,
    size: Option<String>,
    download: String,
}

fn distribution_view<'a>(
    name: &str,
    d: &'a DistributionRecord,
    lang: Lang,
) -> DistributionView<'a> {
    DistributionView {
        format_key: label_key(&FILE_TYPES, &d.format),
        license_key: label_key(&LICENSES, &d.license),
        license_iri: LICENSES.iri(&d.license),
        size: d.byte_size.map(|b| size_label(b, lang)),
        download: format!("/daten/{name}/dateien/{}", d.id),
        d,
    }
}

async fn dataset_page(ctx: Ctx, Path(name): Path<String>) -> AppResult {
    let catalog = ctx.state.store.catalog();
    let d = catalog.by_name(&ctx.tenant, &name).await?;
    if d.withdrawn_at.is_some() && !DatasetRights::decide(&ctx.actor, Some(&d)).manage {
        return Err(AppError::NotFound);
    }
    let distributions = catalog.distributions(&ctx.tenant, d.id).await?;
    let versions = catalog.versions(&ctx.tenant, d.id).await?;
    let origin = catalog.origin(&ctx.tenant, &d).await?;
    let rights = DatasetRights::decide(&ctx.actor, Some(&d));
    let dists: Vec<_> = distributions
        .iter()
        .map(|x| distribution_view(&d.name, x, ctx.lang))
        .collect();
    let themes: Vec<String> = d
        .theme_list()
        .iter()
        .map(|t| label_key(&THEMES, t))
        .collect();
    let sections = module::sections(&ctx, Host::DatasetPage, HostRef::Dataset(&d)).await?;
    page(
        &ctx,
        "catalog/pages_dataset.html",
        minijinja::context! {
            sections => sections.templates,
            d,
            themes,
            keywords => d.keyword_list(),
            frequency_key => label_key(&FREQUENCIES, &d.accrual_periodicity),
            access_key => label_key(&ACCESS_RIGHTS, &d.access_rights),
            origin,
            ars => ctx.tenant.ars,
            distributions => dists,
            versions,
            can_manage => rights.manage,
            ..sections.values
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_german_and_english() {
        assert_eq!(size_label(830, Lang::De), "830 Bytes");
        assert_eq!(size_label(12_700, Lang::De), "12,4\u{a0}KB");
        assert_eq!(size_label(3_250_000, Lang::En), "3.1\u{a0}MB");
    }

    #[test]
    fn facet_links_keep_the_other_filters_and_drop_the_page() {
        let f = CatalogFilter {
            q: "rad weg".into(),
            theme: "TRAN".into(),
            page: 3,
            ..Default::default()
        };
        assert_eq!(
            link_with(&f, "format", Some("CSV")),
            "/daten?q=rad+weg&theme=TRAN&format=CSV"
        );
        assert_eq!(link_with(&f, "theme", None), "/daten?q=rad+weg");
        assert_eq!(link_with(&CatalogFilter::default(), "", None), "/daten");
    }

    #[test]
    fn teasers_end_at_a_word() {
        assert_eq!(teaser("kurz", 10), "kurz");
        assert_eq!(teaser("eins zwei drei vier", 12), "eins zwei …");
    }

    /// Every vocabulary term and every error key of the catalog's rules
    /// has a text in both languages.
    #[test]
    fn every_vocabulary_label_and_error_has_a_text() {
        let i18n = crate::i18n::I18n::new();
        let mut keys: Vec<&str> = Vec::new();
        for v in [
            &THEMES,
            &FILE_TYPES,
            &FREQUENCIES,
            &ACCESS_RIGHTS,
            &LICENSES,
        ] {
            keys.extend(v.terms.iter().map(|t| t.label_key));
        }
        keys.extend([
            "catalog-error-keywords",
            "catalog-error-theme-required",
            "catalog-error-end-before-start",
            "catalog-error-url",
            "catalog-error-file-type",
            "catalog-error-file-empty",
            "catalog-error-file-too-large",
            "catalog-error-changed-meanwhile",
        ]);
        for lang in [Lang::De, Lang::En] {
            for k in &keys {
                assert!(i18n.has(lang, k), "{k} has no {} text", lang.code());
            }
        }
    }
}
