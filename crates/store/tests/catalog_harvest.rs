//! Harvesting another CKAN catalog: a local server serves fixed
//! `package_search` pages; the first run creates the datasets (a broken one
//! is listed and skipped), a second run with one changed dataset makes one
//! new version, a full run withdraws what vanished; only admins run it and
//! loopback addresses are refused unless allowed. A DCAT-AP.de endpoint
//! is read across its `hydra:next` pages.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::sync::{Arc, Mutex};
use teilhabe_domain::Denied;
use teilhabe_store::catalog::harvest::HarvestNet;
use teilhabe_store::StoreError;
use teilhabe_testkit::{assert_chain_unbroken, Fixture, TestDb};

/// A CKAN `package_search` on loopback over `packages`: `fq` with
/// `metadata_modified:[X TO *]`, `start`/`rows`, sorted by modification.
struct FakeCkan {
    packages: Arc<Mutex<Vec<Value>>>,
    /// Every query string asked for.
    asked: Arc<Mutex<Vec<String>>>,
    base: String,
}

impl FakeCkan {
    fn start(packages: Vec<Value>) -> FakeCkan {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let packages = Arc::new(Mutex::new(packages));
        let asked = Arc::new(Mutex::new(Vec::new()));
        let (p, a, base2) = (packages.clone(), asked.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut line).unwrap();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                        break;
                    }
                }
                let target = line.split(' ').nth(1).unwrap_or("").to_string();
                let (path, query) = target.split_once('?').unwrap_or((&target, ""));
                a.lock().unwrap().push(decode(query));
                let (media_type, body) = if path == "/api/3/action/package_search" {
                    (
                        "application/json",
                        search(&p.lock().unwrap(), query).to_string(),
                    )
                } else if path == "/dcat/1.ttl" {
                    ("text/turtle", DCAT_PAGE_1.replace("BASE", &base2))
                } else if path == "/dcat/2.ttl" {
                    ("text/turtle", DCAT_PAGE_2.to_string())
                } else {
                    ("application/json", json!({"success": false}).to_string())
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: {media_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                    body.len(),
                    body
                );
            }
        });
        FakeCkan {
            packages,
            asked,
            base,
        }
    }
}

const DCAT_PAGE_1: &str = r#"
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<BASE/dcat/1.ttl> a hydra:PagedCollection ; hydra:next <BASE/dcat/2.ttl> .
<https://kreis.example/ds/laerm> a dcat:Dataset ;
    dct:identifier "laerm" ;
    dct:title "Lärmkarte 2022"@de ;
    dct:description "Straßenlärm nach EU-Umgebungslärmrichtlinie."@de ;
    dct:modified "2024-03-01T10:00:00" ;
    dcat:contactPoint [ <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:umwelt@kreis.example> ] ;
    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> .
"#;

