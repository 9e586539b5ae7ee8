//! The Atom feed of new datasets (`/daten/feed.atom`): the 50 newest by
//! issue date, written with `atom_syndication`, with absolute links from
//! the municipality's base URL and German titles (a feed reader sends no
//! language cookie; the catalog's language is German).

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::AppState;
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use teilhabe_domain::catalog::vocab::THEMES;
use teilhabe_store::catalog::DatasetRecord;

/// Datasets in the feed.
pub const FEED_ENTRIES: i64 = 50;
/// Characters of a description in an entry's summary.
const SUMMARY_MAX: usize = 600;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/daten/feed.atom", get(feed))
}

async fn feed(ctx: Ctx) -> AppResult<Response> {
    let datasets = ctx
        .state
        .store
        .catalog()
        .newest(&ctx.tenant, FEED_ENTRIES)
        .await?;
    let base = ctx.state.base_url_for(&ctx.tenant);
    let xml = atom(&ctx, base.trim_end_matches('/'), &datasets)?;
    let mut r = xml.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    Ok(r)
}

fn time(ms: i64) -> AppResult<FixedDateTime> {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map_err(|e| AppError::internal("feed time", &e))?;
    let s = t
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| AppError::internal("feed time", &e))?;
    FixedDateTime::parse_from_rfc3339(&s).map_err(|e| AppError::Internal(format!("feed time: {e}")))
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        mime_type: mime.map(str::to_string),
        ..Link::default()
    }
}

fn summary(description: &str) -> String {
    let d = description.trim();
    match d.char_indices().nth(SUMMARY_MAX) {
        Some((i, _)) => format!("{}…", &d[..i]),
        None => d.to_string(),
    }
}

/// The feed's XML.
fn atom(ctx: &Ctx, base: &str, datasets: &[DatasetRecord]) -> AppResult<String> {
    let t = |key: &str, args: &[(&str, String)]| ctx.state.i18n.t(Lang::De, key, args);
    let municipality = ctx.tenant.name.clone();
    let mut entries = Vec::with_capacity(datasets.len());
    for d in datasets {
        let page = format!("{base}/daten/{}", d.name);
        let mut categories: Vec<Category> = d
            .theme_list()
            .into_iter()
            .map(|code| {
                // The label once the vocabulary's texts are there.
                let label = THEMES
                    .get(&code)
                    .map(|term| term.label_key)
                    .filter(|key| ctx.state.i18n.has(Lang::De, key))
                    .map(|key| t(key, &[]));
                Category {
                    label,
                    scheme: Some(THEMES.base.to_string()),
                    term: code,
                }
            })
            .collect();
        categories.extend(d.keyword_list().into_iter().map(|k| Category {
            term: k,
            ..Category::default()
        }));
        entries.push(Entry {
            title: Text::plain(d.title.clone()),
            id: format!("urn:uuid:{}", d.identifier),
            updated: time(d.modified_at)?,
            published: Some(time(d.issued_at)?),
            authors: vec![Person {
                name: d
                    .department_name
                    .clone()
                    .unwrap_or_else(|| municipality.clone()),
                ..Person::default()
            }],
            links: vec![link(page, "alternate", Some("text/html"))],
            summary: Some(Text::plain(summary(&d.description))),
            categories,
            ..Entry::default()
        });
    }
    let updated = datasets
        .iter()
        .map(|d| d.modified_at.max(d.issued_at))
        .max()
        .unwrap_or(0);
    let feed = Feed {
        title: Text::plain(t(
            "catalog-feed-title",
            &[("municipality", municipality.clone())],
        )),
        subtitle: Some(Text::plain(t("catalog-feed-subtitle", &[]))),
        id: format!("{base}/daten/feed.atom"),
        updated: time(updated)?,
        authors: vec![Person {
            name: municipality,
            uri: Some(format!("{base}/")),
            ..Person::default()
        }],
        links: vec![
            link(
                format!("{base}/daten/feed.atom"),
                "self",
                Some("application/atom+xml"),
            ),
            link(format!("{base}/daten"), "alternate", Some("text/html")),
        ],
        lang: Some("de".into()),
        entries,
        ..Feed::default()
    };
    let mut xml = feed
        .write_to(Vec::new())
        .map_err(|e| AppError::internal("atom feed", &e))?;
    if !xml.starts_with(b"<?xml") {
        let mut with_decl = br#"<?xml version="1.0" encoding="utf-8"?>"#.to_vec();
        with_decl.append(&mut xml);
        xml = with_decl;
    }
    String::from_utf8(xml).map_err(|e| AppError::internal("atom feed", &e))
}
