//! Our selections for every file and rule against pabutools 1.2.3's, precomputed
//! by scripts/pabutools_expected.py into testdata/pabulib/expected/ (and, for the
//! small format variants, testdata/pabulib/variants/expected/).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod common;

use std::path::Path;

use teilhabe_budget::{tally_prepared, Election, Prepared, Rule};

/// Compares every rule on `dir/<file>.pb` with `dir/expected/<file>.<rule>.json`;
/// returns how many were compared.
fn compare(dir: &Path, files: &[&str]) -> usize {
    let mut checked = 0;
    let mut missing = Vec::new();
    for f in files {
        let e = Election::from_path(dir.join(format!("{f}.pb"))).unwrap();
        let prep = Prepared::new(&e).unwrap();
        for rule in Rule::ALL {
            let path = dir.join(format!("expected/{f}.{}.json", rule.as_str()));
            let Ok(text) = std::fs::read_to_string(&path) else {
                missing.push(path.display().to_string());
                continue;
            };
            let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            let want: Vec<&str> = expected["selected"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let o = tally_prepared(&prep, rule).unwrap();
            assert_eq!(o.selected_ids_sorted(&e), want, "{f} {}", rule.as_str());
            assert_eq!(
                e.format_money(o.total_cost),
                expected["total_cost"].as_str().unwrap(),
                "{f} {}",
                rule.as_str()
            );
            checked += 1;
        }
    }
    assert!(missing.is_empty(), "expected results missing: {missing:?}");
    checked
}

#[test]
fn identical_to_pabutools() {
    assert_eq!(compare(&common::testdata(), &common::FILES), 36);
}

#[test]
fn variants_identical_to_pabutools() {
    let dir = common::testdata().join("variants");
    assert_eq!(compare(&dir, &common::VARIANTS), 28);
}
