//! Demo data of the participatory budget (issue 5): "Bürgerhaushalt 2027"
//! with a city-wide and three district budgets (one per ballot type), 25
//! reviewed projects and about 3,000 generated voters (deterministic seed),
//! counted and published, so that the results under equal shares and under
//! greedy differ visibly; and an open "Jugendbudget 2027" to try voting.
//!
//! Proposals, budgets, reviews and publication go through the services.
//! The generated ballots are written in one transaction with multi-row
//! inserts (one audit entry records how many), which keeps
//! `teilhabe serve --demo` fast; they are valid ballots of their budgets.

use crate::db::multi_row_sql;
use crate::demo::Demo;
use crate::processes::{PhaseInput, ProcessInput};
use crate::{Result, Store, Tenant, P};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use teilhabe_domain::budget::{
    encode_ballot, receipt_code, receipt_hash, BallotChoice, BudgetInput,
};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_domain::Actor;

const DAY: i64 = 86_400_000;

/// (title, description, cost in euros)
type Project = (&'static str, &'static str, i64);

const CITY: &[Project] = &[
    ("Neugestaltung des Marktplatzes mit Wasserspiel", "Der Marktplatz ist eine graue Parkfläche. Mit Bäumen, Sitzstufen und einem Wasserspiel für Kinder würde er wieder zum Treffpunkt der Stadt.", 280_000),
    ("Sanierung des Freibads Am Wiesengrund", "Umkleiden und Duschen des Freibads sind in schlechtem Zustand. Neue, barrierefreie Sanitäranlagen sichern den Badebetrieb für die nächsten Jahre.", 220_000),
    ("Radschnellverbindung Bahnhof–Gewerbegebiet (1. Abschnitt)", "Ein breiter, beleuchteter Radweg vom Bahnhof zum Gewerbegebiet macht den Weg zur Arbeit mit dem Rad sicher und schnell.", 190_000),
    ("Überdachte Skateanlage im Stadtpark", "Jugendliche wünschen sich eine Skateanlage, die auch bei Regen nutzbar ist. Ein Dach über einem Teil der Anlage macht das möglich.", 95_000),
    ("Seniorentreff mit Café im Bürgerhaus", "Ein offener Treff mit kleinem Café im Bürgerhaus, betreut von Ehrenamtlichen, gegen Einsamkeit im Alter.", 60_000),
    ("Barrierefreie öffentliche Toiletten in der Innenstadt", "In der Innenstadt fehlen öffentliche Toiletten. Zwei barrierefreie Anlagen helfen Älteren, Familien und Menschen mit Behinderung.", 75_000),
    ("50 neue Straßenbäume in der Innenstadt", "Fünfzig große Bäume spenden Schatten, kühlen im Sommer und machen die Straßen der Innenstadt freundlicher.", 85_000),
    ("Leihladen für Werkzeug und Haushaltsgeräte", "Bohrmaschine, Leiter oder Nähmaschine ausleihen statt kaufen: ein Leihladen spart Geld und Ressourcen.", 25_000),
    ("Sprachcafé und Lernhilfe in der Stadtbibliothek", "Ehrenamtliche helfen beim Deutschlernen und bei den Hausaufgaben. Die Bibliothek braucht dafür Möbel, Material und eine Koordination.", 30_000),
    ("Trinkbrunnen an fünf Plätzen", "Fünf Trinkbrunnen an belebten Plätzen geben an heißen Tagen kostenloses Trinkwasser für alle.", 45_000),
];

const NORTH: &[Project] = &[
    ("Kletterturm für den Spielplatz Nordstadt", "Ein Kletterturm mit Rutsche für Kinder von 6 bis 12 Jahren auf dem Spielplatz an der Lindenallee.", 65_000),
    ("Beleuchtung des Fußwegs zum Bahnhof Nord", "Der Fußweg zum Bahnhof Nord ist abends dunkel. Eine sparsame LED-Beleuchtung macht ihn sicherer.", 40_000),
    ("Gemeinschaftsgarten an der Schulstraße", "Hochbeete, ein Wasseranschluss und ein Geräteschuppen für einen Garten, den Nachbarinnen und Nachbarn gemeinsam pflegen.", 18_000),
    ("Kunstrasen für den Bolzplatz Nordstadt", "Der Bolzplatz ist bei Regen ein Schlammfeld. Kunstrasen macht ihn das ganze Jahr bespielbar.", 90_000),
    ("Bücherschrank und Sitzbänke am Nordplatz", "Ein offener Bücherschrank und drei Bänke laden am Nordplatz zum Lesen und Verweilen ein.", 8_000),
];

