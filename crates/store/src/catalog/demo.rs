//! The demo municipality's open data: eleven datasets of its own
//! departments with small, realistic files generated here from fixed
//! seeds (the same bytes on every load), a closed participatory budget of
//! the previous year, and at the end the participation results of every
//! closed process, published as the catalog's job would.
//!
//! The names are fixed (other parts of the demo link to them):
//! radverkehrszaehlungen, kfz-verkehrszaehlungen, baumkataster,
//! hitzemessungen-innenstadt, luftqualitaet, parkraumauslastung,
//! laermkartierung, haushaltsplan-2026, einwohner-nach-stadtteil,
//! spielplaetze, wahlbezirke.

use super::demo_files::*;
use super::distributions::Upload;
use crate::demo::{Demo, DIGITAL_SERVICES, GREEN, MOBILITY};
use crate::processes::{PhaseInput, ProcessInput};
use crate::{Result, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use teilhabe_domain::budget::{BallotChoice, BudgetInput};
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;

const DAY: i64 = 86_400_000;

/// One demo dataset: department, title, description, keywords, themes,
/// frequency, temporal coverage, distributions.
struct Spec {
    department: Option<&'static str>,
    title: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    themes: &'static [&'static str],
    frequency: &'static str,
    temporal: (Option<&'static str>, Option<&'static str>),
    contact: (&'static str, &'static str),
    files: Vec<Dist>,
}