const DCAT_PAGE_2: &str = r#"
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://kreis.example/ds/baeume> a dcat:Dataset ;
    dct:title "Baumkataster" ;
    dct:description "Alle Straßenbäume mit Art und Pflanzjahr." ;
    dcat:contactPoint [ <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:gruen@kreis.example> ] ;
    dcat:distribution [ dcat:accessURL <https://kreis.example/baeume.csv> ; dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ] .
"#;

#[tokio::test]
async fn a_dcat_endpoint_is_harvested_across_its_hydra_pages() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    let server = FakeCkan::start(Vec::new());
    let source = catalog
        .add_harvest_source(
            &fx.tenant,
            &fx.admin,
            "dcat",
            &format!("{}/dcat/1.ttl", server.base),
            "Kreis (DCAT)",
            None,
        )
        .await
        .unwrap();
    let r = catalog
        .harvest(&fx.tenant, &fx.admin, source.id, false, &net())
        .await
        .unwrap();
    assert!(r.error.is_none(), "{r:?}");
    assert_eq!((r.fetched, r.created), (2, 2));
    let laerm = catalog
        .harvested(&fx.tenant, source.id, "laerm")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(laerm.title, "Lärmkarte 2022");
    assert_eq!(laerm.name, "laermkarte-2022");
    let baeume = catalog
        .harvested(&fx.tenant, source.id, "https://kreis.example/ds/baeume")
        .await
        .unwrap()
        .unwrap();
    let links = catalog.distributions(&fx.tenant, baeume.id).await.unwrap();
    assert_eq!(links[0].access_url, "https://kreis.example/baeume.csv");
    // Nothing changed there: nothing changes here.
    let again = catalog
        .harvest(&fx.tenant, &fx.admin, source.id, false, &net())
        .await
        .unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

fn search(all: &[Value], query: &str) -> Value {
    let mut start = 0;
    let mut rows = 10;
    let mut since = String::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(v);
        match k {
            "start" => start = v.parse().unwrap(),
            "rows" => rows = v.parse().unwrap(),
            "fq" => {
                since = v
                    .trim_start_matches("metadata_modified:[")
                    .split(' ')
                    .next()
                    .unwrap()
                    .trim_end_matches('Z')
                    .to_string()
            }
            _ => {}
        }
    }
    let mut hits: Vec<&Value> = all
        .iter()
        .filter(|p| p["metadata_modified"].as_str().unwrap() >= since.as_str())
        .collect();
    hits.sort_by_key(|p| p["metadata_modified"].as_str().unwrap().to_string());
    let page: Vec<&Value> = hits.iter().skip(start).take(rows).copied().collect();
    json!({"help": "", "success": true, "result": {"count": hits.len(), "results": page}})
}

fn package(n: usize, modified: &str) -> Value {
    json!({
        "id": format!("remote-{n}"),
        "name": format!("datensatz-{n}"),
        "title": format!("Datensatz Nummer {n}"),
        "notes": "Ein Datensatz aus dem Kreisportal.",
        "metadata_modified": modified,
        "license_id": "dl-by-de/2.0",
        "maintainer": "Kreis Beispiel",
        "maintainer_email": "daten@kreis.example",
        "groups": [{"name": "envi"}],
        "tags": [{"name": "Umwelt"}],
        "resources": [{"name": "CSV", "format": "CSV", "url": format!("https://kreis.example/{n}.csv")}]
    })
}

