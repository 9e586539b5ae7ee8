//! The DCAT-AP.de export (`/catalog.ttl`, `.rdf`, `.jsonld`): every
//! property a dataset has, the same triples in all three serialisations
//! (parsed back with oxttl, oxrdfxml, oxjsonld), the paging links for 0,
//! 1, 100 and 101 datasets, a fixed number of queries per page, and bad
//! page numbers. The variant catalog is also written as Turtle to
//! `target/catalog-shacl/` for `scripts/test-catalog-shacl.sh` (pyshacl).

use crate::common::{Session, TestApp};
use axum::http::StatusCode;
use oxrdf::{NamedNode, Term, Triple};
use std::collections::HashSet;
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_store::catalog::distributions::Upload;
use teilhabe_store::municipality::Profile;

const BASE: &str = "https://daten.musterstadt.example";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";
const HYDRA: &str = "http://www.w3.org/ns/hydra/core#";

fn draft(title: &str) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: format!("{title}: stündliche Werte an zwölf Messstellen."),
        keywords: vec!["Verkehr".into(), "Messung".into()],
        themes: vec!["TRAN".into(), "ENVI".into()],
        temporal_start: Some("2024-01-01".into()),
        temporal_end: Some("2024-12-31".into()),
        accrual_periodicity: "MONTHLY".into(),
        contact_name: "Amt für Mobilität".into(),
        contact_email: "mobil@musterstadt.example".into(),
        landing_page: String::new(),
        access_rights: "PUBLIC".into(),
    }
}

fn dist(title: &str, format: &str, license: &str, url: &str) -> DistributionDraft {
    DistributionDraft {
        title: title.into(),
        description: String::new(),
        format: format.into(),
        license: license.into(),
        access_url: url.into(),
    }
}

/// Sets the municipality's regional key, contributor id and base URL.
async fn profile(app: &TestApp) {
    let admin = app.actor("admin").await;
    let mut p = Profile::of(&app.tenant);
    p.ars = "081110000000".into();
    p.contributor_id = "http://dcat-ap.de/def/contributors/stadtMusterstadt".into();
    p.base_url = BASE.into();
    app.store
        .tenants()
        .update_profile(&app.tenant, &admin, &p)
        .await
        .unwrap();
    app.state.forget_tenants();
}

/// Datasets covering every variant: file and link distributions, with and
/// without a period, an own landing page, a participation result, an
/// open-ended period, a licence without attribution, no distribution.
async fn variants(app: &TestApp) -> Vec<String> {
    let catalog = app.store.catalog();
    let staff = app.actor("staff").await;
    let t = &app.tenant;
    let a = catalog
        .create(t, &staff, Some(app.dept), draft("Radverkehrszählung"))
        .await
        .unwrap();
    catalog
        .add_distribution(
            t,
            &staff,
            a.id,
            &dist("Zählungen 2024 (CSV)", "CSV", "dl-by-de/2.0", ""),
            Some(Upload {
                file_name: "zaehlungen-2024.csv".into(),
                bytes: b"stelle;datum;anzahl\nA;2024-01-01;12\n".to_vec(),
            }),
        )
        .await
        .unwrap();
    catalog
        .add_distribution(
            t,
            &staff,
            a.id,
            &dist(
                "Live-Schnittstelle",
                "JSON",
                "dl-zero-de/2.0",
                "https://api.musterstadt.example/rad",
            ),
            None,
        )
        .await
        .unwrap();
    let mut d = draft("Baumkataster");
    d.temporal_start = None;
    d.temporal_end = None;
    d.themes = vec!["ENVI".into()];
    d.keywords = vec![];
    d.landing_page = "https://www.musterstadt.example/baeume".into();
    d.accrual_periodicity = "IRREG".into();
    let b = catalog.create(t, &staff, Some(app.dept), d).await.unwrap();
    catalog
        .add_distribution(
            t,
            &staff,
            b.id,
            &dist(
                "Baumkarte (WMS)",
                "WMS_SRVC",
                "cc-by/4.0",
                "https://geo.musterstadt.example/wms?SERVICE=WMS&REQUEST=GetCapabilities",
            ),
            None,
        )
        .await
        .unwrap();
    let mut d = draft("Vorschläge zum Radwegeplan");
    d.temporal_end = None;
    d.themes = vec!["GOVE".into()];
    // A dataset of no department, created by an admin.
    let admin = app.actor("admin").await;
    let c = catalog.create(t, &admin, None, d).await.unwrap();
    catalog
        .add_distribution(
            t,
            &admin,
            c.id,
            &dist("Vorschläge (CSV)", "CSV", "cc-zero", ""),
            Some(Upload {
                file_name: "vorschlaege.csv".into(),
                bytes: b"titel;status\nMehr Radwege;angenommen\n".to_vec(),
            }),
        )
        .await
        .unwrap();
    app.store
        .db
        .exec(
            "UPDATE datasets SET origin = 'participation', process_id = $1, origin_ref = 'proposals', suppression_threshold = 5 WHERE id = $2",
            teilhabe_store::params![app.process_id, c.id],
        )
        .await
        .unwrap();
    let e = catalog
        .create(
            t,
            &staff,
            Some(app.dept),
            draft("Haushaltsplan ohne Dateien"),
        )
        .await
        .unwrap();
    vec![a.name, b.name, c.name, e.name]
}

