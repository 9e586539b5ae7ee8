//! Unit tests of the preview with real-world-shaped files.
#![allow(clippy::unwrap_used)] // a test stops at its first unexpected error
use super::*;

fn col<'a>(p: &'a Preview, name: &str) -> &'a Column {
    p.columns.iter().find(|c| c.name == name).unwrap()
}

#[test]
fn german_csv_with_semicolons_decimal_commas_and_empty_cells() {
    let csv = "Zählstelle;Datum;Radfahrende;Anteil;Baustelle\n\
               Hauptstraße;31.12.2024;1.234;12,5;nein\n\
               Am Markt;01.01.2025;87;;ja\n\
               Bahnhof;15.01.2025;2.001;7,25;\n";
    let p = preview_csv(csv.as_bytes()).unwrap();
    assert_eq!(p.delimiter, Some(Delimiter::Semicolon));
    assert_eq!(p.encoding, Encoding::Utf8);
    assert_eq!(p.row_count, 3);
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.rows[0][0], "Hauptstraße");
    let count = col(&p, "Radfahrende");
    assert_eq!(count.kind, ColumnType::Integer);
    assert_eq!(count.min, Some(87.0));
    assert_eq!(count.max, Some(2001.0));
    assert_eq!(count.mean, Some((1234.0 + 87.0 + 2001.0) / 3.0));
    let share = col(&p, "Anteil");
    assert_eq!(share.kind, ColumnType::Decimal);
    assert_eq!((share.values, share.empty), (2, 1));
    assert_eq!(share.max, Some(12.5));
    let date = col(&p, "Datum");
    assert_eq!(date.kind, ColumnType::Date);
    assert_eq!(date.first_date.as_deref(), Some("2024-12-31"));
    assert_eq!(date.last_date.as_deref(), Some("2025-01-15"));
    let yes = col(&p, "Baustelle");
    assert_eq!(yes.kind, ColumnType::YesNo);
    assert_eq!((yes.values, yes.empty, yes.distinct), (2, 1, 2));
    assert_eq!(col(&p, "Zählstelle").kind, ColumnType::Text);
}

#[test]
fn latin1_file_is_decoded_and_named() {
    // "Straße;Höhe\nGrüner Weg;3,5\n" in Windows-1252.
    let bytes = b"Stra\xdfe;H\xf6he\nGr\xfcner Weg;3,5\nM\x80rz;4\n";
    let p = preview_csv(bytes).unwrap();
    assert_eq!(p.encoding, Encoding::Windows1252);
    assert_eq!(p.columns[0].name, "Straße");
    assert_eq!(p.columns[1].name, "Höhe");
    assert_eq!(p.rows[0][0], "Grüner Weg");
    assert_eq!(p.rows[1][0], "M€rz");
    assert_eq!(p.columns[1].kind, ColumnType::Decimal);
}

#[test]
fn bom_comma_csv_with_iso_dates_and_plain_decimals() {
    let csv = "\u{feff}id,date,value,plz\n1,2024-01-31,1.5,01067\n2,2024-02-29,-2,80331\n";
    let p = preview_csv(csv.as_bytes()).unwrap();
    assert_eq!(p.encoding, Encoding::Utf8Bom);
    assert_eq!(p.delimiter, Some(Delimiter::Comma));
    assert_eq!(p.columns[0].name, "id");
    assert_eq!(col(&p, "value").kind, ColumnType::Decimal);
    assert_eq!(col(&p, "value").min, Some(-2.0));
    assert_eq!(col(&p, "date").kind, ColumnType::Date);
    // A postcode with a leading zero is no number.
    assert_eq!(col(&p, "plz").kind, ColumnType::Text);
}

#[test]
fn tab_and_quoted_delimiters_are_sniffed() {
    assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), Delimiter::Tab);
    assert_eq!(
        sniff_delimiter("name,wert\n\"Müller; Söhne\",3\n\"a;b;c\",4\n"),
        Delimiter::Comma
    );
    assert_eq!(sniff_delimiter("eine Spalte\nx\n"), Delimiter::Comma);
}

#[test]
fn ragged_rows_name_the_line() {
    let e = preview_csv(b"a;b;c\n1;2;3\n4;5\n").unwrap_err();
    assert_eq!(e.key, "catalog-preview-error-fields");
    assert_eq!(e.line, Some(3));
    assert!(e.args.contains(&("found".to_string(), "2".to_string())));
    assert_eq!(
        preview_csv(b"").unwrap_err().key,
        "catalog-preview-error-empty"
    );
}

