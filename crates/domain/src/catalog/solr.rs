//! The part of Solr's query syntax that CKAN clients send to
//! `package_search` in `q` and `fq`: bare words and quoted phrases
//! (full text), `field:value`, `-field:value` (also `+field:value` and
//! `AND` between clauses), quoted values and ranges
//! `metadata_modified:[A TO B]` with `*` for an open end. Only the fields
//! of [`Field`] are known; anything else, and broken syntax, is a
//! [`QueryError`] that names the problem (CKAN's "Search Query Error").
//! `OR`, grouping with parentheses and wildcards are not supported.

use std::fmt;

/// A field a clause may filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A department's organisation name.
    Organization,
    /// A theme's group name (`envi`).
    Groups,
    Tags,
    /// A distribution's format (`CSV`).
    ResFormat,
    /// A distribution's licence (IRI or code).
    LicenseId,
    Name,
    /// The dataset's identifier (UUID).
    Id,
    MetadataModified,
    MetadataCreated,
    /// Full text, like a bare word (`text:…`).
    Text,
}

impl Field {
    pub fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "organization" | "owner_org" => Field::Organization,
            "groups" => Field::Groups,
            "tags" => Field::Tags,
            "res_format" => Field::ResFormat,
            "license_id" => Field::LicenseId,
            "name" => Field::Name,
            "id" => Field::Id,
            "metadata_modified" => Field::MetadataModified,
            "metadata_created" => Field::MetadataCreated,
            "text" => Field::Text,
            _ => return None,
        })
    }
    fn is_date(self) -> bool {
        matches!(self, Field::MetadataModified | Field::MetadataCreated)
    }
}

/// One end of a date range, in Unix milliseconds; `None` is `*`.
pub type Bound = Option<i64>;

/// What a clause compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// `[A TO B]` (inclusive) or `{A TO B}` (exclusive), in milliseconds.
    Range {
        from: Bound,
        to: Bound,
        inclusive: bool,
    },
}

/// One condition: a dataset matches it, or with `negated` must not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub field: Field,
    pub value: Value,
}

/// Why a query was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

fn err<T>(msg: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError(msg.into()))
}