enum Dist {
    File(&'static str, &'static str, &'static str, Vec<u8>),
    Link(&'static str, &'static str, &'static str, &'static str),
}

fn specs() -> Vec<Spec> {
    let mobility = (
        "Amt für Mobilität und Stadtentwicklung",
        "mobilitaet@musterstadt.example",
    );
    let green = ("Grünflächen- und Umweltamt", "gruen@musterstadt.example");
    let digital = (
        "Amt für Digitalisierung und Bürgerservice",
        "digital@musterstadt.example",
    );
    let (tree_geo, tree_csv) = trees();
    vec![
        Spec {
            department: Some(MOBILITY),
            title: "Radverkehrszählungen",
            description: "Monatliche Summen der Radfahrten an den zwölf automatischen Zählstellen von Musterstadt, 2024 und 2025. Eine Zeile je Zählstelle und Monat.",
            keywords: &["Radverkehr", "Zählstellen", "Mobilität"],
            themes: &["TRAN"],
            frequency: "MONTHLY",
            temporal: (Some("2024-01-01"), Some("2025-12-31")),
            contact: mobility,
            files: vec![Dist::File("radverkehrszaehlungen.csv", "Radfahrten je Zählstelle und Monat", "dl-zero-de/2.0", cycling())],
        },
        Spec {
            department: Some(MOBILITY),
            title: "Kfz-Verkehrszählungen",
            description: "Monatliche Summen der Kraftfahrzeuge (davon Lkw) an den zwölf Zählstellen, 2024 und 2025.",
            keywords: &["Kfz-Verkehr", "Zählstellen", "Lkw"],
            themes: &["TRAN"],
            frequency: "MONTHLY",
            temporal: (Some("2024-01-01"), Some("2025-12-31")),
            contact: mobility,
            files: vec![Dist::File("kfz-verkehrszaehlungen.csv", "Kfz je Zählstelle und Monat", "dl-zero-de/2.0", cars())],
        },
        Spec {
            department: Some(GREEN),
            title: "Baumkataster",
            description: "Die Straßenbäume der Stadt mit Art, Pflanzjahr, Höhe, Kronendurchmesser und Standort (Auszug: 300 Bäume).",
            keywords: &["Bäume", "Stadtgrün", "Klimaanpassung"],
            themes: &["ENVI"],
            frequency: "ANNUAL",
            temporal: (None, None),
            contact: green,
            files: vec![
                Dist::File("baumkataster.geojson", "Baumkataster (GeoJSON)", "dl-by-de/2.0", tree_geo),
                Dist::File("baumkataster.csv", "Baumkataster (CSV)", "dl-by-de/2.0", tree_csv),
            ],
        },
        Spec {
            department: Some(GREEN),
            title: "Hitzemessungen Innenstadt",
            description: "Tägliche Höchsttemperaturen an vier Messstationen der Innenstadt im Sommer 2025. Grundlage der Hitzewarnung und der Planung schattiger Plätze.",
            keywords: &["Hitze", "Temperatur", "Klimaanpassung"],
            themes: &["ENVI", "HEAL"],
            frequency: "DAILY",
            temporal: (Some("2025-06-01"), Some("2025-08-31")),
            contact: green,
            files: vec![Dist::File("hitzemessungen-innenstadt.csv", "Höchsttemperatur je Tag und Station", "cc-by/4.0", heat())],
        },
        Spec {
            department: Some(GREEN),
            title: "Luftqualität",
            description: "Monatsmittel von Stickstoffdioxid (NO2) und Feinstaub (PM10) an drei Messstationen, 2024 und 2025, in Mikrogramm je Kubikmeter.",
            keywords: &["Luft", "Stickstoffdioxid", "Feinstaub"],
            themes: &["ENVI", "HEAL"],
            frequency: "MONTHLY",
            temporal: (Some("2024-01-01"), Some("2025-12-31")),
            contact: green,
            files: vec![Dist::File("luftqualitaet.csv", "NO2 und PM10 je Station und Monat", "dl-by-de/2.0", air())],
        },
        Spec {
            department: Some(MOBILITY),
            title: "Parkraumauslastung",
            description: "Freie Plätze in den Parkhäusern der Innenstadt, laufend aktualisiert, als JSON-Schnittstelle des Parkleitsystems.",
            keywords: &["Parken", "Parkhaus", "Echtzeit"],
            themes: &["TRAN"],
            frequency: "CONT",
            temporal: (None, None),
            contact: mobility,
            files: vec![Dist::Link("Parkhäuser: freie Plätze (JSON-API)", "JSON", "dl-zero-de/2.0", "https://parken.musterstadt.example/api/v1/parkhaeuser")],
        },
        Spec {
            department: Some(GREEN),
            title: "Lärmkartierung",
            description: "Strategische Lärmkarten nach der EU-Umgebungslärmrichtlinie (Straße, Schiene) als Kartendienst (WMS).",
            keywords: &["Lärm", "Umgebungslärm", "Karte"],
            themes: &["ENVI"],
            frequency: "IRREG",
            temporal: (Some("2022-01-01"), None),
            contact: green,
            files: vec![Dist::Link("Lärmkarten (WMS)", "WMS_SRVC", "dl-by-de/2.0", "https://geo.musterstadt.example/wms/laermkartierung?SERVICE=WMS&REQUEST=GetCapabilities")],
        },
        Spec {
            department: None,
            title: "Haushaltsplan 2026",
            description: "Der Ergebnisplan 2026 nach Produktbereichen: Aufwendungen und Erträge in Euro, wie vom Rat beschlossen, als CSV und als PDF.",
            keywords: &["Haushalt", "Finanzen", "Ergebnisplan"],
            themes: &["GOVE", "ECON"],
            frequency: "ANNUAL",
            temporal: (Some("2026-01-01"), Some("2026-12-31")),
            contact: ("Kämmerei der Stadt Musterstadt", "kaemmerei@musterstadt.example"),
            files: vec![
                Dist::File("haushaltsplan-2026.csv", "Ergebnisplan nach Produktbereichen (CSV)", "dl-zero-de/2.0", budget_plan()),
                Dist::File("haushaltsplan-2026.pdf", "Haushaltsplan 2026 (PDF)", "officialWork", budget_pdf()),
            ],
        },
        Spec {
            department: Some(DIGITAL_SERVICES),
            title: "Einwohner nach Stadtteil",
            description: "Einwohnerinnen und Einwohner mit Hauptwohnsitz je Stadtteil zum Jahresende, mit den unter 18- und ab 65-Jährigen.",
            keywords: &["Einwohner", "Bevölkerung", "Stadtteile"],
            themes: &["SOCI", "REGI"],
            frequency: "ANNUAL",
            temporal: (Some("2023-12-31"), Some("2025-12-31")),
            contact: digital,
            files: vec![Dist::File("einwohner-nach-stadtteil.csv", "Einwohner je Stadtteil und Jahr", "dl-zero-de/2.0", residents())],
        },
        Spec {
            department: Some(GREEN),
            title: "Spielplätze",
            description: "Die öffentlichen Spielplätze mit Altersgruppe, Fläche und ob sie barrierearm sind.",
            keywords: &["Spielplatz", "Kinder", "Freizeit"],
            themes: &["SOCI"],
            frequency: "ANNUAL",
            temporal: (None, None),
            contact: green,
            files: vec![Dist::File("spielplaetze.geojson", "Spielplätze (GeoJSON)", "cc-zero", playgrounds())],
        },
        Spec {
            department: Some(DIGITAL_SERVICES),
            title: "Wahlbezirke",
            description: "Die 20 Wahlbezirke der Kommunalwahl mit Stadtteil und Wahllokal, als Flächen (GeoJSON).",
            keywords: &["Wahlen", "Wahlbezirke", "Geodaten"],
            themes: &["GOVE", "REGI"],
            frequency: "IRREG",
            temporal: (None, None),
            contact: digital,
            files: vec![Dist::File("wahlbezirke.geojson", "Wahlbezirke (GeoJSON)", "dl-by-de/2.0", voting_districts())],
        },
    ]
}

pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let tenant = &demo.tenant;
    // The datasets were described over the last year.
    for (i, spec) in specs().into_iter().enumerate() {
        demo.at(demo.end - (330 - i as i64 * 25) * DAY);
        let actor = match spec.department {
            Some(d) => &demo.department(d)?.staff,
            None => &demo.admin,
        };
        let department_id = match spec.department {
            Some(d) => Some(demo.department(d)?.id),
            None => None,
        };
        let draft = DatasetDraft {
            title: spec.title.into(),
            description: spec.description.into(),
            keywords: spec.keywords.iter().map(|k| k.to_string()).collect(),
            themes: spec.themes.iter().map(|t| t.to_string()).collect(),
            temporal_start: spec.temporal.0.map(str::to_string),
            temporal_end: spec.temporal.1.map(str::to_string),
            accrual_periodicity: spec.frequency.into(),
            contact_name: spec.contact.0.into(),
            contact_email: spec.contact.1.into(),
            landing_page: String::new(),
            access_rights: "PUBLIC".into(),
        };
        let d = s
            .catalog()
            .create(tenant, actor, department_id, draft)
            .await?;
        for dist in spec.files {
            let (draft, upload) = match dist {
                Dist::File(name, title, license, bytes) => (
                    DistributionDraft {
                        title: title.into(),
                        description: String::new(),
                        format: teilhabe_domain::catalog::vocab::file_type_for_name(name)
                            .unwrap_or("CSV")
                            .into(),
                        license: license.into(),
                        access_url: String::new(),
                    },
                    Some(Upload {
                        file_name: name.into(),
                        bytes,
                    }),
                ),
                Dist::Link(title, format, license, url) => (
                    DistributionDraft {
                        title: title.into(),
                        description: String::new(),
                        format: format.into(),
                        license: license.into(),
                        access_url: url.into(),
                    },
                    None,
                ),
            };
            s.catalog()
                .add_distribution(tenant, actor, d.id, &draft, upload)
                .await?;
        }
    }
    super::links::demo_links(s, demo).await?;
    last_years_budget(s, demo).await?;
    // The results of every closed process, as the job publishes them.
    demo.at(demo.end - 3_600_000);
    super::publish::publish_job(s).await
}