#[test]
fn geojson_feature_collection_shows_properties() {
    let gj = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Point","coordinates":[9.1,48.7]},"properties":{"baumart":"Linde","hoehe_m":12.5,"gepflanzt":"1998-04-01"}},
      {"type":"Feature","geometry":{"type":"Point","coordinates":[9.2,48.8]},"properties":{"baumart":"Eiche","hoehe_m":20,"gepflanzt":"2001-10-15","geschuetzt":true}},
      {"type":"Feature","geometry":null,"properties":null}
    ]}"#;
    let p = preview_json(gj.as_bytes()).unwrap();
    assert_eq!(p.source, SourceKind::Geojson);
    assert_eq!(p.row_count, 3);
    let names: Vec<&str> = p.columns.iter().map(|c| c.name.as_str()).collect();
    // Keys in name order (serde_json's map), new keys at the end.
    assert_eq!(names, ["baumart", "gepflanzt", "hoehe_m", "geschuetzt"]);
    let h = col(&p, "hoehe_m");
    assert_eq!(h.kind, ColumnType::Decimal);
    assert_eq!((h.min, h.max, h.empty), (Some(12.5), Some(20.0), 1));
    assert_eq!(col(&p, "gepflanzt").kind, ColumnType::Date);
    let g = col(&p, "geschuetzt");
    assert_eq!(g.kind, ColumnType::YesNo);
    // Empty in the first row (before the column appeared) and the third.
    assert_eq!((g.values, g.empty), (1, 2));
    assert_eq!(p.rows[0], ["Linde", "1998-04-01", "12.5", ""]);
    assert_eq!(p.rows[1][3], "true");
}

#[test]
fn json_array_or_object_holding_one() {
    let p = preview_json(br#"[{"a":1},{"a":2,"b":"x"}]"#).unwrap();
    assert_eq!(p.source, SourceKind::Json);
    assert_eq!(p.columns[0].kind, ColumnType::Integer);
    let p = preview_json(br#"{"stand":"2025","daten":[{"a":"1,5"}]}"#).unwrap();
    assert_eq!(p.row_count, 1);
    assert_eq!(p.columns[0].kind, ColumnType::Decimal);
    assert_eq!(
        preview_json(br#"{"a":[{"x":1}],"b":[{"y":2}]}"#)
            .unwrap_err()
            .key,
        "catalog-preview-error-json-shape"
    );
    assert_eq!(
        preview_json(b"[1,2]").unwrap_err().key,
        "catalog-preview-error-json-shape"
    );
    let e = preview_json(b"[\n{\"a\":1},\n{\"a\":\n").unwrap_err();
    assert_eq!(e.key, "catalog-preview-error-json");
    assert_eq!(e.line, Some(4));
}

#[test]
fn statistics_stop_after_the_limit_and_say_so() {
    let mut csv = String::from("n\n");
    for i in 0..(STATS_ROWS + 5) {
        csv.push_str(&format!("{}\n", i % 7));
    }
    let p = preview_csv(csv.as_bytes()).unwrap();
    assert_eq!(p.row_count, STATS_ROWS + 5);
    assert!(p.stats_truncated);
    assert_eq!(p.columns[0].values, STATS_ROWS);
    assert_eq!(p.columns[0].distinct, 7);
    assert_eq!(p.rows.len(), PREVIEW_ROWS);
}

#[test]
fn numbers_german_and_plain() {
    assert_eq!(parse_german("1.234,5"), Some((1234.5, false)));
    assert_eq!(parse_german("-1.234"), Some((-1234.0, true)));
    assert_eq!(parse_german("12.34"), None);
    assert_eq!(parse_plain("12.34"), Some((12.34, false)));
    assert_eq!(parse_plain("1e5"), None);
    assert_eq!(parse_plain("0"), Some((0.0, true)));
    assert_eq!(parse_plain("007"), None);
    // Ambiguous "1.234": German in a ;-file, plain in a ,-file.
    let p = preview_csv(b"x;y\n1.234;a\n").unwrap();
    assert_eq!(p.columns[0].kind, ColumnType::Integer);
    let p = preview_csv(b"x,y\n1.234,a\n").unwrap();
    assert_eq!(p.columns[0].kind, ColumnType::Decimal);
}

#[test]
fn stored_preview_round_trips_as_json() {
    let s = preview_file("CSV", b"a;b\n1;x\n").unwrap();
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<StoredPreview>(&json).unwrap(), s);
    assert!(preview_file("PDF", b"%PDF").is_none());
    assert!(matches!(
        preview_file("JSON", b"{"),
        Some(StoredPreview::Failed(_))
    ));
}
