//! The core of the demo: four processes in different phases with about
//! 70 proposals, 300 comments, supports, answers in every status and
//! offline contributions, followers and one report for the moderators.

use super::{Demo, DAY, DIGITAL_SERVICES, GREEN, MOBILITY};
use crate::processes::{PhaseInput, ProcessInput};
use crate::proposals::Offline;
use crate::{Result, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::{Channel, ProposalDraft};

/// A demo process: its input, proposal texts, number of proposals, the
/// department whose staff answers.
type ProcessSpec = (
    ProcessInput,
    &'static [(&'static str, &'static str, &'static str)],
    usize,
    &'static str,
);

const STREETS: &[&str] = &[
    "Hauptstraße",
    "Bahnhofstraße",
    "Schillerstraße",
    "Lindenallee",
    "Goethestraße",
    "Ringstraße",
    "Mühlenstraße",
    "Kirchgasse",
    "Industriestraße",
    "Parkstraße",
    "Schulstraße",
    "Marktstraße",
    "Wiesenstraße",
    "Brückenstraße",
    "Gartenstraße",
    "Sportplatzstraße",
    "Friedhofstraße",
    "Kanalstraße",
];

/// (title pattern, body pattern, category): {s} is a street.
pub(super) const CYCLING: &[(&str, &str, &str)] = &[
    ("Geschützter Radfahrstreifen in der {s}", "In der {s} fahren Autos dicht an Radfahrenden vorbei. Ein baulich getrennter Radfahrstreifen mit Pollern würde Kindern und älteren Menschen das Radfahren sicher ermöglichen.", "Radwege"),
    ("Fahrradstraße {s}", "Die {s} ist eine wichtige Verbindung zwischen Wohngebieten und Innenstadt. Als Fahrradstraße mit Vorrang für den Radverkehr würde sie zur sicheren Hauptroute.", "Radwege"),
    ("Mehr Fahrradbügel an der {s}", "An der {s} stehen Fahrräder ungeordnet an Laternen und Zäunen. Zehn bis zwanzig Fahrradbügel, teilweise überdacht, würden Ordnung schaffen und Diebstahl erschweren.", "Abstellen"),
    ("Sichere Querung an der {s}", "Wer an der {s} mit dem Rad die Straße queren will, wartet oft lange und riskant. Eine Mittelinsel oder eine Bedarfsampel würde das Queren sicher machen.", "Kreuzungen"),
    ("Beleuchtung des Radwegs an der {s}", "Der Radweg an der {s} ist abends völlig dunkel. Eine insektenfreundliche LED-Beleuchtung mit Bewegungsmeldern würde die Sicherheit im Winter deutlich erhöhen.", "Radwege"),
    ("Schlaglöcher im Radweg {s} beseitigen", "Der Radweg in der {s} hat tiefe Schlaglöcher und Wurzelaufbrüche. Besonders mit Lastenrad oder Anhänger ist er kaum befahrbar. Bitte die Oberfläche erneuern.", "Instandhaltung"),
    ("Tempo 30 in der {s}", "In der {s} liegen eine Schule und ein Kindergarten. Tempo 30 würde Rad- und Fußverkehr schützen und den Lärm für Anwohnende verringern.", "Verkehrsberuhigung"),
    ("Grüne Welle für Radfahrende auf der {s}", "Die Ampeln auf der {s} sind auf Autos abgestimmt. Eine grüne Welle bei 20 km/h würde Radfahrende flüssig durchkommen lassen.", "Kreuzungen"),
    ("Fahrradreparaturstation an der {s}", "Eine öffentliche Reparaturstation mit Luftpumpe und Werkzeug an der {s} wäre eine große Hilfe bei Pannen unterwegs.", "Service"),
    ("Lastenrad-Stellplätze an der {s}", "Lastenräder passen nicht in normale Fahrradständer. An der {s} fehlen breite Stellplätze für Familien und Lieferdienste.", "Abstellen"),
];

