//! The CKAN Action API (read-only), as CKAN 2.10 answers it, so that CKAN
//! clients (`ckanapi`, GovData's and regional portals' harvesters) read
//! the catalog: `/api/3/action/{name}` and `/api/action/{name}`, GET with
//! query parameters or POST with a JSON body. Every answer is the envelope
//! `{help, success, result}`; errors are `{help, success: false, error:
//! {__type, message}}` with CKAN's status codes (Not Found 404, Validation
//! 409, Authorization 403, Search Query 400); an unknown action is a 400
//! whose body is a JSON string, as in CKAN.
//!
//! These routes are not part of the OpenAPI document (`/api/openapi.json`
//! describes our own API; this one is CKAN's, documented by CKAN). They
//! only read public data, so a POST needs no CSRF token and anonymous
//! calls work; a bearer token is accepted like everywhere under `/api`.

use crate::ctx::Ctx;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value};
use teilhabe_domain::catalog::solr::{self, iso};
use teilhabe_domain::catalog::vocab::{
    license_is_open, Vocabulary, ACCESS_RIGHTS, CONTRIBUTORS_BASE, DEFAULT_LICENSE, FREQUENCIES,
    LICENSES, THEMES,
};
use teilhabe_store::catalog::ckan::{Organization, SearchQuery, FACET_FIELDS};
use teilhabe_store::catalog::{DatasetRecord, DistributionRecord};
use teilhabe_store::StoreError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/3/action/{name}", get(action).post(action))
        .route("/api/action/{name}", get(action).post(action))
}

/// The most rows `package_search` returns at once.
pub const ROWS_MAX: i64 = 1000;

/// Why an action failed, as CKAN names it.
enum Failure {
    NotFound(String),
    Validation(Map<String, Value>),
    SearchQuery(String),
    Authorization(String),
    Internal(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Failure::NotFound(String::new()),
            StoreError::Denied(_) => Failure::Authorization(String::new()),
            e => Failure::Internal(e),
        }
    }
}

fn invalid(field: &str, message: &str) -> Failure {
    let mut m = Map::new();
    m.insert(field.into(), json!([message]));
    Failure::Validation(m)
}

type Outcome = Result<Value, Failure>;

/// The parameters of a call, from the query (GET) or the JSON body (POST).
struct Params(Map<String, Value>);

impl Params {
    fn str(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            v => Some(v.to_string()),
        }
    }
    fn int(&self, key: &str) -> Result<Option<i64>, Failure> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| invalid(key, "Invalid integer")),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| invalid(key, "Invalid integer")),
            Some(_) => Err(invalid(key, "Invalid integer")),
        }
    }
    /// A natural number (0 or more).
    fn natural(&self, key: &str) -> Result<Option<i64>, Failure> {
        match self.int(key)? {
            Some(n) if n < 0 => Err(invalid(key, "Must be a natural number")),
            n => Ok(n),
        }
    }
    /// CKAN's `asbool`: true/false, yes/no, on/off, 1/0.
    fn bool(&self, key: &str) -> Result<bool, Failure> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::Number(n)) => Ok(n.as_i64() != Some(0)),
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "y" | "t" | "1" => Ok(true),
                "false" | "no" | "off" | "n" | "f" | "0" | "" => Ok(false),
                _ => Err(invalid(key, "Value must be one of true or false")),
            },
            Some(_) => Err(invalid(key, "Value must be one of true or false")),
        }
    }
    fn id(&self) -> Result<String, Failure> {
        self.str("id")
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| invalid("id", "Missing value"))
    }
}

