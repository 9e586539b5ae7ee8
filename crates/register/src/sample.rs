//! Demo data for the municipality "Musterstadt": 12 register entries that
//! cover every risk category and lifecycle status, and 5 impact goals with
//! 2 to 3 indicators each and monthly measurements (some on track, some
//! not, one without data).

use crate::exchange::import_ats;
use teilhabe_domain::goals::{DatedValue, Direction, Goal, Indicator, Measurement};
use teilhabe_domain::register::entry::RegisterEntry;
use time::{Date, Month};

/// The sample entries as ATS 0.3.1 JSON (an array of 12 records).
pub const SAMPLE_ENTRIES_JSON: &str = include_str!("../data/sample-entries.json");

/// The 12 sample entries for Musterstadt (parking sensors, adaptive
/// traffic lights, chatbot, school-place forecast, benefits risk score,
/// ...). All are valid; the tests make sure of it.
pub fn sample_entries() -> Vec<RegisterEntry> {
    import_ats(SAMPLE_ENTRIES_JSON).unwrap_or_default()
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Month::try_from(m)
        .ok()
        .and_then(|m| Date::from_calendar_date(y, m, d).ok())
        .unwrap_or(Date::MIN)
}

/// Monthly measurements on the 1st, from `(y, m)` for `months` months:
/// `start + slope * i` plus a small deterministic wiggle, rounded to one
/// decimal.
fn monthly(y: i32, m: u8, months: u32, start: f64, slope: f64, wiggle: f64) -> Vec<Measurement> {
    (0..months)
        .map(|i| {
            let total = (m as u32 - 1) + i;
            let (yy, mm) = (y + (total / 12) as i32, (total % 12) as u8 + 1);
            let v = start + slope * i as f64 + wiggle * ((i as f64) * 1.7).sin();
            Measurement {
                date: date(yy, mm, 1),
                value: (v * 10.0).round() / 10.0,
                note: String::new(),
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn indicator(
    key: &str,
    name: &str,
    unit: &str,
    direction: Direction,
    baseline: (Date, f64),
    target: (Date, f64),
    data_source: &str,
    measurements: Vec<Measurement>,
) -> Indicator {
    Indicator {
        key: key.into(),
        name: name.into(),
        unit: unit.into(),
        direction,
        baseline: DatedValue {
            date: baseline.0,
            value: baseline.1,
        },
        target: DatedValue {
            date: target.0,
            value: target.1,
        },
        data_source: data_source.into(),
        measurements,
    }
}

/// Five impact goals with monthly measurements from mid-2023 to the end of
/// 2025. Assessed on 2026-01-15, the states are mixed: on track, off
/// track, achieved and no data all occur.
pub fn sample_goals() -> Vec<Goal> {
    use Direction::*;
    vec![
        Goal {
            statement: "Weniger Parksuchverkehr und mehr Bus und Rad in der Innenstadt".into(),
            department: "Amt für Mobilität und Verkehr".into(),
            process_ids: Vec::new(),
            entry_ids: vec!["6b1f6f1e-3c1a-4e0b-9a51-1d2f0c7a0001".into()],
            indicators: vec![
                indicator(
                    "parksuchzeit",
                    "Durchschnittliche Parksuchzeit",
                    "Minuten",
                    LowerIsBetter,
                    (date(2023, 6, 1), 11.5),
                    (date(2027, 12, 31), 7.0),
                    "Auswertung Parkleitsystem (Sensordaten), monatlich",
                    monthly(2023, 7, 30, 11.3, -0.14, 0.3),
                ),
                indicator(
                    "modal-split-umweltverbund",
                    "Anteil der Wege mit Bus, Rad und zu Fuß",
                    "%",
                    HigherIsBetter,
                    (date(2023, 6, 1), 38.0),
                    (date(2027, 12, 31), 50.0),
                    "Verkehrszählungen und Haushaltsbefragung, Amt für Mobilität",
                    monthly(2023, 7, 30, 38.2, 0.12, 0.5),
                ),
            ],
        },
        Goal {
            statement: "Genug Schulplätze in der Nähe des Wohnorts".into(),
            department: "Amt für Schule und Bildung".into(),
            process_ids: Vec::new(),
            entry_ids: vec!["6b1f6f1e-3c1a-4e0b-9a51-1d2f0c7a0004".into()],
            indicators: vec![
                indicator(
                    "containerklassen",
                    "Schulkinder in Containerklassen",
                    "Kinder",
                    LowerIsBetter,
                    (date(2023, 8, 1), 420.0),
                    (date(2028, 8, 1), 0.0),
                    "Schulstatistik, Amt für Schule und Bildung",
                    monthly(2023, 8, 29, 415.0, -9.0, 4.0),
                ),
                indicator(
                    "prognosefehler",
                    "Abweichung der Einschulungsprognose",
                    "%",
                    LowerIsBetter,
                    (date(2023, 8, 1), 5.0),
                    (date(2026, 8, 1), 3.0),
                    "Vergleich Prognose und Einschulungen, Statistikstelle",
                    monthly(2023, 8, 29, 4.9, -0.08, 0.1),
                ),
            ],
        },
        Goal {
            statement:
                "Einwände und Fragen zu Datennutzungen werden schnell und öffentlich beantwortet"
                    .into(),
            department: "Bürgerservice und Digitalisierung".into(),
            process_ids: Vec::new(),
            entry_ids: Vec::new(),
            indicators: vec![
                indicator(
                    "antworten-fristgerecht",
                    "Anteil der Einwände, die innerhalb von 30 Tagen beantwortet werden",
                    "%",
                    HigherIsBetter,
                    (date(2024, 1, 1), 62.0),
                    (date(2026, 12, 31), 95.0),
                    "Eigene Daten der Plattform (Fristen im Register)",
                    monthly(2024, 1, 24, 63.0, 1.2, 2.0),
                ),
                indicator(
                    "verifizierte-teilnehmende",
                    "Verifizierte Teilnehmende",
                    "Personen",
                    HigherIsBetter,
                    (date(2024, 1, 1), 800.0),
                    (date(2026, 12, 31), 5000.0),
                    "Eigene Daten der Plattform",
                    monthly(2024, 1, 24, 820.0, 60.0, 40.0),
                ),
                indicator(
                    "offline-beitraege",
                    "Beiträge über Offline-Kanäle (Papier, Telefon, Bürgerbüro)",
                    "Beiträge/Monat",
                    HigherIsBetter,
                    (date(2025, 1, 1), 0.0),
                    (date(2026, 12, 31), 150.0),
                    "Eigene Daten der Plattform (erfasst durch Mitarbeitende)",
                    Vec::new(),
                ),
            ],
        },
        Goal {
            statement: "Stadtbäume überstehen heiße Sommer".into(),
            department: "Grünflächenamt".into(),
            process_ids: Vec::new(),
            entry_ids: vec!["6b1f6f1e-3c1a-4e0b-9a51-1d2f0c7a0007".into()],
            indicators: vec![
                indicator(
                    "trockenstress",
                    "Anteil der Stadtbäume mit Trockenstress",
                    "%",
                    LowerIsBetter,
                    (date(2023, 6, 1), 18.0),
                    (date(2028, 9, 30), 10.0),
                    "Baumkontrolle, Stichprobe und Luftbildauswertung",
                    monthly(2023, 7, 30, 18.4, 0.02, 1.5),
                ),
                indicator(
                    "gegossene-baeume",
                    "Bäume im Gießprogramm",
                    "Bäume",
                    HigherIsBetter,
                    (date(2023, 6, 1), 1200.0),
                    (date(2026, 9, 30), 3000.0),
                    "Einsatzplanung Grünflächenamt",
                    monthly(2023, 7, 30, 1250.0, 55.0, 30.0),
                ),
            ],
        },
        Goal {
            statement: "Sozialleistungen kommen schneller und richtig an".into(),
            department: "Sozialamt".into(),
            process_ids: Vec::new(),
            entry_ids: vec![
                "6b1f6f1e-3c1a-4e0b-9a51-1d2f0c7a0005".into(),
                "6b1f6f1e-3c1a-4e0b-9a51-1d2f0c7a0012".into(),
            ],
            indicators: vec![
                indicator(
                    "bearbeitungszeit-wohngeld",
                    "Bearbeitungszeit Wohngeld",
                    "Wochen",
                    LowerIsBetter,
                    (date(2024, 1, 1), 12.0),
                    (date(2026, 12, 31), 6.0),
                    "Fachverfahren Wohngeld, Monatsstatistik",
                    monthly(2024, 1, 24, 12.1, -0.2, 0.4),
                ),
                indicator(
                    "erfolgreiche-widersprueche",
                    "Anteil erfolgreicher Widersprüche gegen Bescheide",
                    "%",
                    LowerIsBetter,
                    (date(2024, 1, 1), 14.0),
                    (date(2026, 12, 31), 8.0),
                    "Widerspruchsstelle Sozialamt",
                    monthly(2024, 1, 24, 14.2, -0.05, 0.6),
                ),
            ],
        },
    ]
}
