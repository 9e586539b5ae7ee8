//! The table preview of a CSV, JSON or GeoJSON file (issue #13): its
//! columns with a detected type and simple statistics, the first rows and
//! the row count. Pure: bytes in, a [`Preview`] or a [`PreviewError`]
//! naming the line out, never a panic.
//!
//! - CSV: the delimiter (`,` `;` or tab) is sniffed from the first lines;
//!   UTF-8 with or without byte order mark, anything else is read as
//!   Windows-1252 (a superset of Latin-1), and the preview says which.
//! - JSON: an array of objects, or an object holding one such array.
//! - GeoJSON: the `properties` of a FeatureCollection's features.
//!
//! JSON columns are the objects' keys in name order, a key first seen in
//! a later object is added at the end.
//!
//! Types: integer, decimal (`1234.5`, German `1.234,5`), date (ISO
//! `2024-12-31` or German `31.12.2024`), yes/no, text. A number with a
//! leading zero (`01067`) is text: postcodes and keys are not amounts.
//! Bounded work: the statistics stop after [`STATS_ROWS`] rows (the
//! preview says so), distinct values are counted up to [`DISTINCT_MAX`].

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Rows shown in the table.
pub const PREVIEW_ROWS: usize = 20;
/// Rows the statistics look at; the rest is only counted.
pub const STATS_ROWS: u64 = 200_000;
/// Distinct values counted per column (more: "more than").
pub const DISTINCT_MAX: usize = 10_000;
/// Characters of a cell kept for the table.
pub const CELL_MAX: usize = 200;

/// The detected type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    Integer,
    Decimal,
    Date,
    YesNo,
    Text,
}

impl ColumnType {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Decimal => "decimal",
            ColumnType::Date => "date",
            ColumnType::YesNo => "yes_no",
            ColumnType::Text => "text",
        }
    }
}

/// One column with its statistics (over the first [`STATS_ROWS`] rows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ColumnType,
    /// Non-empty cells.
    pub values: u64,
    /// Empty cells (and rows without this field in JSON).
    pub empty: u64,
    /// Distinct non-empty values (at most [`DISTINCT_MAX`]).
    pub distinct: u64,
    /// More distinct values than [`DISTINCT_MAX`].
    pub distinct_capped: bool,
    /// Numbers only.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mean: Option<f64>,
    /// Dates only: the earliest and the latest (ISO).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// The file's kind as previewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Csv,
    Json,
    Geojson,
}

/// How a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// Not UTF-8: read as Windows-1252 (Latin-1).
    Windows1252,
}

/// A CSV delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// The preview of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub source: SourceKind,
    pub encoding: Encoding,
    /// CSV only.
    pub delimiter: Option<Delimiter>,
    pub columns: Vec<Column>,
    /// The first [`PREVIEW_ROWS`] rows, one cell per column.
    pub rows: Vec<Vec<String>>,
    /// All data rows (without the header).
    pub row_count: u64,
    /// The statistics stopped after [`STATS_ROWS`] rows.
    pub stats_truncated: bool,
}

/// Why a file has no preview: an i18n key (`catalog-preview-error-*`),
/// the line it concerns (1 = the first line) and the key's arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewError {
    pub key: String,
    pub line: Option<u64>,
    pub args: Vec<(String, String)>,
}

impl PreviewError {
    fn new(key: &str, line: Option<u64>, args: Vec<(&str, String)>) -> Self {
        PreviewError {
            key: key.to_string(),
            line,
            args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }
}

impl std::fmt::Display for PreviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.key)?;
        if let Some(l) = self.line {
            write!(f, " (line {l})")?;
        }
        for (k, v) in &self.args {
            write!(f, " {k}={v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PreviewError {}

/// What is stored with a file: its preview, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredPreview {
    Table(Preview),
    Failed(PreviewError),
}

/// Whether files of this EU file-type code get a preview.
pub fn previewable(format: &str) -> bool {
    matches!(format, "CSV" | "JSON" | "GEOJSON")
}

/// The preview of a file of the EU file-type code `format` (`None` for a
/// format without preview).
pub fn preview_file(format: &str, bytes: &[u8]) -> Option<StoredPreview> {
    let result = match format {
        "CSV" => preview_csv(bytes),
        "JSON" | "GEOJSON" => preview_json(bytes),
        _ => return None,
    };
    Some(match result {
        Ok(p) => StoredPreview::Table(p),
        Err(e) => StoredPreview::Failed(e),
    })
}

/// Text from bytes: UTF-8 (a byte order mark removed), else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (s.to_string(), Encoding::Utf8Bom);
        }
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), Encoding::Utf8);
    }
    (
        bytes.iter().map(|&b| windows_1252(b)).collect(),
        Encoding::Windows1252,
    )
}

