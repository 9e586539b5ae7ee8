//! The demo municipality's opinion map on the future of the city centre.

use crate::demo::Demo;
use crate::processes::{PhaseInput, ProcessInput};
use crate::{Result, Store, StoreError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use teilhabe_domain::process::{Form, ProcessRules};

const DAY: i64 = 86_400_000;

/// Statements of the demo opinion map on the city centre, each with how the
/// three planted camps lean (agree probability for "Verkehrswende",
/// "Erreichbarkeit" and "Handel und Leben").
const CENTRE_STATEMENTS: &[(&str, [f64; 3])] = &[
    (
        "Die Hauptstraße soll zwischen Markt und Bahnhof autofrei werden.",
        [0.92, 0.08, 0.45],
    ),
    (
        "Ohne genug Parkplätze in der Innenstadt bleiben die Kundinnen und Kunden weg.",
        [0.12, 0.9, 0.7],
    ),
    (
        "Die Stadt soll mehr Bäume pflanzen, auch wenn dafür Parkplätze wegfallen.",
        [0.9, 0.2, 0.55],
    ),
    (
        "Busse sollen in der Innenstadt alle 10 Minuten fahren.",
        [0.85, 0.45, 0.75],
    ),
    (
        "Das Parkhaus am Markt soll am Wochenende kostenlos sein.",
        [0.1, 0.85, 0.8],
    ),
    (
        "Lieferverkehr soll nur bis 11 Uhr in die Fußgängerzone dürfen.",
        [0.75, 0.3, 0.35],
    ),
    (
        "Leerstehende Läden sollen günstig an Start-ups und Vereine vermietet werden.",
        [0.7, 0.55, 0.92],
    ),
    (
        "Auf dem Marktplatz soll es mehr Veranstaltungen am Abend geben.",
        [0.55, 0.35, 0.9],
    ),
    (
        "Radfahrende sollen in der Fußgängerzone Schritttempo fahren dürfen.",
        [0.8, 0.25, 0.4],
    ),
    (
        "Die Innenstadt braucht mehr öffentliche Toiletten.",
        [0.85, 0.8, 0.88],
    ),
    (
        "Sitzbänke ohne Konsumzwang machen die Innenstadt für alle attraktiver.",
        [0.88, 0.7, 0.8],
    ),
    (
        "Tempo 20 soll im ganzen Innenstadtring gelten.",
        [0.9, 0.1, 0.5],
    ),
    (
        "Anwohnerparken soll teurer werden, damit Platz für anderes entsteht.",
        [0.8, 0.05, 0.3],
    ),
    (
        "Der Wochenmarkt soll auch samstags nachmittags stattfinden.",
        [0.6, 0.55, 0.85],
    ),
    (
        "Die Stadt soll ein Lastenrad-Verleihsystem aufbauen.",
        [0.88, 0.2, 0.5],
    ),
    (
        "Wer mit dem Auto kommt, soll am Stadtrand parken und mit dem Shuttle fahren.",
        [0.8, 0.15, 0.45],
    ),
    (
        "Barrierefreie Wege sind wichtiger als neue Gestaltungselemente.",
        [0.82, 0.78, 0.75],
    ),
    (
        "Gastronomie soll im Sommer mehr Außenflächen bekommen.",
        [0.6, 0.4, 0.9],
    ),
    (
        "Die Innenstadt ist abends nicht sicher genug beleuchtet.",
        [0.55, 0.75, 0.7],
    ),
    (
        "Kostenloses WLAN in der Innenstadt ist überflüssig.",
        [0.4, 0.5, 0.2],
    ),
];

/// Participant statements waiting for moderation, so the staff page has work.
const CENTRE_PENDING: &[&str] = &[
    "Trinkbrunnen an jedem größeren Platz, gerade im Sommer.",
    "Mehr Kurzzeitparkplätze für Menschen mit Gehbehinderung am Markt.",
];

/// The demo opinion map "Zukunft der Innenstadt": 20 statements, about 420
/// participants from three planted camps voting over four weeks, two paper
/// questionnaires and two statements waiting for moderation; analysed once
/// at the end, so the results page shows groups at once.
pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let (tenant, admin, end) = (&demo.tenant, &demo.admin, demo.end);
    let department = demo.department(crate::demo::MOBILITY)?.id;
    let citizens = &demo.citizens;
    let at = |ms: i64| demo.at(ms);
    use teilhabe_domain::opinion::{Moderation, OpinionSettings, OpinionVote, Voters};
    use teilhabe_opinion::polis::{Comment, VoteRecord};
    use teilhabe_opinion::{PolisExport, Vote};
    let start = end - 30 * DAY;
    at(start - DAY);
    let date = |offset: i64| crate::date_of(end + offset * DAY).to_string();
    let input = ProcessInput {
        title: "Zukunft der Innenstadt".into(),
        slug: "zukunft-innenstadt".into(),
        summary: "Autofrei, besser erreichbar, lebendiger? Bewerten Sie kurze Aussagen und sehen Sie, welche Meinungsgruppen es in Musterstadt gibt und worin sich alle einig sind.".into(),
        body: "Die Innenstadt verändert sich: Läden stehen leer, der Verkehr nimmt zu, im Sommer wird es heiß. Bevor der Stadtrat ein **Innenstadtkonzept** beschließt, wollen wir wissen, wo die Meinungen auseinandergehen und wo es Einigkeit gibt.\n\nIm **Meinungsbild** lesen Sie eine Aussage nach der anderen und stimmen zu, lehnen ab oder überspringen. Sie können auch eigene Aussagen einreichen; die Verwaltung prüft sie vor der Veröffentlichung.".into(),
        department_id: Some(department),
        area: "Innenstadt".into(),
        image_url: String::new(),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![
            PhaseInput {
                title: "Meinungsbild".into(),
                starts_on: date(-30),
                ends_on: date(21),
                forms: vec![Form::OpinionMap],
            },
            PhaseInput {
                title: "Innenstadtkonzept im Stadtrat".into(),
                starts_on: date(22),
                ends_on: date(80),
                forms: vec![],
            },
        ],
        active_phase: Some(0),
    };
    let process = s.create_process(tenant, admin, &input).await?;
    s.opinion()
        .save_settings(
            tenant,
            admin,
            &process.slug,
            &OpinionSettings {
                voters: Voters::Anyone,
                participant_statements: true,
                moderation: Moderation::Pre,
            },
        )
        .await?;
    // Votes of the planted camps, generated as a conversation and loaded in
    // one batch (thousands of single transactions would slow the start).
    let mut rng = StdRng::seed_from_u64(2035);
    let mut export = PolisExport::default();
    for (i, (body, _)) in CENTRE_STATEMENTS.iter().enumerate() {
        export.comments.push(Comment {
            id: i.to_string(),
            timestamp: start - DAY + i as i64 * 60_000,
            datetime: String::new(),
            author_id: String::new(),
            moderated: 1,
            body: body.to_string(),
        });
    }
    let people = 420u32;
    for p in 0..people {
        export.voters.push(p.to_string());
        let camp = match p % 10 {
            0..=3 => 0,
            4..=6 => 1,
            _ => 2,
        };
        // Arrivals thin out over the four weeks, as after a press release.
        let day = ((rng.gen::<f64>().powi(2)) * 29.0) as i64;
        let mut t = start + day * DAY + rng.gen_range(8 * 3_600_000..21 * 3_600_000);
        let seen = rng.gen_range(8..=CENTRE_STATEMENTS.len());
        let mut order: Vec<usize> = (0..CENTRE_STATEMENTS.len()).collect();
        for k in (1..order.len()).rev() {
            order.swap(k, rng.gen_range(0..=k));
        }
        for &j in order.iter().take(seen) {
            let lean = CENTRE_STATEMENTS[j].1[camp];
            let r = rng.gen::<f64>();
            let vote = if r < 0.08 {
                Vote::Pass
            } else if rng.gen::<f64>() < lean {
                Vote::Agree
            } else {
                Vote::Disagree
            };
            t += rng.gen_range(4_000..40_000);
            export.votes.push(VoteRecord {
                timestamp: t,
                comment: j as u32,
                voter: p,
                vote,
            });
        }
    }
    at(end - DAY);
    s.opinion()
        .import_conversation(tenant, &process.slug, &export, "seed", "online", |_| {})
        .await?;
    // Two paper questionnaires from the citizens' office, and statements
    // waiting for moderation.
    let map = s.opinion().map(tenant, process.id).await?;
    let statements = s.opinion().statements(tenant, &map, true, None).await?;
    let staff = s
        .actor_of(
            &s.accounts()
                .user_by_email(tenant, "mobilitaet@musterstadt.example")
                .await?
                .ok_or(StoreError::NotFound)?,
        )
        .await?;
    for (q, votes) in [("1", [1, -1, 1, 0, -1]), ("2", [-1, 1, -1, 1, 1])] {
        let votes: Vec<(i64, OpinionVote)> = statements
            .iter()
            .zip(votes)
            .filter_map(|(st, v)| Some((st.id, OpinionVote::from_value(v)?)))
            .collect();
        s.opinion()
            .record_questionnaire(tenant, &staff, &process.slug, q, &votes)
            .await?;
    }
    for (i, body) in CENTRE_PENDING.iter().enumerate() {
        let who = &citizens[(i * 5 + 2) % citizens.len()];
        let voter = crate::opinion::VoterId::User(who.user_id.unwrap_or_default());
        s.opinion()
            .submit_statement(tenant, who, &process.slug, &voter, body)
            .await?;
    }
    s.opinion().analyze(tenant.id, process.id).await?;
    Ok(())
}
