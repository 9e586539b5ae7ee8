//! Embeds every file under `templates/` into the binary (minijinja-embed),
//! so that a new template needs no code change. Cargo re-runs this when
//! anything in the directory changes.
//!
//! Likewise every `locales/<lang>/*.ftl` (the core texts and one file per
//! module): this writes `$OUT_DIR/locales.rs` with one `include_str!` per
//! file, so that a new module's texts need no hand-kept list.

use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn Error>> {
    minijinja_embed::embed_templates!("templates");
    embed_locales()
}

/// `pub const LOCALES: &[(&str, &[(&str, &str)])]`: per language folder
/// (sorted), its `.ftl` files as (file name, text), `core.ftl` first and
/// the modules' files sorted by name.
fn embed_locales() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed=locales");
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR")?).join("locales");
    let mut langs = vec![];
    for dir in std::fs::read_dir(&root)? {
        let dir = dir?.path();
        if dir.is_dir() {
            println!("cargo:rerun-if-changed={}", dir.display());
            langs.push(dir);
        }
    }
    langs.sort();
    let mut out = String::from("pub const LOCALES: &[(&str, &[(&str, &str)])] = &[\n");
    for dir in langs {
        let lang = file_name(&dir)?;
        let mut files = vec![];
        for f in std::fs::read_dir(&dir)? {
            let f = f?.path();
            if f.extension().is_some_and(|e| e == "ftl") {
                files.push(f);
            }
        }
        files.sort_by_key(|f| (!f.ends_with("core.ftl"), f.clone()));
        writeln!(out, "    ({lang:?}, &[")?;
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = file_name(&f)?;
            let path = f.to_str().ok_or("locale path is not UTF-8")?;
            writeln!(out, "        ({name:?}, include_str!({path:?})),")?;
        }
        writeln!(out, "    ]),")?;
    }
    out.push_str("];\n");
    let dst = Path::new(&std::env::var("OUT_DIR")?).join("locales.rs");
    std::fs::write(dst, out)?;
    Ok(())
}

fn file_name(p: &Path) -> Result<String, Box<dyn Error>> {
    Ok(p.file_name()
        .and_then(|n| n.to_str())
        .ok_or("locale file name is not UTF-8")?
        .to_string())
}