/// One Windows-1252 byte as a character (0x80–0x9F differ from Latin-1;
/// the five unassigned bytes stay C1 controls, as browsers decode them).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => char::from(b),
    }
}

/// The delimiter of a CSV text: the candidate found the same number of
/// times (outside quotes) on each of the first lines, most often; else
/// the one most frequent on the first line; else a comma.
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let candidates = [Delimiter::Semicolon, Delimiter::Comma, Delimiter::Tab];
    let count = |line: &str, d: u8| {
        let mut quoted = false;
        line.bytes()
            .filter(|&c| {
                if c == b'"' {
                    quoted = !quoted;
                }
                !quoted && c == d
            })
            .count()
    };
    let mut best: Option<(usize, Delimiter)> = None;
    for d in candidates {
        let counts: Vec<usize> = lines.iter().map(|l| count(l, d.byte())).collect();
        let first = counts.first().copied().unwrap_or(0);
        // A quoted field may span lines; the first lines still decide.
        if first > 0 && counts.iter().all(|&c| c == first) && best.is_none_or(|(n, _)| first > n) {
            best = Some((first, d));
        }
    }
    if let Some((_, d)) = best {
        return d;
    }
    let header = lines.first().copied().unwrap_or("");
    candidates
        .into_iter()
        .map(|d| (count(header, d.byte()), d))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map_or(Delimiter::Comma, |(_, d)| d)
}

/// The preview of a CSV file (header line first).
pub fn preview_csv(bytes: &[u8]) -> Result<Preview, PreviewError> {
    let (text, encoding) = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        None => {
            return Err(PreviewError::new(
                "catalog-preview-error-empty",
                None,
                vec![],
            ))
        }
        Some(Err(e)) => return Err(csv_error(&e)),
        Some(Ok(h)) => h,
    };
    let names: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| column_name(h, i))
        .collect();
    let mut table = Table::new(names, delimiter != Delimiter::Comma);
    for rec in records {
        let rec = rec.map_err(|e| csv_error(&e))?;
        table.push_row(rec.iter().map(Cell::Text).collect());
    }
    Ok(table.finish(SourceKind::Csv, encoding, Some(delimiter)))
}

fn csv_error(e: &csv::Error) -> PreviewError {
    let line = e.position().map(|p| p.line());
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => PreviewError::new(
            "catalog-preview-error-fields",
            line,
            vec![
                ("expected", expected_len.to_string()),
                ("found", len.to_string()),
            ],
        ),
        _ => PreviewError::new("catalog-preview-error-csv", line, vec![]),
    }
}

fn column_name(h: &str, i: usize) -> String {
    let h = h.trim();
    if h.is_empty() {
        format!("{}", i + 1)
    } else {
        clip(h)
    }
}

/// The preview of a JSON file: an array of objects, an object holding
/// one such array, or a GeoJSON FeatureCollection (its properties).
pub fn preview_json(bytes: &[u8]) -> Result<Preview, PreviewError> {
    use serde_json::Value;
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(PreviewError::new(
            "catalog-preview-error-empty",
            None,
            vec![],
        ));
    }
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        PreviewError::new(
            "catalog-preview-error-json",
            Some(e.line() as u64),
            vec![("column", e.column().to_string())],
        )
    })?;
    let shape = || PreviewError::new("catalog-preview-error-json-shape", None, vec![]);
    let (source, items): (SourceKind, Vec<&serde_json::Map<String, Value>>) = match &value {
        Value::Array(a) => (SourceKind::Json, objects(a).ok_or_else(shape)?),
        Value::Object(o) if o.get("type").and_then(Value::as_str) == Some("FeatureCollection") => {
            let features = o
                .get("features")
                .and_then(Value::as_array)
                .ok_or_else(shape)?;
            let empty = serde_json::Map::new();
            let mut props = Vec::with_capacity(features.len());
            for f in features {
                match f.get("properties") {
                    Some(Value::Object(p)) => props.push(p),
                    Some(Value::Null) | None if f.is_object() => props.push(&empty),
                    _ => return Err(shape()),
                }
            }
            return Ok(json_table(SourceKind::Geojson, encoding, &props));
        }
        Value::Object(o) => {
            let mut arrays = o
                .values()
                .filter_map(|v| v.as_array().and_then(|a| objects(a)));
            match (arrays.next(), arrays.next()) {
                (Some(items), None) => (SourceKind::Json, items),
                _ => return Err(shape()),
            }
        }
        _ => return Err(shape()),
    };
    Ok(json_table(source, encoding, &items))
}

