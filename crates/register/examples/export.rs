//! Writes the sample register of Musterstadt as ATS 0.3.1 or NL
//! Publicatiestandaard 1.0 JSON, for the schema validation in
//! `scripts/test-register-schemas.sh`.
//!
//! cargo run -p teilhabe-register --example export -- --format ats|nl --output FILE [--input ATS.json]
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::process::ExitCode;
use teilhabe_register::exchange::{export_ats_string, export_nl, import_ats};
use teilhabe_register::sample::sample_entries;

fn main() -> ExitCode {
    let mut format = None;
    let mut output = None;
    let mut input = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--format" => format = args.next(),
            "--output" => output = args.next(),
            "--input" => input = args.next(),
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(format), Some(output)) = (format, output) else {
        eprintln!("usage: export --format ats|nl --output FILE [--input ATS.json]");
        return ExitCode::from(2);
    };
    let entries = match input {
        None => sample_entries(),
        Some(path) => {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::FAILURE;
                }
            };
            match import_ats(&text) {
                Ok(e) => e,
                Err(errors) => {
                    eprintln!("{path}: import failed:\n{errors}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    if entries.is_empty() {
        eprintln!("no entries to export");
        return ExitCode::FAILURE;
    }
    let json = match format.as_str() {
        "ats" => export_ats_string(&entries),
        "nl" => {
            let nl = export_nl(&entries);
            for w in &nl.warnings {
                eprintln!("note: record {} field {}: {}", w.record, w.field, w.note);
            }
            serde_json::to_string_pretty(&nl.records).unwrap_or_default()
        }
        other => {
            eprintln!("unknown format {other} (ats or nl)");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::write(&output, json + "\n") {
        eprintln!("{output}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {} records ({format}) to {output}", entries.len());
    ExitCode::SUCCESS
}