/// Parses `q` or `fq`: all clauses must hold. Empty, `*` and `*:*` match
/// everything (no clauses).
pub fn parse(input: &str) -> Result<Vec<Clause>, QueryError> {
    let mut p = Parser {
        chars: input.chars().collect(),
        pos: 0,
    };
    let mut out = Vec::new();
    loop {
        p.skip_space();
        if p.at_end() {
            break;
        }
        if let Some(c) = p.clause()? {
            out.push(c);
        }
    }
    Ok(out)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// One clause, or `None` for `AND` and `*:*`.
    fn clause(&mut self) -> Result<Option<Clause>, QueryError> {
        let mut negated = false;
        match self.peek() {
            Some('-') | Some('!') => {
                negated = true;
                self.pos += 1;
            }
            Some('+') => self.pos += 1,
            _ => {}
        }
        match self.peek() {
            Some('"') => {
                let phrase = self.quoted()?;
                return Ok(Some(Clause {
                    negated,
                    field: Field::Text,
                    value: Value::Text(phrase),
                }));
            }
            Some('(') | Some(')') => {
                return err("grouping with parentheses is not supported");
            }
            None => return err("a '-' or '+' must be followed by a condition"),
            _ => {}
        }
        let word = self.word();
        if word.is_empty() {
            return err(format!("unexpected '{}'", self.peek().unwrap_or(' ')));
        }
        if self.peek() != Some(':') {
            return match word.as_str() {
                "AND" | "&&" if !negated => Ok(None),
                "OR" | "||" => err("OR is not supported: all conditions must hold"),
                "NOT" => err("NOT is not supported: use -field:value"),
                "*" if !negated => Ok(None),
                _ if word.contains(['*', '?']) => {
                    err(format!("wildcards are not supported: '{word}'"))
                }
                _ => Ok(Some(Clause {
                    negated,
                    field: Field::Text,
                    value: Value::Text(word),
                })),
            };
        }
        self.pos += 1; // ':'
        if word == "*" {
            if self.word() == "*" && !negated {
                return Ok(None);
            }
            return err("only '*:*' may use '*' as a field");
        }
        let Some(field) = Field::parse(&word) else {
            return err(format!("unknown field '{word}'"));
        };
        let value = match self.peek() {
            Some('"') => Value::Text(self.quoted()?),
            Some('[') | Some('{') => {
                if !field.is_date() {
                    return err(format!("'{word}' does not take a range"));
                }
                self.range(&word)?
            }
            Some(c) if c.is_whitespace() => {
                return err(format!("'{word}:' has no value"));
            }
            None => return err(format!("'{word}:' has no value")),
            _ => {
                let v = self.word();
                if v.is_empty() {
                    return err(format!("'{word}:' has no value"));
                }
                if field.is_date() {
                    let t = date(&v)?
                        .ok_or_else(|| QueryError(format!("'{word}' needs a date, not '*'")))?;
                    Value::Range {
                        from: Some(t),
                        to: Some(t),
                        inclusive: true,
                    }
                } else {
                    Value::Text(v)
                }
            }
        };
        if let (Value::Text(v), true) = (&value, field.is_date()) {
            let t = date(v)?;
            return Ok(Some(Clause {
                negated,
                field,
                value: Value::Range {
                    from: t,
                    to: t,
                    inclusive: true,
                },
            }));
        }
        Ok(Some(Clause {
            negated,
            field,
            value,
        }))
    }

    /// Characters up to white space, ':' or a bracket (a backslash
    /// escapes the next one).
    fn word(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, ':' | '(' | ')' | '[' | ']' | '{' | '}' | '"') {
                break;
            }
            self.pos += 1;
            if c == '\\' {
                if let Some(n) = self.peek() {
                    s.push(n);
                    self.pos += 1;
                }
                continue;
            }
            s.push(c);
        }
        s
    }

    fn quoted(&mut self) -> Result<String, QueryError> {
        self.pos += 1; // opening quote
        let mut s = String::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                '"' => return Ok(s),
                '\\' => {
                    if let Some(n) = self.peek() {
                        s.push(n);
                        self.pos += 1;
                    }
                }
                _ => s.push(c),
            }
        }
        err("a quoted value is not closed")
    }

    fn range(&mut self, field: &str) -> Result<Value, QueryError> {
        let open = self.peek().unwrap_or('[');
        self.pos += 1;
        let close = if open == '[' { ']' } else { '}' };
        let start = self.pos;
        while self.peek().is_some_and(|c| c != ']' && c != '}') {
            self.pos += 1;
        }
        if self.peek() != Some(close) {
            return err(format!(
                "the range of '{field}' is not closed with '{close}'"
            ));
        }
        let inner: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        let parts: Vec<&str> = inner.split_whitespace().collect();
        let [a, "TO", b] = parts.as_slice() else {
            return err(format!(
                "the range of '{field}' must look like [A TO B], not '{open}{inner}{close}'"
            ));
        };
        Ok(Value::Range {
            from: date(a)?,
            to: date(b)?,
            inclusive: open == '[',
        })
    }
}

/// A Solr date (`2024-05-01T00:00:00Z`, with or without fractions and
/// `Z`, or a bare `2024-05-01`) in Unix milliseconds; `*` is `None`.
/// Date maths (`NOW-1DAY`) is not supported.
pub fn date(s: &str) -> Result<Option<i64>, QueryError> {
    if s == "*" {
        return Ok(None);
    }
    let bad = || QueryError(format!("'{s}' is not a date like 2024-05-01T00:00:00Z"));
    let t = s.trim_end_matches('Z');
    let (day, clock) = t.split_once('T').unwrap_or((t, "00:00:00"));
    let d = time::Date::parse(
        day,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| bad())?;
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let c = time::Time::parse(
        hms,
        time::macros::format_description!("[hour]:[minute]:[second]"),
    )
    .map_err(|_| bad())?;
    let millis: i64 = if frac.is_empty() {
        0
    } else {
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let f: String = frac.chars().chain("000".chars()).take(3).collect();
        f.parse().map_err(|_| bad())?
    };
    let at = time::PrimitiveDateTime::new(d, c).assume_utc();
    Ok(Some(at.unix_timestamp() * 1000 + millis))
}

/// A time in Unix milliseconds as CKAN writes it: ISO 8601 in UTC
/// without a zone (`2024-05-01T12:30:00.123456`).
pub fn iso(millis: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(millis as i128 * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}",
        at.year(),
        at.month() as u8,
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.microsecond()
    )
}

