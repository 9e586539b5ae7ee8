//! The data council of the demo municipality: four members, the council's
//! settings, and its work on the register's sample entries, written
//! through the normal services while the register demo saves the entries
//! (so a review is closed before an entry it blocks becomes operational).
//!
//! The story: the parking sensors, the waste-collection routes, the
//! chatbot (pilot, then operational), the school-place forecast, the video
//! analysis and the benefits risk score (high risk, two reviews) have
//! finished reviews with the administration's answer; the day-care allocation has
//! a published recommendation still waiting for an answer; the adaptive
//! traffic lights (pilot) have a review with a discussion in progress;
//! the heat warning, the translation aid and the housing-benefit check
//! wait for the council.

use crate::{Result, Store, Tenant};
use teilhabe_domain::{Actor, Role};

const DAY: i64 = 86_400_000;

/// The council members besides the chair (`beirat@musterstadt.example`).
pub const MEMBERS: &[(&str, &str)] = &[
    (
        "beirat.hartmann@musterstadt.example",
        "Prof. Dr. Lena Hartmann",
    ),
    ("beirat.demir@musterstadt.example", "Murat Demir"),
    ("beirat.krueger@musterstadt.example", "Sabine Krüger"),
];

/// Creates the further members and the council's settings; returns the
/// four members' actors, the chair first.
pub(crate) async fn members(s: &Store, tenant: &Tenant, admin: &Actor) -> Result<Vec<Actor>> {
    let hash = crate::accounts::hash_password(crate::demo::DEMO_PASSWORD)?;
    let mut out = Vec::new();
    if let Some(chair) = s
        .accounts()
        .user_by_email(tenant, "beirat@musterstadt.example")
        .await?
    {
        out.push(s.actor_of(&chair).await?);
    }
    for (email, name) in MEMBERS {
        let u = s
            .create_user_with_hash(tenant, email, name, &hash, "de", &[(Role::Council, None)])
            .await?;
        out.push(s.actor_of(&u).await?);
    }
    s.council()
        .update_rules(
            tenant,
            admin,
            "3",
            "simple",
            &[
                "source_data".into(),
                "training_data".into(),
                "methods_and_models".into(),
                "human_intervention".into(),
            ],
        )
        .await?;
    Ok(out)
}

async fn open_review(s: &Store, tenant: &Tenant, slug: &str) -> Result<Option<i64>> {
    let entry = s.register().entry(tenant, slug).await?;
    Ok(s.council()
        .entry_reviews(tenant, entry.id)
        .await?
        .into_iter()
        .find(|r| r.is_open())
        .map(|r| r.id))
}