async fn action(
    ctx: Ctx,
    method: Method,
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let base = ctx.state.base_url_for(&ctx.tenant);
    let base = base.trim_end_matches('/').to_string();
    let help = format!("{base}/api/3/action/help_show?name={name}");
    let params = if method == Method::POST && !body.iter().all(u8::is_ascii_whitespace) {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(m)) => Params(m),
            Ok(other) => {
                return bad_request(&format!(
                    "Bad request data: Request data JSON decoded to {other} but it needs to be a dictionary."
                ))
            }
            Err(e) => return bad_request(&format!("JSON Error: {e}")),
        }
    } else {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
        let mut m = Map::new();
        for (k, v) in pairs {
            m.insert(k, Value::String(v));
        }
        Params(m)
    };
    let api = Api {
        ctx: &ctx,
        base: &base,
    };
    let outcome = match name.as_str() {
        "status_show" => Ok(api.status_show()),
        "package_list" => api.package_list(&params).await,
        "package_show" => api.package_show(&params).await,
        "package_search" => api.package_search(&params).await,
        "organization_list" => api.organization_list(&params).await,
        "organization_show" => api.organization_show(&params).await,
        "group_list" => api.group_list(&params).await,
        "group_show" => api.group_show(&params).await,
        "resource_show" => api.resource_show(&params).await,
        "tag_list" => api.tag_list(&params).await,
        "license_list" => Ok(api.license_list()),
        _ => return bad_request(&format!("Action name not known: {name}")),
    };
    let (status, body) = match outcome {
        Ok(result) => (
            StatusCode::OK,
            json!({"help": help, "success": true, "result": result}),
        ),
        Err(f) => {
            let (status, error) = match f {
                Failure::NotFound(what) => (
                    StatusCode::NOT_FOUND,
                    json!({"__type": "Not Found Error", "message": with_detail("Not found", &what)}),
                ),
                Failure::Validation(mut m) => {
                    m.insert("__type".into(), json!("Validation Error"));
                    (StatusCode::CONFLICT, Value::Object(m))
                }
                Failure::SearchQuery(why) => (
                    StatusCode::BAD_REQUEST,
                    json!({"__type": "Search Query Error", "message": format!("Search Query is invalid: {why}")}),
                ),
                Failure::Authorization(what) => (
                    StatusCode::FORBIDDEN,
                    json!({"__type": "Authorization Error", "message": with_detail("Access denied", &what)}),
                ),
                Failure::Internal(e) => {
                    tracing::error!(error = ?e, action = %name, "CKAN action failed");
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        json!({"__type": "Internal Server Error", "message": "Internal Server Error"}),
                    )
                }
            };
            (
                status,
                json!({"help": help, "success": false, "error": error}),
            )
        }
    };
    json_response(status, &body)
}

fn with_detail(head: &str, detail: &str) -> String {
    if detail.is_empty() {
        head.to_string()
    } else {
        format!("{head}: {detail}")
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json;charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

/// CKAN's `_finish_bad_request`: a 400 whose body is a JSON string.
fn bad_request(msg: &str) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &Value::String(format!("Bad request - {msg}")),
    )
}

struct Api<'a> {
    ctx: &'a Ctx,
    base: &'a str,
}

