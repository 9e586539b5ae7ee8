//! The CKAN Action API (`/api/3/action/…`): envelopes, errors with CKAN's
//! types and status codes, and what `q`/`fq`/`sort`/paging/facets of
//! `package_search` select. The real `ckanapi` client is run against a
//! server by scripts/test-catalog-ckan.sh.

use crate::common::TestApp;
use axum::http::StatusCode;
use serde_json::{json, Value};
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_domain::Actor;
use teilhabe_store::catalog::distributions::Upload;

fn draft(title: &str, theme: &str, keywords: &[&str]) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: format!("{title}: eine Beschreibung für die Tests."),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        themes: vec![theme.into()],
        temporal_start: Some("2024-01-01".into()),
        temporal_end: None,
        accrual_periodicity: "ANNUAL".into(),
        contact_name: "Open-Data-Stelle".into(),
        contact_email: "opendata@example.org".into(),
        landing_page: String::new(),
        access_rights: "PUBLIC".into(),
    }
}

/// Three datasets: trees (Grünflächen, ENVI, CSV file), traffic
/// (Mobilität, TRAN, JSON link under cc-by) and heat (Grünflächen, ENVI).
async fn seeded() -> (TestApp, Vec<teilhabe_store::catalog::DatasetRecord>) {
    let app = TestApp::new().await;
    let admin = Actor::administrator();
    let c = app.store.catalog();
    let trees = c
        .create(
            &app.tenant,
            &admin,
            Some(app.other_dept),
            draft("Baumkataster", "ENVI", &["Bäume", "Stadtgrün"]),
        )
        .await
        .unwrap();
    let file = DistributionDraft {
        title: "Bäume als CSV".into(),
        description: String::new(),
        format: "CSV".into(),
        license: "dl-by-de/2.0".into(),
        access_url: String::new(),
    };
    c.add_distribution(
        &app.tenant,
        &admin,
        trees.id,
        &file,
        Some(Upload {
            file_name: "baeume.csv".into(),
            bytes: b"art;anzahl\nLinde;3\n".to_vec(),
        }),
    )
    .await
    .unwrap();
    let traffic = c
        .create(
            &app.tenant,
            &admin,
            Some(app.dept),
            draft("Verkehrszählung", "TRAN", &["Verkehr"]),
        )
        .await
        .unwrap();
    let link = DistributionDraft {
        title: "Zähldaten-Schnittstelle".into(),
        description: String::new(),
        format: "JSON".into(),
        license: "cc-by/4.0".into(),
        access_url: "https://daten.example.org/zaehlung".into(),
    };
    c.add_distribution(&app.tenant, &admin, traffic.id, &link, None)
        .await
        .unwrap();
    let heat = c
        .create(
            &app.tenant,
            &admin,
            Some(app.other_dept),
            draft("Hitzemessungen", "ENVI", &["Hitze", "Stadtgrün"]),
        )
        .await
        .unwrap();
    let all = vec![
        c.by_id(&app.tenant, trees.id).await.unwrap(),
        c.by_id(&app.tenant, traffic.id).await.unwrap(),
        c.by_id(&app.tenant, heat.id).await.unwrap(),
    ];
    (app, all)
}

async fn call(app: &TestApp, action: &str, body: Value) -> (StatusCode, Value) {
    let r = app
        .api("POST", &format!("/api/3/action/{action}"), None, Some(body))
        .await;
    (r.status, r.json())
}