const SOUTH: &[Project] = &[
    ("Sanierung des Jugendtreffs Süd", "Der Jugendtreff braucht neue Fenster, eine Küche und einen Raum für Musik.", 55_000),
    ("Blühstreifen und Insektenhotels am Kanal", "Blühende Wiesenstreifen und Nisthilfen am Kanalufer für Bienen, Schmetterlinge und Vögel.", 12_000),
    ("Zebrastreifen und Mittelinsel an der Grundschule Süd", "Kinder queren die Kanalstraße auf dem Schulweg ohne Hilfe. Ein Zebrastreifen mit Mittelinsel macht den Weg sicher.", 35_000),
    ("Fitnessgeräte an der Kanalpromenade", "Sechs Fitnessgeräte für draußen, kostenlos nutzbar für alle Altersgruppen.", 28_000),
    ("Überdachte Fahrradständer am Südbahnhof", "Vierzig überdachte Fahrradbügel am Südbahnhof für alle, die mit Rad und Bahn pendeln.", 22_000),
];

const WEST: &[Project] = &[
    ("Hundewiese mit Zaun im Westpark", "Eine eingezäunte Wiese, auf der Hunde frei laufen können, entlastet die übrigen Parkflächen.", 20_000),
    ("Sitzgruppen und Sonnensegel im Westpark", "Neue Sitzgruppen mit Sonnensegeln machen den Westpark auch im Hochsommer nutzbar.", 25_000),
    ("Sanierung der Wege auf dem Friedhof West", "Die Kieswege auf dem Friedhof sind mit Rollator oder Rollstuhl kaum begehbar. Feste Wege schaffen Abhilfe.", 45_000),
    ("Mobile Kulturbühne für die Weststadt", "Eine mobile Bühne für Stadtteilfest, Konzerte und Theater im Freien.", 30_000),
    ("Verkehrsberuhigung in der Mühlenstraße", "Aufpflasterungen und Pflanzinseln bremsen den Durchgangsverkehr in der Mühlenstraße.", 60_000),
];

/// Reviewed as not feasible, with a public reason.
const NOT_FEASIBLE: &[(&str, &str, i64, &str)] = &[
    ("Seilbahn vom Bahnhof zum Schlossberg", "Eine Seilbahn würde den Schlossberg ohne Auto erreichbar machen.", 4_500_000, "Die Kosten liegen weit über dem Budget; außerdem liegt der Schlossberg im Landschaftsschutzgebiet."),
    ("Kostenloser Nahverkehr für alle", "Busse und Bahnen sollen in Musterstadt kostenlos sein.", 3_200_000, "Der Nahverkehr wird vom Verkehrsverbund finanziert; ein Projekt aus dem Bürgerhaushalt kann die Tarife nicht ändern."),
];

const YOUTH: &[Project] = &[
    (
        "WLAN im Jugendtreff",
        "Schnelles WLAN für Hausaufgaben und Projekte im Jugendtreff.",
        4_000,
    ),
    (
        "Graffiti-Wand am Skatepark",
        "Eine legale Wand für Graffiti und Streetart am Skatepark.",
        6_000,
    ),
    (
        "Bandproberaum ausstatten",
        "Verstärker, Schlagzeug und Schallschutz für den Proberaum im Jugendzentrum.",
        12_000,
    ),
    (
        "E-Sport-Turnier im Jugendzentrum",
        "Ein Turnier mit Leihgeräten, offen für alle Jugendlichen der Stadt.",
        3_000,
    ),
    (
        "Beachvolleyballfeld am Freibad",
        "Ein Beachvolleyballfeld am Freibad, auch außerhalb der Badesaison offen.",
        18_000,
    ),
];

fn phase(end: i64, title: &str, from: i64, to: i64, forms: &[Form]) -> PhaseInput {
    PhaseInput {
        title: title.into(),
        starts_on: crate::date_of(end + from * DAY).to_string(),
        ends_on: crate::date_of(end + to * DAY).to_string(),
        forms: forms.to_vec(),
    }
}

fn budget(
    name: &str,
    district: &str,
    amount: i64,
    kind: &str,
    limit: &str,
    rule: &str,
    min_age: &str,
) -> BudgetInput {
    BudgetInput {
        name: name.into(),
        district: district.into(),
        amount: amount.to_string(),
        ballot_kind: kind.into(),
        ballot_limit: limit.into(),
        rule: rule.into(),
        min_age: min_age.into(),
    }
}

