//! Participatory budgeting through the pages and the API: voting, changing
//! the ballot, limits named in the refusal, the receipt and its hash in the
//! published result, exports, staff setup and paper double entry.

use crate::common::{Row, TestApp, ALL};
use axum::http::StatusCode;
use teilhabe_domain::budget::{BallotChoice, BudgetInput};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_store::processes::{PhaseInput, ProcessInput};

/// Budgets open for voting in the process "haushalt-2027" (not touched by
/// other tests' process edits) and a published one in "haushalt-2026".
pub struct BudgetFx {
    /// Approval, at most 2 projects, 100.000 €.
    pub open: i64,
    pub open_projects: Vec<i64>,
    /// Knapsack, 100.000 €, in the same process (a district budget).
    pub knapsack: i64,
    pub knapsack_projects: Vec<i64>,
    pub published: i64,
    pub published_project: i64,
    pub published_receipt: String,
    /// A proposal of "haushalt-2027" not on any ballot.
    pub spare_proposal: i64,
}

pub const OPEN: &str = "haushalt-2027";

fn input(name: &str, district: &str, kind: &str, limit: &str) -> BudgetInput {
    BudgetInput {
        name: name.into(),
        district: district.into(),
        amount: "100000".into(),
        ballot_kind: kind.into(),
        ballot_limit: limit.into(),
        rule: "mes-add1-greedy".into(),
        min_age: String::new(),
    }
}

async fn proposal(app: &TestApp, title: &str) -> i64 {
    let a = app.actor("citizen").await;
    let draft = teilhabe_domain::proposal::ProposalDraft {
        title: title.into(),
        body: format!("{title}: eine ausführliche Begründung für das Projekt."),
        ..Default::default()
    };
    app.store
        .proposals()
        .create(&app.tenant, &a, OPEN, &draft, None)
        .await
        .unwrap()
        .id
}

/// A budget process of department 1; `voting` opens the ballot.
fn process(app: &TestApp, slug: &str, voting: bool) -> ProcessInput {
    let mut forms = vec![Form::Proposals];
    if voting {
        forms.push(Form::BudgetVoting);
    }
    ProcessInput {
        title: format!("Bürgerhaushalt {}", &slug[slug.len() - 4..]),
        slug: slug.into(),
        summary: "Abstimmung über den Haushalt der Stadt.".into(),
        department_id: Some(app.dept),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Abstimmung".into(),
            starts_on: "2026-10-01".into(),
            ends_on: "2026-12-31".into(),
            forms,
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    }
}

/// Opens or closes voting (projects can be changed only while it is closed).
pub async fn voting(app: &TestApp, slug: &str, open: bool) {
    let admin = app.actor("admin").await;
    app.store
        .processes()
        .update(&app.tenant, &admin, slug, &process(app, slug, open))
        .await
        .unwrap();
}

async fn projects(app: &TestApp, budget: i64, titles: &[(&str, i64)]) -> Vec<i64> {
    let staff = app.actor("staff").await;
    let mut out = Vec::new();
    for (t, cost) in titles {
        let proposal = proposal(app, t).await;
        let id = app
            .store
            .budgets()
            .add_project(&app.tenant, &staff, budget, proposal, *cost)
            .await
            .unwrap();
        app.store
            .budgets()
            .review_project(&app.tenant, &staff, id, true, "Geprüft und machbar.", *cost)
            .await
            .unwrap();
        out.push(id);
    }
    out
}