/// The items of an array if every one is an object (and there is one).
fn objects(a: &[serde_json::Value]) -> Option<Vec<&serde_json::Map<String, serde_json::Value>>> {
    if a.is_empty() {
        return None;
    }
    a.iter().map(serde_json::Value::as_object).collect()
}

fn json_table(
    source: SourceKind,
    encoding: Encoding,
    items: &[&serde_json::Map<String, serde_json::Value>],
) -> Preview {
    let mut table = Table::new(Vec::new(), false);
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for item in items {
        let mut row: Vec<Cell> = vec![Cell::Missing; table.columns.len()];
        for (k, v) in item.iter() {
            let i = match index.get(k.as_str()) {
                Some(&i) => i,
                None => {
                    let i = table.add_column(column_name(k, table.columns.len()));
                    index.insert(k.as_str(), i);
                    row.push(Cell::Missing);
                    i
                }
            };
            row[i] = Cell::Json(v);
        }
        table.push_row(row);
    }
    table.finish(source, encoding, None)
}

/// One cell as read.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Json(&'a serde_json::Value),
    Missing,
}

impl Cell<'_> {
    fn text(self) -> String {
        use serde_json::Value;
        match self {
            Cell::Text(s) => s.to_string(),
            Cell::Missing | Cell::Json(Value::Null) => String::new(),
            Cell::Json(Value::String(s)) => s.clone(),
            Cell::Json(v) => v.to_string(),
        }
    }
}

/// The rows read so far and each column's accumulated statistics.
struct Table {
    columns: Vec<Acc>,
    rows: Vec<Vec<String>>,
    row_count: u64,
    /// Ambiguous numbers (`1.234`) are German if no other column says
    /// otherwise (a `;` or tab delimited file).
    prefer_german: bool,
}

impl Table {
    fn new(names: Vec<String>, prefer_german: bool) -> Self {
        Table {
            columns: names.into_iter().map(|n| Acc::new(n, 0)).collect(),
            rows: Vec::new(),
            row_count: 0,
            prefer_german,
        }
    }

    /// A column first seen in a later row: empty in the rows before.
    fn add_column(&mut self, name: String) -> usize {
        let missing = self.row_count.min(STATS_ROWS);
        self.columns.push(Acc::new(name, missing));
        for r in &mut self.rows {
            r.push(String::new());
        }
        self.columns.len() - 1
    }

    fn push_row(&mut self, cells: Vec<Cell>) {
        if self.rows.len() < PREVIEW_ROWS {
            let mut row: Vec<String> = cells.iter().map(|c| clip(&c.text())).collect();
            row.resize(self.columns.len(), String::new());
            self.rows.push(row);
        }
        if self.row_count < STATS_ROWS {
            for (acc, cell) in self.columns.iter_mut().zip(cells.iter().copied()) {
                acc.add(cell);
            }
        }
        self.row_count += 1;
    }

    fn finish(
        self,
        source: SourceKind,
        encoding: Encoding,
        delimiter: Option<Delimiter>,
    ) -> Preview {
        let prefer_german = self.prefer_german;
        Preview {
            source,
            encoding,
            delimiter,
            columns: self
                .columns
                .into_iter()
                .map(|a| a.finish(prefer_german))
                .collect(),
            rows: self.rows,
            row_count: self.row_count,
            stats_truncated: self.row_count > STATS_ROWS,
        }
    }
}

/// Numbers of a column under one reading (plain or German).
#[derive(Clone)]
struct NumAcc {
    ok: bool,
    integer: bool,
    min: f64,
    max: f64,
    sum: f64,
}

impl NumAcc {
    fn new() -> Self {
        NumAcc {
            ok: true,
            integer: true,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            sum: 0.0,
        }
    }
    fn add(&mut self, n: Option<(f64, bool)>) {
        if !self.ok {
            return;
        }
        match n {
            Some((v, int)) => {
                self.integer &= int;
                self.min = self.min.min(v);
                self.max = self.max.max(v);
                self.sum += v;
            }
            None => self.ok = false,
        }
    }
}

struct Acc {
    name: String,
    values: u64,
    empty: u64,
    distinct: HashSet<String>,
    distinct_capped: bool,
    plain: NumAcc,
    german: NumAcc,
    dates: Option<(String, String)>,
    dates_ok: bool,
    yes_no_ok: bool,
}

impl Acc {
    fn new(name: String, empty: u64) -> Self {
        Acc {
            name,
            values: 0,
            empty,
            distinct: HashSet::new(),
            distinct_capped: false,
            plain: NumAcc::new(),
            german: NumAcc::new(),
            dates: None,
            dates_ok: true,
            yes_no_ok: true,
        }
    }