pub(super) const PLAYGROUND: &[(&str, &str, &str)] = &[
    ("Wasserspielplatz mit Pumpe und Rinne", "Ein Matschbereich mit Handpumpe und Wasserrinne macht Kindern im Sommer Freude und ist auch für Kleinkinder geeignet.", "Spielgeräte"),
    ("Inklusive Nestschaukel", "Eine große Nestschaukel können auch Kinder im Rollstuhl oder mit Beeinträchtigung nutzen, gemeinsam mit anderen Kindern.", "Inklusion"),
    ("Schattenspendende Bäume am Sandkasten", "Der Sandkasten liegt in der prallen Sonne. Zwei bis drei große Bäume oder ein Sonnensegel würden ihn im Sommer nutzbar machen.", "Grün"),
    ("Sitzbänke mit Rückenlehne für Großeltern", "Großeltern und Eltern brauchen bequeme Bänke mit Rückenlehne in Sichtweite der Spielgeräte.", "Aufenthalt"),
    ("Kletterwand für ältere Kinder", "Für Kinder ab zehn Jahren gibt es im Lindenpark nichts. Eine niedrige Boulderwand würde auch Jugendliche ansprechen.", "Spielgeräte"),
    ("Barrierefreie Wege zum Spielplatz", "Die Kieswege sind mit Kinderwagen und Rollstuhl kaum befahrbar. Feste, wassergebundene Wege würden helfen.", "Inklusion"),
    ("Trinkbrunnen am Eingang", "Ein Trinkbrunnen am Eingang des Spielplatzes wäre an heißen Tagen wichtig für Kinder und Eltern.", "Aufenthalt"),
    ("Naturspielbereich mit Baumstämmen", "Statt nur Plastikgeräten wünschen wir uns einen Naturspielbereich mit Baumstämmen, Weidentunnel und Steinen.", "Grün"),
];

pub(super) const DIGITAL: &[(&str, &str, &str)] = &[
    ("Termine im Bürgerbüro online buchen", "Die Terminvergabe nur per Telefon ist mühsam. Eine Online-Buchung mit Erinnerung per E-Mail würde Wartezeiten verkürzen.", "Online-Dienste"),
    ("Wohnsitz online ummelden", "Die Ummeldung des Wohnsitzes sollte vollständig online möglich sein, mit Online-Ausweis statt Behördengang.", "Online-Dienste"),
    ("Offenes WLAN im Rathaus und in der Bibliothek", "Im Rathaus und in der Stadtbibliothek fehlt ein offenes WLAN. Viele Menschen haben kein eigenes Datenvolumen.", "Infrastruktur"),
    ("Digitale Sprechstunde für Seniorinnen und Senioren", "Eine wöchentliche Sprechstunde, in der Ehrenamtliche bei Online-Anträgen helfen, würde niemanden zurücklassen.", "Teilhabe"),
    ("Formulare in leichter Sprache", "Die Online-Formulare der Stadt sind schwer verständlich. Eine Fassung in leichter Sprache würde vielen helfen.", "Teilhabe"),
    ("Mängelmelder als App", "Kaputte Straßenlaternen oder wilde Müllkippen sollten per App mit Foto und Ort gemeldet werden können.", "Online-Dienste"),
];

