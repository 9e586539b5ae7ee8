//! Rules of a municipality's own settings: host names, the public base
//! URL, brand colours (checked against WCAG 2.1 AA contrast), the regional
//! key (Amtlicher Regionalschlüssel, ARS) and the open-data contributor id.

use crate::FieldErrors;

/// WCAG 2.1 AA: the least contrast of normal text (1.4.3).
pub const AA_CONTRAST: f64 = 4.5;

/// The backgrounds a brand colour is used with: white (text on the page,
/// white text on buttons and the header) and the light tint of boxes.
pub const BRAND_BACKGROUNDS: [&str; 2] = ["#ffffff", "#f3f6f9"];

/// Prefix of the DCAT-AP.de contributor ids.
pub const CONTRIBUTOR_PREFIX: &str = "http://dcat-ap.de/def/contributors/";

/// A colour `#rrggbb` (or `#rgb`) as its three channels.
pub fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |h: &str| u8::from_str_radix(h, 16).ok();
    match hex.len() {
        6 => Some([
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        ]),
        3 => {
            let d = |i: usize| channel(&hex[i..i + 1]).map(|v| v * 17);
            Some([d(0)?, d(1)?, d(2)?])
        }
        _ => None,
    }
}

/// The colour written as `#rrggbb` in lower case.
pub fn normalise_colour(s: &str) -> Option<String> {
    parse_colour(s).map(|[r, g, b]| format!("#{r:02x}{g:02x}{b:02x}"))
}

/// Relative luminance (WCAG 2.1 definition).
pub fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// Contrast ratio of two colours, 1.0 to 21.0.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The lowest contrast of a brand colour against the backgrounds it is
/// used with ([`BRAND_BACKGROUNDS`]).
pub fn brand_contrast(c: [u8; 3]) -> f64 {
    BRAND_BACKGROUNDS
        .iter()
        .filter_map(|b| parse_colour(b))
        .map(|b| contrast_ratio(c, b))
        .fold(f64::INFINITY, f64::min)
}

/// A ratio as people read it: "3.2:1" (rounded down to one decimal, so a
/// refused colour never shows "4.5:1").
pub fn format_ratio(r: f64) -> String {
    format!("{:.1}:1", (r * 10.0).floor() / 10.0)
}

/// Checks an optional brand colour: empty (the default colours) or a
/// colour with at least AA contrast against its backgrounds.
pub fn check_brand_colour(e: &mut FieldErrors, field: &'static str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match parse_colour(value) {
        None => e.add(field, "error-colour-format"),
        Some(c) => {
            let ratio = brand_contrast(c);
            if ratio < AA_CONTRAST {
                e.add_with(
                    field,
                    "error-colour-contrast",
                    vec![
                        ("ratio", format_ratio(ratio)),
                        ("min", format_ratio(AA_CONTRAST)),
                    ],
                );
            }
        }
    }
}

/// A regional key (ARS): 12 digits, the first two a German Land (01-16).
pub fn is_valid_ars(s: &str) -> bool {
    s.len() == 12
        && s.chars().all(|c| c.is_ascii_digit())
        && matches!(s[0..2].parse::<u8>(), Ok(1..=16))
}

/// An open-data contributor id: an IRI below [`CONTRIBUTOR_PREFIX`] with a
/// simple name after it.
pub fn is_valid_contributor_id(s: &str) -> bool {
    match s.strip_prefix(CONTRIBUTOR_PREFIX) {
        Some(rest) => {
            !rest.is_empty()
                && rest.len() <= 120
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        }
        None => false,
    }
}

/// A host name as stored: lower case, without port; `None` if it is not a
/// plausible host name (letters, digits, dots, hyphens; no scheme or path).
pub fn normalise_host(s: &str) -> Option<String> {
    let h = s.trim().to_ascii_lowercase();
    let valid_label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    (!h.is_empty() && h.len() <= 253 && h.split('.').all(valid_label)).then_some(h)
}

/// A public base URL as stored: `http(s)://host[:port][/path]` without a
/// trailing slash, or `None` if it is not one. Empty stays empty.
pub fn normalise_base_url(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('/');
    if s.is_empty() {
        return Some(String::new());
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let authority = rest.split('/').next().unwrap_or("");
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
        Some(_) => return None,
        None => authority,
    };
    let clean = !s.contains(['?', '#', ' ', '"', '<', '>', '\\']);
    (clean && normalise_host(host).is_some()).then(|| s.to_string())
}

/// A municipality's slug: 2 to 60 lower-case letters, digits and hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    (2..=60).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_values() {
        let white = [255, 255, 255];
        assert!((contrast_ratio([0, 0, 0], white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 is the classic lightest grey with 4.5:1 on white.
        let grey = parse_colour("#767676").unwrap_or_default();
        let r = contrast_ratio(grey, white);
        assert!((4.5..4.6).contains(&r), "{r}");
        // The default accent colour passes on both backgrounds.
        let accent = parse_colour("#00528a").unwrap_or_default();
        assert!(brand_contrast(accent) >= AA_CONTRAST);
    }

    #[test]
    fn low_contrast_is_refused_with_its_ratio() {
        let mut e = FieldErrors::new();
        check_brand_colour(&mut e, "brand_primary", "#ffcc00");
        check_brand_colour(&mut e, "brand_secondary", "#003a63");
        check_brand_colour(&mut e, "x", "");
        check_brand_colour(&mut e, "y", "blue");
        assert_eq!(e.0.len(), 2, "{e:?}");
        assert_eq!(e.0[0].key, "error-colour-contrast");
        assert_eq!(e.0[0].args[0], ("ratio", "1.3:1".to_string()));
        assert_eq!(e.0[1].key, "error-colour-format");
        // #767676 has 4.54:1 on white but 4.1:1 on the tint: refused.
        let mut e = FieldErrors::new();
        check_brand_colour(&mut e, "p", "#767676");
        assert_eq!(e.0[0].args[0], ("ratio", "4.1:1".to_string()));
    }

    #[test]
    fn colours_parse_in_both_forms() {
        assert_eq!(parse_colour("#fff"), Some([255, 255, 255]));
        assert_eq!(normalise_colour(" #00528A "), Some("#00528a".into()));
        assert_eq!(parse_colour("00528a"), None);
        assert_eq!(parse_colour("#00528"), None);
        assert_eq!(parse_colour("#gg0000"), None);
    }

    #[test]
    fn ars_contributor_hosts_urls() {
        assert!(is_valid_ars("091620000000"));
        assert!(!is_valid_ars("171620000000"));
        assert!(!is_valid_ars("09162000000"));
        assert!(!is_valid_ars("09162000000a"));
        assert!(is_valid_contributor_id(
            "http://dcat-ap.de/def/contributors/stadtMusterstadt"
        ));
        assert!(!is_valid_contributor_id(
            "http://dcat-ap.de/def/contributors/"
        ));
        assert!(!is_valid_contributor_id("https://example.org/x"));
        assert_eq!(
            normalise_host(" Beteiligung.Example.DE "),
            Some("beteiligung.example.de".into())
        );
        assert_eq!(normalise_host("https://x.de"), None);
        assert_eq!(normalise_host("a..b"), None);
        assert_eq!(
            normalise_base_url("https://beteiligung.example.de/"),
            Some("https://beteiligung.example.de".into())
        );
        assert_eq!(
            normalise_base_url("http://127.0.0.1:8080"),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(normalise_base_url("ftp://x.de"), None);
        assert_eq!(normalise_base_url("https://x.de/a?b"), None);
        assert!(is_valid_slug("musterstadt"));
        assert!(!is_valid_slug("Muster stadt"));
    }
}