/// Creates the proposals and puts them on the budget, reviewed feasible
/// (and the not-feasible ones reviewed as such). Returns the project ids.
#[allow(clippy::too_many_arguments)] // the demo's context, each needed once
async fn projects(
    s: &Store,
    tenant: &Tenant,
    staff: &Actor,
    authors: &[Actor],
    slug: &str,
    budget_id: i64,
    list: &[Project],
    not_feasible: &[(&str, &str, i64, &str)],
) -> Result<Vec<i64>> {
    const FEASIBLE: &str = "Geprüft: umsetzbar. Die Kosten hat das Fachamt geschätzt.";
    // (title, body, cost, feasible, review note, author index)
    let feasible = list
        .iter()
        .enumerate()
        .map(|(i, (title, body, cost))| (*title, *body, *cost, true, FEASIBLE, i));
    let rejected = not_feasible
        .iter()
        .enumerate()
        .map(|(i, (title, body, cost, reason))| (*title, *body, *cost, false, *reason, i + 3));
    let mut out = Vec::new();
    for (title, body, cost, is_feasible, note, author) in feasible.chain(rejected) {
        let draft = ProposalDraft {
            title: title.into(),
            body: body.into(),
            ..Default::default()
        };
        let p = s
            .proposals()
            .create(tenant, &authors[author % authors.len()], slug, &draft, None)
            .await?;
        let id = s
            .budgets()
            .add_project(tenant, staff, budget_id, p.id, cost)
            .await?;
        s.budgets()
            .review_project(tenant, staff, id, is_feasible, note, cost)
            .await?;
        if is_feasible {
            out.push(id);
        }
    }
    Ok(out)
}

/// One generated ballot row.
struct Gen {
    budget: i64,
    key: String,
    channel: &'static str,
    choices: Vec<BallotChoice>,
    receipt: Option<String>,
}

fn pick(rng: &mut StdRng, ids: &[i64], which: &[(usize, f64)]) -> Vec<BallotChoice> {
    which
        .iter()
        .filter(|(_, p)| rng.gen_bool(*p))
        .map(|(i, _)| BallotChoice {
            project: ids[*i],
            points: 1,
        })
        .collect()
}

fn approvals(rng: &mut StdRng, ids: &[i64], max: usize) -> Vec<BallotChoice> {
    // Four groups of voters with different priorities: the majority wants
    // the big projects in the centre; young people, older people and
    // environmentalists each want their smaller projects.
    let g = rng.gen_range(0..100);
    let mut c = if g < 55 {
        pick(
            rng,
            ids,
            &[(0, 0.85), (1, 0.8), (2, 0.75), (6, 0.25), (9, 0.2)],
        )
    } else if g < 75 {
        pick(rng, ids, &[(3, 0.95), (8, 0.55), (7, 0.5), (1, 0.3)])
    } else if g < 90 {
        pick(rng, ids, &[(4, 0.95), (5, 0.8), (9, 0.5)])
    } else {
        pick(rng, ids, &[(6, 0.95), (7, 0.7), (9, 0.6), (2, 0.4)])
    };
    c.truncate(max);
    if c.is_empty() {
        c.push(BallotChoice {
            project: ids[rng.gen_range(0..ids.len())],
            points: 1,
        });
    }
    c
}

fn knapsack(rng: &mut StdRng, ids: &[i64], costs: &[i64], amount: i64) -> Vec<BallotChoice> {
    let weights = [0.6, 0.5, 0.45, 0.35, 0.7];
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|a, b| {
        let ka = rng.gen::<f64>() * weights[*a % weights.len()];
        let kb = rng.gen::<f64>() * weights[*b % weights.len()];
        kb.total_cmp(&ka)
    });
    let mut left = amount;
    let mut out = Vec::new();
    for i in order {
        if costs[i] <= left && rng.gen_bool(0.7) {
            left -= costs[i];
            out.push(BallotChoice {
                project: ids[i],
                points: 1,
            });
        }
    }
    if out.is_empty() {
        out.push(BallotChoice {
            project: ids[4.min(ids.len() - 1)],
            points: 1,
        });
    }
    out
}

