//! Demo impact goals of Musterstadt: the five sample goals of the register
//! crate with their indicators and monthly measurements, saved through the
//! services (so the audit trail is real), linked to the demo's processes
//! and register entries, plus one indicator the platform computes.
//!
//! The samples were written so that on 15 January 2026 their states are
//! mixed (achieved, on track, off track, no data). All their dates are
//! moved by whole months so that the same states hold today.

use super::{GoalInput, IdRow, IndicatorInput};
use crate::demo::Demo;
use crate::{params, Result, Store};
use teilhabe_domain::goals::csv::{export_measurements_csv, MeasurementRow};
use teilhabe_domain::goals::input::{GoalDraft, IndicatorDraft};
use teilhabe_register::sample::{sample_entries, sample_goals};
use time::{Date, Month};

/// `d` moved by `months` (the day kept, or the month's last day).
fn shift(d: Date, months: i32) -> Date {
    let total = d.year() * 12 + (u8::from(d.month()) as i32 - 1) + months;
    let (y, m) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let month = Month::try_from(m).unwrap_or(Month::January);
    let last = month.length(y);
    Date::from_calendar_date(y, month, d.day().min(last)).unwrap_or(d)
}

/// What each sample goal is linked to in the demo, by goal statement
/// prefix: process slugs.
fn processes_of(statement: &str) -> &'static [&'static str] {
    if statement.starts_with("Weniger Parksuchverkehr") {
        &["radverkehrsnetz-2030", "zukunft-innenstadt"]
    } else if statement.starts_with("Einwände und Fragen") {
        &["digitales-rathaus"]
    } else if statement.starts_with("Stadtbäume") {
        &["klimaschutzplan-2035"]
    } else {
        &[]
    }
}

/// Loads the demo goals, dated "now" (the end of the demo).
pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    demo.at(demo.end);
    let (tenant, admin) = (&demo.tenant, &demo.admin);
    let d_mob = demo.department(crate::demo::MOBILITY)?.id;
    let d_green = demo.department(crate::demo::GREEN)?.id;
    let d_dig = demo.department(crate::demo::DIGITAL_SERVICES)?.id;
    let today = s.clock.today();
    let months = (today.year() * 12 + u8::from(today.month()) as i32) - (2026 * 12 + 1);
    let department = |name: &str| match name {
        "Amt für Mobilität und Verkehr" => Some(d_mob),
        "Grünflächenamt" => Some(d_green),
        "Bürgerservice und Digitalisierung" => Some(d_dig),
        _ => None,
    };
    let samples = sample_entries();
    for goal in sample_goals() {
        let mut process_ids = Vec::new();
        for slug in processes_of(&goal.statement) {
            if let Some(r) =
                s.db.opt_as::<IdRow>(
                    "SELECT id FROM processes WHERE municipality_id = $1 AND slug = $2",
                    params![tenant.id, *slug],
                )
                .await?
            {
                process_ids.push(r.id);
            }
        }
        let mut entry_ids = Vec::new();
        for uuid in &goal.entry_ids {
            let Some(sample) = samples.iter().find(|e| e.get("uuid") == uuid.as_str()) else {
                continue;
            };
            if let Some(r) =
                s.db.opt_as::<IdRow>(
                    "SELECT id FROM register_entries WHERE municipality_id = $1 AND title = $2",
                    params![tenant.id, sample.get("name")],
                )
                .await?
            {
                entry_ids.push(r.id);
            }
        }
        let description = description_of(&goal.statement);
        let created = s
            .goals()
            .create(
                tenant,
                admin,
                &GoalInput {
                    draft: GoalDraft {
                        statement: goal.statement.clone(),
                        description: description.into(),
                    },
                    department_id: department(&goal.department),
                    process_ids: process_ids.clone(),
                    entry_ids,
                },
            )
            .await?;
        let mut rows = Vec::new();
        for i in &goal.indicators {
            s.goals()
                .create_indicator(
                    tenant,
                    admin,
                    &created.slug,
                    &IndicatorInput {
                        draft: IndicatorDraft {
                            key: i.key.clone(),
                            name: i.name.clone(),
                            unit: i.unit.clone(),
                            direction: i.direction.as_str().into(),
                            baseline_value: i.baseline.value.to_string(),
                            baseline_date: shift(i.baseline.date, months).to_string(),
                            target_value: i.target.value.to_string(),
                            target_date: shift(i.target.date, months).to_string(),
                            data_source: i.data_source.clone(),
                            computation: String::new(),
                        },
                        computation_process_id: None,
                    },
                )
                .await?;
            // People, trees and children are counted in whole numbers.
            let counted = matches!(i.unit.as_str(), "Personen" | "Bäume" | "Kinder")
                || i.unit.starts_with("Beiträge");
            for m in &i.measurements {
                let mut m = m.clone();
                m.date = shift(m.date, months);
                if counted {
                    m.value = m.value.round();
                }
                rows.push(MeasurementRow {
                    indicator: i.key.clone(),
                    measurement: m,
                });
            }
        }
        if !rows.is_empty() {
            let csv = export_measurements_csv(&rows);
            s.goals()
                .import_measurements(tenant, admin, &created.slug, &csv)
                .await?
                .map_err(|e| crate::StoreError::internal("demo measurements", e))?;
        }
        // The platform counts the contributions to the cycling network
        // itself: one value now, then one per month by the periodic job.
        if goal.statement.starts_with("Weniger Parksuchverkehr") {
            if let Some(cycling) = process_ids.first() {
                s.goals().create_indicator(
                    tenant,
                    admin,
                    &created.slug,
                    &IndicatorInput {
                        draft: IndicatorDraft {
                            key: "beitraege-radverkehrsnetz".into(),
                            name: "Beiträge zum Radverkehrsnetz 2030".into(),
                            unit: "Beiträge".into(),
                            direction: "higher_is_better".into(),
                            baseline_value: "0".into(),
                            baseline_date: (today - time::Duration::days(100)).to_string(),
                            target_value: "1500".into(),
                            target_date: (today + time::Duration::days(120)).to_string(),
                            data_source: "Eigene Daten der Plattform: Vorschläge, Kommentare und Unterstützungen im Verfahren".into(),
                            computation: "contributions".into(),
                        },
                        computation_process_id: Some(*cycling),
                    },
                )
                .await?;
            }
        }
    }
    Ok(())
}

