//! Harvesting other catalogs into this one: the sources an admin adds
//! (a CKAN endpoint and the department its datasets belong to) and a run
//! that fetches the remote datasets, maps them
//! (`teilhabe_domain::catalog::harvest`) and creates or updates the
//! harvested datasets, one transaction per dataset. A dataset that does
//! not map is skipped and named in the run's result; remote datasets that
//! vanished are withdrawn only on a full run.
//!
//! The HTTP client ([`HarvestNet`]) speaks only http(s), with timeouts and a
//! size limit, and refuses private and loopback addresses unless the
//! setting allows them (tests; `TEILHABE_HARVEST_ALLOW_PRIVATE=1`).

use super::{Catalog, DatasetRecord, NewDataset, DATASET_COLS, DATASET_FROM};
use crate::{params, Result, StoreError, Tenant};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;
use std::time::Duration;
use teilhabe_domain::catalog::harvest::{from_ckan, Defaults, HarvestedDataset, Note};
use teilhabe_domain::catalog::harvest_dcat as dcat;
use teilhabe_domain::catalog::{is_web_url, Origin};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, FieldErrors};

/// The columns of [`HarvestSource`] (alias `h`, departments `d`).
const SOURCE_COLS: &str = "h.id, h.kind, h.url, h.title, h.department_id, d.name AS department_name, h.last_run_at, h.last_modified_seen, h.last_result, h.created_at";
const SOURCE_FROM: &str = "harvest_sources h LEFT JOIN departments d ON d.id = h.department_id";

/// A catalog harvested into this one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HarvestSource {
    pub id: i64,
    /// ckan | dcat
    pub kind: String,
    pub url: String,
    pub title: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub last_run_at: Option<i64>,
    pub last_modified_seen: String,
    /// The last run's [`HarvestResult`] as JSON ("" before the first run).
    pub last_result: String,
    pub created_at: i64,
}

impl HarvestSource {
    /// The last run's result, if it ran.
    pub fn result(&self) -> Option<HarvestResult> {
        serde_json::from_str(&self.last_result).ok()
    }
}

/// A remote dataset the run left out, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Skipped {
    pub remote_id: String,
    pub title: String,
    pub reason: Note,
}

/// What one run did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct HarvestResult {
    /// Every remote dataset was asked for (vanished ones are withdrawn).
    pub full: bool,
    pub fetched: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub withdrawn: usize,
    /// Defaults taken or parts left out, over all datasets.
    pub warnings: usize,
    pub skipped: Vec<Skipped>,
    /// The remote catalog could not be read (completely).
    pub error: Option<Note>,
}

/// How the harvest reaches other servers.
#[derive(Debug, Clone)]
pub struct HarvestNet {
    /// Also private, loopback and link-local addresses (off by default;
    /// tests serve on loopback).
    pub allow_private: bool,
    /// For a whole request, including the body.
    pub timeout: Duration,
    /// The largest response body (bytes).
    pub max_bytes: u64,
    /// Datasets per page asked for.
    pub rows: usize,
    /// Pages per run at most (an incremental run continues next time).
    pub max_pages: usize,
}

impl Default for HarvestNet {
    fn default() -> Self {
        HarvestNet {
            allow_private: false,
            timeout: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            rows: 100,
            max_pages: 100,
        }
    }
}

impl HarvestNet {
    /// The default, with `allow_private` from
    /// `TEILHABE_HARVEST_ALLOW_PRIVATE=1` (for a test or an intranet).
    pub fn from_env() -> Self {
        HarvestNet {
            allow_private: std::env::var("TEILHABE_HARVEST_ALLOW_PRIVATE").is_ok_and(|v| v == "1"),
            ..Default::default()
        }
    }
}

