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
    /// Refuse a vote that names a project twice (by default it counts once, as in
    /// pabutools, with a warning).
    #[arg(long)]
    pub strict: bool,
}

/// Runs `pb tally`: reads the file, applies the rule, writes the result;
/// warnings about the file go to stderr.
pub fn run_tally(args: &TallyArgs, out: &mut impl Write) -> Result<(), Error> {
    run_tally_to(args, out, &mut std::io::stderr().lock())
}

/// [`run_tally`] with the warnings (one `warning: FILE: ...` line each) written to `warn`;
/// the JSON output lists them too (`warnings`: line, voter, project).
pub fn run_tally_to(
    args: &TallyArgs,
    out: &mut impl Write,
    warn: &mut impl Write,
) -> Result<(), Error> {
    let (e, warnings) = Election::from_path_with(&args.file, args.strict)?;
    for w in &warnings {
        writeln!(warn, "warning: {}: {w}", args.file.display())?;
    }
    let o = tally(&e, args.rule)?;
    let file = args.file.file_name().and_then(|f| f.to_str());
    match args.format {
        Format::Json => {
            let mut doc = report::to_json(&e, &o, file);
            doc["warnings"] = serde_json::to_value(&warnings)?;
            serde_json::to_writer(&mut *out, &doc)?;
            writeln!(out)?;
        }
        Format::Table => report::write_table(&e, &o, file, out)?,
    }
    out.flush()?;
    Ok(())
}