fn cumulative(rng: &mut StdRng, ids: &[i64], points: i64) -> Vec<BallotChoice> {
    let n = rng.gen_range(1..=3usize);
    let mut chosen: Vec<usize> = Vec::new();
    let weights = [0.35, 0.25, 0.2, 0.1, 0.1];
    while chosen.len() < n {
        let r: f64 = rng.gen();
        let mut acc = 0.0;
        let mut idx = 0;
        for (i, w) in weights.iter().enumerate() {
            acc += w;
            if r < acc {
                idx = i;
                break;
            }
        }
        if !chosen.contains(&idx) {
            chosen.push(idx);
        }
    }
    let mut left = points;
    let mut out = Vec::new();
    for (k, i) in chosen.iter().enumerate() {
        let p = if k + 1 == chosen.len() {
            left
        } else {
            rng.gen_range(1..=(left - (chosen.len() - k - 1) as i64))
        };
        left -= p;
        out.push(BallotChoice {
            project: ids[*i],
            points: p,
        });
    }
    out
}

fn ranking(rng: &mut StdRng, ids: &[i64], max: usize) -> Vec<BallotChoice> {
    let weights = [0.5, 0.6, 0.3, 0.45, 0.4];
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|a, b| {
        let ka = rng.gen::<f64>() * weights[*a];
        let kb = rng.gen::<f64>() * weights[*b];
        kb.total_cmp(&ka)
    });
    let n = rng.gen_range(1..=max);
    order
        .into_iter()
        .take(n)
        .map(|i| BallotChoice {
            project: ids[i],
            points: 1,
        })
        .collect()
}

/// Writes generated ballots in one transaction, 200 rows per statement.
async fn write_ballots(
    s: &Store,
    tenant: &Tenant,
    process_id: i64,
    now: i64,
    rows: &[Gen],
) -> Result<()> {
    let mut w = s.write(tenant).await?;
    // The ballots were cast before the demo's clock stands now.
    w.now = now;
    for chunk in rows.chunks(200) {
        // The time is an integer of ours, not input: written literally.
        let sql = multi_row_sql(
            "INSERT INTO budget_ballots (municipality_id, budget_id, process_id, voter_key, channel, choices, receipt_hash, created_at, updated_at) VALUES ",
            &format!("($1, $2, $3, $4, $5, $6, $7, {now}, {now})"),
            7,
            chunk.len(),
        );
        let mut params: Vec<P> = Vec::with_capacity(chunk.len() * 7);
        for g in chunk {
            params.extend([
                P::from(tenant.id),
                P::from(g.budget),
                P::from(process_id),
                P::from(g.key.clone()),
                P::from(g.channel),
                P::from(encode_ballot(&g.choices)),
                P::from(g.receipt.clone()),
            ]);
        }
        w.exec(&sql, &params).await?;
    }
    w.audit_system(
        "budget.demo_ballots_loaded",
        format!("process:{process_id}"),
        serde_json::json!({"ballots": rows.len()}),
    );
    w.commit().await?;
    Ok(())
}