/// The council's work on an entry after the register demo saved step
/// `step` (0 = created) at `t`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn after_step(
    s: &Store,
    tenant: &Tenant,
    admin: &Actor,
    m: &[Actor],
    slug: &str,
    name: &str,
    step: usize,
    t: i64,
    at: &impl Fn(i64),
) -> Result<()> {
    let Some(review) = open_review(s, tenant, slug).await? else {
        return Ok(());
    };
    // (day offset, member index, vote, conditions)
    type Votes<'a> = &'a [(i64, usize, &'a str, &'a str)];
    let deliberate = |comments: &'static [(i64, Option<usize>, &'static str)],
                      votes: Votes<'static>| async move {
        for (d, who, body) in comments {
            at(t + d * DAY);
            let a = who.map(|i| &m[i]).unwrap_or(admin);
            s.council().add_comment(tenant, a, review, body).await?;
        }
        for (d, who, vote, cond) in votes {
            at(t + d * DAY);
            s.council()
                .cast_vote(tenant, &m[*who], review, vote, cond)
                .await?;
        }
        Ok::<(), crate::StoreError>(())
    };
    match (name, step) {
        ("Chatbot „Frag Musterstadt“", 0) => {
            deliberate(
                &[
                    (2, Some(1), "Der Chatbot beantwortet nur allgemeine Fragen. Wichtig ist mir, dass er nie über Anträge entscheidet und jederzeit an einen Menschen übergibt."),
                    (3, None, "Das ist so umgesetzt: Bei Fragen zu einem laufenden Antrag verweist der Chatbot auf das Bürgertelefon. Die Protokolle werden nach 30 Tagen gelöscht."),
                    (4, Some(2), "Bitte im Testbetrieb auch prüfen, ob die Antworten in einfacher Sprache verständlich sind."),
                ],
                &[
                    (5, 0, "approve", ""),
                    (5, 1, "approve_with_conditions", "Die Übergabe an einen Menschen muss auf jeder Seite sichtbar sein."),
                    (6, 2, "approve", ""),
                    (6, 3, "abstain", ""),
                ],
            )
            .await?;
            at(t + 8 * DAY);
            s.council().close_review(tenant, &m[0], review, "Der Datenbeirat stimmt dem Regelbetrieb zu. Er empfiehlt, die Übergabe an eine Mitarbeiterin oder einen Mitarbeiter auf jeder Seite deutlich anzubieten und die Verständlichkeit der Antworten nach einem halben Jahr mit Bürgerinnen und Bürgern zu prüfen.").await?;
            at(t + 12 * DAY);
            s.council().answer_recommendation(tenant, admin, review, "followed", "Die Schaltfläche „Mit einem Menschen sprechen“ steht jetzt auf jeder Seite. Eine Prüfung der Verständlichkeit mit dem Seniorenbeirat und dem Integrationsrat ist für das Frühjahr geplant.").await?;
        }
        ("Risikobewertung bei Sozialleistungen", 0) => {
            deliberate(
                &[
                    (3, Some(1), "Ein Risikowert für Leistungsbeziehende ist ein Hochrisikosystem. Welche Merkmale fließen ein, und wurde geprüft, ob Menschen mit Migrationsgeschichte häufiger als auffällig eingestuft werden?"),
                    (5, None, "Staatsangehörigkeit und Herkunft sind ausgeschlossen. Eine Auswertung nach Geschlecht und Alter liegt vor; eine Auswertung nach Stadtteilen folgt im Testbetrieb."),
                    (6, Some(3), "Dann sollte kein Bescheid allein auf dem Wert beruhen. Ich schlage das Vier-Augen-Prinzip als Bedingung vor."),
                ],
                &[
                    (8, 0, "approve_with_conditions", "Vier-Augen-Prinzip bei jeder Einstufung; Auswertung nach Stadtteilen vor dem Regelbetrieb."),
                    (8, 1, "approve_with_conditions", "Betroffene erfahren, dass ein Wert berechnet wurde, und können widersprechen."),
                    (9, 2, "reject", ""),
                    (9, 3, "approve", ""),
                ],
            )
            .await?;
            at(t + 11 * DAY);
            s.council().close_review(tenant, &m[0], review, "Der Datenbeirat stimmt dem Testbetrieb unter Bedingungen zu (3 von 4 Stimmen dafür, davon 2 mit Bedingungen): Jede Einstufung wird von zwei Sachbearbeitenden unabhängig geprüft; kein Bescheid beruht allein auf dem Risikowert; Betroffene werden über die Berechnung informiert und können widersprechen; vor einem Regelbetrieb wird ausgewertet, ob einzelne Stadtteile oder Gruppen häufiger eingestuft werden.").await?;
            at(t + 16 * DAY);
            s.council().answer_recommendation(tenant, admin, review, "partly_followed", "Das Vier-Augen-Prinzip und die Auswertung nach Stadtteilen setzen wir um. Eine Information aller Betroffenen über jede Berechnung ist mit dem heutigen Fachverfahren nicht möglich; wir informieren stattdessen im Bescheid und im Register über das Verfahren und prüfen eine Einzelbenachrichtigung mit dem nächsten Update.").await?;
        }
        ("Risikobewertung bei Sozialleistungen", 1) => {
            // The material change (human intervention) asked for a new review.
            deliberate(
                &[(1, Some(0), "Die Änderung setzt unsere erste Bedingung um. Ich schlage vor, sie zu bestätigen.")],
                &[
                    (2, 0, "approve", ""),
                    (2, 1, "approve", ""),
                    (3, 3, "approve", ""),
                ],
            )
            .await?;
            at(t + 4 * DAY);
            s.council().close_review(tenant, &m[0], review, "Die Ergänzung des Vier-Augen-Prinzips entspricht der Empfehlung des Beirats. Der Beirat bittet, ihm die Auswertung nach Stadtteilen vor dem Ende der Testphase vorzulegen.").await?;
            at(t + 6 * DAY);
            s.council().answer_recommendation(tenant, admin, review, "followed", "Die Auswertung nach Stadtteilen wird dem Beirat zusammen mit dem Abschlussbericht der Testphase vorgelegt.").await?;
        }
        ("Chatbot „Frag Musterstadt“", 1) => {
            // Going operational is a reason of its own: a short confirmation.
            deliberate(
                &[],
                &[
                    (2, 0, "approve", ""),
                    (3, 2, "approve", ""),
                    (3, 3, "approve", ""),
                ],
            )
            .await?;
            at(t + 5 * DAY);
            s.council().close_review(tenant, &m[0], review, "Die Bedingungen aus der Prüfung des Testbetriebs sind erfüllt. Der Beirat stimmt dem Regelbetrieb zu.").await?;
            at(t + 6 * DAY);
            s.council().answer_recommendation(tenant, admin, review, "followed", "Danke. Der Chatbot läuft seit dieser Woche im Regelbetrieb; die Prüfung der Verständlichkeit folgt wie zugesagt.").await?;
        }
        ("Parkraumsensoren und Parkleitsystem Innenstadt" | "Tourenplanung Abfallsammlung", 0) => {
            // Minimal risk, registered while already in operation.
            deliberate(
                &[],
                &[
                    (3, 0, "approve", ""),
                    (3, 1, "approve", ""),
                    (4, 3, "abstain", ""),
                ],
            )
            .await?;
            at(t + 6 * DAY);
            s.council().close_review(tenant, &m[0], review, "Das System verarbeitet keine personenbezogenen Daten und entscheidet nicht über Menschen. Der Beirat hat keine Einwände und empfiehlt, den Eintrag bei jeder Erweiterung zu aktualisieren.").await?;
            at(t + 9 * DAY);
            s.council().answer_recommendation(tenant, admin, review, "followed", "Der Eintrag wird bei jeder Erweiterung aktualisiert und dem Beirat erneut vorgelegt.").await?;
        }
        ("Schulplatz-Prognose", 0) => {
            deliberate(
                &[],
                &[
                    (4, 0, "approve", ""),
                    (4, 1, "approve", ""),
                    (5, 2, "approve", ""),
                ],
            )
            .await?;
            at(t + 7 * DAY);
            s.council().close_review(tenant, &m[0], review, "Die Prognose arbeitet mit zusammengefassten Zahlen und betrifft keine einzelnen Kinder. Der Beirat stimmt zu und empfiehlt, die Abweichung zwischen Prognose und tatsächlichen Anmeldungen jährlich zu veröffentlichen.").await?;
            at(t + 10 * DAY);
            s.council().answer_recommendation(tenant, admin, review, "followed", "Die Abweichung wird ab dem nächsten Schuljahr im Schulentwicklungsbericht veröffentlicht.").await?;
        }
        ("Vergabe von Kita-Plätzen", 0) => {
            deliberate(
                &[(2, Some(2), "Die Kriterien sind politisch beschlossen. Wir sollten prüfen, ob Eltern die Reihenfolge nachvollziehen können.")],
                &[
                    (4, 0, "approve_with_conditions", "Eltern erhalten eine verständliche Begründung ihres Platzes in der Reihenfolge."),
                    (4, 2, "approve_with_conditions", "Die Gewichtung der Kriterien wird veröffentlicht."),
                    (5, 3, "approve", ""),
                ],
            )
            .await?;
            at(t + 30 * DAY);
            s.council().close_review(tenant, &m[0], review, "Der Beirat stimmt unter Bedingungen zu: Die Gewichtung der Vergabekriterien wird veröffentlicht, und Eltern erhalten mit der Zu- oder Absage eine verständliche Begründung.").await?;
        }
        ("Videoanalyse „Auffälliges Verhalten“ am Bahnhofsplatz", 0) => {
            deliberate(
                &[(1, Some(1), "Eine Verhaltenserkennung im öffentlichen Raum ist nach der KI-Verordnung verboten. Der Eintrag dokumentiert, dass sie abgeschaltet wurde; der Beirat sollte das ausdrücklich festhalten.")],
                &[
                    (2, 0, "reject", ""),
                    (2, 1, "reject", ""),
                    (3, 2, "reject", ""),
                    (3, 3, "reject", ""),
                ],
            )
            .await?;
            at(t + 5 * DAY);
            s.council().close_review(tenant, &m[0], review, "Der Beirat lehnt jeden weiteren Einsatz ab. Er empfiehlt, die gespeicherten Aufnahmen und Modelle nachweislich zu löschen und eine Wiederinbetriebnahme ausdrücklich auszuschließen.").await?;
            at(t + 9 * DAY);
            s.council().answer_recommendation(tenant, admin, review, "followed", "Aufnahmen und Modell wurden am Tag der Abschaltung gelöscht; das Löschprotokoll liegt dem Datenschutzbeauftragten vor. Der Vertrag mit dem Anbieter ist gekündigt.").await?;
        }
        ("Adaptive Ampelsteuerung Ringstraße", 1) => {
            // Pilot started: the discussion is in progress.
            deliberate(
                &[
                    (3, Some(0), "Der Testbetrieb hat begonnen. Die Kameras an den Kreuzungen zählen Fahrzeuge; werden Bilder gespeichert?"),
                    (5, None, "Nein. Die Kameras erkennen Fahrzeuge im Gerät und übertragen nur Zählwerte. Es werden keine Bilder gespeichert oder übertragen."),
                    (9, Some(2), "Wie wird sichergestellt, dass Fußgängerinnen und Fußgänger nicht länger warten müssen? Dazu möchte ich vor meiner Stimme Zahlen sehen."),
                ],
                &[
                    (10, 0, "approve", ""),
                    (11, 1, "approve_with_conditions", "Die Wartezeiten für den Fußverkehr werden im Testbetrieb gemessen und veröffentlicht."),
                ],
            )
            .await?;
        }
        ("Vorprüfung von Wohngeldanträgen", 0) => {
            deliberate(
                &[(6, Some(1), "Ich bitte die Verwaltung um die Fehlerquote aus dem Test: Wie oft wurden vollständige Anträge als unvollständig markiert?")],
                &[],
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}