    fn add(&mut self, cell: Cell) {
        use serde_json::Value;
        let text = cell.text();
        let t = text.trim();
        if t.is_empty() {
            self.empty += 1;
            return;
        }
        self.values += 1;
        if !self.distinct_capped && !self.distinct.contains(t) {
            if self.distinct.len() >= DISTINCT_MAX {
                self.distinct_capped = true;
            } else {
                self.distinct.insert(t.to_string());
            }
        }
        match cell {
            Cell::Json(Value::Number(n)) => {
                let v = n.as_f64().filter(|v| v.is_finite());
                let num = v.map(|v| (v, n.is_i64() || n.is_u64()));
                self.plain.add(num);
                self.german.add(num);
                self.dates_ok = false;
                self.yes_no_ok = false;
                return;
            }
            Cell::Json(Value::Bool(_)) => {
                self.plain.ok = false;
                self.german.ok = false;
                self.dates_ok = false;
                return;
            }
            _ => {}
        }
        self.plain.add(parse_plain(t));
        self.german.add(parse_german(t));
        if self.yes_no_ok {
            self.yes_no_ok = is_yes_no(t);
        }
        if self.dates_ok {
            match crate::goals::csv::parse_flexible_date(t) {
                Some(d) => {
                    let iso = d.to_string();
                    self.dates = Some(match self.dates.take() {
                        None => (iso.clone(), iso),
                        Some((a, b)) => {
                            let first = if iso < a { iso.clone() } else { a };
                            let last = if iso > b { iso } else { b };
                            (first, last)
                        }
                    });
                }
                None => self.dates_ok = false,
            }
        }
    }

    fn finish(self, prefer_german: bool) -> Column {
        let nonempty = self.values > 0;
        let num = match (self.plain.ok, self.german.ok) {
            (true, true) if prefer_german => Some(self.german),
            (true, _) => Some(self.plain),
            (false, true) => Some(self.german),
            (false, false) => None,
        }
        .filter(|_| nonempty);
        let kind = if !nonempty {
            ColumnType::Text
        } else if self.dates_ok {
            ColumnType::Date
        } else if let Some(n) = &num {
            if n.integer {
                ColumnType::Integer
            } else {
                ColumnType::Decimal
            }
        } else if self.yes_no_ok {
            ColumnType::YesNo
        } else {
            ColumnType::Text
        };
        let (min, max, mean) = match (&num, kind) {
            (Some(n), ColumnType::Integer | ColumnType::Decimal) => {
                (Some(n.min), Some(n.max), Some(n.sum / self.values as f64))
            }
            _ => (None, None, None),
        };
        let (first_date, last_date) = match (kind, self.dates) {
            (ColumnType::Date, Some((a, b))) => (Some(a), Some(b)),
            _ => (None, None),
        };
        Column {
            name: self.name,
            kind,
            values: self.values,
            empty: self.empty,
            distinct: self.distinct.len() as u64,
            distinct_capped: self.distinct_capped,
            min,
            max,
            mean,
            first_date,
            last_date,
        }
    }
}

fn is_yes_no(t: &str) -> bool {
    matches!(
        t.to_lowercase().as_str(),
        "ja" | "nein" | "yes" | "no" | "true" | "false" | "wahr" | "falsch" | "j" | "n"
    )
}

/// Splits an optional sign off.
fn unsign(t: &str) -> (f64, &str) {
    match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// An integer part: digits without a leading zero (`0` itself is fine).
fn int_part(s: &str) -> bool {
    digits(s) && !(s.len() > 1 && s.starts_with('0'))
}

/// `1234`, `-12.5`: the value and whether it is an integer.
fn parse_plain(t: &str) -> Option<(f64, bool)> {
    let (sign, s) = unsign(t);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if !int_part(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some((sign * v, frac.is_none()))
}

/// `1.234,5`, `1234,5`, `1.234`: German thousands points and decimal comma.
fn parse_german(t: &str) -> Option<(f64, bool)> {
    let (sign, s) = unsign(t);
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let groups: Vec<&str> = int.split('.').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3 && digits(g));
    if !(int_part(groups[0]) && (groups.len() == 1 || grouped)) {
        return None;
    }
    let plain = format!("{}.{}", groups.concat(), frac.unwrap_or("0"));
    let v: f64 = plain.parse().ok()?;
    v.is_finite().then_some((sign * v, frac.is_none()))
}

/// A cell cut to [`CELL_MAX`] characters.
fn clip(s: &str) -> String {
    match s.char_indices().nth(CELL_MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
#[path = "preview_tests.rs"]
mod tests;