fn parse(format: &str, body: &str) -> HashSet<Triple> {
    let bytes = body.as_bytes();
    match format {
        "ttl" => oxttl::TurtleParser::new()
            .for_slice(bytes)
            .map(|t| t.unwrap())
            .collect(),
        "rdf" => oxrdfxml::RdfXmlParser::new()
            .for_slice(bytes)
            .map(|t| t.unwrap())
            .collect(),
        "jsonld" => oxjsonld::JsonLdParser::new()
            .for_slice(bytes)
            .map(|q| Triple::from(q.unwrap()))
            .collect(),
        other => panic!("unknown format {other}"),
    }
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new(s).unwrap()
}

fn objects(g: &HashSet<Triple>, s: &str, p: &str) -> Vec<Term> {
    let (s, p) = (iri(s), iri(p));
    let mut v: Vec<Term> = g
        .iter()
        .filter(|t| t.subject == s.clone().into() && t.predicate == p)
        .map(|t| t.object.clone())
        .collect();
    v.sort_by_key(|t| t.to_string());
    v
}

fn one(g: &HashSet<Triple>, s: &str, p: &str) -> String {
    let o = objects(g, s, p);
    assert_eq!(o.len(), 1, "{s} {p}: {o:?}");
    match &o[0] {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => panic!("{other:?}"),
    }
}

async fn fetch(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let r = app.get(&mut Session::default(), path).await;
    let ct = r
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (r.status, ct, r.body)
}

