//! Demo data of questions and objections on Musterstadt's register
//! entries, written through the services in the order it happened (so
//! notifications, deadlines and the audit chain are real): most answered
//! by the responsible department (one objection only after its deadline),
//! one objection by letter recorded by staff, one answer corrected, one
//! abusive question hidden, one open report for the moderators, one
//! objection overdue (filed 45 days before "now", unanswered), one
//! objection still within its deadline, one open question; residents
//! follow entries.

use crate::demo::Demo;
use crate::follows::Followed;
use crate::moderation::Content;
use crate::{Result, Store};
use teilhabe_domain::validation::slugify;
use teilhabe_domain::Actor;

const DAY: i64 = 86_400_000;

/// What happens, in time order: (days before now, event).
enum Event {
    Follow(&'static str, &'static str),
    Ask {
        who: &'static str,
        entry: &'static str,
        kind: &'static str,
        aspect: &'static str,
        text: &'static str,
    },
    /// Answers (or corrects the answer to) the latest question on the
    /// entry that is not hidden.
    Answer(&'static str, &'static str, &'static str),
    /// Hides the latest question on the entry.
    Hide(&'static str, &'static str),
    /// An objection that came by letter, recorded by the administration.
    Letter {
        entry: &'static str,
        name: &'static str,
        text: &'static str,
    },
    /// Reports the latest question on the entry to the moderators.
    Report(&'static str, &'static str, &'static str),
}

use Event::*;

const PARKING: &str = "Parkraumsensoren und Parkleitsystem Innenstadt";
const LIGHTS: &str = "Adaptive Ampelsteuerung Ringstraße";
const CHATBOT: &str = "Chatbot „Frag Musterstadt“";
const BENEFITS: &str = "Risikobewertung bei Sozialleistungen";
const TREES: &str = "Baumgesundheit aus Luftbildern";
const KITA: &str = "Vergabe von Kita-Plätzen";
const HEAT: &str = "Hitzewarnung für Risikogruppen";
const VIDEO: &str = "Videoanalyse „Auffälliges Verhalten“ am Bahnhofsplatz";
const HOUSING: &str = "Vorprüfung von Wohngeldanträgen";

const ANNA: &str = "anna@musterstadt.example";
const MOB: &str = "mobilitaet@musterstadt.example";
const DIG: &str = "digital@musterstadt.example";
const ADMIN: &str = "admin@musterstadt.example";
const MODERATION: &str = "moderation@musterstadt.example";

fn events() -> Vec<(i64, Event)> {
    vec![
        (68, Follow(ANNA, BENEFITS)),
        (68, Follow(ANNA, HOUSING)),
        (68, Follow("buerger01@musterstadt.example", LIGHTS)),
        (67, Follow("buerger02@musterstadt.example", LIGHTS)),
        (66, Follow("buerger03@musterstadt.example", LIGHTS)),
        (65, Ask {
            who: "buerger04@musterstadt.example",
            entry: VIDEO,
            kind: "objection",
            aspect: "why",
            text: "Eine automatische Verhaltensanalyse im öffentlichen Raum hätte nie getestet werden dürfen. Wer am Bahnhof wartet, wird dadurch unter Generalverdacht gestellt. Ich erwarte, dass die Stadt erklärt, wie es zu dem Test kam und dass alle Aufnahmen gelöscht sind.",
        }),
        (60, Ask {
            who: ANNA,
            entry: PARKING,
            kind: "question",
            aspect: "",
            text: "Werden die Kennzeichen der parkenden Autos erfasst oder gespeichert?",
        }),
        (60, Answer(ADMIN, VIDEO, "Sie haben recht: Das System greift zu stark in die Rechte der Menschen am Bahnhofsplatz ein. Der Test wurde nach der Bewertung durch den Datenbeirat beendet, bevor er in den Betrieb ging. Alle Aufnahmen und Auswertungen wurden gelöscht; die Löschung ist vom Datenschutzbeauftragten bestätigt. Die Stadt wird solche Systeme nicht einsetzen.")),
        (58, Ask {
            who: "buerger05@musterstadt.example",
            entry: PARKING,
            kind: "question",
            aspect: "",
            text: "Wieder so ein Unsinn aus dem Rathaus, die zuständige Sachbearbeiterin gehört gefeuert.",
        }),
        (57, Hide(PARKING, "Persönlicher Angriff auf eine Mitarbeiterin; bitte sachlich bleiben.")),
        (57, Answer(MOB, PARKING, "Nein. Die Sensoren liegen im Boden und messen nur, ob ein Stellplatz belegt ist (Magnetfeld). Sie haben keine Kamera und erkennen keine Kennzeichen. Gespeichert wird nur „belegt“ oder „frei“ mit Uhrzeit.")),
        (50, Ask {
            who: "buerger06@musterstadt.example",
            entry: KITA,
            kind: "objection",
            aspect: "who_decides",
            text: "Die Punkte für die Vergabe benachteiligen Eltern, die im Schichtdienst arbeiten: Ihre Arbeitszeiten passen in kein Feld des Antrags. Ich widerspreche der automatischen Reihenfolge, solange niemand diese Fälle prüft.",
        }),
        (
            48,
            Report(
                "buerger11@musterstadt.example",
                KITA,
                "Im Einwand steht, dass die Person im Schichtdienst arbeitet; ist das nicht zu persönlich?",
            ),
        ),
        (45, Ask {
            who: "buerger07@musterstadt.example",
            entry: HOUSING,
            kind: "objection",
            aspect: "risks",
            text: "Die Vorprüfung markiert Anträge mit schwankendem Einkommen als „unvollständig“. Das trifft vor allem Menschen mit Minijobs und Saisonarbeit. Ich bitte um eine Auswertung, wie oft solche Anträge länger liegen bleiben, und widerspreche dem Einsatz bis dahin.",
        }),
        (
            42,
            Letter {
                entry: HOUSING,
                name: "Frau H. (Sozialverband Musterstadt)",
                text: "Der Sozialverband widerspricht der automatischen Vorprüfung, solange die Antragstellenden nicht erfahren, welche Angaben als „auffällig“ gelten. Wir bitten um Veröffentlichung der Prüfregeln in einfacher Sprache.",
            },
        ),
        (41, Answer(ADMIN, HOUSING, "Die Stadt beschreibt die Prüfregeln bis Ende des Monats in einfacher Sprache in diesem Eintrag. Die Vorprüfung markiert nur fehlende Nachweise; sie entscheidet nicht über den Antrag. Über jeden Antrag entscheidet eine Sachbearbeiterin oder ein Sachbearbeiter.")),
        (40, Ask {
            who: "buerger08@musterstadt.example",
            entry: HEAT,
            kind: "question",
            aspect: "",
            text: "Wie komme ich auf die Liste für Hitzewarnungen, wenn ich kein Smartphone habe? Meine Mutter ist 84 und hat nur ein Festnetztelefon.",
        }),
        (35, Answer(ADMIN, HEAT, "Ja, das geht: Die Warnung kommt auf Wunsch als Anruf mit einer Ansage auf das Festnetz. Sie können Ihre Mutter beim Bürgertelefon 01234 567-0 oder im Bürgerbüro eintragen lassen; dafür reichen Name, Telefonnummer und ihr Einverständnis.")),
        (25, Ask {
            who: "buerger09@musterstadt.example",
            entry: CHATBOT,
            kind: "question",
            aspect: "",
            text: "Werden meine Eingaben im Chatbot gespeichert, und werden sie zum Trainieren verwendet?",
        }),
        (24, Answer(DIG, CHATBOT, "Ihre Eingaben werden 30 Tage gespeichert, damit wir Fehler im Chatbot finden können. Sie werden nicht zum Trainieren eines Sprachmodells verwendet.")),
        (20, Answer(DIG, CHATBOT, "Ihre Eingaben werden 14 Tage gespeichert, damit wir Fehler im Chatbot finden können; danach werden sie gelöscht. Sie werden nicht zum Trainieren eines Sprachmodells verwendet. (Korrektur: Wir hatten zuerst 30 Tage angegeben; die Speicherdauer wurde mit dem Datenschutzbeauftragten auf 14 Tage verkürzt.)")),
        (17, Answer(ADMIN, KITA, "Entschuldigen Sie die späte Antwort. Danke für den Hinweis. Die Punkte legen nur eine Reihenfolge fest; über jeden Platz entscheidet eine Mitarbeiterin des Jugendamts. Ab dem nächsten Vergabejahr gibt es im Antrag ein Feld für Schichtdienst, und Anträge mit diesem Merkmal werden immer von Hand geprüft.")),
        (15, Ask {
            who: ANNA,
            entry: BENEFITS,
            kind: "objection",
            aspect: "data",
            text: "Für die Risikobewertung werden auch Daten aus früheren Anträgen verwendet, die viele Jahre zurückliegen. Ich widerspreche der Verwendung von Daten, die älter als drei Jahre sind.",
        }),
        (10, Ask {
            who: "buerger10@musterstadt.example",
            entry: TREES,
            kind: "question",
            aspect: "",
            text: "Ab wann werden die Ergebnisse als Karte veröffentlicht? Ich würde gern sehen, wie es den Bäumen in meiner Straße geht.",
        }),
        (8, Ask {
            who: "buerger02@musterstadt.example",
            entry: LIGHTS,
            kind: "question",
            aspect: "",
            text: "Bekommen Radfahrende an der Ringstraße auch längere Grünphasen, oder zählt die Steuerung nur Autos?",
        }),
        (6, Answer(MOB, LIGHTS, "Die Steuerung zählt auch Radfahrende: An den Kreuzungen Ringstraße/Bahnhofstraße und Ringstraße/Parkallee erkennen Induktionsschleifen in der Radspur wartende Räder. Im Testbetrieb wird ausgewertet, ob sich die Wartezeit für den Radverkehr verkürzt; die Ergebnisse stehen im nächsten Bericht.")),
    ]
}

/// Loads the demo questions.
pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let (tenant, end) = (&demo.tenant, demo.end);
    let at = |ms: i64| demo.at(ms);
    let actor = |email: &'static str| async move {
        let u = s
            .accounts()
            .user_by_email(tenant, email)
            .await?
            .ok_or(crate::StoreError::NotFound)?;
        s.actor_of(&u).await
    };
    let mut asked: std::collections::HashMap<&str, Vec<i64>> = std::collections::HashMap::new();
    let mut hidden = std::collections::HashSet::new();
    for (days, event) in events() {
        at(end - days * DAY);
        match event {
            Follow(who, entry) => {
                let a: Actor = actor(who).await?;
                let entry = s.register().entry(tenant, &slugify(entry)).await?.id;
                s.follows()
                    .follow(tenant, &a, Followed::RegisterEntry(entry), true)
                    .await?;
            }
            Ask {
                who,
                entry,
                kind,
                aspect,
                text,
            } => {
                let a = actor(who).await?;
                let q = s
                    .questions()
                    .ask(tenant, &a, &slugify(entry), kind, aspect, text)
                    .await?;
                asked.entry(entry).or_default().push(q.id);
            }
            Answer(who, entry, text) => {
                let a = actor(who).await?;
                let id = asked[entry]
                    .iter()
                    .rev()
                    .find(|id| !hidden.contains(*id))
                    .copied()
                    .ok_or(crate::StoreError::NotFound)?;
                s.questions()
                    .answer(tenant, &a, &slugify(entry), id, text)
                    .await?;
            }
            Letter { entry, name, text } => {
                let a = actor(ADMIN).await?;
                let offline = crate::proposals::Offline {
                    channel: teilhabe_domain::proposal::Channel::Paper,
                    name: name.to_string(),
                };
                let q = s
                    .questions()
                    .record(
                        tenant,
                        &a,
                        &slugify(entry),
                        &offline,
                        "objection",
                        "who_decides",
                        text,
                    )
                    .await?;
                asked.entry(entry).or_default().push(q.id);
            }
            Report(who, entry, reason) => {
                let a = actor(who).await?;
                let id = *asked[entry].last().ok_or(crate::StoreError::NotFound)?;
                let entry = s.register().entry(tenant, &slugify(entry)).await?.id;
                s.moderation()
                    .report(tenant, &a, Content::RegisterQuestion { entry, id }, reason)
                    .await?;
            }
            Hide(entry, reason) => {
                let a = actor(MODERATION).await?;
                let id = *asked[entry].last().ok_or(crate::StoreError::NotFound)?;
                let entry = s.register().entry(tenant, &slugify(entry)).await?.id;
                s.moderation()
                    .hide(tenant, &a, Content::RegisterQuestion { entry, id }, reason)
                    .await?;
                hidden.insert(id);
            }
        }
    }
    Ok(())
}
