//! `cargo run -p teilhabe-budget --example tally -- FILE.pb --rule mes --format json`
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use clap::Parser;
use teilhabe_budget::cli::{run_tally, TallyArgs};

fn main() -> std::process::ExitCode {
    let args = TallyArgs::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run_tally(&args, &mut out) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