pub(super) const CLIMATE: &[(&str, &str, &str)] = &[
    ("Solaranlagen auf allen städtischen Dächern", "Schulen, Turnhallen und Verwaltungsgebäude haben große Dachflächen. Photovoltaik darauf würde Strom und Kosten sparen.", "Energie"),
    ("Entsiegelung von Schulhöfen", "Asphaltierte Schulhöfe heizen sich im Sommer stark auf. Grüne Schulhöfe mit Bäumen kühlen und lassen Regen versickern.", "Klimaanpassung"),
    ("Kostenlose Energieberatung für Mieterinnen und Mieter", "Viele Haushalte wissen nicht, wie sie Energie sparen können. Eine kostenlose Beratung auch für Mietende wäre sinnvoll.", "Energie"),
    ("Hitzeschutzplan für ältere Menschen", "Bei Hitzewellen brauchen ältere Menschen kühle Räume, Trinkwasser und Besuchsdienste. Die Stadt sollte einen Hitzeschutzplan aufstellen.", "Klimaanpassung"),
    ("Mehr Straßenbäume in der Innenstadt", "Die Innenstadt hat zu wenige Bäume. Jede Straße sollte bis 2035 mindestens eine durchgehende Baumreihe bekommen.", "Klimaanpassung"),
    ("Busverbindung ins Gewerbegebiet im Takt von 20 Minuten", "Ins Gewerbegebiet fährt der Bus nur stündlich. Ein 20-Minuten-Takt würde vielen Beschäftigten den Umstieg ermöglichen.", "Mobilität"),
];

const COMMENTS: &[&str] = &[
    "Das unterstütze ich voll und ganz, ich fahre dort jeden Tag.",
    "Gute Idee, aber wer soll das bezahlen? Gibt es dafür Fördermittel?",
    "Ich wohne direkt dort und kann bestätigen, dass es gefährlich ist.",
    "Bitte auch an die Menschen mit Rollator denken.",
    "Das wurde schon 2019 beantragt, passiert ist leider nichts.",
    "Ich sehe das anders: Parkplätze werden dort dringend gebraucht.",
    "Man könnte das zuerst für ein Jahr testen und dann auswerten.",
    "Meine Kinder würden dann endlich allein zur Schule fahren.",
    "Gibt es dazu Zahlen, wie viele Unfälle dort passiert sind?",
    "Sehr wichtig, gerade im Winter wenn es früh dunkel wird.",
    "Vielleicht lässt sich das mit der geplanten Sanierung verbinden.",
    "Die Anwohnenden sollten unbedingt vorher gefragt werden.",
    "Ein ähnliches Projekt in der Nachbarstadt hat gut funktioniert.",
    "Ich bin skeptisch, ob das in die schmale Straße passt.",
    "Danke für den Vorschlag, das ist längst überfällig.",
    "Wäre schön, wenn die Stadt hier einen Zeitplan nennen könnte.",
];

const REPLIES: &[&str] = &[
    "Da stimme ich zu.",
    "Laut Haushaltsplan gibt es dafür ein eigenes Budget.",
    "Das sehe ich nicht so, der Platz reicht dafür aus.",
    "Gute Frage, das würde mich auch interessieren.",
    "Ein Test wäre ein guter Kompromiss.",
];

const ANSWERS_ACCEPT: &[&str] = &[
    "Vielen Dank für den Vorschlag. Die Verwaltung hat ihn geprüft und nimmt ihn in die Planung auf. Die Umsetzung ist im Haushalt des nächsten Jahres vorgesehen.",
    "Der Vorschlag ist fachlich sinnvoll und technisch umsetzbar. Wir beginnen mit der Detailplanung und informieren hier über den Fortschritt.",
];

const ANSWERS_REJECT: &[&str] = &[
    "Vielen Dank für den Vorschlag. Die Straße liegt in der Zuständigkeit des Landes, daher kann die Stadt hier nicht selbst planen. Wir haben den Vorschlag an den Landesbetrieb weitergegeben.",
    "Die Prüfung hat ergeben, dass die Fahrbahn für diese Lösung zu schmal ist. Wir prüfen stattdessen eine Führung über die parallele Nebenstraße.",
];

