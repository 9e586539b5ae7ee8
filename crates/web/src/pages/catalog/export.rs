//! The DCAT-AP.de 3.0 export for GovData and other harvesters:
//! `/catalog.ttl`, `/catalog.rdf` (RDF/XML) and `/catalog.jsonld`, 100
//! datasets to a page (`?page=N`, from 1), by id ascending. Each page is
//! a `dcat:Catalog` that is also a `hydra:PagedCollection` with the links
//! harvesters follow (`hydra:next`, `hydra:nextPage`, …). A page number
//! that is not a whole number from 1 is a bad request with a message; a
//! page past the last one is not found. The graph is built in `dcat`.

pub mod dcat;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::AppState;
use axum::extract::Query;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use dcat::{Context, Format, Paging};
use serde::Deserialize;

/// Datasets on one page of the export.
pub const PER_PAGE: i64 = 100;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalog.ttl", get(turtle))
        .route("/catalog.rdf", get(rdf_xml))
        .route("/catalog.jsonld", get(json_ld))
}

#[derive(Deserialize)]
pub(super) struct PageQuery {
    page: Option<String>,
}

async fn turtle(ctx: Ctx, Query(q): Query<PageQuery>) -> AppResult {
    export(ctx, q, Format::Turtle).await
}

async fn rdf_xml(ctx: Ctx, Query(q): Query<PageQuery>) -> AppResult {
    export(ctx, q, Format::RdfXml).await
}

async fn json_ld(ctx: Ctx, Query(q): Query<PageQuery>) -> AppResult {
    export(ctx, q, Format::JsonLd).await
}

/// The page number of `?page=`: absent is 1; anything but a whole number
/// from 1 to [`teilhabe_store::MAX_PAGE`] is a bad request.
fn page_number(raw: Option<&str>) -> Result<i64, AppError> {
    let Some(raw) = raw else { return Ok(1) };
    match raw.trim().parse::<i64>() {
        Ok(n) => crate::params::page_number(Some(n)),
        Err(_) => Err(AppError::BadRequest(
            "error-page",
            raw.chars().take(40).collect(),
        )),
    }
}

async fn export(ctx: Ctx, q: PageQuery, format: Format) -> AppResult {
    let page = page_number(q.page.as_deref())?;
    let data = ctx
        .state
        .store
        .catalog()
        .export_page(&ctx.tenant, page, PER_PAGE)
        .await?;
    let paging = Paging::new(data.total, page, PER_PAGE);
    if !paging.exists() {
        return Err(AppError::NotFound);
    }
    let base = ctx.state.base_url_for(&ctx.tenant);
    let i18n = &ctx.state.i18n;
    let name = [("name", ctx.tenant.name.clone())];
    let texts: Vec<(&str, String, String)> = [crate::i18n::Lang::De, crate::i18n::Lang::En]
        .into_iter()
        .map(|lang| {
            (
                lang.code(),
                i18n.t(lang, "catalog-export-title", &name),
                i18n.t(lang, "catalog-export-description", &name),
            )
        })
        .collect();
    let cx = Context {
        base: base.trim_end_matches('/'),
        format,
        texts: &texts,
    };
    let triples = dcat::graph(&data, &paging, &cx);
    let body =
        dcat::serialize(&triples, format).map_err(|e| AppError::internal("catalog export", &e))?;
    let mut r = body.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::dcat::Paging;
    use super::page_number;

    fn links(p: &Paging) -> (i64, Option<i64>, Option<i64>) {
        (p.last, p.next(), p.previous())
    }

    #[test]
    fn paging_links_for_0_1_100_and_101_datasets() {
        // An empty catalog still has its one (empty) page.
        let p = Paging::new(0, 1, 100);
        assert!(p.exists());
        assert_eq!(links(&p), (1, None, None));
        assert!(!Paging::new(0, 2, 100).exists());
        assert_eq!(links(&Paging::new(1, 1, 100)), (1, None, None));
        assert!(!Paging::new(1, 2, 100).exists());
        assert_eq!(links(&Paging::new(100, 1, 100)), (1, None, None));
        assert!(!Paging::new(100, 2, 100).exists());
        assert_eq!(links(&Paging::new(101, 1, 100)), (2, Some(2), None));
        let second = Paging::new(101, 2, 100);
        assert!(second.exists());
        assert_eq!(links(&second), (2, None, Some(1)));
        assert!(!Paging::new(101, 3, 100).exists());
    }

    #[test]
    fn page_numbers_are_whole_numbers_from_one() {
        assert_eq!(page_number(None).unwrap(), 1);
        assert_eq!(page_number(Some("3")).unwrap(), 3);
        for bad in ["0", "-1", "eins", "1.5", "", "99999999999999999999"] {
            assert!(page_number(Some(bad)).is_err(), "{bad}");
        }
    }
}
