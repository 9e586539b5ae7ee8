//! The demo municipality "Musterstadt": departments, four processes in
//! different phases, about 70 proposals, 300 comments, supports, answers in
//! every status, offline contributions and one account per role, then
//! each module's part (opinion map, budgets, register with the data
//! council, questions, goals, evaluation). All of it is written through
//! the normal services, so counters, search index, notifications and the
//! audit chain are exactly as in real use.
//!
//! [`load`] creates the municipality, its departments and accounts (the
//! [`Demo`] context every loader shares), then calls the demo loader of
//! every module in the order of [`crate::module::MODULES`].

pub(crate) mod processes;

use crate::accounts::hash_password;
use crate::{Clock, Result, Store, StoreError, Tenant};
use teilhabe_domain::{Actor, Role};

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
    let demo = context(&s, clock, end).await?;
    for module in crate::module::MODULES {
        if let Some(load) = module.demo {
            load(&s, &demo).await?;
            tracing::debug!(module = module.name, "demo part loaded");
        }
    }
    tracing::info!("demo municipality loaded");
    store.tenants().by_slug("musterstadt").await
}

/// The municipality with its settings, departments and accounts: the
/// context every module's demo loader shares.
async fn context(s: &Store, clock: Clock, end: i64) -> Result<Demo> {
    let tenant = s
        .create_tenant("musterstadt", "Musterstadt", &["localhost", "127.0.0.1"])
        .await?;
    let categories: Vec<&str> = processes::CYCLING
        .iter()
        .chain(processes::PLAYGROUND)
        .chain(processes::DIGITAL)
        .chain(processes::CLIMATE)
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
    let d_mob = s.create_department(&tenant, MOBILITY).await?;
    let d_green = s.create_department(&tenant, GREEN).await?;
    let d_dig = s.create_department(&tenant, DIGITAL_SERVICES).await?;

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
    let admin_a = actor(&admin, s).await?;

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
    let tenant_ref = &tenant;
    let staff = |user: crate::accounts::User| async move {
        s.actor_of(&s.accounts().user(tenant_ref, user.id).await?)
            .await
    };
    let departments = vec![
        Department {
            name: MOBILITY,
            id: d_mob,
            staff: staff(mob).await?,
        },
        Department {
            name: GREEN,
            id: d_green,
            staff: staff(green).await?,
        },
        Department {
            name: DIGITAL_SERVICES,
            id: d_dig,
            staff: staff(dig).await?,
        },
    ];
    Ok(Demo {
        tenant,
        clock,
        end,
        admin: admin_a,
        citizens: citizen_actors,
        departments,
    })
}