#[tokio::test]
async fn export_has_every_property_in_three_serialisations_with_the_same_triples() {
    let app = TestApp::new().await;
    profile(&app).await;
    let names = variants(&app).await;
    let mut graphs = Vec::new();
    for (ext, ct) in [
        ("ttl", "text/turtle"),
        ("rdf", "application/rdf+xml"),
        ("jsonld", "application/ld+json"),
    ] {
        let (status, content_type, body) = fetch(&app, &format!("/catalog.{ext}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(content_type.starts_with(ct), "{content_type}");
        if ext == "ttl" {
            // The Turtle file pyshacl validates (scripts/test-catalog-shacl.sh).
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/catalog-shacl");
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(format!("{dir}/variants.ttl"), &body).unwrap();
            assert!(body.contains("@prefix dcatap: <http://data.europa.eu/r5r/>"));
        }
        if ext == "jsonld" {
            // One node object per resource, as readers of plain JSON expect.
            let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
            let ids: Vec<&str> = doc["@graph"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["@id"].as_str().unwrap())
                .collect();
            let unique: HashSet<&str> = ids.iter().copied().collect();
            assert_eq!(ids.len(), unique.len(), "{ids:?}");
        }
        // Page links point to the same format; apart from them, the
        // triples are the same in every format.
        let own = format!("/catalog.{ext}?page=");
        assert!(body.contains(&own), "{ext}");
        let g = parse(ext, &body)
            .into_iter()
            .map(|mut t| {
                if let Term::NamedNode(n) = &t.object {
                    if n.as_str().contains(&own) {
                        t.object = iri(&n.as_str().replace(&own, "/catalog.ttl?page=")).into();
                    }
                }
                t
            })
            .collect::<HashSet<_>>();
        graphs.push((ext, g));
    }
    let (_, ttl) = &graphs[0];
    for (ext, g) in &graphs[1..] {
        let missing: Vec<_> = ttl.difference(g).collect();
        let extra: Vec<_> = g.difference(ttl).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{ext}: missing {missing:?}, extra {extra:?}"
        );
    }
    let g = ttl;
    let catalog = format!("{BASE}/daten#katalog");
    let datasets = objects(g, &catalog, &format!("{DCAT}dataset"));
    assert_eq!(datasets.len(), 4);
    assert_eq!(one(g, &catalog, &format!("{HYDRA}totalItems")), "4");
    assert_eq!(one(g, &catalog, &format!("{HYDRA}itemsPerPage")), "100");
    assert_eq!(
        one(g, &catalog, &format!("{DCT}language")),
        "http://publications.europa.eu/resource/authority/language/DEU"
    );

    let a_page = format!("{BASE}/daten/{}", names[0]);
    let a = format!("{a_page}#datensatz");
    assert_eq!(one(g, &a, &format!("{DCT}title")), "Radverkehrszählung");
    assert_eq!(objects(g, &a, &format!("{DCAT}keyword")).len(), 2);
    assert_eq!(objects(g, &a, &format!("{DCAT}theme")).len(), 2);
    assert_eq!(
        one(g, &a, "http://dcat-ap.de/def/dcatde/contributorID"),
        "http://dcat-ap.de/def/contributors/stadtMusterstadt"
    );
    let ars = "http://dcat-ap.de/def/politicalGeocoding/regionalKey/081110000000";
    assert_eq!(one(g, &a, &format!("{DCT}spatial")), ars);
    assert_eq!(
        one(
            g,
            &a,
            "http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI"
        ),
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    );
    // Deprecated in DCAT-AP.de 3.0: dct:spatial carries the regional key.
    assert!(objects(g, &a, "http://dcat-ap.de/def/dcatde/politicalGeocodingURI").is_empty());
    let period = one(g, &a, &format!("{DCT}temporal"));
    assert_eq!(one(g, &period, &format!("{DCAT}startDate")), "2024-01-01");
    assert_eq!(one(g, &period, &format!("{DCAT}endDate")), "2024-12-31");
    assert_eq!(
        one(g, &a, &format!("{DCT}accrualPeriodicity")),
        "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
    );
    let contact = one(g, &a, &format!("{DCAT}contactPoint"));
    assert_eq!(
        one(g, &contact, "http://www.w3.org/2006/vcard/ns#hasEmail"),
        "mailto:mobil@musterstadt.example"
    );
    assert!(one(g, &a, &format!("{DCT}modified")).ends_with('Z'));
    assert_eq!(one(g, &a, &format!("{DCAT}landingPage")), a_page);
    assert_eq!(
        one(g, &a, &format!("{DCT}accessRights")),
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
    );
    let dists = objects(g, &a, &format!("{DCAT}distribution"));
    assert_eq!(dists.len(), 2);
    let (mut files, mut links) = (0, 0);
    for d in &dists {
        let Term::NamedNode(d) = d else { panic!() };
        let d = d.as_str();
        let downloads = objects(g, d, &format!("{DCAT}downloadURL"));
        if downloads.is_empty() {
            links += 1;
            assert_eq!(
                one(g, d, &format!("{DCAT}accessURL")),
                "https://api.musterstadt.example/rad"
            );
            assert_eq!(
                one(g, d, &format!("{DCT}license")),
                "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
            );
            assert!(objects(
                g,
                d,
                "http://dcat-ap.de/def/dcatde/licenseAttributionByText"
            )
            .is_empty());
        } else {
            files += 1;
            let url = one(g, d, &format!("{DCAT}downloadURL"));
            assert!(url.starts_with(&format!("{a_page}/dateien/")), "{url}");
            assert_eq!(one(g, d, &format!("{DCAT}accessURL")), url);
            assert_eq!(
                one(g, d, &format!("{DCT}format")),
                "http://publications.europa.eu/resource/authority/file-type/CSV"
            );
            assert_eq!(
                one(g, d, &format!("{DCAT}mediaType")),
                "https://www.iana.org/assignments/media-types/text/csv"
            );
            assert_eq!(
                one(
                    g,
                    d,
                    "http://dcat-ap.de/def/dcatde/licenseAttributionByText"
                ),
                app.tenant.name
            );
            assert_eq!(one(g, d, &format!("{DCAT}byteSize")), "36");
            let sum = one(g, d, "http://spdx.org/rdf/terms#checksum");
            assert_eq!(
                one(g, &sum, "http://spdx.org/rdf/terms#checksumValue").len(),
                64
            );
        }
    }
    assert_eq!((files, links), (1, 1));
    // Own landing page, no period, no keywords.
    let b = format!("{BASE}/daten/{}#datensatz", names[1]);
    assert_eq!(
        one(g, &b, &format!("{DCAT}landingPage")),
        "https://www.musterstadt.example/baeume"
    );
    assert!(objects(g, &b, &format!("{DCT}temporal")).is_empty());
    assert!(objects(g, &b, &format!("{DCAT}keyword")).is_empty());
    // The participation result is published like the others.
    let c = format!("{BASE}/daten/{}#datensatz", names[2]);
    assert_eq!(objects(g, &c, &format!("{DCAT}distribution")).len(), 1);
}

#[tokio::test]
async fn a_harvested_or_withdrawn_dataset_is_not_exported() {
    let app = TestApp::new().await;
    let names = variants(&app).await;
    for (i, column) in [(0, "origin = 'harvested'"), (1, "withdrawn_at = 1")] {
        app.store
            .db
            .exec(
                &format!("UPDATE datasets SET {column} WHERE name = $1"),
                teilhabe_store::params![names[i].clone()],
            )
            .await
            .unwrap();
    }
    let (_, _, body) = fetch(&app, "/catalog.ttl").await;
    let g = parse("ttl", &body);
    let catalog = "http://localhost:8080/daten#katalog";
    assert_eq!(objects(&g, catalog, &format!("{DCAT}dataset")).len(), 2);
    assert_eq!(one(&g, catalog, &format!("{HYDRA}totalItems")), "2");
    assert!(!body.contains(&names[0]) && !body.contains(&names[1]));
}

#[tokio::test]
async fn paging_links_for_0_1_100_and_101_datasets() {
    let app = TestApp::new().await;
    profile(&app).await;
    let staff = app.actor("staff").await;
    let catalog = format!("{BASE}/daten#katalog");
    let page = |n: i64| format!("{BASE}/catalog.ttl?page={n}");
    let mut count = 0;
    for target in [0, 1, 100, 101] {
        while count < target {
            count += 1;
            app.store
                .catalog()
                .create(
                    &app.tenant,
                    &staff,
                    Some(app.dept),
                    draft(&format!("Datensatz {count}")),
                )
                .await
                .unwrap();
        }
        let (status, _, body) = fetch(&app, "/catalog.ttl").await;
        assert_eq!(status, StatusCode::OK);
        let g = parse("ttl", &body);
        assert_eq!(
            one(&g, &catalog, &format!("{HYDRA}totalItems")),
            target.to_string()
        );
        assert_eq!(
            objects(&g, &catalog, &format!("{DCAT}dataset")).len() as i64,
            target.min(100)
        );
        assert_eq!(one(&g, &catalog, &format!("{HYDRA}firstPage")), page(1));
        assert!(objects(&g, &catalog, &format!("{HYDRA}previousPage")).is_empty());
        let last = if target > 100 { 2 } else { 1 };
        assert_eq!(one(&g, &catalog, &format!("{HYDRA}lastPage")), page(last));
        if target > 100 {
            assert_eq!(one(&g, &catalog, &format!("{HYDRA}next")), page(2));
            assert_eq!(one(&g, &catalog, &format!("{HYDRA}nextPage")), page(2));
            let before = app.store.db.statement_count();
            let (status, _, body) = fetch(&app, "/catalog.ttl?page=2").await;
            assert_eq!(status, StatusCode::OK);
            let second = parse("ttl", &body);
            assert_eq!(
                objects(&second, &catalog, &format!("{DCAT}dataset")).len(),
                1
            );
            assert_eq!(one(&second, &catalog, &format!("{HYDRA}previous")), page(1));
            assert_eq!(
                one(&second, &catalog, &format!("{HYDRA}previousPage")),
                page(1)
            );
            assert!(objects(&second, &catalog, &format!("{HYDRA}next")).is_empty());
            let small = app.store.db.statement_count() - before;
            // A full page costs the same queries as a page of one.
            let before = app.store.db.statement_count();
            fetch(&app, "/catalog.ttl?page=1").await;
            assert_eq!(app.store.db.statement_count() - before, small);
        } else {
            assert!(objects(&g, &catalog, &format!("{HYDRA}next")).is_empty());
            assert!(objects(&g, &catalog, &format!("{HYDRA}nextPage")).is_empty());
        }
        let (status, _, _) = fetch(&app, &format!("/catalog.ttl?page={}", last + 1)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_bad_page_number_is_a_bad_request_with_a_message() {
    let app = TestApp::new().await;
    for path in [
        "/catalog.ttl?page=0",
        "/catalog.rdf?page=eins",
        "/catalog.jsonld?page=-2",
    ] {
        let r = app.get(&mut Session::default(), path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            r.body.contains("Ungültige Seitenzahl"),
            "{path}: {}",
            r.body
        );
    }
}
