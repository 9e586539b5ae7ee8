//! The demo municipality "Musterstadt": departments, four processes in
//! different phases, about 70 proposals, 300 comments, supports, answers in
//! every status, offline contributions and one account per role. All of it
//! is written through the normal services, so counters, search index,
//! notifications and the audit chain are exactly as in real use.

use crate::accounts::hash_password;
use crate::processes::{PhaseInput, ProcessInput};
use crate::proposals::Offline;
use crate::{Clock, Result, Store, StoreError, Tenant};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::{Channel, ProposalDraft};
use teilhabe_domain::{Actor, Role};

/// A demo process: its input, proposal texts, number of proposals, staff user.
type ProcessSpec = (
    ProcessInput,
    &'static [(&'static str, &'static str, &'static str)],
    usize,
    i64,
);

/// What every module's demo loader shares: the municipality, its
/// departments with their staff, the demo's accounts and its clock.
pub struct Demo {
    pub tenant: Tenant,
    /// The demo's fixed clock; [`Demo::at`] moves it.
    pub clock: Clock,
    /// The real time the demo runs up to ("now").
    pub end: i64,
    pub admin: Actor,
    /// The residents, Anna first; most are verified.
    pub citizens: Vec<Actor>,
    pub departments: Vec<Department>,
}

/// A department of the demo municipality and its staff account.
pub struct Department {
    pub name: &'static str,
    pub id: i64,
    pub staff: Actor,
}

/// The demo's departments.
pub const MOBILITY: &str = "Amt für Mobilität und Stadtentwicklung";
pub const GREEN: &str = "Grünflächen- und Umweltamt";
pub const DIGITAL_SERVICES: &str = "Amt für Digitalisierung und Bürgerservice";

