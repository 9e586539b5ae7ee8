//! Embeds every file under `templates/` into the binary (minijinja-embed),
//! so that a new template needs no code change. Cargo re-runs this when
//! anything in the directory changes.

fn main() {
    minijinja_embed::embed_templates!("templates");
}