fn description_of(statement: &str) -> &'static str {
    if statement.starts_with("Weniger Parksuchverkehr") {
        "Wer einen Parkplatz sucht, kreist im Schnitt mehrere Minuten durch die Innenstadt. Mit dem **Parkleitsystem** (Sensoren an den Stellplätzen) und einem besseren Angebot für Bus und Rad soll sich das ändern. Der Radverkehrsplan 2030 und die Beteiligung zur Zukunft der Innenstadt gehören dazu."
    } else if statement.starts_with("Genug Schulplätze") {
        "Die Schulplatzprognose hilft zu planen, wo neue Klassen gebraucht werden. Ziel ist, dass kein Kind in einer Containerklasse lernen muss und die Prognose möglichst genau ist."
    } else if statement.starts_with("Einwände und Fragen") {
        "Transparenz heißt auch: Wer fragt, bekommt schnell eine Antwort. Wir messen, wie schnell Einwände im Datenregister beantwortet werden, wie viele Menschen sich bestätigt beteiligen und wie viele Beiträge auf Papier, am Telefon oder im Bürgerbüro ankommen."
    } else if statement.starts_with("Stadtbäume") {
        "Hitze und Trockenheit setzen den Stadtbäumen zu. Bodenfeuchtesensoren zeigen, wo gegossen werden muss; das Gießprogramm soll wachsen, damit weniger Bäume unter Trockenstress leiden."
    } else {
        "Wohngeld und andere Leistungen sollen schneller bewilligt werden, ohne dass die Qualität leidet. Die automatische Vorprüfung wird nur eingesetzt, wenn weniger Bescheide erfolgreich angefochten werden."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_keeps_the_day_or_takes_the_last_one() {
        let d = Date::from_calendar_date(2026, Month::January, 31).unwrap();
        assert_eq!(shift(d, 1).to_string(), "2026-02-28");
        assert_eq!(shift(d, 11).to_string(), "2026-12-31");
        assert_eq!(shift(d, -13).to_string(), "2024-12-31");
        assert_eq!(shift(d, 0), d);
    }
}