/// Loads the demo budgets, run by the mobility department: a published
/// one and an open one.
pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let (tenant, admin, end) = (&demo.tenant, &demo.admin, demo.end);
    let mobility = demo.department(crate::demo::MOBILITY)?;
    let (staff, department_id) = (&mobility.staff, mobility.id);
    let citizens = &demo.citizens;
    let at = |ms: i64| demo.at(ms);
    let mut rng = StdRng::seed_from_u64(2027);
    // Projects are set up before voting opens (the ballot is then fixed).
    let open = [Form::Proposals, Form::Comments];

    // Bürgerhaushalt 2027: counted and published.
    at(end - 95 * DAY);
    let input = ProcessInput {
        title: "Bürgerhaushalt 2027".into(),
        slug: "buergerhaushalt-2027".into(),
        summary: "600.000 Euro für die ganze Stadt und je ein Budget für Nordstadt, Südstadt und Weststadt: Sie haben entschieden, welche Projekte umgesetzt werden.".into(),
        body: "## So funktioniert der Bürgerhaushalt\n\n1. **Vorschläge**: Alle konnten Projekte vorschlagen.\n2. **Prüfung**: Die Fachämter haben jeden Vorschlag geprüft und die Kosten geschätzt.\n3. **Abstimmung**: Bestätigte Einwohnerinnen und Einwohner ab 16 Jahren haben im Budget der ganzen Stadt und in einem Stadtteil abgestimmt, online oder auf Papier.\n4. **Ergebnis**: Die Stimmen wurden nach einer vorher veröffentlichten Regel ausgezählt. Für die ganze Stadt gilt die **Methode der gleichen Anteile**: Jede Person bekommt einen gleich großen Anteil am Budget, so kommen auch kleinere Gruppen zum Zug.\n5. **Umsetzung**: Die ausgewählten Projekte verfolgen Sie bei jedem Vorschlag.".into(),
        department_id: Some(department_id),
        area: "Gesamte Stadt".into(),
        image_url: String::new(),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![phase(end, "Beteiligung", -95, 0, &open)],
        active_phase: Some(0),
    };
    let process = s.create_process(tenant, admin, &input).await?;
    let slug = process.slug.clone();
    // (name, district, amount, ballot kind, ballot limit, rule); all from 16.
    let kinds = [
        (
            "Gesamtstadt",
            "",
            600_000,
            "approval",
            "5",
            "mes-add1-greedy",
        ),
        (
            "Nordstadt",
            "Nordstadt",
            150_000,
            "knapsack",
            "",
            "mes-add1-greedy",
        ),
        ("Südstadt", "Südstadt", 120_000, "cumulative", "10", "mes"),
        ("Weststadt", "Weststadt", 100_000, "ranking", "3", "greedy"),
    ];
    let mut ids = [0i64; 4];
    for (id, (name, district, amount, kind, limit, rule)) in ids.iter_mut().zip(kinds) {
        let input = budget(name, district, amount, kind, limit, rule, "16");
        *id = s.budgets().create(tenant, staff, &slug, &input).await?.id;
    }
    let [city, north, south, west] = ids;
    at(end - 80 * DAY);
    let city_p = projects(s, tenant, staff, citizens, &slug, city, CITY, NOT_FEASIBLE).await?;
    let north_p = projects(s, tenant, staff, citizens, &slug, north, NORTH, &[]).await?;
    let south_p = projects(s, tenant, staff, citizens, &slug, south, SOUTH, &[]).await?;
    let west_p = projects(s, tenant, staff, citizens, &slug, west, WEST, &[]).await?;
    let north_costs: Vec<i64> = NORTH.iter().map(|p| p.2).collect();

    // About 3,000 voters: everyone in the city-wide budget, most also in
    // one district; 6 % on paper (entered twice by two staff members).
    at(end - 20 * DAY);
    let mut rows = Vec::new();
    let mut paper = Vec::new();
    for v in 0..3000usize {
        let on_paper = rng.gen_bool(0.06);
        let (key, channel) = if on_paper {
            (format!("paper:P-{:05}", v + 1), "paper")
        } else {
            (s.key().voter_key(&format!("demo:{}", v + 1)), "online")
        };
        let receipt = |rng: &mut StdRng| {
            (!on_paper).then(|| {
                let mut b = [0u8; 12];
                for x in b.iter_mut() {
                    *x = rng.gen_range(0..32);
                }
                receipt_hash(&receipt_code(&b))
            })
        };
        let c = approvals(&mut rng, &city_p, 5);
        if on_paper {
            paper.push((
                city,
                key.trim_start_matches("paper:").to_string(),
                c.clone(),
            ));
        }
        let r = receipt(&mut rng);
        rows.push(Gen {
            budget: city,
            key: key.clone(),
            channel,
            choices: c,
            receipt: r,
        });
        let d = rng.gen_range(0..100);
        // District ballots are online only in the demo (paper sheets are
        // one per budget).
        if d < 90 && !on_paper {
            let (b, c) = if d < 38 {
                (north, knapsack(&mut rng, &north_p, &north_costs, 150_000))
            } else if d < 68 {
                (south, cumulative(&mut rng, &south_p, 10))
            } else {
                (west, ranking(&mut rng, &west_p, 3))
            };
            let r = receipt(&mut rng);
            rows.push(Gen {
                budget: b,
                key,
                channel,
                choices: c,
                receipt: r,
            });
        }
    }
    write_ballots(s, tenant, process.id, end - 12 * DAY, &rows).await?;
    // Paper entries: each counted sheet entered by the staff member and
    // the administrator; two sheets were entered differently.
    let mut w = s.write(tenant).await?;
    w.now = end - 11 * DAY;
    let entries: Vec<(i64, String, Vec<BallotChoice>)> = paper;
    for (n, (b, sheet, c)) in entries.iter().enumerate() {
        for who in [staff.user_id, admin.user_id] {
            w.exec(
                "INSERT INTO budget_paper_entries (municipality_id, budget_id, sheet, entered_by, choices, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                crate::params![tenant.id, *b, sheet.as_str(), who, encode_ballot(c), end - 11 * DAY + n as i64],
            )
            .await?;
        }
    }
    w.audit_system(
        "budget.demo_paper_entries_loaded",
        format!("budget:{city}"),
        serde_json::json!({"sheets": entries.len(), "entries": entries.len() * 2}),
    );
    w.commit().await?;
    at(end - 11 * DAY);
    for (sheet, a, b) in [("P-90001", 0usize, 1usize), ("P-90002", 3, 4)] {
        let one = [BallotChoice {
            project: city_p[a],
            points: 1,
        }];
        let two = [BallotChoice {
            project: city_p[b],
            points: 1,
        }];
        s.budgets()
            .enter_paper_ballot(tenant, staff, city, sheet, &one)
            .await?;
        s.budgets()
            .enter_paper_ballot(tenant, admin, city, sheet, &two)
            .await?;
    }

    // Voting closed; results counted and published.
    at(end - 9 * DAY);
    let final_input = ProcessInput {
        phases: vec![
            phase(
                end,
                "Vorschläge",
                -95,
                -70,
                &[Form::Proposals, Form::Comments],
            ),
            phase(end, "Prüfung", -69, -35, &[Form::Comments]),
            phase(end, "Abstimmung", -34, -10, &[Form::BudgetVoting]),
            phase(end, "Umsetzung", -9, 365, &[Form::Comments]),
        ],
        active_phase: Some(3),
        ..input
    };
    s.processes()
        .update(tenant, admin, &slug, &final_input)
        .await?;
    for b in [city, north, south, west] {
        s.budgets().publish(tenant, staff, b, "Dieses Projekt wurde im Bürgerhaushalt 2027 ausgewählt und wird bis Ende 2027 umgesetzt.")
            .await?;
    }

    // Jugendbudget 2027: voting open, knapsack ballot, from 14 years.
    at(end - 40 * DAY);
    let youth_input = ProcessInput {
        title: "Jugendbudget 2027".into(),
        slug: "jugendbudget-2027".into(),
        summary: "30.000 Euro für Projekte von Jugendlichen: Alle bestätigten Einwohnerinnen und Einwohner ab 14 Jahren stimmen ab.".into(),
        body: "Jugendliche haben Ideen gesammelt, das Jugendamt hat sie geprüft. Jetzt entscheiden Sie: Kreuzen Sie Projekte an, bis das Budget von **30.000 Euro** verteilt ist. Sie können Ihre Stimme bis zum Ende der Abstimmung ändern.".into(),
        department_id: Some(department_id),
        area: "Gesamte Stadt".into(),
        image_url: String::new(),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![phase(end, "Ideen", -40, 0, &open)],
        active_phase: Some(0),
    };
    s.create_process(tenant, admin, &youth_input).await?;
    let youth = s
        .budgets()
        .create(
            tenant,
            staff,
            "jugendbudget-2027",
            &budget(
                "Jugendbudget",
                "",
                30_000,
                "knapsack",
                "",
                "mes-add1-greedy",
                "14",
            ),
        )
        .await?
        .id;
    let youth_p = projects(
        s,
        tenant,
        staff,
        citizens,
        "jugendbudget-2027",
        youth,
        YOUTH,
        &[],
    )
    .await?;
    let youth_costs: Vec<i64> = YOUTH.iter().map(|p| p.2).collect();
    at(end - 5 * DAY);
    let rows: Vec<Gen> = (0..180)
        .map(|v| Gen {
            budget: youth,
            key: s.key().voter_key(&format!("demo:y{v}")),
            channel: "online",
            choices: knapsack(&mut rng, &youth_p, &youth_costs, 30_000),
            receipt: None,
        })
        .collect();
    let youth_process = s
        .processes()
        .get(tenant, admin, "jugendbudget-2027")
        .await?;
    write_ballots(s, tenant, youth_process.id, end - 5 * DAY, &rows).await?;
    at(end - 2 * DAY);
    s.processes()
        .update(
            tenant,
            admin,
            "jugendbudget-2027",
            &ProcessInput {
                phases: vec![
                    phase(end, "Ideen", -40, -15, &[Form::Proposals, Form::Comments]),
                    phase(
                        end,
                        "Abstimmung",
                        -14,
                        21,
                        &[Form::BudgetVoting, Form::Comments],
                    ),
                ],
                active_phase: Some(1),
                ..youth_input
            },
        )
        .await?;
    Ok(())
}