/// The sort orders `package_search` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Id,
    Name,
    Title,
    MetadataModified,
    MetadataCreated,
}

/// `sort`: `field asc|desc` pairs separated by commas; `score` is
/// accepted (there is no relevance score: it is skipped). The default,
/// `score desc, metadata_modified desc`, is newest change first.
pub fn parse_sort(s: &str) -> Result<Vec<(SortKey, bool)>, QueryError> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let (field, dir) = match words.as_slice() {
            [] => continue,
            [f] => (*f, "asc"),
            [f, d] => (*f, *d),
            _ => return err(format!("cannot sort by '{}'", part.trim())),
        };
        let desc = match dir.to_ascii_lowercase().as_str() {
            "asc" => false,
            "desc" => true,
            _ => return err(format!("sort direction must be asc or desc, not '{dir}'")),
        };
        let key = match field {
            "score" | "rank" => continue,
            "id" => SortKey::Id,
            "name" => SortKey::Name,
            "title_string" | "title" => SortKey::Title,
            "metadata_modified" => SortKey::MetadataModified,
            "metadata_created" => SortKey::MetadataCreated,
            _ => return err(format!("cannot sort by unknown field '{field}'")),
        };
        out.push((key, desc));
    }
    if out.is_empty() {
        out.push((SortKey::MetadataModified, true));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(negated: bool, field: Field, v: &str) -> Clause {
        Clause {
            negated,
            field,
            value: Value::Text(v.into()),
        }
    }

    #[test]
    fn fields_words_and_negation() {
        assert_eq!(
            parse(r#"organization:umweltamt -tags:"Bäume im Park" wald res_format:CSV"#).unwrap(),
            vec![
                text(false, Field::Organization, "umweltamt"),
                text(true, Field::Tags, "Bäume im Park"),
                text(false, Field::Text, "wald"),
                text(false, Field::ResFormat, "CSV"),
            ]
        );
        assert_eq!(parse("*:*").unwrap(), vec![]);
        assert_eq!(parse("  ").unwrap(), vec![]);
        assert_eq!(parse("groups:envi AND +license_id:x").unwrap().len(), 2);
    }

    #[test]
    fn ranges() {
        let c = parse("metadata_modified:[2024-01-02T03:04:05.5Z TO *]").unwrap();
        assert_eq!(
            c,
            vec![Clause {
                negated: false,
                field: Field::MetadataModified,
                value: Value::Range {
                    from: Some(1_704_164_645_500),
                    to: None,
                    inclusive: true
                }
            }]
        );
        let c = parse("metadata_modified:{* TO 2024-01-01}").unwrap();
        assert!(matches!(
            c[0].value,
            Value::Range {
                from: None,
                to: Some(_),
                inclusive: false
            }
        ));
    }

    #[test]
    fn errors_name_the_problem() {
        for (q, part) in [
            ("colour:red", "unknown field 'colour'"),
            ("name:", "has no value"),
            ("tags:\"open", "not closed"),
            ("metadata_modified:[2024-01-01 TO", "not closed"),
            (
                "metadata_modified:[yesterday TO *]",
                "'yesterday' is not a date",
            ),
            ("metadata_modified:[2024-01-01]", "[A TO B]"),
            ("name:a OR name:b", "OR is not supported"),
            ("(name:a)", "parentheses"),
            ("tags:[a TO b]", "does not take a range"),
            ("wa*", "wildcards"),
        ] {
            let e = parse(q).expect_err(q);
            assert!(e.0.contains(part), "{q}: {e}");
        }
    }

    #[test]
    fn sorts_and_times() {
        assert_eq!(parse_sort("id asc").unwrap(), vec![(SortKey::Id, false)]);
        assert_eq!(
            parse_sort("score desc, metadata_modified desc").unwrap(),
            vec![(SortKey::MetadataModified, true)]
        );
        assert!(parse_sort("colour asc").is_err());
        assert!(parse_sort("name up").is_err());
        assert_eq!(iso(1_704_164_645_500), "2024-01-02T03:04:05.500000");
        assert_eq!(date("2024-01-02").unwrap(), Some(1_704_153_600_000));
    }
}