fn net() -> HarvestNet {
    HarvestNet {
        allow_private: true,
        rows: 2,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_ckan_catalog_is_harvested_incrementally_and_broken_datasets_are_skipped() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    let mut packages: Vec<Value> = (1..=4)
        .map(|n| package(n, &format!("2024-05-0{n}T10:00:00.000000")))
        .collect();
    // No title, no name: cannot be mapped.
    packages.push(json!({"id": "kaputt", "title": "", "metadata_modified": "2024-05-05T00:00:00"}));
    let server = FakeCkan::start(packages);

    // Only admins manage sources; staff write nothing.
    let e = catalog
        .add_harvest_source(
            &fx.tenant,
            &fx.staff,
            "ckan",
            &server.base,
            "Kreisportal",
            Some(fx.dept),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::Forbidden)), "{e:?}");
    let e = catalog
        .add_harvest_source(&fx.tenant, &fx.admin, "ckan", "ftp://x", "K", None)
        .await
        .unwrap_err();
    let StoreError::Invalid(errors) = e else {
        panic!("{e:?}")
    };
    assert!(errors.get("url").is_some() && errors.get("title").is_some());
    assert!(catalog
        .harvest_sources(&fx.tenant)
        .await
        .unwrap()
        .is_empty());

    let source = catalog
        .add_harvest_source(
            &fx.tenant,
            &fx.admin,
            "ckan",
            &server.base,
            "Kreisportal",
            Some(fx.dept),
        )
        .await
        .unwrap();
    // Loopback is refused unless the setting allows it.
    let refused = catalog
        .harvest(
            &fx.tenant,
            &fx.admin,
            source.id,
            false,
            &HarvestNet::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        refused.error.as_ref().unwrap().key,
        "catalog-harvest-fetch-failed"
    );
    assert_eq!(refused.created, 0);
    assert!(server.asked.lock().unwrap().is_empty());
    assert!(catalog
        .harvest(&fx.tenant, &fx.staff, source.id, false, &net())
        .await
        .is_err());

    let first = catalog
        .harvest(&fx.tenant, &fx.admin, source.id, false, &net())
        .await
        .unwrap();
    assert!(first.full, "the first run is a full one");
    assert_eq!((first.fetched, first.created, first.updated), (5, 4, 0));
    assert_eq!(first.skipped.len(), 1);
    assert_eq!(first.skipped[0].remote_id, "kaputt");
    assert_eq!(first.skipped[0].reason.key, "catalog-harvest-no-title");
    assert!(first.error.is_none());
    // Paged with start/rows (rows = 2: three pages).
    assert!(server
        .asked
        .lock()
        .unwrap()
        .iter()
        .any(|q| q.contains("start=4")));

    let d = catalog
        .harvested(&fx.tenant, source.id, "remote-2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.origin, "harvested");
    assert_eq!(d.name, "datensatz-2");
    assert_eq!(d.department_id, Some(fx.dept));
    assert_eq!(d.theme_list(), vec!["ENVI"]);
    let links = catalog.distributions(&fx.tenant, d.id).await.unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].kind, "link");
    assert_eq!(links[0].access_url, "https://kreis.example/2.csv");
    let s = catalog.harvest_source(&fx.tenant, source.id).await.unwrap();
    assert_eq!(s.last_modified_seen, "2024-05-05T00:00:00");
    assert_eq!(s.result().unwrap(), first);
    assert!(s.last_run_at.is_some());

    // The remote changes dataset 2; the next run asks only for what changed
    // since and makes one new version.
    {
        let mut p = server.packages.lock().unwrap();
        p[1]["notes"] = json!("Neu beschrieben: mit allen Straßen.");
        p[1]["metadata_modified"] = json!("2024-06-01T08:00:00.000000");
    }
    server.asked.lock().unwrap().clear();
    let second = catalog
        .harvest(&fx.tenant, &fx.admin, source.id, false, &net())
        .await
        .unwrap();
    assert!(!second.full);
    assert!(server.asked.lock().unwrap()[0]
        .contains("fq=metadata_modified:[2024-05-05T00:00:00Z TO *]"));
    assert_eq!((second.created, second.updated), (0, 1));
    let d2 = catalog
        .harvested(&fx.tenant, source.id, "remote-2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d2.version, 2);
    assert_eq!(d2.description, "Neu beschrieben: mit allen Straßen.");
    assert_eq!(catalog.versions(&fx.tenant, d2.id).await.unwrap().len(), 2);
    let d1 = catalog
        .harvested(&fx.tenant, source.id, "remote-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d1.version, 1);

    // An incremental run does not withdraw; a full run withdraws what
    // vanished, and only that.
    server.packages.lock().unwrap().remove(2); // remote-3
    let third = catalog
        .harvest(&fx.tenant, &fx.admin, source.id, false, &net())
        .await
        .unwrap();
    assert_eq!(third.withdrawn, 0);
    let full = catalog
        .harvest(&fx.tenant, &fx.admin, source.id, true, &net())
        .await
        .unwrap();
    assert_eq!((full.withdrawn, full.updated, full.unchanged), (1, 0, 3));
    let gone = catalog
        .harvested(&fx.tenant, source.id, "remote-3")
        .await
        .unwrap()
        .unwrap();
    assert!(gone.withdrawn_at.is_some());
    assert_eq!(catalog.all(&fx.tenant).await.unwrap().len(), 3);

    // Removing the source withdraws its datasets.
    catalog
        .remove_harvest_source(&fx.tenant, &fx.admin, source.id)
        .await
        .unwrap();
    assert!(catalog.all(&fx.tenant).await.unwrap().is_empty());
    assert!(catalog
        .harvest_sources(&fx.tenant)
        .await
        .unwrap()
        .is_empty());
    assert_chain_unbroken(&fx.store, &fx.tenant).await;
}