impl Api<'_> {
    fn label(&self, v: &Vocabulary, code: &str) -> String {
        match v.get(code) {
            Some(t) => {
                let s = self.ctx.t(t.label_key);
                if s == t.label_key {
                    code.to_string()
                } else {
                    s
                }
            }
            None => code.to_string(),
        }
    }

    fn status_show(&self) -> Value {
        json!({
            "site_title": self.ctx.tenant.name,
            "site_description": "",
            "site_url": self.base,
            "ckan_version": "2.10.0",
            "error_emails_to": null,
            "locale_default": "de",
            "extensions": [],
        })
    }

    async fn package_list(&self, p: &Params) -> Outcome {
        let limit = p.natural("limit")?;
        let offset = p.natural("offset")?.unwrap_or(0);
        let names = self
            .ctx
            .state
            .store
            .catalog()
            .package_names(&self.ctx.tenant, limit, offset)
            .await?;
        Ok(json!(names))
    }

    async fn find(&self, id: &str) -> Result<DatasetRecord, Failure> {
        let catalog = self.ctx.state.store.catalog();
        let tenant = &self.ctx.tenant;
        let d = match catalog.by_identifier(tenant, id).await {
            Err(StoreError::NotFound) => catalog.by_name(tenant, id).await,
            r => r,
        };
        match d {
            Ok(d) if d.withdrawn_at.is_none() => Ok(d),
            Ok(_) | Err(StoreError::NotFound) => Err(Failure::NotFound(String::new())),
            Err(e) => Err(e.into()),
        }
    }

    async fn package_show(&self, p: &Params) -> Outcome {
        let d = self.find(&p.id()?).await?;
        let dists = self
            .ctx
            .state
            .store
            .catalog()
            .distributions(&self.ctx.tenant, d.id)
            .await?;
        let orgs = self.organizations().await?;
        Ok(self.package(&d, &dists, &orgs))
    }

    async fn organizations(&self) -> Result<Vec<Organization>, Failure> {
        Ok(self
            .ctx
            .state
            .store
            .catalog()
            .organizations(&self.ctx.tenant)
            .await?)
    }

    async fn package_search(&self, p: &Params) -> Outcome {
        let rows = p.natural("rows")?.unwrap_or(10);
        if rows > ROWS_MAX {
            return Err(invalid(
                "rows",
                &format!("Must be less than or equal to {ROWS_MAX}"),
            ));
        }
        let start = p.natural("start")?.unwrap_or(0);
        let mut clauses = Vec::new();
        for key in ["q", "fq"] {
            if let Some(text) = p.str(key) {
                clauses.extend(
                    solr::parse(&text).map_err(|e| Failure::SearchQuery(format!("{key}: {e}")))?,
                );
            }
        }
        if let Some(Value::Array(list)) = p.0.get("fq_list") {
            for v in list {
                let text = v.as_str().unwrap_or_default();
                clauses.extend(
                    solr::parse(text).map_err(|e| Failure::SearchQuery(format!("fq_list: {e}")))?,
                );
            }
        }
        let sort_text = p
            .str("sort")
            .unwrap_or_else(|| "score desc, metadata_modified desc".into());
        let sort =
            solr::parse_sort(&sort_text).map_err(|e| Failure::SearchQuery(format!("sort: {e}")))?;
        let facet_fields: Vec<String> = match p.0.get("facet.field") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect(),
            Some(Value::String(s)) => serde_json::from_str::<Vec<String>>(s)
                .map_err(|_| invalid("facet.field", "Must be a JSON list of field names"))?,
            Some(_) => return Err(invalid("facet.field", "Must be a JSON list of field names")),
        };
        if let Some(f) = facet_fields
            .iter()
            .find(|f| !FACET_FIELDS.contains(&f.as_str()))
        {
            return Err(Failure::SearchQuery(format!(
                "facet.field: cannot count '{f}' (known: {})",
                FACET_FIELDS.join(", ")
            )));
        }
        let facet_limit = p.int("facet.limit")?.unwrap_or(50);
        let facet_mincount = p.int("facet.mincount")?.unwrap_or(1);
        let query = SearchQuery {
            clauses,
            sort,
            start,
            rows,
            facet_fields,
        };
        let page = self
            .ctx
            .state
            .store
            .catalog()
            .search(&self.ctx.tenant, &query)
            .await?;
        let orgs = &page.organizations;
        let none = Vec::new();
        let results: Vec<Value> = page
            .datasets
            .iter()
            .map(|d| self.package(d, page.distributions.get(&d.id).unwrap_or(&none), orgs))
            .collect();
        let mut facets = Map::new();
        let mut search_facets = Map::new();
        for (field, items) in &page.facets {
            let items: Vec<&(String, i64)> = items
                .iter()
                .filter(|(_, n)| *n >= facet_mincount)
                .take(if facet_limit < 0 {
                    usize::MAX
                } else {
                    facet_limit as usize
                })
                .collect();
            facets.insert(
                field.clone(),
                Value::Object(items.iter().map(|(k, n)| (k.clone(), json!(n))).collect()),
            );
            let listed: Vec<Value> = items
                .iter()
                .map(|(k, n)| {
                    let display = match field.as_str() {
                        "organization" => orgs
                            .iter()
                            .find(|o| &o.name == k)
                            .map(|o| o.title.clone())
                            .unwrap_or_else(|| k.clone()),
                        "groups" => self.label(&THEMES, &k.to_uppercase()),
                        "license_id" => LICENSES
                            .code_of(k)
                            .map(|c| self.label(&LICENSES, c))
                            .unwrap_or_else(|| k.clone()),
                        _ => k.clone(),
                    };
                    json!({"name": k, "display_name": display, "count": n})
                })
                .collect();
            search_facets.insert(field.clone(), json!({"title": field, "items": listed}));
        }
        Ok(json!({
            "count": page.count,
            "sort": sort_text,
            "facets": facets,
            "search_facets": search_facets,
            "results": results,
        }))
    }

    fn organization(&self, o: &Organization) -> Value {
        json!({
            "id": o.name,
            "name": o.name,
            "title": o.title,
            "display_name": o.title,
            "description": "",
            "image_url": "",
            "type": "organization",
            "is_organization": true,
            "state": "active",
            "approval_status": "approved",
            "package_count": o.package_count,
        })
    }

    async fn organization_list(&self, p: &Params) -> Outcome {
        let all_fields = p.bool("all_fields")?;
        let limit = p.natural("limit")?.unwrap_or(i64::MAX) as usize;
        let offset = p.natural("offset")?.unwrap_or(0) as usize;
        let orgs = self.organizations().await?;
        let page = orgs.iter().skip(offset).take(limit);
        Ok(if all_fields {
            json!(page.map(|o| self.organization(o)).collect::<Vec<_>>())
        } else {
            json!(page.map(|o| o.name.clone()).collect::<Vec<_>>())
        })
    }

    async fn organization_show(&self, p: &Params) -> Outcome {
        let id = p.id()?;
        let orgs = self.organizations().await?;
        let o = orgs
            .iter()
            .find(|o| o.name == id)
            .ok_or_else(|| Failure::NotFound("Organization was not found.".into()))?;
        let mut v = self.organization(o);
        if p.bool("include_datasets")? {
            v["packages"] = self
                .packages_where(solr::Field::Organization, &o.name)
                .await?;
        }
        Ok(v)
    }

    /// Up to 1000 package dicts of one organisation or group.
    async fn packages_where(&self, field: solr::Field, value: &str) -> Outcome {
        let query = SearchQuery {
            clauses: vec![solr::Clause {
                negated: false,
                field,
                value: solr::Value::Text(value.to_string()),
            }],
            sort: vec![(solr::SortKey::Name, false)],
            start: 0,
            rows: ROWS_MAX,
            facet_fields: Vec::new(),
        };
        let page = self
            .ctx
            .state
            .store
            .catalog()
            .search(&self.ctx.tenant, &query)
            .await?;
        let orgs = self.organizations().await?;
        let none = Vec::new();
        Ok(json!(page
            .datasets
            .iter()
            .map(|d| self.package(d, page.distributions.get(&d.id).unwrap_or(&none), &orgs))
            .collect::<Vec<_>>()))
    }

    fn group(&self, code: &str, count: i64) -> Value {
        let title = self.label(&THEMES, code);
        json!({
            "id": code.to_lowercase(),
            "name": code.to_lowercase(),
            "title": title,
            "display_name": title,
            "description": "",
            "image_url": "",
            "type": "group",
            "is_organization": false,
            "state": "active",
            "approval_status": "approved",
            "package_count": count,
            "uri": THEMES.iri(code),
        })
    }

    async fn group_list(&self, p: &Params) -> Outcome {
        let all_fields = p.bool("all_fields")?;
        let counts = self
            .ctx
            .state
            .store
            .catalog()
            .theme_counts(&self.ctx.tenant)
            .await?;
        let limit = p.natural("limit")?.unwrap_or(i64::MAX) as usize;
        let offset = p.natural("offset")?.unwrap_or(0) as usize;
        let page = THEMES.terms.iter().skip(offset).take(limit);
        Ok(if all_fields {
            json!(page
                .map(|t| self.group(t.code, counts.get(t.code).copied().unwrap_or(0)))
                .collect::<Vec<_>>())
        } else {
            json!(page.map(|t| t.code.to_lowercase()).collect::<Vec<_>>())
        })
    }

    async fn group_show(&self, p: &Params) -> Outcome {
        let id = p.id()?;
        let code = THEMES
            .code_of(&id)
            .ok_or_else(|| Failure::NotFound("Group was not found.".into()))?;
        let counts = self
            .ctx
            .state
            .store
            .catalog()
            .theme_counts(&self.ctx.tenant)
            .await?;
        let mut v = self.group(code, counts.get(code).copied().unwrap_or(0));
        if p.bool("include_datasets")? {
            v["packages"] = self.packages_where(solr::Field::Groups, code).await?;
        }
        Ok(v)
    }

    async fn resource_show(&self, p: &Params) -> Outcome {
        let id = p.id()?;
        let not_found = || Failure::NotFound("Resource was not found.".into());
        let id: i64 = id.trim().parse().map_err(|_| not_found())?;
        let catalog = self.ctx.state.store.catalog();
        let r = match catalog.distribution(&self.ctx.tenant, id).await {
            Err(StoreError::NotFound) => return Err(not_found()),
            r => r?,
        };
        let d = catalog.by_id(&self.ctx.tenant, r.dataset_id).await?;
        if d.withdrawn_at.is_some() {
            return Err(not_found());
        }
        Ok(self.resource(&d, &r))
    }

    async fn tag_list(&self, p: &Params) -> Outcome {
        let filter = p.str("query").unwrap_or_default().to_lowercase();
        let all_fields = p.bool("all_fields")?;
        let tags = self
            .ctx
            .state
            .store
            .catalog()
            .tags(&self.ctx.tenant)
            .await?;
        let tags = tags
            .into_iter()
            .filter(|t| filter.is_empty() || t.to_lowercase().contains(&filter));
        Ok(if all_fields {
            json!(tags
                .map(|t| json!({"id": t, "name": t, "display_name": t, "vocabulary_id": null}))
                .collect::<Vec<_>>())
        } else {
            json!(tags.collect::<Vec<_>>())
        })
    }

    fn license_list(&self) -> Value {
        json!(LICENSES
            .terms
            .iter()
            .map(|t| {
                let open = license_is_open(t.code);
                json!({
                    "id": LICENSES.iri(t.code),
                    "title": self.label(&LICENSES, t.code),
                    "url": LICENSES.iri(t.code),
                    "status": "active",
                    "maintainer": "",
                    "family": "",
                    "domain_content": false,
                    "domain_data": true,
                    "domain_software": false,
                    "is_generic": false,
                    "is_okd_compliant": open,
                    "is_osi_compliant": false,
                    "od_conformance": if open { "approved" } else { "not reviewed" },
                    "osd_conformance": "not reviewed",
                })
            })
            .collect::<Vec<_>>())
    }

    fn resource(&self, d: &DatasetRecord, r: &DistributionRecord) -> Value {
        let url = if r.kind == "file" {
            format!("{}/daten/{}/dateien/{}", self.base, d.name, r.id)
        } else {
            r.access_url.clone()
        };
        json!({
            "id": r.id.to_string(),
            "package_id": d.identifier,
            "name": r.title,
            "description": r.description,
            "format": r.format,
            "url": url,
            "url_type": if r.kind == "file" { json!("upload") } else { Value::Null },
            "mimetype": if r.media_type.is_empty() { Value::Null } else { json!(r.media_type) },
            "size": r.byte_size,
            "hash": r.sha256,
            "license": LICENSES.iri(&r.license),
            "position": r.position,
            "state": "active",
            "created": iso(r.created_at),
            "last_modified": iso(r.modified_at),
            "metadata_modified": iso(r.modified_at),
        })
    }

    /// A CKAN package dict, with GovData's extras (DCAT-AP.de).
    fn package(
        &self,
        d: &DatasetRecord,
        dists: &[DistributionRecord],
        orgs: &[Organization],
    ) -> Value {
        let tenant = &self.ctx.tenant;
        let license = dists
            .first()
            .map(|r| r.license.as_str())
            .unwrap_or(DEFAULT_LICENSE);
        let org = d
            .department_id
            .and_then(|id| orgs.iter().find(|o| o.department_id == id));
        let tags: Vec<Value> = d
            .keyword_list()
            .iter()
            .map(
                |t| json!({"name": t, "display_name": t, "state": "active", "vocabulary_id": null}),
            )
            .collect();
        let groups: Vec<Value> = d
            .theme_list()
            .iter()
            .map(|code| {
                let title = self.label(&THEMES, code);
                json!({"id": code.to_lowercase(), "name": code.to_lowercase(), "title": title, "display_name": title, "description": "", "image_display_url": ""})
            })
            .collect();
        let mut extras = Vec::new();
        let mut extra = |k: &str, v: String| {
            if !v.is_empty() {
                extras.push(json!({"key": k, "value": v}));
            }
        };
        if !tenant.contributor_id.is_empty() {
            extra(
                "contributorID",
                json!([format!("{CONTRIBUTORS_BASE}{}", tenant.contributor_id)]).to_string(),
            );
        }
        if !tenant.ars.is_empty() {
            extra(
                "politicalGeocodingURI",
                teilhabe_domain::catalog::vocab::regional_key_iri(&tenant.ars),
            );
        }
        extra("identifier", d.identifier.clone());
        extra(
            "temporal_start",
            d.temporal_start.clone().unwrap_or_default(),
        );
        extra("temporal_end", d.temporal_end.clone().unwrap_or_default());
        if !d.accrual_periodicity.is_empty() {
            extra("frequency", FREQUENCIES.iri(&d.accrual_periodicity));
        }
        if !d.access_rights.is_empty() {
            extra("access_rights", ACCESS_RIGHTS.iri(&d.access_rights));
        }
        extra("issued", iso(d.issued_at));
        extra("modified", iso(d.modified_at));
        extra("origin", d.origin.clone());
        let landing = if d.landing_page.is_empty() {
            format!("{}/daten/{}", self.base, d.name)
        } else {
            d.landing_page.clone()
        };
        json!({
            "id": d.identifier,
            "name": d.name,
            "title": d.title,
            "notes": d.description,
            "url": landing,
            "type": "dataset",
            "state": "active",
            "private": false,
            "version": d.version.to_string(),
            "author": null,
            "author_email": null,
            "maintainer": d.contact_name,
            "maintainer_email": d.contact_email,
            "license_id": LICENSES.iri(license),
            "license_title": self.label(&LICENSES, license),
            "license_url": LICENSES.iri(license),
            "isopen": license_is_open(license),
            "metadata_created": iso(d.issued_at),
            "metadata_modified": iso(d.modified_at),
            "owner_org": org.map(|o| json!(o.name)).unwrap_or(Value::Null),
            "organization": org.map(|o| self.organization(o)).unwrap_or(Value::Null),
            "num_resources": dists.len(),
            "num_tags": tags.len(),
            "resources": dists.iter().map(|r| self.resource(d, r)).collect::<Vec<_>>(),
            "tags": tags,
            "groups": groups,
            "extras": extras,
            "relationships_as_object": [],
            "relationships_as_subject": [],
        })
    }
}
