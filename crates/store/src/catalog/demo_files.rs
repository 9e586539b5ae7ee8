//! The files of the demo's own datasets, generated from fixed seeds (the
//! same bytes on every load): traffic counts (12 counting points x 24
//! months), 300 trees, heat and air measurements, the budget plan (CSV and
//! a one-page PDF), residents per district, playgrounds, voting districts.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write as _;

/// The districts of Musterstadt with a centre (latitude, longitude).
const DISTRICTS: &[(&str, f64, f64)] = &[
    ("Innenstadt", 51.5136, 7.4653),
    ("Nordstadt", 51.5290, 7.4610),
    ("Oststadt", 51.5120, 7.4930),
    ("Südstadt", 51.4960, 7.4700),
    ("Weststadt", 51.5110, 7.4350),
];

/// The twelve counting points of the traffic counts.
const COUNTING_POINTS: &[(&str, &str)] = &[
    ("Z01", "Hauptstraße / Markt"),
    ("Z02", "Bahnhofstraße"),
    ("Z03", "Ringstraße Nord"),
    ("Z04", "Ringstraße Süd"),
    ("Z05", "Lindenallee"),
    ("Z06", "Kanalpromenade"),
    ("Z07", "Mühlenstraße"),
    ("Z08", "Schulstraße"),
    ("Z09", "Westparkweg"),
    ("Z10", "Gewerbegebiet Ost"),
    ("Z11", "Brücke am Kanal"),
    ("Z12", "Schlossbergstraße"),
];

const SPECIES: &[(&str, &str)] = &[
    ("Tilia cordata", "Winter-Linde"),
    ("Acer platanoides", "Spitz-Ahorn"),
    ("Quercus robur", "Stiel-Eiche"),
    ("Platanus x hispanica", "Platane"),
    ("Carpinus betulus", "Hainbuche"),
    ("Aesculus hippocastanum", "Rosskastanie"),
    ("Fraxinus excelsior", "Gemeine Esche"),
    ("Betula pendula", "Hänge-Birke"),
];

/// Monthly seasonality of cycling (January first).
const CYCLING_SEASON: [f64; 12] = [
    0.45, 0.5, 0.7, 0.9, 1.1, 1.2, 1.25, 1.2, 1.05, 0.85, 0.6, 0.45,
];

pub(super) fn csv(header: &str, rows: &[String]) -> Vec<u8> {
    let mut s = String::from(header);
    s.push('\n');
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

pub(super) fn months() -> Vec<(i32, u32)> {
    (2024..=2025)
        .flat_map(|y| (1..=12).map(move |m| (y, m)))
        .collect()
}

pub(super) fn cycling() -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(13_01);
    let mut rows = Vec::new();
    for (i, (id, name)) in COUNTING_POINTS.iter().enumerate() {
        let base = 9_000.0 + (i as f64 * 2_700.0) % 21_000.0;
        for (y, m) in months() {
            let trend = if y == 2025 { 1.06 } else { 1.0 };
            let n = base * CYCLING_SEASON[m as usize - 1] * trend * rng.gen_range(0.92..1.08);
            rows.push(format!("{id},{name},{y}-{m:02},{}", n.round() as i64));
        }
    }
    csv("zaehlstelle,name,monat,radfahrten", &rows)
}

pub(super) fn cars() -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(13_02);
    let mut rows = Vec::new();
    for (i, (id, name)) in COUNTING_POINTS.iter().enumerate() {
        let base = 180_000.0 + (i as f64 * 37_000.0) % 260_000.0;
        for (y, m) in months() {
            let trend = if y == 2025 { 0.97 } else { 1.0 };
            let n = base * trend * rng.gen_range(0.9..1.05);
            let heavy = n * rng.gen_range(0.04..0.09);
            rows.push(format!(
                "{id},{name},{y}-{m:02},{},{}",
                n.round() as i64,
                heavy.round() as i64
            ));
        }
    }
    csv("zaehlstelle,name,monat,kfz,davon_lkw", &rows)
}

