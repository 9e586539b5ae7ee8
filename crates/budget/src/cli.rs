//! `teilhabe pb tally FILE --rule ... --format ...`

use std::io::Write;
use std::path::PathBuf;

use crate::error::Error;
use crate::pb::Election;
use crate::report;
use crate::rules::{tally, Rule};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable table.
    Table,
    /// JSON: `{"selected": [...], "total_cost": N, "projects": [...], ...}`.
    Json,
}

/// Arguments of `pb tally`.
#[derive(Debug, Clone, clap::Parser)]
#[command(about = "Allocate a participatory budget from a Pabulib .pb file and explain the result")]
pub struct TallyArgs {
    /// Pabulib `.pb` file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Allocation rule.
    #[arg(long, value_enum, default_value = "mes-add1-greedy")]
    pub rule: Rule,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// Runs `pb tally`: reads the file, applies the rule, writes the result.
pub fn run_tally(args: &TallyArgs, out: &mut impl Write) -> Result<(), Error> {
    let e = Election::from_path(&args.file)?;
    let o = tally(&e, args.rule)?;
    let file = args.file.file_name().and_then(|f| f.to_str());
    match args.format {
        Format::Json => {
            let doc = report::to_json(&e, &o, file);
            serde_json::to_writer(&mut *out, &doc)?;
            writeln!(out)?;
        }
        Format::Table => report::write_table(&e, &o, file, out)?,
    }
    out.flush()?;
    Ok(())
}