impl Demo {
    /// Sets the demo clock to `ms`.
    pub fn at(&self, ms: i64) {
        if let Clock::Fixed(v) = &self.clock {
            v.store(ms, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// The department called `name`.
    pub fn department(&self, name: &str) -> Result<&Department> {
        self.departments
            .iter()
            .find(|d| d.name == name)
            .ok_or(StoreError::NotFound)
    }
}

pub const DEMO_PASSWORD: &str = "demo-passwort";

/// The demo logins: (e-mail, role description).
pub const DEMO_LOGINS: &[(&str, &str)] = &[
    ("admin@musterstadt.example", "admin"),
    (
        "mobilitaet@musterstadt.example",
        "staff (Amt für Mobilität und Stadtentwicklung)",
    ),
    (
        "gruen@musterstadt.example",
        "staff (Grünflächen- und Umweltamt)",
    ),
    (
        "digital@musterstadt.example",
        "staff (Amt für Digitalisierung und Bürgerservice)",
    ),
    ("moderation@musterstadt.example", "moderator"),
    ("beirat@musterstadt.example", "data council member"),
    ("beirat.hartmann@musterstadt.example", "data council member"),
    ("beirat.demir@musterstadt.example", "data council member"),
    ("beirat.krueger@musterstadt.example", "data council member"),
    ("anna@musterstadt.example", "citizen, verified resident"),
    ("ben@musterstadt.example", "citizen, not verified"),
];

const DAY: i64 = 86_400_000;

const FIRST: &[&str] = &[
    "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hakan", "Ida", "Jonas", "Karin",
    "Lukas", "Mia", "Noah", "Olga", "Paul", "Quirin", "Rosa", "Sami", "Tanja", "Ute", "Viktor",
    "Wiebke", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Becker", "Schmidt", "Yılmaz", "Wagner", "Nowak", "Hoffmann", "Schulz", "Koch", "Richter",
    "Klein", "Wolf", "Neumann",
];

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
const CYCLING: &[(&str, &str, &str)] = &[
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

const PLAYGROUND: &[(&str, &str, &str)] = &[
    ("Wasserspielplatz mit Pumpe und Rinne", "Ein Matschbereich mit Handpumpe und Wasserrinne macht Kindern im Sommer Freude und ist auch für Kleinkinder geeignet.", "Spielgeräte"),
    ("Inklusive Nestschaukel", "Eine große Nestschaukel können auch Kinder im Rollstuhl oder mit Beeinträchtigung nutzen, gemeinsam mit anderen Kindern.", "Inklusion"),
    ("Schattenspendende Bäume am Sandkasten", "Der Sandkasten liegt in der prallen Sonne. Zwei bis drei große Bäume oder ein Sonnensegel würden ihn im Sommer nutzbar machen.", "Grün"),
    ("Sitzbänke mit Rückenlehne für Großeltern", "Großeltern und Eltern brauchen bequeme Bänke mit Rückenlehne in Sichtweite der Spielgeräte.", "Aufenthalt"),
    ("Kletterwand für ältere Kinder", "Für Kinder ab zehn Jahren gibt es im Lindenpark nichts. Eine niedrige Boulderwand würde auch Jugendliche ansprechen.", "Spielgeräte"),
    ("Barrierefreie Wege zum Spielplatz", "Die Kieswege sind mit Kinderwagen und Rollstuhl kaum befahrbar. Feste, wassergebundene Wege würden helfen.", "Inklusion"),
    ("Trinkbrunnen am Eingang", "Ein Trinkbrunnen am Eingang des Spielplatzes wäre an heißen Tagen wichtig für Kinder und Eltern.", "Aufenthalt"),
    ("Naturspielbereich mit Baumstämmen", "Statt nur Plastikgeräten wünschen wir uns einen Naturspielbereich mit Baumstämmen, Weidentunnel und Steinen.", "Grün"),
];

const DIGITAL: &[(&str, &str, &str)] = &[
    ("Termine im Bürgerbüro online buchen", "Die Terminvergabe nur per Telefon ist mühsam. Eine Online-Buchung mit Erinnerung per E-Mail würde Wartezeiten verkürzen.", "Online-Dienste"),
    ("Wohnsitz online ummelden", "Die Ummeldung des Wohnsitzes sollte vollständig online möglich sein, mit Online-Ausweis statt Behördengang.", "Online-Dienste"),
    ("Offenes WLAN im Rathaus und in der Bibliothek", "Im Rathaus und in der Stadtbibliothek fehlt ein offenes WLAN. Viele Menschen haben kein eigenes Datenvolumen.", "Infrastruktur"),
    ("Digitale Sprechstunde für Seniorinnen und Senioren", "Eine wöchentliche Sprechstunde, in der Ehrenamtliche bei Online-Anträgen helfen, würde niemanden zurücklassen.", "Teilhabe"),
    ("Formulare in leichter Sprache", "Die Online-Formulare der Stadt sind schwer verständlich. Eine Fassung in leichter Sprache würde vielen helfen.", "Teilhabe"),
    ("Mängelmelder als App", "Kaputte Straßenlaternen oder wilde Müllkippen sollten per App mit Foto und Ort gemeldet werden können.", "Online-Dienste"),
];

const CLIMATE: &[(&str, &str, &str)] = &[
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

/// Loads the demo into an empty database. Refuses if a municipality exists.
pub async fn load(store: &Store) -> Result<Tenant> {
    if !store.tenants().all().await?.is_empty() {
        return Err(StoreError::Conflict("error-demo-not-empty"));
    }
    // Contributions are spread over the last 100 days before the real time;
    // a fixed clock per step gives them realistic dates.
    let end = store.now();
    let clock = Clock::fixed(end - 100 * DAY);
    let s = store.with_clock(clock.clone());
    let at = |ms: i64| {
        if let Clock::Fixed(v) = &clock {
            v.store(ms, std::sync::atomic::Ordering::SeqCst);
        }
    };
    let mut rng = StdRng::seed_from_u64(2030);

    let tenant = s
        .create_tenant("musterstadt", "Musterstadt", &["localhost", "127.0.0.1"])
        .await?;
    let categories: Vec<&str> = CYCLING
        .iter()
        .chain(PLAYGROUND)
        .chain(DIGITAL)
        .chain(CLIMATE)
        .map(|c| c.2)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    s.tenants().update_settings(
        &tenant,
        &crate::tenant::TenantSettings {
            answer_deadline_days: 30,
            categories: categories.join("\n").to_string(),
            contact_email: "beteiligung@musterstadt.example".into(),
            imprint: "Stadt Musterstadt\nDer Bürgermeister\nRathausplatz 1\n12345 Musterstadt\n\nTelefon: 01234 567-0\nE-Mail: beteiligung@musterstadt.example\n\nVertretungsberechtigt: Bürgermeisterin Dr. Maria Beispiel".into(),
            privacy: "Die Stadt Musterstadt verarbeitet auf dieser Plattform nur die Daten, die für die Beteiligung nötig sind: Ihre E-Mail-Adresse und Ihren Anzeigenamen für das Konto, Ihre Beiträge, und technisch notwendige Sitzungsdaten. Im öffentlichen Protokoll erscheinen Sie nur unter einem Pseudonym. Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO. Sie haben das Recht auf Auskunft, Berichtigung und Löschung. Datenschutzbeauftragte: datenschutz@musterstadt.example".into(),
            accessibility: "Die Stadt Musterstadt ist bemüht, diese Plattform im Einklang mit der BITV 2.0 und der WCAG 2.1 (Stufe AA) barrierefrei zugänglich zu machen. Alle Seiten funktionieren ohne JavaScript, mit Tastatur und Screenreader. Barrieren melden Sie bitte an barrierefreiheit@musterstadt.example; die Schlichtungsstelle nach § 16 BGG erreichen Sie unter www.schlichtungsstelle-bgg.de.".into(),
        },
    )
    .await?;
    let tenant = s.tenants().by_slug("musterstadt").await?;
    let d_mob = s
        .create_department(&tenant, "Amt für Mobilität und Stadtentwicklung")
        .await?;
    let d_green = s
        .create_department(&tenant, "Grünflächen- und Umweltamt")
        .await?;
    let d_dig = s
        .create_department(&tenant, "Amt für Digitalisierung und Bürgerservice")
        .await?;

    let hash = hash_password(DEMO_PASSWORD)?;
    let mk = |email: &'static str, name: &'static str, roles: Vec<(Role, Option<i64>)>| {
        let s = s.clone();
        let tenant = tenant.clone();
        let hash = hash.clone();
        async move {
            s.create_user_with_hash(&tenant, email, name, &hash, "de", &roles)
                .await
        }
    };
    let admin = mk(
        "admin@musterstadt.example",
        "Petra Verwaltung",
        vec![(Role::Admin, None)],
    )
    .await?;
    let mob = mk(
        "mobilitaet@musterstadt.example",
        "Team Mobilität",
        vec![(Role::Staff, Some(d_mob))],
    )
    .await?;
    let green = mk(
        "gruen@musterstadt.example",
        "Team Grünflächen",
        vec![(Role::Staff, Some(d_green))],
    )
    .await?;
    let dig = mk(
        "digital@musterstadt.example",
        "Team Digitalisierung",
        vec![(Role::Staff, Some(d_dig))],
    )
    .await?;
    let _moderator = mk(
        "moderation@musterstadt.example",
        "Moderation",
        vec![(Role::Moderator, None)],
    )
    .await?;
    let _council = mk(
        "beirat@musterstadt.example",
        "Datenbeirat (Vorsitz)",
        vec![(Role::Council, None)],
    )
    .await?;
    let anna = mk("anna@musterstadt.example", "Anna Becker", vec![]).await?;
    let _ben = mk("ben@musterstadt.example", "Ben Schulz", vec![]).await?;
    let actor = |u: &crate::accounts::User, s: &Store| {
        let s = s.clone();
        let u = u.clone();
        async move {
            s.actor_of(
                &s.accounts()
                    .user(&s.tenants().by_slug("musterstadt").await?, u.id)
                    .await?,
            )
            .await
        }
    };
    let admin_a = actor(&admin, &s).await?;

    // Residents: most are verified with letters' codes, as a real rollout would.
    let codes = s
        .accounts()
        .generate_verification_codes(&tenant, admin.id, "Brief Januar", 60)
        .await?;
    s.accounts()
        .redeem_code(&tenant, anna.id, &codes[0])
        .await?;
    let mut citizens = vec![anna.clone()];
    for i in 0..40usize {
        let name = format!("{} {}", FIRST[i % FIRST.len()], LAST[(i * 7) % LAST.len()]);
        let email = format!("buerger{:02}@musterstadt.example", i + 1);
        let u = s
            .create_user_with_hash(&tenant, &email, &name, &hash, "de", &[])
            .await?;
        if i % 4 != 3 {
            s.accounts()
                .redeem_code(&tenant, u.id, &codes[i + 1])
                .await?;
        }
        citizens.push(u);
    }
    let mut citizen_actors = Vec::new();
    for c in &citizens {
        citizen_actors.push(s.actor_of(&s.accounts().user(&tenant, c.id).await?).await?);
    }

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
            mob.id,
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
            green.id,
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
            dig.id,
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
            green.id,
        ),
    ];

    let mut comment_total = 0usize;
    for (pi, (input, texts, n, staff_id)) in specs.into_iter().enumerate() {
        at(end - 100 * DAY + pi as i64 * 3_600_000);
        // Contributions are loaded while all forms are open, then the
        // process gets its real phases, as if time had passed.
        let open = ProcessInput {
            status: "published".into(),
            phases: vec![phase("Beteiligung", -100, 0, &all)],
            active_phase: Some(0),
            ..input.clone()
        };
        let process = s.create_process(&tenant, &admin_a, &open).await?;
        let staff = s
            .actor_of(&s.accounts().user(&tenant, staff_id).await?)
            .await?;
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
                    .create(&tenant, &staff, &process.slug, &draft, Some(o))
                    .await?
            } else {
                let author = &citizen_actors[(i * 3 + pi) % citizen_actors.len()];
                s.proposals()
                    .create(&tenant, author, &process.slug, &draft, None)
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
                let _ = s.proposals().support(&tenant, who, *pid, None).await;
            }
            if k % 6 == 0 {
                at(created + 5 * 3_600_000);
                s.proposals()
                    .support(
                        &tenant,
                        &staff,
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
                    s.proposals().comment(&tenant, &staff, *pid, None, "Beim Bürgerdialog im Rathaus wurde dieser Punkt ebenfalls mehrfach genannt.", Some(Offline { channel: Channel::Meeting, name: "Bürgerdialog 12. März".into() })).await?
                } else {
                    s.proposals()
                        .comment(&tenant, who, *pid, parent, body, None)
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
            let r = match choice {
                0 | 1 => {
                    s.proposals()
                        .answer(
                            &tenant,
                            &staff,
                            *pid,
                            "accepted",
                            ANSWERS_ACCEPT[k % 2],
                            None,
                            "",
                        )
                        .await
                }
                2 => {
                    s.proposals()
                        .answer(
                            &tenant,
                            &staff,
                            *pid,
                            "rejected",
                            ANSWERS_REJECT[k % 2],
                            None,
                            "",
                        )
                        .await
                }
                3 => {
                    s.proposals()
                        .answer(&tenant, &staff, *pid, "in_review", "", None, "")
                        .await
                }
                4 => {
                    s.proposals()
                        .answer(
                            &tenant,
                            &staff,
                            *pid,
                            "accepted",
                            ANSWERS_ACCEPT[k % 2],
                            None,
                            "",
                        )
                        .await?;
                    at(answer_at + 10 * DAY);
                    s.proposals()
                        .answer(
                            &tenant,
                            &staff,
                            *pid,
                            "in_implementation",
                            "",
                            Some(40),
                            "Die Planung ist abgeschlossen, der Auftrag ist vergeben.",
                        )
                        .await
                }
                5 if pi >= 2 => {
                    s.proposals()
                        .answer(
                            &tenant,
                            &staff,
                            *pid,
                            "accepted",
                            ANSWERS_ACCEPT[k % 2],
                            None,
                            "",
                        )
                        .await?;
                    at(answer_at + 5 * DAY);
                    s.proposals()
                        .answer(
                            &tenant,
                            &staff,
                            *pid,
                            "in_implementation",
                            "",
                            Some(60),
                            "Die technische Umsetzung läuft.",
                        )
                        .await?;
                    at(answer_at + 15 * DAY);
                    s.proposals()
                        .answer(
                            &tenant,
                            &staff,
                            *pid,
                            "done",
                            "Umgesetzt und seit dieser Woche verfügbar.",
                            Some(100),
                            "Fertiggestellt.",
                        )
                        .await
                }
                _ => continue,
            };
            r?;
        }
        at(end - 2 * DAY);
        s.processes()
            .update(&tenant, &admin_a, &process.slug, &input)
            .await?;
    }
    // Followers and one report for the moderators.
    at(end - DAY);
    let cycling = s
        .processes()
        .get(&tenant, &admin_a, "radverkehrsnetz-2030")
        .await?;
    for a in citizen_actors.iter().take(12) {
        s.processes()
            .follow(&tenant, a, "process", cycling.id, true)
            .await?;
    }
    let (page, _) = s
        .proposals()
        .list(
            &tenant,
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
        s.proposals()
            .report(
                &tenant,
                &citizen_actors[5],
                "proposal",
                p.id,
                "Der Vorschlag enthält eine Telefonnummer einer Privatperson.",
            )
            .await?;
    }
    opinion_map(&s, &tenant, &admin_a, d_mob, end, &at, &citizen_actors).await?;
    // Participatory budgets (issue 5): a published one and an open one.
    let mob_a = s
        .actor_of(&s.accounts().user(&tenant, mob.id).await?)
        .await?;
    crate::budget::demo::load(
        &s,
        &tenant,
        &clock,
        end,
        &admin_a,
        &mob_a,
        d_mob,
        &citizen_actors,
    )
    .await?;
    register(&s, &tenant, &admin_a, [d_mob, d_green, d_dig], end, &at).await?;
    crate::questions::demo::load(&s, &tenant, end, &at).await?;
    at(end);
    crate::goals::demo::load(&s, &tenant, &admin_a, [d_mob, d_green, d_dig]).await?;
    let green_a = s
        .actor_of(&s.accounts().user(&tenant, green.id).await?)
        .await?;
    crate::evaluation::demo::load(
        &s,
        &tenant,
        &admin_a,
        &green_a,
        d_green,
        &citizen_actors,
        end,
        &at,
    )
    .await?;
    tracing::info!(comments = comment_total, "demo municipality loaded");
    store.tenants().by_slug("musterstadt").await
}

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
async fn opinion_map(
    s: &Store,
    tenant: &Tenant,
    admin: &teilhabe_domain::Actor,
    department: i64,
    end: i64,
    at: &impl Fn(i64),
    citizens: &[teilhabe_domain::Actor],
) -> Result<()> {
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

/// The register of data uses: the twelve sample entries of the register
/// crate, saved through the service (so versions and audit entries are
/// real). Entries of departments that exist in the demo belong to them;
/// the others are kept by the administration. Three entries get later
/// versions, so history and diff pages have something to show.
async fn register(
    s: &Store,
    tenant: &Tenant,
    admin: &teilhabe_domain::Actor,
    [d_mob, d_green, d_dig]: [i64; 3],
    end: i64,
    at: &impl Fn(i64),
) -> Result<()> {
    use teilhabe_register::sample::sample_entries;
    let members = crate::council::demo::members(s, tenant, admin).await?;
    let department = |ats: &str| match ats {
        "Amt für Mobilität und Verkehr" => Some(d_mob),
        "Grünflächenamt" | "Stadtreinigung und Abfallwirtschaft" => Some(d_green),
        "Bürgerservice und Digitalisierung" => Some(d_dig),
        _ => None,
    };
    for (i, sample) in sample_entries().into_iter().enumerate() {
        at(end - (80 - i as i64) * DAY);
        let name = sample.get("name").to_string();
        // Earlier states of three entries, saved first; the sample is the
        // current version.
        let history: Vec<(teilhabe_register::RegisterEntry, &str)> = match name.as_str() {
            "Adaptive Ampelsteuerung Ringstraße" => vec![
                (sample.clone().with("status", "development"), ""),
                (sample.clone(), "Testbetrieb auf der Ringstraße begonnen."),
            ],
            "Risikobewertung bei Sozialleistungen" => vec![
                (sample.clone().with("status", "pilot"), ""),
                (
                    sample.clone().with("status", "pilot").with(
                        "human_intervention",
                        format!(
                            "{} Jede Einstufung wird von zwei Sachbearbeitenden unabhängig geprüft.",
                            sample.get("human_intervention")
                        ),
                    ),
                    "Vier-Augen-Prinzip bei jeder Einstufung ergänzt.",
                ),
                (
                    sample.clone().with(
                        "human_intervention",
                        format!(
                            "{} Jede Einstufung wird von zwei Sachbearbeitenden unabhängig geprüft.",
                            sample.get("human_intervention")
                        ),
                    ),
                    "Testphase beendet; die Ergebnisse werden ausgewertet.",
                ),
            ],
            "Chatbot „Frag Musterstadt“" => vec![
                (sample.clone().with("status", "pilot"), ""),
                (sample.clone(), "Nach dem Test in den Regelbetrieb übernommen."),
            ],
            _ => vec![(sample.clone(), "")],
        };
        let mut slug = String::new();
        for (n, (entry, note)) in history.into_iter().enumerate() {
            let t = if n == 0 {
                end - (80 - i as i64) * DAY
            } else {
                end - (40 - 10 * n as i64) * DAY
            };
            if n == 0 {
                let created = s
                    .register()
                    .create_entry(
                        tenant,
                        admin,
                        department(sample.get("department")),
                        entry,
                        "Eintrag angelegt.",
                    )
                    .await?;
                slug = created.slug;
            } else {
                at(end - (40 - 10 * n as i64) * DAY);
                s.register()
                    .save_version(tenant, admin, &slug, n as i64, entry, note)
                    .await?;
            }
            crate::council::demo::after_step(s, tenant, admin, &members, &slug, &name, n, t, at)
                .await?;
        }
    }
    Ok(())
}