/// 300 street trees: GeoJSON points and the same as CSV.
pub(super) fn trees() -> (Vec<u8>, Vec<u8>) {
    let mut rng = StdRng::seed_from_u64(13_03);
    let mut features = Vec::new();
    let mut rows = Vec::new();
    for i in 0..300 {
        let (district, lat, lon) = DISTRICTS[i % DISTRICTS.len()];
        let (latin, german) = SPECIES[rng.gen_range(0..SPECIES.len())];
        let lat = lat + rng.gen_range(-0.006..0.006);
        let lon = lon + rng.gen_range(-0.009..0.009);
        let planted = rng.gen_range(1955..2024);
        let height = (2024 - planted) as f64 * rng.gen_range(0.18..0.32) + 3.0;
        let crown = height * rng.gen_range(0.45..0.7);
        let id = format!("B-{:05}", 10_001 + i);
        features.push(serde_json::json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {
                "baum": id, "art_botanisch": latin, "art_deutsch": german,
                "pflanzjahr": planted, "hoehe_m": round(height, 1),
                "kronendurchmesser_m": round(crown, 1), "stadtteil": district,
            }
        }));
        rows.push(format!(
            "{id},{latin},{german},{planted},{:.1},{:.1},{district},{lat:.6},{lon:.6}",
            height, crown
        ));
    }
    let geo = serde_json::json!({"type": "FeatureCollection", "features": features});
    (
        geo.to_string().into_bytes(),
        csv(
            "baum,art_botanisch,art_deutsch,pflanzjahr,hoehe_m,kronendurchmesser_m,stadtteil,breite,laenge",
            &rows,
        ),
    )
}

pub(super) fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

pub(super) fn heat() -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(13_04);
    let stations = [
        ("H1", "Marktplatz"),
        ("H2", "Bahnhofsvorplatz"),
        ("H3", "Stadtpark"),
        ("H4", "Lindenallee"),
    ];
    let mut rows = Vec::new();
    // June to August 2025, daily maxima; the park stays cooler.
    let start =
        time::Date::from_calendar_date(2025, time::Month::June, 1).unwrap_or(time::Date::MIN);
    for d in 0..92 {
        let day = start + time::Duration::days(d);
        let weather = 24.0
            + 7.0 * ((d as f64) / 92.0 * std::f64::consts::PI).sin()
            + rng.gen_range(-4.0..4.0);
        for (i, (id, name)) in stations.iter().enumerate() {
            let offset = [1.8, 1.2, -1.5, 0.4][i];
            rows.push(format!(
                "{day},{id},{name},{:.1}",
                weather + offset + rng.gen_range(-0.6..0.6)
            ));
        }
    }
    csv("datum,station,name,hoechsttemperatur_c", &rows)
}

pub(super) fn air() -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(13_05);
    let stations = [
        ("L1", "Ringstraße (Verkehr)", 38.0, 24.0),
        ("L2", "Stadtpark (Hintergrund)", 17.0, 15.0),
        ("L3", "Gewerbegebiet Ost", 26.0, 21.0),
    ];
    let mut rows = Vec::new();
    for (id, name, no2, pm10) in stations {
        for (y, m) in months() {
            let winter = if [1, 2, 11, 12].contains(&m) {
                1.15
            } else {
                0.95
            };
            rows.push(format!(
                "{id},{name},{y}-{m:02},{:.1},{:.1}",
                no2 * winter * rng.gen_range(0.85..1.1),
                pm10 * winter * rng.gen_range(0.85..1.15)
            ));
        }
    }
    csv(
        "station,name,monat,no2_mikrogramm_m3,pm10_mikrogramm_m3",
        &rows,
    )
}

pub(super) fn budget_plan() -> Vec<u8> {
    let rows: Vec<String> = [
        ("01", "Innere Verwaltung", 48_200_000, 9_150_000),
        ("02", "Sicherheit und Ordnung", 21_400_000, 6_300_000),
        ("03", "Schulträgeraufgaben", 39_800_000, 4_100_000),
        ("04", "Kultur und Wissenschaft", 14_600_000, 2_050_000),
        ("05", "Soziale Leistungen", 96_300_000, 41_700_000),
        (
            "06",
            "Kinder-, Jugend- und Familienhilfe",
            58_900_000,
            17_400_000,
        ),
        ("08", "Sportförderung", 7_800_000, 900_000),
        (
            "09",
            "Räumliche Planung und Entwicklung",
            9_400_000,
            1_600_000,
        ),
        ("10", "Bauen und Wohnen", 6_200_000, 3_900_000),
        ("11", "Ver- und Entsorgung", 31_500_000, 33_200_000),
        ("12", "Verkehrsflächen und ÖPNV", 27_900_000, 5_600_000),
        ("13", "Natur- und Landschaftspflege", 8_300_000, 700_000),
        ("15", "Wirtschaft und Tourismus", 4_100_000, 1_200_000),
        ("16", "Allgemeine Finanzwirtschaft", 12_700_000, 298_400_000),
    ]
    .iter()
    .map(|(n, name, out, inc)| format!("{n},{name},{out},{inc}"))
    .collect();
    csv(
        "produktbereich,bezeichnung,aufwendungen_eur,ertraege_eur",
        &rows,
    )
}