/// Loads the four processes and their contributions (the foundation
/// module's part of the demo).
pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let (tenant, admin_a, end) = (&demo.tenant, &demo.admin, demo.end);
    let citizen_actors = &demo.citizens;
    let d_mob = demo.department(MOBILITY)?.id;
    let d_green = demo.department(GREEN)?.id;
    let d_dig = demo.department(DIGITAL_SERVICES)?.id;
    let at = |ms: i64| demo.at(ms);
    let mut rng = StdRng::seed_from_u64(2030);

    let phase = |title: &str, from: i64, to: i64, forms: &[Form]| PhaseInput {
        title: title.into(),
        starts_on: crate::date_of(end + from * DAY).to_string(),
        ends_on: crate::date_of(end + to * DAY).to_string(),
        forms: forms.to_vec(),
    };
    let all = [Form::Proposals, Form::Supports, Form::Comments];

    let specs: Vec<ProcessSpec> = vec![
        (
            ProcessInput {
                title: "Radverkehrsnetz Musterstadt 2030".into(),
                slug: "radverkehrsnetz-2030".into(),
                summary: "Wo fehlen Radwege, Abstellplätze und sichere Kreuzungen? Ihre Vorschläge fließen in den Radverkehrsplan 2030 ein.".into(),
                body: "## Worum geht es?\n\nDer Stadtrat hat beschlossen, bis 2030 ein durchgehendes, sicheres **Radverkehrsnetz** zu schaffen. Bevor das Planungsbüro beauftragt wird, möchten wir wissen, wo Sie im Alltag auf Probleme stoßen.\n\n## Wie geht es weiter?\n\n1. Vorschläge sammeln (jetzt)\n2. Prüfung durch das Amt für Mobilität\n3. Beschluss im Stadtrat\n\nJeder Vorschlag bekommt eine öffentliche Antwort.".into(),
                department_id: Some(d_mob),
                area: "Gesamte Stadt".into(),
                image_url: String::new(),
                status: "published".into(),
                rules: ProcessRules::default(),
                phases: vec![phase("Vorschläge sammeln", -100, 20, &all), phase("Prüfung", 21, 60, &[Form::Comments]), phase("Beschluss", 61, 90, &[])],
                active_phase: Some(0),
            },
            CYCLING,
            50,
            MOBILITY,
        ),
        (
            ProcessInput {
                title: "Neugestaltung Spielplatz Lindenpark".into(),
                slug: "spielplatz-lindenpark".into(),
                summary: "Der Spielplatz im Lindenpark wird 2027 erneuert. Unterstützen Sie die Ideen, die Ihnen am wichtigsten sind.".into(),
                body: "Der Spielplatz im Lindenpark ist über 30 Jahre alt. Für die Erneuerung stehen **180.000 €** bereit. Kinder, Eltern und Nachbarschaft haben Ideen gesammelt; jetzt können verifizierte Einwohnerinnen und Einwohner die Ideen unterstützen, die umgesetzt werden sollen.".into(),
                department_id: Some(d_green),
                area: "Lindenviertel".into(),
                image_url: String::new(),
                status: "published".into(),
                rules: ProcessRules { supports_require_verification: true, support_limit: Some(3), ..ProcessRules::default() },
                phases: vec![phase("Ideen sammeln", -90, -30, &all), phase("Ideen unterstützen", -29, 14, &[Form::Supports, Form::Comments]), phase("Planung", 15, 120, &[])],
                active_phase: Some(1),
            },
            PLAYGROUND,
            8,
            GREEN,
        ),
        (
            ProcessInput {
                title: "Digitales Rathaus".into(),
                slug: "digitales-rathaus".into(),
                summary: "Welche Dienstleistungen der Stadt sollen zuerst online verfügbar werden? Verfolgen Sie hier die Umsetzung.".into(),
                body: "Nach dem Onlinezugangsgesetz sollen Verwaltungsleistungen digital angeboten werden. Wir haben Ihre Vorschläge gesammelt und setzen die wichtigsten nun um. Den Fortschritt sehen Sie bei jedem Vorschlag.".into(),
                department_id: Some(d_dig),
                area: "Gesamte Stadt".into(),
                image_url: String::new(),
                status: "published".into(),
                rules: ProcessRules::default(),
                phases: vec![phase("Vorschläge", -100, -60, &all), phase("Umsetzung", -59, 200, &[Form::Comments])],
                active_phase: Some(1),
            },
            DIGITAL,
            6,
            DIGITAL_SERVICES,
        ),
        (
            ProcessInput {
                title: "Klimaschutzplan 2035".into(),
                slug: "klimaschutzplan-2035".into(),
                summary: "Die Beteiligung zum Klimaschutzplan ist abgeschlossen. Hier finden Sie alle Vorschläge und die Antworten der Verwaltung.".into(),
                body: "Musterstadt will bis 2035 klimaneutral werden. Im Frühjahr konnten alle Vorschläge einbringen. Die Beteiligung ist beendet; die Antworten der Verwaltung sind bei jedem Vorschlag veröffentlicht.".into(),
                department_id: Some(d_green),
                area: "Gesamte Stadt".into(),
                image_url: String::new(),
                status: "closed".into(),
                rules: ProcessRules::default(),
                phases: vec![phase("Vorschläge", -100, -40, &all), phase("Auswertung", -39, -5, &[])],
                active_phase: Some(1),
            },
            CLIMATE,
            6,
            GREEN,
        ),
    ];

    let mut comment_total = 0usize;
    for (pi, (input, texts, n, department)) in specs.into_iter().enumerate() {
        at(end - 100 * DAY + pi as i64 * 3_600_000);
        // Contributions are loaded while all forms are open, then the
        // process gets its real phases, as if time had passed.
        let open = ProcessInput {
            status: "published".into(),
            phases: vec![phase("Beteiligung", -100, 0, &all)],
            active_phase: Some(0),
            ..input.clone()
        };
        let process = s.create_process(tenant, admin_a, &open).await?;
        let staff = &demo.department(department)?.staff;
        let mut ids = Vec::new();
        for i in 0..n {
            let (t, b, cat) = texts[i % texts.len()];
            let street = STREETS[(i * 5 + i / texts.len()) % STREETS.len()];
            let draft = ProposalDraft {
                title: t.replace("{s}", street),
                body: b.replace("{s}", street),
                category: cat.to_string(),
                latitude: (pi == 0).then(|| 51.50 + rng.gen_range(-0.03..0.03)),
                longitude: (pi == 0).then(|| 7.46 + rng.gen_range(-0.05..0.05)),
            };
            // Early proposals are older; a few are left unanswered past the deadline.
            let created =
                end - (95 - (i as i64 * 85 / n.max(1) as i64)) * DAY + rng.gen_range(0..DAY / 2);
            at(created);
            let offline = (i % 9 == 4).then(|| Offline {
                channel: [
                    Channel::Paper,
                    Channel::Meeting,
                    Channel::Phone,
                    Channel::Office,
                ][i % 4],
                name: if i % 2 == 0 {
                    "Frau K.".into()
                } else {
                    String::new()
                },
            });
            let p = if let Some(o) = offline {
                s.proposals()
                    .create(tenant, staff, &process.slug, &draft, Some(o))
                    .await?
            } else {
                let author = &citizen_actors[(i * 3 + pi) % citizen_actors.len()];
                s.proposals()
                    .create(tenant, author, &process.slug, &draft, None)
                    .await?
            };
            ids.push((p.id, created));
        }
        // Supports and comments.
        for (k, (pid, created)) in ids.iter().enumerate() {
            let supporters = rng.gen_range(0..18usize);
            for j in 0..supporters {
                let who = &citizen_actors[(j * 7 + k) % citizen_actors.len()];
                at(created + (j as i64 + 1) * 3_600_000);
                // Some fail on purpose: unverified residents, or the support limit.
                let _ = s.proposals().support(tenant, who, *pid, None).await;
            }
            if k % 6 == 0 {
                at(created + 5 * 3_600_000);
                s.proposals()
                    .support(
                        tenant,
                        staff,
                        *pid,
                        Some(Offline {
                            channel: Channel::Paper,
                            name: String::new(),
                        }),
                    )
                    .await
                    .ok();
            }
            let want = if pi == 0 && k == 0 {
                20
            } else {
                rng.gen_range(2..7usize)
            };
            let mut last_comment: Option<i64> = None;
            for j in 0..want {
                let who = &citizen_actors[(j * 11 + k * 3 + 1) % citizen_actors.len()];
                at(created + (j as i64 + 2) * 7_200_000);
                let (parent, body) = match (j % 3 == 2, last_comment) {
                    (true, Some(lc)) => (Some(lc), REPLIES[(j + k) % REPLIES.len()]),
                    _ => (None, COMMENTS[(j * 5 + k) % COMMENTS.len()]),
                };
                let id = if j == 4 && k % 5 == 0 {
                    s.proposals().comment(tenant, staff, *pid, None, "Beim Bürgerdialog im Rathaus wurde dieser Punkt ebenfalls mehrfach genannt.", Some(Offline { channel: Channel::Meeting, name: "Bürgerdialog 12. März".into() })).await?
                } else {
                    s.proposals()
                        .comment(tenant, who, *pid, parent, body, None)
                        .await?
                };
                comment_total += 1;
                last_comment = Some(id);
            }
        }
        // Answers: a realistic mix of statuses; the newest stay unanswered,
        // and two old ones are left overdue on purpose.
        for (k, (pid, created)) in ids.iter().enumerate() {
            let answer_at = created + rng.gen_range(5..25) * DAY;
            if answer_at > end || (pi == 0 && (k == 1 || k == 2)) {
                continue;
            }
            at(answer_at);
            let choice = (k + pi) % 7;
            let accept = ANSWERS_ACCEPT[k % 2];
            // Each step: (days after the first answer, status, answer text,
            // progress, progress note).
            let steps: Vec<(i64, &str, &str, Option<i64>, &str)> = match choice {
                0 | 1 => vec![(0, "accepted", accept, None, "")],
                2 => vec![(0, "rejected", ANSWERS_REJECT[k % 2], None, "")],
                3 => vec![(0, "in_review", "", None, "")],
                4 => vec![
                    (0, "accepted", accept, None, ""),
                    (
                        10,
                        "in_implementation",
                        "",
                        Some(40),
                        "Die Planung ist abgeschlossen, der Auftrag ist vergeben.",
                    ),
                ],
                5 if pi >= 2 => vec![
                    (0, "accepted", accept, None, ""),
                    (
                        5,
                        "in_implementation",
                        "",
                        Some(60),
                        "Die technische Umsetzung läuft.",
                    ),
                    (
                        15,
                        "done",
                        "Umgesetzt und seit dieser Woche verfügbar.",
                        Some(100),
                        "Fertiggestellt.",
                    ),
                ],
                _ => continue,
            };
            for (days, status, text, progress, note) in steps {
                at(answer_at + days * DAY);
                s.proposals()
                    .answer(tenant, staff, *pid, status, text, progress, note)
                    .await?;
            }
        }
        at(end - 2 * DAY);
        s.processes()
            .update(tenant, admin_a, &process.slug, &input)
            .await?;
    }
    // Followers and one report for the moderators.
    at(end - DAY);
    let cycling = s
        .processes()
        .get(tenant, admin_a, "radverkehrsnetz-2030")
        .await?;
    for a in citizen_actors.iter().take(12) {
        s.follows()
            .follow(
                tenant,
                a,
                crate::follows::Followed::Process(cycling.id),
                true,
            )
            .await?;
    }
    let (page, _) = s
        .proposals()
        .list(
            tenant,
            &cycling,
            &crate::proposals::ListFilter {
                per_page: 5,
                page: 1,
                ..Default::default()
            },
            None,
        )
        .await?;
    if let Some(p) = page.items.first() {
        s.moderation()
            .report(
                tenant,
                &citizen_actors[5],
                crate::moderation::Content::Proposal(p.id),
                "Der Vorschlag enthält eine Telefonnummer einer Privatperson.",
            )
            .await?;
    }
    tracing::info!(comments = comment_total, "demo processes loaded");
    Ok(())
}