pub async fn setup(app: &TestApp) -> BudgetFx {
    let staff = app.actor("staff").await;
    let admin = app.actor("admin").await;
    let t = &app.tenant;
    app.store
        .create_process(t, &admin, &process(app, OPEN, false))
        .await
        .unwrap();
    let open = app
        .store
        .budgets()
        .create(t, &staff, OPEN, &input("Gesamtstadt", "", "approval", "2"))
        .await
        .unwrap()
        .id;
    let open_projects = projects(
        app,
        open,
        &[
            ("Neue Bänke am Marktplatz", 40_000),
            ("Trinkbrunnen im Stadtpark", 30_000),
            ("Fahrradbügel am Bahnhof", 20_000),
        ],
    )
    .await;
    let knapsack = app
        .store
        .budgets()
        .create(
            t,
            &staff,
            OPEN,
            &input("Nordstadt", "Nordstadt", "knapsack", ""),
        )
        .await
        .unwrap()
        .id;
    let knapsack_projects = projects(
        app,
        knapsack,
        &[
            ("Spielplatz Nordstadt erneuern", 70_000),
            ("Bücherschrank Nordstadt", 5_000),
            ("Blühwiese Nordstadt", 50_000),
        ],
    )
    .await;
    voting(app, OPEN, true).await;
    // A second, published budget in another process.
    app.store
        .create_process(t, &admin, &process(app, "haushalt-2026", false))
        .await
        .unwrap();
    let published = app
        .store
        .budgets()
        .create(
            t,
            &staff,
            "haushalt-2026",
            &input("Gesamtstadt 2026", "", "approval", "1"),
        )
        .await
        .unwrap()
        .id;
    let verified = app.actor("verified").await;
    let draft = teilhabe_domain::proposal::ProposalDraft {
        title: "Sitzbänke an der Promenade".into(),
        body: "Eine ausführliche Begründung für die neuen Bänke.".into(),
        ..Default::default()
    };
    let proposal = app
        .store
        .proposals()
        .create(t, &verified, "haushalt-2026", &draft, None)
        .await
        .unwrap()
        .id;
    let published_project = app
        .store
        .budgets()
        .add_project(t, &staff, published, proposal, 25_000)
        .await
        .unwrap();
    app.store
        .budgets()
        .review_project(
            t,
            &staff,
            published_project,
            true,
            "Machbar, Kosten geschätzt.",
            25_000,
        )
        .await
        .unwrap();
    voting(app, "haushalt-2026", true).await;
    let receipt = app
        .store
        .budgets()
        .cast_ballot(
            t,
            &verified,
            published,
            &[BallotChoice {
                project: published_project,
                points: 1,
            }],
            "",
        )
        .await
        .unwrap();
    let mut closed = process(app, "haushalt-2026", false);
    closed.phases[0].forms = vec![];
    app.store
        .processes()
        .update(t, &admin, "haushalt-2026", &closed)
        .await
        .unwrap();
    app.store
        .budgets()
        .publish(t, &staff, published, "Im Bürgerhaushalt ausgewählt.")
        .await
        .unwrap();
    BudgetFx {
        open,
        open_projects,
        knapsack,
        knapsack_projects,
        published,
        published_project,
        published_receipt: receipt.code,
        spare_proposal: self::proposal(app, "Ein Vorschlag ohne Stimmzettel").await,
    }
}

