use serde::Serialize;

/// One invalid field: the form field name and an i18n message key with
/// optional arguments (for "at most {max} characters").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// All invalid fields of one submission, so a form can show every message
/// at once instead of one per round trip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.push(FieldError {
            field,
            key,
            args: Vec::new(),
        });
    }
    pub fn add_with(
        &mut self,
        field: &'static str,
        key: &'static str,
        args: Vec<(&'static str, String)>,
    ) {
        self.0.push(FieldError { field, key, args });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Checks a required text's length in characters (not bytes) after
    /// trimming; records `required`, `too_short` or `too_long`.
    pub fn text(&mut self, field: &'static str, value: &str, min: usize, max: usize) {
        let len = value.trim().chars().count();
        if len == 0 && min > 0 {
            self.add(field, "error-required");
        } else if len < min {
            self.add_with(field, "error-too-short", vec![("min", min.to_string())]);
        } else if len > max {
            self.add_with(field, "error-too-long", vec![("max", max.to_string())]);
        }
    }

    /// Optional text: only the upper bound applies.
    pub fn optional_text(&mut self, field: &'static str, value: &str, max: usize) {
        if value.trim().chars().count() > max {
            self.add_with(field, "error-too-long", vec![("max", max.to_string())]);
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.key))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

impl std::error::Error for FieldErrors {}

/// The text form of one problem of a file import (logs, CLI): where it is
/// (`record 2`, `line 3`), the part named when there is one
/// (`, field name`, `, column date`), then `: key` and each argument
/// as ` name=value`.
pub fn write_import_problem(
    f: &mut std::fmt::Formatter<'_>,
    place: &str,
    (part, name): (&str, &str),
    key: &str,
    args: &[(&'static str, String)],
) -> std::fmt::Result {
    f.write_str(place)?;
    if !name.is_empty() {
        write!(f, ", {part} {name}")?;
    }
    write!(f, ": {key}")?;
    for (k, v) in args {
        write!(f, " {k}={v}")?;
    }
    Ok(())
}

/// The text form of every problem of a file import, one per line.
pub fn write_import_problems<T: std::fmt::Display>(
    f: &mut std::fmt::Formatter<'_>,
    problems: &[T],
) -> std::fmt::Result {
    for (i, e) in problems.iter().enumerate() {
        if i > 0 {
            writeln!(f)?;
        }
        write!(f, "{e}")?;
    }
    Ok(())
}

/// A plausible e-mail address: one '@', something before it, a dot in the
/// domain, no spaces. Deliverability is proven by the mail itself.
pub fn is_plausible_email(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 254 || s.chars().any(char::is_whitespace) {
        return false;
    }
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

/// A URL-safe identifier made from a title ("Radverkehr: Netz 2030" ->
/// "radverkehr-netz-2030"), transliterating German umlauts.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-')
                }
            }
        }
    }
    let trimmed = out.trim_end_matches('-');
    trimmed.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lengths_count_characters() {
        let mut e = FieldErrors::new();
        e.text("title", "  ", 1, 10);
        e.text("body", "äöü", 4, 10);
        e.text("x", "äöüäöü", 1, 5);
        e.text("ok", "Grün", 1, 4);
        assert_eq!(e.0.len(), 3);
        assert_eq!(e.get("title").unwrap().key, "error-required");
        assert_eq!(e.get("body").unwrap().key, "error-too-short");
        assert_eq!(e.get("x").unwrap().key, "error-too-long");
        assert!(e.get("ok").is_none());
    }

    #[test]
    fn emails() {
        assert!(is_plausible_email("anna@musterstadt.de"));
        assert!(!is_plausible_email("anna@musterstadt"));
        assert!(!is_plausible_email("anna musterstadt.de"));
        assert!(!is_plausible_email("a@b@c.de"));
        assert!(!is_plausible_email("@c.de"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Radverkehr: Netz 2030!"), "radverkehr-netz-2030");
        assert_eq!(slugify("Spielplatz Größe"), "spielplatz-groesse");
    }
}
