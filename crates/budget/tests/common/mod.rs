#![allow(dead_code)]
use std::path::PathBuf;

pub fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pabulib")
}

pub const FILES: [&str; 7] = [
    "Canada_Stanford_Dataset_PB_Dieppe_2018_vote_approvals",
    "France_Toulouse_2019",
    "Poland_Czestochowa_2024",
    "Poland_Krakow_2025_Podgorze",
    "Poland_Lodz_2022",
    "Poland_Warszawa_2021_Mokotow",
    "Poland_Warszawa_2026",
];