/// The budget routes' rows of the permission matrix.
pub fn permission_rows(fx: &BudgetFx) -> Vec<Row> {
    const STAFF: &[&str] = &["staff", "admin"];
    let (o, p, pr) = (fx.open, fx.published, fx.open_projects[0]);
    let s = |v: &str| v.to_string();
    vec![
        (
            "GET",
            "/static/budget.js",
            s("/static/budget.js"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/processes/{slug}/budgets",
            s("/processes/radwege/budgets"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/processes/{slug}/budgets",
            s("/processes/radwege/budgets"),
            vec![
                ("name", s("Budget {unique}")),
                ("district", s("Süd")),
                ("amount", s("50000")),
                ("ballot_kind", s("knapsack")),
                ("rule", s("greedy")),
            ],
            STAFF,
        ),
        (
            "GET",
            "/processes/{slug}/budgets/manage",
            s("/processes/radwege/budgets/manage"),
            vec![],
            STAFF,
        ),
        ("GET", "/budgets/{id}", format!("/budgets/{o}"), vec![], ALL),
        (
            "POST",
            "/budgets/{id}/ballot",
            format!("/budgets/{o}/ballot"),
            vec![("project", pr.to_string()), ("action", s("cast"))],
            &["verified"],
        ),
        (
            "GET",
            "/budgets/{id}/results",
            format!("/budgets/{p}/results"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/budgets/{id}/export/{format}",
            format!("/budgets/{p}/export/pb"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/budgets/{id}/settings",
            format!("/budgets/{o}/settings"),
            vec![
                ("name", s("Gesamtstadt")),
                ("amount", s("100000")),
                ("ballot_kind", s("approval")),
                ("ballot_limit", s("2")),
                ("rule", s("mes-add1-greedy")),
            ],
            STAFF,
        ),
        (
            "POST",
            "/budgets/{id}/projects",
            format!("/budgets/{}/projects", fx.knapsack),
            vec![
                ("proposal_id", fx.spare_proposal.to_string()),
                ("cost", s("1000")),
            ],
            STAFF,
        ),
        (
            "POST",
            "/budget-projects/{id}/review",
            format!("/budget-projects/{}/review", fx.published_project),
            vec![
                ("feasible", s("1")),
                ("review_reason", s("Noch einmal geprüft.")),
                ("cost", s("25000")),
            ],
            STAFF,
        ),
        (
            "POST",
            "/budgets/{id}/publish",
            format!("/budgets/{p}/publish"),
            vec![("answer", s("Im Bürgerhaushalt ausgewählt."))],
            STAFF,
        ),
        (
            "GET",
            "/budgets/{id}/paper",
            format!("/budgets/{o}/paper"),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/budgets/{id}/paper",
            format!("/budgets/{o}/paper"),
            vec![("sheet", s("{unique}")), ("project", pr.to_string())],
            STAFF,
        ),
        (
            "GET",
            "/api/processes/{slug}/budgets",
            format!("/api/processes/{OPEN}/budgets"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/budgets/{id}",
            format!("/api/budgets/{o}"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/budgets/{id}/ballot",
            format!("/api/budgets/{o}/ballot"),
            vec![("json", format!(r#"{{"choices":[{{"project":{pr}}}]}}"#))],
            &["verified"],
        ),
        (
            "GET",
            "/api/budgets/{id}/results",
            format!("/api/budgets/{p}/results"),
            vec![],
            ALL,
        ),
    ]
}

#[tokio::test]
async fn vote_change_and_refusals_name_the_limit() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let p = &fx.open_projects;
    // A visitor sees the projects and is asked to log in.
    let mut visitor = crate::common::Session::default();
    let r = app
        .get(&mut visitor, &format!("/budgets/{}", fx.open))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Neue Bänke am Marktplatz"));
    assert!(r.body.contains("40.000\u{a0}€"), "German money format");
    assert!(r.body.contains("Bitte melden Sie sich an"));
    // An unverified citizen is told to verify.
    let mut citizen = app.login("citizen").await;
    let r = app
        .get(&mut citizen, &format!("/budgets/{}", fx.open))
        .await;
    assert!(r
        .body
        .contains("Das können nur bestätigte Einwohnerinnen und Einwohner"));
    // Over the limit: refused, the limit named, nothing written.
    let mut s = app.login("verified").await;
    let path = format!("/budgets/{}/ballot", fx.open);
    let all: Vec<String> = p.iter().map(|x| x.to_string()).collect();
    let r = app
        .post(
            &mut s,
            &path,
            &[
                ("project", &all[0]),
                ("project", &all[1]),
                ("project", &all[2]),
                ("action", "cast"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Sie können höchstens 2 Projekte wählen. Sie haben 3 gewählt."),
        "{}",
        r.body
    );
    let ballots = format!(
        "SELECT COUNT(*) AS n FROM budget_ballots WHERE budget_id = {}",
        fx.open
    );
    assert_eq!(app.count(&ballots).await, 0);
    // A valid ballot: the receipt page shows the code once.
    let r = app
        .post(&mut s, &path, &[("project", &all[0]), ("action", "cast")])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Ihre Stimme ist abgegeben"));
    assert_eq!(r.headers.get("cache-control").unwrap(), "no-store");
    let code_re = regex_lite::Regex::new(r#"id="receipt-code">([0-9A-Z-]{14})<"#).unwrap();
    let first = code_re.captures(&r.body).unwrap()[1].to_string();
    assert!(r
        .body
        .contains(&teilhabe_domain::budget::receipt_hash(&first)));
    // The ballot page shows the choice; the voter changes it.
    let r = app.get(&mut s, &format!("/budgets/{}", fx.open)).await;
    assert!(r.body.contains("Sie haben bereits abgestimmt"));
    assert!(r
        .body
        .contains(&format!(r#"value="{}" data-cost="40000" checked"#, all[0])));
    let r = app
        .post(
            &mut s,
            &path,
            &[
                ("project", &all[1]),
                ("project", &all[2]),
                ("action", "cast"),
            ],
        )
        .await;
    assert!(r.body.contains("Ihre Stimme ist geändert"));
    let second = code_re.captures(&r.body).unwrap()[1].to_string();
    assert_ne!(first, second);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM budget_ballots WHERE budget_id = {}",
            fx.open
        ))
        .await,
        1
    );
    // The rule is locked now.
    let mut staff = app.login("staff").await;
    let r = app
        .post(
            &mut staff,
            &format!("/budgets/{}/settings", fx.open),
            &[
                ("name", "Gesamtstadt"),
                ("amount", "100000"),
                ("ballot_kind", "approval"),
                ("ballot_limit", "2"),
                ("rule", "greedy"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("festgeschrieben"));
}

#[tokio::test]
async fn knapsack_without_javascript_recalculates_and_names_the_budget() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let k: Vec<String> = fx.knapsack_projects.iter().map(|x| x.to_string()).collect();
    let mut s = app.login("verified").await;
    let r = app.get(&mut s, &format!("/budgets/{}", fx.knapsack)).await;
    assert!(
        r.body.contains("Noch verfügbar: 100.000\u{a0}€"),
        "{}",
        r.body
    );
    assert!(r.body.contains(r#"src="/static/budget.js""#));
    let path = format!("/budgets/{}/ballot", fx.knapsack);
    let ballots = format!(
        "SELECT COUNT(*) AS n FROM budget_ballots WHERE budget_id = {}",
        fx.knapsack
    );
    // "Recalculate": the same page with the remaining money, nothing saved.
    let r = app
        .post(
            &mut s,
            &path,
            &[("project", &k[0]), ("project", &k[1]), ("action", "recalc")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Noch verfügbar: 25.000\u{a0}€"),
        "{}",
        r.body
    );
    let r = app
        .post(
            &mut s,
            &path,
            &[("project", &k[0]), ("project", &k[2]), ("action", "recalc")],
        )
        .await;
    assert!(r
        .body
        .contains("Ihre Auswahl ist 20.000\u{a0}€ teurer als das Budget."));
    assert!(r
        .body
        .contains("Ihre Auswahl kostet 120.000\u{a0}€. Das Budget beträgt 100.000\u{a0}€."));
    assert_eq!(app.count(&ballots).await, 0);
    // Casting the same is refused with both amounts named.
    let r = app
        .post(
            &mut s,
            &path,
            &[("project", &k[0]), ("project", &k[2]), ("action", "cast")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Das Budget beträgt 100.000\u{a0}€"));
    assert_eq!(app.count(&ballots).await, 0);
    let r = app
        .post(
            &mut s,
            &path,
            &[("project", &k[0]), ("project", &k[1]), ("action", "cast")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // One district only: the same person cannot vote in a second district.
    let staff = app.actor("staff").await;
    let other = app
        .store
        .budgets()
        .create(
            &app.tenant,
            &staff,
            OPEN,
            &input("Südstadt", "Südstadt", "knapsack", ""),
        )
        .await
        .unwrap()
        .id;
    voting(&app, OPEN, false).await;
    let sp = projects(&app, other, &[("Bank Südstadt", 1_000)]).await;
    voting(&app, OPEN, true).await;
    let r = app
        .post(
            &mut s,
            &format!("/budgets/{other}/ballot"),
            &[("project", &sp[0].to_string()), ("action", "cast")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("anderen Stadtteil"));
}

#[tokio::test]
async fn results_list_the_receipt_hash_and_export() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut v = crate::common::Session::default();
    let r = app
        .get(&mut v, &format!("/budgets/{}/results", fx.published))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let hash = teilhabe_domain::budget::receipt_hash(&fx.published_receipt);
    assert!(r.body.contains(&hash));
    assert!(r.body.contains("<svg class=\"budget-chart\" role=\"img\""));
    assert!(r.body.contains("Sitzbänke an der Promenade"));
    assert!(r.body.contains("Methode der gleichen Anteile"));
    assert!(r.body.contains("1 Person hat abgestimmt."));
    // Checking one's code.
    let r = app
        .get(
            &mut v,
            &format!(
                "/budgets/{}/results?receipt={}",
                fx.published,
                fx.published_receipt.to_lowercase()
            ),
        )
        .await;
    assert!(r.body.contains("Ja, Ihre Stimme wurde gezählt."));
    let r = app
        .get(
            &mut v,
            &format!("/budgets/{}/results?receipt=AAAA-BBBB-CCCC", fx.published),
        )
        .await;
    assert!(r.body.contains("nicht unter den gezählten Stimmen"));
    // The winner continues in the implementation tracking.
    let r = app.get(&mut v, "/processes/haushalt-2026").await;
    assert!(
        r.body.contains("Angenommen") || r.body.contains("status-accepted"),
        "{}",
        r.body
    );
    // Exports.
    let r = app
        .get(&mut v, &format!("/budgets/{}/export/pb", fx.published))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let e = teilhabe_budget::pb::Election::parse(r.body.as_bytes()).expect("our .pb parses");
    assert_eq!(e.num_voters(), 1);
    assert_eq!(e.projects[0].id, fx.published_project.to_string());
    assert_eq!(e.meta("unit"), Some("Musterstadt"));
    let r = app
        .get(&mut v, &format!("/budgets/{}/export/csv", fx.published))
        .await;
    assert!(r
        .body
        .starts_with("project_id;proposal_id;title;cost;votes"));
    assert!(r
        .body
        .contains("\"Sitzbänke an der Promenade\";25000;1;1;1;"));
    let r = app
        .get(&mut v, &format!("/budgets/{}/export/json", fx.published))
        .await;
    let j = r.json();
    assert_eq!(j["selected"][0], fx.published_project);
    assert_eq!(j["receipt_hashes"][0], hash.as_str());
    assert_eq!(
        j["ballots"][0]["choices"][0]["project"],
        fx.published_project
    );
    assert!(j["ballots"][0].get("voter_key").is_none());
    let r = app
        .get(
            &mut v,
            &format!("/budgets/{}/export/ballots.csv", fx.published),
        )
        .await;
    assert_eq!(
        r.body,
        format!(
            "voter;channel;project_id;points;position\n1;online;{};1;1\n",
            fx.published_project
        )
    );
    let r = app
        .get(&mut v, &format!("/budgets/{}/export/xlsx", fx.published))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Not yet published: no results, no export.
    let r = app
        .get(&mut v, &format!("/budgets/{}/results", fx.open))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // API.
    let r = app
        .api(
            "GET",
            &format!("/api/budgets/{}/results", fx.published),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let j = r.json();
    assert_eq!(j["receipt_hashes"][0], hash.as_str());
    assert!(j["projects"][0]["explanation"]
        .as_str()
        .unwrap()
        .contains("gekauft"));
}

#[tokio::test]
async fn api_ballots_and_bad_input() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let p = &fx.open_projects;
    let token = app.token("verified").await;
    let path = format!("/api/budgets/{}/ballot", fx.open);
    // Over the limit: 422 with the limit in the problem document.
    let r = app
        .api(
            "POST",
            &path,
            Some(&token),
            Some(serde_json::json!({"choices": [{"project": p[0]}, {"project": p[1]}, {"project": p[2]}]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let j = r.json();
    assert_eq!(j["errors"][0]["code"], "error-ballot-too-many-projects");
    assert!(j["errors"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("höchstens 2"));
    // Unknown project, empty ballot, unknown field, bad id.
    for body in [
        serde_json::json!({"choices": [{"project": 999_999}]}),
        serde_json::json!({"choices": []}),
    ] {
        let r = app.api("POST", &path, Some(&token), Some(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    }
    let r = app
        .api(
            "POST",
            &path,
            Some(&token),
            Some(serde_json::json!({"choices": [], "secret": 1})),
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let r = app
        .api(
            "POST",
            "/api/budgets/abc/ballot",
            Some(&token),
            Some(serde_json::json!({"choices": []})),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let ballots = format!(
        "SELECT COUNT(*) AS n FROM budget_ballots WHERE budget_id = {}",
        fx.open
    );
    assert_eq!(app.count(&ballots).await, 0);
    // A valid ballot, then a replacement.
    let r = app
        .api(
            "POST",
            &path,
            Some(&token),
            Some(serde_json::json!({"choices": [{"project": p[0]}]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["replaced"], false);
    let r = app
        .api(
            "POST",
            &path,
            Some(&token),
            Some(serde_json::json!({"choices": [{"project": p[1]}]})),
        )
        .await;
    assert_eq!(r.json()["replaced"], true);
    let code = r.json()["receipt_code"].as_str().unwrap().to_string();
    assert_eq!(
        r.json()["receipt_hash"],
        teilhabe_domain::budget::receipt_hash(&code).as_str()
    );
    // The budgets of the process.
    let r = app
        .api("GET", &format!("/api/processes/{OPEN}/budgets"), None, None)
        .await;
    let list = r.json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["name"], "Gesamtstadt");
    assert_eq!(list[0]["ballots"], 1);
    // The budget as JSON.
    let r = app
        .api("GET", &format!("/api/budgets/{}", fx.open), None, None)
        .await;
    let j = r.json();
    assert_eq!(j["ballot_kind"], "approval");
    assert_eq!(j["ballot_limit"], 2);
    assert_eq!(j["voting_open"], true);
    assert_eq!(j["projects"].as_array().unwrap().len(), 3);
    // HTML: a project id that is not a number.
    let mut s = app.login("verified").await;
    let r = app
        .post(
            &mut s,
            &format!("/budgets/{}/ballot", fx.open),
            &[("project", "abc"), ("action", "cast")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("steht nicht auf diesem Stimmzettel"));
}

#[tokio::test]
async fn staff_set_up_review_and_double_enter_paper_ballots() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut staff = app.login("staff").await;
    let r = app
        .get(&mut staff, &format!("/processes/{OPEN}/budgets/manage"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Gesamtstadt"));
    // A budget with a bad amount and rule: every field named.
    let r = app
        .post(
            &mut staff,
            &format!("/processes/{OPEN}/budgets"),
            &[
                ("name", "Ost"),
                ("amount", "viel"),
                ("ballot_kind", "approval"),
                ("rule", "los"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Betrag in Euro"));
    assert!(r.body.contains("Regel für die Verteilung"));
    // Review: a feasible project may not cost more than the budget.
    let r = app
        .post(
            &mut staff,
            &format!("/budget-projects/{}/review", fx.open_projects[0]),
            &[
                ("feasible", "1"),
                ("review_reason", "Teurer als gedacht."),
                ("cost", "150.000"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("100.000\u{a0}€") || r.body.contains("100000"),
        "{}",
        r.body
    );
    // Not feasible: listed publicly with its reason, not on the ballot.
    // Not while voting is open...
    let path_review = format!("/budget-projects/{}/review", fx.knapsack_projects[2]);
    let fields = [
        ("feasible", "0"),
        ("review_reason", "Die Fläche gehört dem Land."),
        ("cost", "50000"),
    ];
    let r = app.post(&mut staff, &path_review, &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // ... but before it opens.
    voting(&app, OPEN, false).await;
    let r = app
        .post(
            &mut staff,
            &format!("/budget-projects/{}/review", fx.knapsack_projects[2]),
            &[
                ("feasible", "0"),
                ("review_reason", "Die Fläche gehört dem Land."),
                ("cost", "50000"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut visitor = crate::common::Session::default();
    let r = app
        .get(&mut visitor, &format!("/budgets/{}", fx.knapsack))
        .await;
    assert!(r.body.contains("Nicht umsetzbare Vorschläge"));
    assert!(r.body.contains("Die Fläche gehört dem Land."));
    assert!(!r
        .body
        .contains(&format!(r#"value="{}""#, fx.knapsack_projects[2])));
    let r = app
        .api("GET", &format!("/api/budgets/{}", fx.knapsack), None, None)
        .await;
    assert_eq!(r.json()["projects"].as_array().unwrap().len(), 2);
    // Paper: two staff members, one sheet matching, one not.
    let one = fx.open_projects[0].to_string();
    let two = fx.open_projects[1].to_string();
    let path = format!("/budgets/{}/paper", fx.open);
    let r = app
        .post(&mut staff, &path, &[("sheet", "A-1"), ("project", &one)])
        .await;
    assert!(r.body.contains("Erste Eingabe gespeichert"), "{}", r.body);
    let r = app
        .post(&mut staff, &path, &[("sheet", "A-1"), ("project", &one)])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let mut admin = app.login("admin").await;
    let r = app
        .post(&mut admin, &path, &[("sheet", "A-1"), ("project", &one)])
        .await;
    assert!(r.body.contains("Beide Eingaben stimmen überein"));
    app.post(&mut staff, &path, &[("sheet", "A-2"), ("project", &one)])
        .await;
    let r = app
        .post(&mut admin, &path, &[("sheet", "A-2"), ("project", &two)])
        .await;
    assert!(r.body.contains("Die Eingaben stimmen nicht überein"));
    assert!(r.body.contains("1 Stimmzettel mit Abweichung"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM budget_ballots WHERE budget_id = {} AND channel = 'paper'",
            fx.open
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn the_process_page_links_its_budgets() {
    // The budget module's section of the process page (`module::Host::ProcessPhases`).
    let app = TestApp::new().await;
    setup(&app).await;
    let mut visitor = crate::common::Session::default();
    let r = app.get(&mut visitor, &format!("/processes/{OPEN}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(&format!(
            "<p><a class=\"button\" href=\"/processes/{OPEN}/budgets\">"
        )),
        "{}",
        r.body
    );
}
