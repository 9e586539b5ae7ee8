//! Demo data of participation along the lifecycle and of evaluations
//! (issue #3), loaded after the register: the planned heat warning for
//! vulnerable groups was discussed in the climate protection plan's
//! participation; then it moved to design and got a participation of its
//! own. The closed climate protection plan has a published evaluation.
//! Everything goes through the services, so links, versions, the
//! evaluation's frozen figures and the audit trail are as in real use.

use crate::demo::Demo;
use crate::processes::{PhaseInput, ProcessInput};
use crate::{params, Result, Store, StoreError};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;

const DAY: i64 = 86_400_000;

/// The entry whose participation history spans two phases.
pub const HEAT_WARNING: &str = "Hitzewarnung für Risikogruppen";
/// The closed process with a published evaluation.
pub const CLIMATE_PLAN: &str = "klimaschutzplan-2035";
/// The process opened for the heat warning in its design phase.
pub const HEAT_PROCESS: &str = "hitzewarnung-mitgestalten";

const LESSONS: &str = "## Was gut funktioniert hat\n\n\
- Die **Papierformulare** im Bürgerbüro und der **Bürgerdialog im Rathaus** haben Menschen erreicht, die online nicht mitmachen: Ein Teil der Vorschläge und Kommentare kam auf diesem Weg.\n\
- Die Vorschläge zum **Hitzeschutz** waren konkret und haben die Planung der Hitzewarnung für Risikogruppen direkt geprägt (siehe [Hitzewarnung für Risikogruppen](/data-register/{entry}) im Register der Datennutzungen).\n\n\
## Was wir verbessern\n\n\
- Einige Vorschläge warten länger als 30 Tage auf eine Entscheidung. Künftig prüft eine feste Ansprechperson im Umweltamt jede Woche die offenen Vorschläge.\n\
- Jüngere Menschen haben kaum teilgenommen. Bei der nächsten Beteiligung gehen wir mit den Schulen und dem Jugendparlament auf sie zu.\n\
- Die Beteiligung lief parallel zu den Sommerferien. Wir legen Fristen künftig außerhalb der Ferien.";

const HEAT_PROPOSALS: &[(&str, &str)] = &[
    (
        "Warnung auch per Telefonanruf",
        "Viele ältere Menschen haben kein Smartphone. Ein automatischer Anruf auf das Festnetz bei einer Hitzewarnung würde sie zuverlässig erreichen.",
    ),
    (
        "Pflegedienste einbeziehen",
        "Die ambulanten Pflegedienste sehen ihre Kundinnen und Kunden täglich. Sie sollten die Warnung bekommen und an heißen Tagen öfter nachfragen.",
    ),
    (
        "Nur mit ausdrücklicher Einwilligung",
        "Die Stadt sollte niemanden aus Meldedaten heraus als gefährdet einstufen. Wer gewarnt werden will, soll sich selbst oder über Angehörige anmelden.",
    ),
];

/// Loads the demo part; the staff is of the department running the
/// climate protection plan (which also runs the new process).
pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let (tenant, admin, end) = (&demo.tenant, &demo.admin, demo.end);
    let green = demo.department(crate::demo::GREEN)?;
    let (staff, department) = (&green.staff, green.id);
    let citizens = &demo.citizens;
    let at = |ms: i64| demo.at(ms);
    #[derive(serde::Deserialize)]
    struct Slug {
        slug: String,
    }
    let slug =
        s.db.opt_as::<Slug>(
            "SELECT slug FROM register_entries WHERE municipality_id = $1 AND title = $2",
            params![tenant.id, HEAT_WARNING],
        )
        .await?
        .ok_or(StoreError::NotFound)?
        .slug;
    // While planned: the climate protection plan collected ideas on heat
    // protection.
    at(end - 70 * DAY);
    s.evaluations()
        .link_process(tenant, admin, &slug, CLIMATE_PLAN)
        .await?;
    // The entry moves on to design, with a participation of its own.
    at(end - 12 * DAY);
    let entry = s.register().entry(tenant, &slug).await?;
    let current = s
        .register()
        .version(tenant, entry.id, entry.current_version)
        .await?;
    s.register()
        .save_version(
            tenant,
            admin,
            &slug,
            entry.current_version,
            current.entry.with("status", "design"),
            "Hinweise aus dem Klimaschutzplan eingearbeitet; die Gestaltung beginnt.",
        )
        .await?;
    at(end - 10 * DAY);
    let date = |offset: i64| crate::date_of(end + offset * DAY).to_string();
    let input = ProcessInput {
        title: "Hitzewarnung mitgestalten".into(),
        slug: HEAT_PROCESS.into(),
        summary: "Wer soll bei großer Hitze gewarnt werden, auf welchem Weg, und welche Daten darf die Stadt dafür nutzen? Ihre Hinweise fließen in die Gestaltung ein.".into(),
        body: format!("Musterstadt plant eine **Hitzewarnung für Risikogruppen**: ältere und pflegebedürftige Menschen sollen bei großer Hitze rechtzeitig gewarnt werden. Bevor das Verfahren gebaut wird, wollen wir von Ihnen wissen, wie die Warnung ankommen soll und welche Daten dafür in Ordnung sind.\n\n[Alle Angaben im Register der Datennutzungen](/data-register/{slug})"),
        department_id: Some(department),
        area: "Gesamte Stadt".into(),
        image_url: String::new(),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![
            PhaseInput {
                title: "Hinweise und Vorschläge".into(),
                starts_on: date(-10),
                ends_on: date(20),
                forms: vec![Form::Proposals, Form::Comments, Form::Supports],
            },
            PhaseInput {
                title: "Auswertung und Entscheidung".into(),
                starts_on: date(21),
                ends_on: date(45),
                forms: vec![],
            },
        ],
        active_phase: Some(0),
    };
    // The entry has no department of the demo, so the administration
    // keeps it and opens the process.
    s.evaluations()
        .create_process_for_entry(tenant, admin, &slug, &input)
        .await?;
    for (i, (title, body)) in HEAT_PROPOSALS.iter().enumerate() {
        at(end - (9 - 2 * i as i64) * DAY);
        let draft = ProposalDraft {
            title: title.to_string(),
            body: body.to_string(),
            category: "Klimaanpassung".into(),
            latitude: None,
            longitude: None,
        };
        let author = &citizens[(i * 4 + 1) % citizens.len()];
        let p = s
            .proposals()
            .create(tenant, author, HEAT_PROCESS, &draft, None)
            .await?;
        for (j, who) in citizens.iter().skip(i + 2).step_by(3).take(4).enumerate() {
            at(end - (9 - 2 * i as i64) * DAY + (j as i64 + 1) * 3_600_000);
            // Supports of unverified residents may be refused by the rules.
            let _ = s.proposals().support(tenant, who, p.id, None).await;
        }
    }
    // The closed climate protection plan: its evaluation.
    at(end - DAY);
    s.evaluations()
        .publish(
            tenant,
            staff,
            CLIMATE_PLAN,
            &LESSONS.replace("{entry}", &slug),
            "",
        )
        .await?;
    Ok(())
}