async fn names(app: &TestApp, body: Value) -> Vec<String> {
    let (status, v) = call(app, "package_search", body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}: {v}");
    v["result"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn envelopes_and_package_dicts() {
    let (app, ds) = seeded().await;
    // GET and POST, both paths, anonymous, POST without a CSRF token.
    for (method, path) in [
        ("GET", "/api/3/action/status_show"),
        ("GET", "/api/action/status_show"),
        ("POST", "/api/3/action/status_show"),
        ("POST", "/api/action/status_show"),
    ] {
        let body = (method == "POST").then(|| json!({}));
        let r = app.api(method, path, None, body).await;
        assert_eq!(r.status, StatusCode::OK, "{method} {path}: {}", r.body);
        let v = r.json();
        assert_eq!(v["success"], json!(true));
        assert!(v["help"]
            .as_str()
            .unwrap()
            .contains("help_show?name=status_show"));
        assert!(v["result"]["ckan_version"]
            .as_str()
            .unwrap()
            .starts_with("2.10"));
    }
    let (_, v) = call(&app, "package_list", json!({})).await;
    let mut expected: Vec<&str> = ds.iter().map(|d| d.name.as_str()).collect();
    expected.sort();
    assert_eq!(v["result"], json!(expected));
    let (_, v) = call(&app, "package_list", json!({"limit": 1, "offset": 1})).await;
    assert_eq!(v["result"], json!([expected[1]]));

    // package_show by identifier and by name: the same dict.
    let trees = &ds[0];
    let (s1, by_id) = call(&app, "package_show", json!({"id": trees.identifier})).await;
    let r = app
        .api(
            "GET",
            &format!("/api/3/action/package_show?id={}", trees.name),
            None,
            None,
        )
        .await;
    assert_eq!((s1, r.status), (StatusCode::OK, StatusCode::OK));
    let p = &by_id["result"];
    assert_eq!(p, &r.json()["result"]);
    assert_eq!(p["id"], json!(trees.identifier));
    assert_eq!(p["name"], json!(trees.name));
    assert_eq!(p["type"], json!("dataset"));
    assert_eq!(p["state"], json!("active"));
    assert_eq!(p["private"], json!(false));
    assert_eq!(p["isopen"], json!(true));
    assert_eq!(
        p["license_id"],
        json!("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
    );
    assert_eq!(p["num_resources"], json!(1));
    assert_eq!(p["num_tags"], json!(2));
    assert_eq!(p["groups"][0]["name"], json!("envi"));
    let modified = p["metadata_modified"].as_str().unwrap();
    assert_eq!(modified.len(), 26, "{modified}");
    assert!(!modified.ends_with('Z') && !modified.contains('+'));
    assert_eq!(p["organization"]["title"], json!("Grünflächen"));
    assert_eq!(p["owner_org"], p["organization"]["id"]);
    let res = &p["resources"][0];
    let url = res["url"].as_str().unwrap();
    assert!(
        url.starts_with("http")
            && url.ends_with(&format!(
                "/daten/{}/dateien/{}",
                trees.name,
                res["id"].as_str().unwrap()
            )),
        "{url}"
    );
    assert_eq!(res["format"], json!("CSV"));
    assert_eq!(res["package_id"], json!(trees.identifier));
    let extras = p["extras"].as_array().unwrap();
    assert!(extras
        .iter()
        .all(|e| e["key"].is_string() && e["value"].is_string()));
    assert!(extras
        .iter()
        .any(|e| e["key"] == "temporal_start" && e["value"] == "2024-01-01"));

    // resource_show gives the same resource.
    let (s, v) = call(&app, "resource_show", json!({"id": res["id"]})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(&v["result"], res);

    // Organisations and groups.
    let (_, v) = call(&app, "organization_list", json!({"all_fields": true})).await;
    let orgs = v["result"].as_array().unwrap();
    let green = orgs.iter().find(|o| o["title"] == "Grünflächen").unwrap();
    assert_eq!(green["package_count"], json!(2));
    let (s, v) = call(
        &app,
        "organization_show",
        json!({"id": green["name"], "include_datasets": true}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["result"]["packages"].as_array().unwrap().len(), 2);
    let (_, v) = call(&app, "group_list", json!({})).await;
    assert!(v["result"].as_array().unwrap().contains(&json!("soci")));
    let (s, v) = call(&app, "group_show", json!({"id": "envi"})).await;
    assert_eq!(
        (s, &v["result"]["package_count"]),
        (StatusCode::OK, &json!(2))
    );
    let (_, v) = call(&app, "tag_list", json!({})).await;
    assert_eq!(
        v["result"],
        json!(["Bäume", "Hitze", "Stadtgrün", "Verkehr"])
    );
    let (_, v) = call(&app, "license_list", json!({})).await;
    assert!(v["result"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["id"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"));
}

#[tokio::test]
async fn errors_carry_ckans_types_and_codes() {
    let (app, _) = seeded().await;
    for (action, body, status, kind, part) in [
        (
            "package_show",
            json!({"id": "gibt-es-nicht"}),
            404,
            "Not Found Error",
            "Not found",
        ),
        (
            "resource_show",
            json!({"id": "999999"}),
            404,
            "Not Found Error",
            "Not found",
        ),
        (
            "organization_show",
            json!({"id": "nein"}),
            404,
            "Not Found Error",
            "Not found",
        ),
        (
            "group_show",
            json!({"id": "xyz"}),
            404,
            "Not Found Error",
            "Not found",
        ),
        ("package_show", json!({}), 409, "Validation Error", ""),
        (
            "package_search",
            json!({"rows": 1001}),
            409,
            "Validation Error",
            "",
        ),
        (
            "package_search",
            json!({"start": -1}),
            409,
            "Validation Error",
            "",
        ),
        (
            "package_search",
            json!({"rows": "zehn"}),
            409,
            "Validation Error",
            "",
        ),
        (
            "package_search",
            json!({"fq": "farbe:rot"}),
            400,
            "Search Query Error",
            "unknown field 'farbe'",
        ),
        (
            "package_search",
            json!({"q": "tags:\"offen"}),
            400,
            "Search Query Error",
            "not closed",
        ),
        (
            "package_search",
            json!({"fq": "metadata_modified:[gestern TO *]"}),
            400,
            "Search Query Error",
            "'gestern' is not a date",
        ),
        (
            "package_search",
            json!({"sort": "farbe asc"}),
            400,
            "Search Query Error",
            "farbe",
        ),
        (
            "package_search",
            json!({"facet.field": "[\"farbe\"]"}),
            400,
            "Search Query Error",
            "farbe",
        ),
    ] {
        let (s, v) = call(&app, action, body.clone()).await;
        assert_eq!(s.as_u16(), status, "{action} {body}: {v}");
        assert_eq!(v["success"], json!(false), "{action} {body}");
        assert_eq!(v["error"]["__type"], json!(kind), "{action} {body}: {v}");
        if !part.is_empty() {
            let m = v["error"]["message"].as_str().unwrap();
            assert!(m.contains(part), "{action} {body}: {m}");
        }
    }
    let (_, v) = call(&app, "package_search", json!({"rows": 1001})).await;
    assert!(v["error"]["rows"][0].as_str().unwrap().contains("1000"));
    // GET as well.
    let r = app
        .api(
            "GET",
            "/api/action/package_show?id=gibt-es-nicht",
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["__type"], json!("Not Found Error"));
    // An unknown action: 400 with a JSON string, as CKAN answers.
    let r = app
        .api("GET", "/api/3/action/package_create", None, None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json(),
        json!("Bad request - Action name not known: package_create")
    );
    // Broken JSON.
    let r = app
        .request(
            &mut Default::default(),
            "POST",
            "/api/3/action/package_search",
            Some("application/json"),
            b"{nicht json".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json().as_str().unwrap().contains("JSON Error"));
}

#[tokio::test]
async fn search_filters_sorts_pages_and_counts() {
    let (app, ds) = seeded().await;
    let [trees, traffic, heat] = [&ds[0].name, &ds[1].name, &ds[2].name];
    let (_, v) = call(&app, "organization_list", json!({"all_fields": true})).await;
    let green = v["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Grünflächen")
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let set = |names: &[&String]| sorted(names.iter().map(|s| s.to_string()).collect());
    for (body, expected) in [
        (
            json!({"fq": format!("organization:{green}")}),
            set(&[trees, heat]),
        ),
        (
            json!({"fq": format!("-organization:{green}")}),
            set(&[traffic]),
        ),
        (json!({"fq": "groups:envi"}), set(&[trees, heat])),
        (json!({"fq": "-groups:envi"}), set(&[traffic])),
        (
            json!({"fq": "tags:\"Stadtgrün\" -tags:Hitze"}),
            set(&[trees]),
        ),
        (json!({"fq": "res_format:CSV"}), set(&[trees])),
        (
            json!({"fq": "license_id:\"http://dcat-ap.de/def/licenses/cc-by/4.0\""}),
            set(&[traffic]),
        ),
        (json!({"fq": format!("name:{heat}")}), set(&[heat])),
        (
            json!({"fq": format!("id:{}", ds[1].identifier)}),
            set(&[traffic]),
        ),
        (json!({"q": "baumkataster"}), set(&[trees])),
        (json!({"q": "Messungen groups:envi"}), set(&[heat])),
        (
            json!({"q": "*:*", "fq": "metadata_modified:[2000-01-01T00:00:00Z TO *]"}),
            set(&[trees, traffic, heat]),
        ),
        (
            json!({"fq": "metadata_modified:[* TO 2000-01-01T00:00:00Z]"}),
            vec![],
        ),
        (json!({"fq": "organization:niemand"}), vec![]),
    ] {
        assert_eq!(sorted(names(&app, body.clone()).await), expected, "{body}");
    }
    // Sorted by identifier, paged by one until an empty page: each once.
    let mut by_id: Vec<&teilhabe_store::catalog::DatasetRecord> = ds.iter().collect();
    by_id.sort_by(|a, b| a.identifier.cmp(&b.identifier));
    let mut seen = Vec::new();
    for start in 0.. {
        let page = names(&app, json!({"sort": "id asc", "rows": 1, "start": start})).await;
        if page.is_empty() {
            break;
        }
        seen.extend(page);
    }
    assert_eq!(
        seen,
        by_id.iter().map(|d| d.name.clone()).collect::<Vec<_>>()
    );
    assert_eq!(names(&app, json!({"sort": "name desc"})).await, {
        let mut n = sorted(vec![trees.clone(), traffic.clone(), heat.clone()]);
        n.reverse();
        n
    });
    // GET with query parameters, facets as a JSON list.
    let r = app
        .api(
            "GET",
            "/api/3/action/package_search?fq=groups:envi&rows=0&facet.field=%5B%22tags%22,%22res_format%22,%22organization%22%5D",
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let result = &v["result"];
    assert_eq!(result["count"], json!(2));
    assert_eq!(result["results"], json!([]));
    assert_eq!(result["facets"]["tags"]["Stadtgrün"], json!(2));
    assert_eq!(result["facets"]["tags"]["Bäume"], json!(1));
    assert_eq!(result["facets"]["res_format"], json!({"CSV": 1}));
    assert_eq!(result["facets"]["organization"][&green], json!(2));
    let items = result["search_facets"]["tags"]["items"].as_array().unwrap();
    assert_eq!(
        items[0],
        json!({"name": "Stadtgrün", "display_name": "Stadtgrün", "count": 2})
    );
}
