//! The demo municipality's register of data uses. The data council's work
//! on the entries (`crate::council::demo`) is woven in step by step, so a
//! review is closed before an entry it blocks becomes operational; the
//! council module therefore has no demo loader of its own.

use crate::demo::Demo;
use crate::{Result, Store};

const DAY: i64 = 86_400_000;

/// The register of data uses: the twelve sample entries of the register
/// crate, saved through the service (so versions and audit entries are
/// real). Entries of departments that exist in the demo belong to them;
/// the others are kept by the administration. Three entries get later
/// versions, so history and diff pages have something to show.
pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let (tenant, admin, end) = (&demo.tenant, &demo.admin, demo.end);
    let d_mob = demo.department(crate::demo::MOBILITY)?.id;
    let d_green = demo.department(crate::demo::GREEN)?.id;
    let d_dig = demo.department(crate::demo::DIGITAL_SERVICES)?.id;
    let at = &|ms: i64| demo.at(ms);
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
        let history: Vec<(teilhabe_domain::register::RegisterEntry, &str)> = match name.as_str() {
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
