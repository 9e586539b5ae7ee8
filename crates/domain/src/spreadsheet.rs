//! Text cells of CSV downloads are opened in spreadsheets, which run a cell
//! that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab or a
//! carriage return) as a formula ("CSV injection"). Every CSV export passes
//! user-written text through [`defuse`].

/// The text with a leading `'` when a spreadsheet would read it as a
/// formula; other text unchanged.
pub fn defuse(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_are_prefixed_and_other_text_is_kept() {
        for f in [
            "=1+1",
            "+1",
            "-2",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(defuse(f), format!("'{f}"), "{f:?}");
        }
        for t in ["", "Radweg", "1-2", " =1", "'=1", "Ä=1"] {
            assert_eq!(defuse(t), t, "{t:?}");
        }
    }
}
