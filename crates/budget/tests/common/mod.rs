#![allow(dead_code)]
use std::path::PathBuf;

pub fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pabulib")
}

/// The seven elections, then the two that name a project twice in one vote
/// (Blonia Wilanowskie: approval; Częstochowa 2020: cumulative).
pub const FILES: [&str; 9] = [
    "Canada_Stanford_Dataset_PB_Dieppe_2018_vote_approvals",
    "France_Toulouse_2019",
    "Poland_Czestochowa_2024",
    "Poland_Krakow_2025_Podgorze",
    "Poland_Lodz_2022",
    "Poland_Warszawa_2021_Mokotow",
    "Poland_Warszawa_2026",
    "Poland_Warszawa_2026_Blonia_Wilanowskie",
    "Poland_Czestochowa_2020",
];

/// Small files of our own in `testdata/pabulib/variants/`, one per format variant
/// that pabutools 1.2.3 reads (see its README).
pub const VARIANTS: [&str; 7] = [
    "bom_crlf_empty_lines",
    "optional_columns",
    "ordinal_with_points",
    "quoting_decimal_comma",
    "repeated_approval",
    "repeated_cumulative",
    "repeated_ordinal",
];
