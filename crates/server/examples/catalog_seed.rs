//! Seeds the open data catalog for tests and the benchmark:
//! `cargo run -p teilhabe --example catalog_seed -- DATABASE_URL N`
//! creates N datasets, each with a CSV file and a link distribution,
//! through `store.catalog()` (validated, versioned and audited like
//! staff's datasets). On an empty database it first loads the demo
//! municipality (served at `localhost`); otherwise it adds to the first
//! municipality. Departments, themes, keywords, formats and licences
//! rotate, so that filters and facets have something to count.
#![allow(clippy::unwrap_used)] // a tool stops at its first unexpected error

use teilhabe_domain::catalog::vocab::{LICENSES, THEMES};
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_domain::Actor;
use teilhabe_store::catalog::distributions::Upload;
use teilhabe_store::{keys::InstanceKey, Clock, DbOptions, Store};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: catalog_seed DATABASE_URL N");
        std::process::exit(2);
    };
    let key = InstanceKey::for_database(url, None).unwrap();
    let store = Store::open(url, &DbOptions::default(), Clock::System, key)
        .await
        .unwrap();
    let tenant = match store.tenants().all().await.unwrap().into_iter().next() {
        Some(t) => t,
        None => teilhabe_store::demo::load(&store).await.unwrap(),
    };
    let departments = store.tenants().departments(&tenant).await.unwrap();
    let admin = Actor::administrator();
    let catalog = store.catalog();
    let words = [
        "Verkehr", "Bäume", "Hitze", "Haushalt", "Schule", "Radweg", "Wasser", "Lärm",
    ];
    for i in 0..n {
        let word = words[i % words.len()];
        let draft = DatasetDraft {
            title: format!("{word}: Messreihe {i}"),
            description: format!(
                "Automatisch erzeugter Datensatz Nummer {i} zum Thema {word}, für Tests und Messungen."
            ),
            keywords: vec![word.to_string(), format!("reihe-{}", i % 10)],
            themes: vec![THEMES.terms[i % THEMES.terms.len()].code.to_string()],
            temporal_start: Some("2024-01-01".into()),
            temporal_end: None,
            accrual_periodicity: "ANNUAL".into(),
            contact_name: "Open-Data-Stelle".into(),
            contact_email: "opendata@example.org".into(),
            landing_page: String::new(),
            access_rights: "PUBLIC".into(),
        };
        let department = if departments.is_empty() {
            None
        } else {
            Some(departments[i % departments.len()].id)
        };
        let d = catalog
            .create(&tenant, &admin, department, draft)
            .await
            .unwrap();
        let license = LICENSES.terms[i % 3].code.to_string();
        let file = DistributionDraft {
            title: format!("Tabelle {i}"),
            description: String::new(),
            format: "CSV".into(),
            license: license.clone(),
            access_url: String::new(),
        };
        let csv = format!("jahr;wert\n2024;{i}\n2025;{}\n", i * 2);
        catalog
            .add_distribution(
                &tenant,
                &admin,
                d.id,
                &file,
                Some(Upload {
                    file_name: format!("reihe-{i}.csv"),
                    bytes: csv.into_bytes(),
                }),
            )
            .await
            .unwrap();
        if i % 2 == 0 {
            let link = DistributionDraft {
                title: format!("Schnittstelle {i}"),
                description: String::new(),
                format: "JSON".into(),
                license,
                access_url: format!("https://daten.example.org/api/reihe/{i}"),
            };
            catalog
                .add_distribution(&tenant, &admin, d.id, &link, None)
                .await
                .unwrap();
        }
        if (i + 1) % 1000 == 0 {
            eprintln!("{} datasets", i + 1);
        }
    }
    println!("{n} datasets seeded into {}", tenant.slug);
}