impl Catalog<'_> {
    /// Every harvest source of the municipality, oldest first.
    pub async fn harvest_sources(&self, tenant: &Tenant) -> Result<Vec<HarvestSource>> {
        Ok(self
            .store
            .db
            .all_as(
                &format!("SELECT {SOURCE_COLS} FROM {SOURCE_FROM} WHERE h.municipality_id = $1 ORDER BY h.id"),
                params![tenant.id],
            )
            .await?)
    }

    /// One harvest source.
    pub async fn harvest_source(&self, tenant: &Tenant, id: i64) -> Result<HarvestSource> {
        self.store
            .db
            .opt_as(
                &format!("SELECT {SOURCE_COLS} FROM {SOURCE_FROM} WHERE h.municipality_id = $1 AND h.id = $2"),
                params![tenant.id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// An admin adds a catalog to harvest: its kind (`ckan`, or `dcat` for
    /// a DCAT-AP.de Turtle/RDF-XML endpoint), URL, a
    /// title and the department its datasets belong to.
    pub async fn add_harvest_source(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        kind: &str,
        url: &str,
        title: &str,
        department_id: Option<i64>,
    ) -> Result<HarvestSource> {
        decide(actor, Action::ManageHarvesting, &Target::Municipality)?;
        let mut e = FieldErrors::new();
        if kind != "ckan" && kind != "dcat" {
            e.add("kind", "error-invalid-choice");
        }
        if !is_web_url(url) {
            e.add("url", "catalog-error-url");
        }
        e.text("title", title, 3, 200);
        if let Some(d) = department_id {
            if !self.store.tenants().has_department(tenant, d).await? {
                e.add("department_id", "error-invalid-choice");
            }
        }
        e.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let url = url.trim().trim_end_matches('/');
        let id = w
            .insert(
                "INSERT INTO harvest_sources (municipality_id, kind, url, title, department_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                params![tenant.id, kind, url, title.trim(), department_id, now],
            )
            .await?;
        w.audit(
            actor,
            "harvest.source_added",
            format!("harvest_source:{id}"),
            serde_json::json!({ "kind": kind, "url": url, "title": title.trim() }),
        );
        w.commit().await?;
        self.harvest_source(tenant, id).await
    }

    /// An admin removes a source: its harvested datasets are withdrawn
    /// (they stay in the history, no longer linked to the source).
    pub async fn remove_harvest_source(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
    ) -> Result<()> {
        decide(actor, Action::ManageHarvesting, &Target::Municipality)?;
        let source = self.harvest_source(tenant, id).await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let withdrawn = w
            .exec(
                "UPDATE datasets SET withdrawn_at = $1 WHERE municipality_id = $2 AND harvest_source_id = $3 AND withdrawn_at IS NULL",
                params![now, tenant.id, id],
            )
            .await?;
        w.exec(
            "UPDATE datasets SET harvest_source_id = NULL WHERE municipality_id = $1 AND harvest_source_id = $2",
            params![tenant.id, id],
        )
        .await?;
        w.exec(
            "DELETE FROM harvest_sources WHERE municipality_id = $1 AND id = $2",
            params![tenant.id, id],
        )
        .await?;
        w.audit(
            actor,
            "harvest.source_removed",
            format!("harvest_source:{id}"),
            serde_json::json!({ "url": source.url, "title": source.title, "withdrawn": withdrawn }),
        );
        w.commit().await
    }

    /// Runs one source: incremental (remote datasets modified since the
    /// last run) unless `full` or the first run. Records the result on the
    /// source and returns it.
    pub async fn harvest(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        source_id: i64,
        full: bool,
        net: &HarvestNet,
    ) -> Result<HarvestResult> {
        decide(actor, Action::ManageHarvesting, &Target::Municipality)?;
        let source = self.harvest_source(tenant, source_id).await?;
        let full = full || source.last_modified_seen.is_empty();
        let since = (!full).then(|| source.last_modified_seen.clone());
        let (url, net2) = (source.url.clone(), net.clone());
        let kind = source.kind.clone();
        let fetched = tokio::task::spawn_blocking(move || match kind.as_str() {
            "dcat" => fetch_dcat(&url, &net2),
            _ => fetch_ckan(&url, since.as_deref(), &net2),
        })
        .await
        .map_err(|e| StoreError::internal("harvest fetch", e))?;
        let mut result = HarvestResult {
            full,
            fetched: fetched.packages.len(),
            error: fetched.error.clone(),
            ..Default::default()
        };
        let defaults = Defaults {
            contact_name: source.title.clone(),
            contact_email: tenant.contact_email.clone(),
        };
        let mut seen: HashSet<String> = HashSet::new();
        let mut newest = source.last_modified_seen.clone();
        for pkg in &fetched.packages {
            let remote_id = ["id", "name"]
                .iter()
                .find_map(|k| pkg.get(*k).and_then(Value::as_str))
                .unwrap_or("")
                .to_string();
            seen.insert(remote_id.clone());
            if let Some(m) = pkg.get("metadata_modified").and_then(Value::as_str) {
                if m > newest.as_str() {
                    newest = m.to_string();
                }
            }
            let title = pkg
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let mapped = match from_ckan(pkg, &defaults) {
                Ok(m) => m,
                Err(reason) => {
                    result.skipped.push(Skipped {
                        remote_id,
                        title,
                        reason,
                    });
                    continue;
                }
            };
            result.warnings += mapped.warnings.len();
            match self.save_harvested(tenant, actor, &source, &mapped).await {
                Ok(Outcome::Created) => result.created += 1,
                Ok(Outcome::Updated) => result.updated += 1,
                Ok(Outcome::Unchanged) => result.unchanged += 1,
                Err(e) => {
                    tracing::warn!(error = %e, source = source.id, remote = %remote_id, "harvest: dataset not saved");
                    result.skipped.push(Skipped {
                        remote_id,
                        title,
                        reason: Note::new("catalog-harvest-not-saved", ""),
                    });
                }
            }
        }
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        if full && fetched.complete {
            let current: Vec<RefRow> = w
                .all_as(
                    "SELECT id, origin_ref FROM datasets WHERE municipality_id = $1 AND harvest_source_id = $2 AND withdrawn_at IS NULL",
                    params![tenant.id, source.id],
                )
                .await?;
            for row in current.iter().filter(|r| !seen.contains(&r.origin_ref)) {
                w.exec(
                    "UPDATE datasets SET withdrawn_at = $1, modified_at = $1 WHERE id = $2",
                    params![now, row.id],
                )
                .await?;
                w.audit(
                    actor,
                    "dataset.withdrawn",
                    format!("dataset:{}", row.id),
                    serde_json::json!({ "harvest_source": source.id, "origin_ref": row.origin_ref }),
                );
                result.withdrawn += 1;
            }
        }
        let json = serde_json::to_string(&result)
            .map_err(|e| StoreError::internal("harvest result", e))?;
        w.exec(
            "UPDATE harvest_sources SET last_run_at = $1, last_modified_seen = $2, last_result = $3 WHERE id = $4",
            params![now, newest.as_str(), json.as_str(), source.id],
        )
        .await?;
        w.audit(
            actor,
            "harvest.run",
            format!("harvest_source:{}", source.id),
            serde_json::json!({
                "full": full, "created": result.created, "updated": result.updated,
                "withdrawn": result.withdrawn, "skipped": result.skipped.len(),
                "error": result.error.as_ref().map(|n| n.key.clone()),
            }),
        );
        w.commit().await?;
        Ok(result)
    }

    /// The job: every source of every municipality, incrementally.
    pub async fn run_harvests(&self) -> Result<usize> {
        let net = HarvestNet::from_env();
        let admin = Actor::administrator();
        let mut runs = 0;
        for tenant in self.store.tenants().all().await? {
            for source in self.harvest_sources(&tenant).await? {
                if let Err(e) = self.harvest(&tenant, &admin, source.id, false, &net).await {
                    tracing::warn!(error = %e, source = source.id, "harvest run failed");
                }
                runs += 1;
            }
        }
        Ok(runs)
    }

    /// The harvested dataset of `source` with the remote id `origin_ref`.
    pub async fn harvested(
        &self,
        tenant: &Tenant,
        source_id: i64,
        origin_ref: &str,
    ) -> Result<Option<DatasetRecord>> {
        Ok(self
            .store
            .db
            .opt_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE ds.municipality_id = $1 AND ds.harvest_source_id = $2 AND ds.origin_ref = $3"),
                params![tenant.id, source_id, origin_ref],
            )
            .await?)
    }

    /// Creates the dataset, or writes what changed (a new version of the
    /// description, the links anew), all in one transaction.
    async fn save_harvested(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        source: &HarvestSource,
        h: &HarvestedDataset,
    ) -> Result<Outcome> {
        let existing = self.harvested(tenant, source.id, &h.remote_id).await?;
        let mut w = self.store.write(tenant).await?;
        let Some(current) = existing else {
            let id = self
                .insert(
                    &mut w,
                    actor,
                    &NewDataset {
                        department_id: source.department_id,
                        draft: h.draft.clone(),
                        name: h.remote_name.clone(),
                        origin: Origin::Harvested,
                        process_id: None,
                        origin_ref: h.remote_id.clone(),
                        harvest_source_id: Some(source.id),
                        suppression_threshold: None,
                    },
                )
                .await?;
            for d in &h.distributions {
                self.insert_distribution(&mut w, id, d, None).await?;
            }
            w.commit().await?;
            return Ok(Outcome::Created);
        };
        let links = self.distributions(tenant, current.id).await?;
        let same_links = links.len() == h.distributions.len()
            && links.iter().zip(&h.distributions).all(|(l, d)| {
                l.kind == "link"
                    && l.title == d.title
                    && l.description == d.description
                    && l.format == d.format
                    && l.license == d.license
                    && l.access_url == d.access_url
            });
        let same_draft =
            current.draft() == h.draft && current.department_id == source.department_id;
        if same_links && same_draft && current.withdrawn_at.is_none() {
            return Ok(Outcome::Unchanged);
        }
        if !same_draft {
            self.save_version(&mut w, actor, &current, source.department_id, &h.draft, "")
                .await?;
        }
        if !same_links {
            w.exec(
                "DELETE FROM distributions WHERE dataset_id = $1",
                params![current.id],
            )
            .await?;
            for d in &h.distributions {
                self.insert_distribution(&mut w, current.id, d, None)
                    .await?;
            }
            Catalog::touch(&mut w, current.id).await?;
        }
        if current.withdrawn_at.is_some() {
            w.exec(
                "UPDATE datasets SET withdrawn_at = NULL WHERE id = $1",
                params![current.id],
            )
            .await?;
        }
        w.audit(
            actor,
            "dataset.harvested",
            format!("dataset:{}", current.id),
            serde_json::json!({
                "harvest_source": source.id, "origin_ref": h.remote_id,
                "new_version": !same_draft, "links_changed": !same_links,
            }),
        );
        w.commit().await?;
        Ok(Outcome::Updated)
    }
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
}

#[derive(Deserialize)]
struct RefRow {
    id: i64,
    origin_ref: String,
}

/// What a fetch brought back.
struct Fetched {
    packages: Vec<Value>,
    /// Every page was read (a full run may withdraw what is missing).
    complete: bool,
    error: Option<Note>,
}

/// The package dicts of a CKAN catalog, oldest change first (since
/// `since` when given), paged with `start`/`rows`.
fn fetch_ckan(base: &str, since: Option<&str>, net: &HarvestNet) -> Fetched {
    let base = base.trim_end_matches('/');
    let base = base
        .strip_suffix("/api/3/action")
        .or_else(|| base.strip_suffix("/api/3"))
        .unwrap_or(base);
    let endpoint = format!("{base}/api/3/action/package_search");
    let fq = since.map(|s| {
        let zone = if s.ends_with('Z') { "" } else { "Z" };
        format!("metadata_modified:[{s}{zone} TO *]")
    });
    let mut packages = Vec::new();
    let mut start = 0usize;
    for _ in 0..net.max_pages {
        let mut query: Vec<(&str, String)> = vec![
            ("sort", "metadata_modified asc".to_string()),
            ("rows", net.rows.to_string()),
            ("start", start.to_string()),
        ];
        if let Some(fq) = &fq {
            query.push(("fq", fq.clone()));
        }
        let page = match get_json(&endpoint, &query, net) {
            Ok(v) => v,
            Err(detail) => {
                return Fetched {
                    packages,
                    complete: false,
                    error: Some(Note::new("catalog-harvest-fetch-failed", detail)),
                }
            }
        };
        if page.get("success").and_then(Value::as_bool) != Some(true) {
            return Fetched {
                packages,
                complete: false,
                error: Some(Note::new("catalog-harvest-not-ckan", endpoint)),
            };
        }
        let result = page.get("result").cloned().unwrap_or(Value::Null);
        let count = result.get("count").and_then(Value::as_u64).unwrap_or(0) as usize;
        let results = match result.get("results") {
            Some(Value::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        let n = results.len();
        packages.extend(results);
        start += n;
        if n == 0 || start >= count {
            return Fetched {
                packages,
                complete: true,
                error: None,
            };
        }
    }
    Fetched {
        packages,
        complete: false,
        error: Some(Note::new(
            "catalog-harvest-too-many",
            net.max_pages.to_string(),
        )),
    }
}

/// The datasets of a DCAT-AP.de endpoint (Turtle or RDF/XML), following
/// `hydra:next`/`hydra:nextPage` (every run reads every page).
fn fetch_dcat(url: &str, net: &HarvestNet) -> Fetched {
    let mut packages = Vec::new();
    let mut next = Some(url.trim().to_string());
    let mut visited: HashSet<String> = HashSet::new();
    for _ in 0..net.max_pages {
        let Some(page_url) = next.take() else {
            break;
        };
        if !visited.insert(page_url.clone()) {
            break;
        }
        let fail = |packages, key: &str, detail: String| Fetched {
            packages,
            complete: false,
            error: Some(Note::new(key, detail)),
        };
        let accept = "text/turtle, application/rdf+xml;q=0.9";
        let (body, media_type) = match get(&page_url, &[], accept, net) {
            Ok(r) => r,
            Err(detail) => return fail(packages, "catalog-harvest-fetch-failed", detail),
        };
        let syntax = dcat::Syntax::of_media_type(&media_type);
        match dcat::parse_page(&body, syntax, &page_url) {
            Ok(page) => {
                packages.extend(page.packages);
                next = page.next;
            }
            Err(detail) => return fail(packages, "catalog-harvest-not-dcat", detail),
        }
    }
    if next.is_none() {
        return Fetched {
            packages,
            complete: true,
            error: None,
        };
    }
    Fetched {
        packages,
        complete: false,
        error: Some(Note::new(
            "catalog-harvest-too-many",
            net.max_pages.to_string(),
        )),
    }
}

/// GET a JSON document.
fn get_json(
    url: &str,
    query: &[(&str, String)],
    net: &HarvestNet,
) -> std::result::Result<Value, String> {
    let (body, _) = get(url, query, "application/json", net)?;
    serde_json::from_slice(&body).map_err(|e| format!("JSON: {e}"))
}

/// GET a document and its media type, following at most three
/// redirects, each address checked by [`check_address`].
fn get(
    url: &str,
    query: &[(&str, String)],
    accept: &str,
    net: &HarvestNet,
) -> std::result::Result<(Vec<u8>, String), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(net.timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent("teilhabe-harvest")
        .build()
        .into();
    let mut url = url.to_string();
    let mut query: Vec<(&str, String)> = query.to_vec();
    for _ in 0..4 {
        check_address(&url, net.allow_private)?;
        let mut req = agent.get(&url).header("Accept", accept);
        for (k, v) in &query {
            req = req.query(*k, v);
        }
        let mut resp = req.call().map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let location = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| format!("HTTP {status} without Location"))?;
            url = if location.starts_with('/') {
                let (scheme, rest) = url.split_once("://").unwrap_or(("https", &url));
                let host = rest.split('/').next().unwrap_or("");
                format!("{scheme}://{host}{location}")
            } else {
                location.to_string()
            };
            // The query is part of the new address.
            query.clear();
            continue;
        }
        if status != 200 {
            return Err(format!("HTTP {status}"));
        }
        let media_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = resp
            .body_mut()
            .with_config()
            .limit(net.max_bytes)
            .read_to_vec()
            .map_err(|e| e.to_string())?;
        return Ok((body, media_type));
    }
    Err("too many redirects".to_string())
}

/// Only http(s), and (unless allowed) no private, loopback, link-local or
/// otherwise non-public address for any address the host resolves to.
/// (The connection resolves again: a host whose name changes its address
/// in between is not caught.)
pub fn check_address(url: &str, allow_private: bool) -> std::result::Result<(), String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| "no scheme".to_string())?;
    let port = match scheme.to_ascii_lowercase().as_str() {
        "http" => 80,
        "https" => 443,
        other => return Err(format!("scheme {other} not allowed")),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']').ok_or_else(|| "bad host".to_string())?;
        let p = after
            .strip_prefix(':')
            .map(str::parse)
            .transpose()
            .map_err(|_| "bad port".to_string())?;
        (h.to_string(), p.unwrap_or(port))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (
                h.to_string(),
                p.parse().map_err(|_| "bad port".to_string())?,
            ),
            None => (authority.to_string(), port),
        }
    };
    if host.is_empty() {
        return Err("no host".to_string());
    }
    if allow_private {
        return Ok(());
    }
    use std::net::ToSocketAddrs;
    let addrs: Vec<_> = (host.as_str(), port)
        .to_socket_addrs()
        .map_err(|e| format!("{host}: {e}"))?
        .collect();
    if addrs.is_empty() {
        return Err(format!("{host}: no address"));
    }
    for a in addrs {
        if !is_public(a.ip()) {
            return Err(format!("{host}: address {} is not public", a.ip()));
        }
    }
    Ok(())
}

fn is_public(ip: std::net::IpAddr) -> bool {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xc0) == 64)
                || o[0] >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_web_addresses_are_fetched_unless_allowed() {
        for bad in [
            "http://127.0.0.1/api",
            "http://localhost:8080/",
            "https://10.1.2.3/",
            "http://[::1]:80/",
            "http://169.254.169.254/latest",
            "http://192.168.0.1/",
            "ftp://example.org/",
            "file:///etc/passwd",
        ] {
            assert!(check_address(bad, false).is_err(), "{bad} accepted");
        }
        assert!(check_address("http://127.0.0.1:9/", true).is_ok());
        assert!(check_address("gopher://127.0.0.1/", true).is_err());
        assert!(is_public("93.184.216.34".parse().unwrap()));
        assert!(!is_public("100.64.0.1".parse().unwrap()));
        assert!(!is_public("::ffff:127.0.0.1".parse().unwrap()));
    }
}