/// A small one-page PDF (its cross-reference table computed).
pub(super) fn budget_pdf() -> Vec<u8> {
    let text = "BT /F1 18 Tf 72 760 Td (Haushaltsplan 2026 der Stadt Musterstadt) Tj 0 -28 Td /F1 11 Tf (Ergebnisplan nach Produktbereichen, beschlossen vom Rat am 12.12.2025.) Tj 0 -16 Td (Die Zahlen stehen als CSV im selben Datensatz.) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{o}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(out, "{o:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}

pub(super) fn residents() -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(13_06);
    let mut rows = Vec::new();
    for (district, _, _) in DISTRICTS {
        let total: i64 = rng.gen_range(14_000..31_000);
        let under18 = total * rng.gen_range(14..20) / 100;
        let over65 = total * rng.gen_range(17..27) / 100;
        for year in [2023, 2024, 2025] {
            let f = 1.0 + (year - 2023) as f64 * 0.004;
            rows.push(format!(
                "{year}-12-31,{district},{},{},{}",
                (total as f64 * f).round() as i64,
                (under18 as f64 * f).round() as i64,
                (over65 as f64 * f).round() as i64
            ));
        }
    }
    csv("stichtag,stadtteil,einwohner,unter_18,ab_65", &rows)
}

const AGES: [&str; 4] = ["0-6", "6-12", "0-12", "12-16"];

pub(super) fn playgrounds() -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(13_07);
    let names = [
        "Lindenpark",
        "Am Kanal",
        "Schulstraße",
        "Westpark",
        "Marktplatz",
        "Nordplatz",
        "Mühlenteich",
        "Am Wiesengrund",
        "Bahnhof Süd",
        "Schlossberg",
        "Rosengarten",
        "Ostpark",
        "Sonnenhof",
        "Am Bürgerhaus",
        "Kirchplatz",
        "Sandweg",
        "Eichenweg",
        "Birkenhain",
    ];
    let features: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (district, lat, lon) = DISTRICTS[i % DISTRICTS.len()];
            serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [
                    round(lon + rng.gen_range(-0.008..0.008), 6),
                    round(lat + rng.gen_range(-0.005..0.005), 6)
                ]},
                "properties": {
                    "name": format!("Spielplatz {name}"), "stadtteil": district,
                    "altersgruppe": AGES[i % 4],
                    "flaeche_m2": rng.gen_range(400..3_200),
                    "barrierearm": i % 3 == 0,
                }
            })
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features})
        .to_string()
        .into_bytes()
}

pub(super) fn voting_districts() -> Vec<u8> {
    // Each district split into four rectangular voting districts.
    let mut features = Vec::new();
    for (d, (district, lat, lon)) in DISTRICTS.iter().enumerate() {
        for k in 0..4 {
            let (dy, dx) = ([0.0, 0.0, -0.008, -0.008][k], [0.0, 0.012, 0.0, 0.012][k]);
            let (y0, x0) = (lat + dy, lon - 0.012 + dx);
            let (y1, x1) = (y0 + 0.008, x0 + 0.012);
            let ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
                .map(|[x, y]| [round(x, 6), round(y, 6)]);
            features.push(serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "wahlbezirk": format!("{:02}{}", d + 1, k + 1),
                    "stadtteil": district,
                    "wahllokal": format!("Grundschule {district} {}", k + 1),
                }
            }));
        }
    }
    serde_json::json!({"type": "FeatureCollection", "features": features})
        .to_string()
        .into_bytes()
}
