//! `cargo run -p teilhabe-opinion --example analyze -- --polis DIR --format json`
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error
use clap::Parser;
use teilhabe_opinion::cli::{run_analyze, AnalyzeArgs};

#[derive(Parser)]
#[command(about = "Analyse a Polis export folder (as `teilhabe opinion analyze`)")]
struct Cli {
    #[command(flatten)]
    args: AnalyzeArgs,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run_analyze(&cli.args, &mut out) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