/// Last year's participatory budget "Bürgerhaushalt 2026": closed, with
/// five projects, the ballots of the verified demo residents and a few
/// paper ballots, counted and evaluated.
async fn last_years_budget(s: &Store, demo: &Demo) -> Result<()> {
    let (tenant, admin, end) = (&demo.tenant, &demo.admin, demo.end);
    let department = demo.department(MOBILITY)?;
    let staff = &department.staff;
    let phase = |title: &str, from: i64, to: i64, forms: &[Form]| PhaseInput {
        title: title.into(),
        starts_on: crate::date_of(end + from * DAY).to_string(),
        ends_on: crate::date_of(end + to * DAY).to_string(),
        forms: forms.to_vec(),
    };
    let input = |status: &str, phases: Vec<PhaseInput>| {
        ProcessInput {
        title: "Bürgerhaushalt 2026".into(),
        slug: "buergerhaushalt-2026".into(),
        summary: "Der Bürgerhaushalt des vergangenen Jahres: 80.000 Euro für fünf Projekte, über die die Einwohnerinnen und Einwohner abgestimmt haben.".into(),
        body: "Die Abstimmung ist beendet und ausgezählt. Die ausgewählten Projekte werden umgesetzt; die Ergebnisse stehen als offene Daten im Datenkatalog.".into(),
        department_id: Some(department.id),
        area: "Gesamte Stadt".into(),
        image_url: String::new(),
        status: status.into(),
        rules: ProcessRules::default(),
        active_phase: Some(phases.len() - 1),
        phases,
    }
    };
    demo.at(end - 420 * DAY);
    s.create_process(
        tenant,
        admin,
        &input(
            "published",
            vec![phase("Vorschläge", -420, -400, &[Form::Proposals])],
        ),
    )
    .await?;
    let budget = s
        .budgets()
        .create(
            tenant,
            staff,
            "buergerhaushalt-2026",
            &BudgetInput {
                name: "Gesamtstadt 2026".into(),
                district: String::new(),
                amount: "80000".into(),
                ballot_kind: "approval".into(),
                ballot_limit: "3".into(),
                rule: "mes-add1-greedy".into(),
                min_age: String::new(),
            },
        )
        .await?
        .id;
    let ideas: [(&str, &str, i64); 5] = [
        (
            "Wasserspielplatz im Stadtpark",
            "Ein kleiner Wasserspielplatz mit Pumpe und Rinnen für heiße Sommertage.",
            35_000,
        ),
        (
            "Sitzbänke an der Kanalpromenade",
            "Zwanzig neue Bänke entlang der Kanalpromenade, auch mit Armlehnen für Ältere.",
            12_000,
        ),
        (
            "Fahrradreparaturstation am Bahnhof",
            "Eine Station mit Luftpumpe und Werkzeug, rund um die Uhr zugänglich.",
            6_000,
        ),
        (
            "Obstbäume auf der Streuobstwiese Ost",
            "Dreißig alte Obstsorten für die Streuobstwiese, gepflegt mit der Schule.",
            9_000,
        ),
        (
            "Beleuchteter Weg durch den Westpark",
            "Sparsame Beleuchtung für den Hauptweg durch den Westpark.",
            28_000,
        ),
    ];
    let mut projects = Vec::new();
    for (i, (title, body, cost)) in ideas.iter().enumerate() {
        demo.at(end - (418 - i as i64) * DAY);
        let author = &demo.citizens[(i * 3 + 2) % demo.citizens.len()];
        let draft = ProposalDraft {
            title: (*title).into(),
            body: (*body).into(),
            category: String::new(),
            latitude: None,
            longitude: None,
        };
        let p = s
            .proposals()
            .create(tenant, author, "buergerhaushalt-2026", &draft, None)
            .await?;
        let id = s
            .budgets()
            .add_project(tenant, staff, budget, p.id, *cost)
            .await?;
        s.budgets()
            .review_project(tenant, staff, id, true, "Geprüft: umsetzbar.", *cost)
            .await?;
        projects.push(id);
    }
    demo.at(end - 390 * DAY);
    s.processes()
        .update(
            tenant,
            admin,
            "buergerhaushalt-2026",
            &input(
                "published",
                vec![
                    phase("Vorschläge", -420, -400, &[]),
                    phase("Abstimmung", -390, -370, &[Form::BudgetVoting]),
                ],
            ),
        )
        .await?;
    // Every verified resident votes for up to three projects (a fixed
    // seed); two camps: the parks and the paths.
    let mut rng = StdRng::seed_from_u64(2026);
    for (i, who) in demo.citizens.iter().enumerate() {
        if !who.verified {
            continue;
        }
        demo.at(end - (389 - (i as i64 % 18)) * DAY);
        let camp: &[usize] = if i % 3 == 0 { &[2, 4, 1] } else { &[0, 1, 3] };
        let mut choices: Vec<BallotChoice> = camp
            .iter()
            .filter(|_| rng.gen_bool(0.7))
            .take(3)
            .map(|&k| BallotChoice {
                project: projects[k],
                points: 1,
            })
            .collect();
        if choices.is_empty() {
            choices.push(BallotChoice {
                project: projects[rng.gen_range(0..projects.len())],
                points: 1,
            });
        }
        s.budgets()
            .cast_ballot(tenant, who, budget, &choices, "")
            .await?;
    }
    // Six paper ballots from the citizens' office, each entered twice.
    for n in 0..6usize {
        let sheet = format!("P-26-{:03}", n + 1);
        let choices = [BallotChoice {
            project: projects[[1, 3, 2, 1, 0, 3][n]],
            points: 1,
        }];
        s.budgets()
            .enter_paper_ballot(tenant, staff, budget, &sheet, &choices)
            .await?;
        s.budgets()
            .enter_paper_ballot(tenant, admin, budget, &sheet, &choices)
            .await?;
    }
    demo.at(end - 365 * DAY);
    s.processes()
        .update(
            tenant,
            admin,
            "buergerhaushalt-2026",
            &input(
                "closed",
                vec![
                    phase("Vorschläge", -420, -400, &[]),
                    phase("Abstimmung", -390, -370, &[]),
                ],
            ),
        )
        .await?;
    s.budgets()
        .publish(
            tenant,
            staff,
            budget,
            "Dieses Projekt wurde im Bürgerhaushalt 2026 ausgewählt und ist umgesetzt.",
        )
        .await?;
    demo.at(end - 300 * DAY);
    s.evaluations()
        .publish(
            tenant,
            staff,
            "buergerhaushalt-2026",
            "Die Abstimmung lief vor allem online; im Bürgerbüro gaben nur wenige einen Stimmzettel ab. Im nächsten Jahr stellen wir die Projekte auch auf dem Wochenmarkt vor.",
            "",
        )
        .await?;
    Ok(())
}
