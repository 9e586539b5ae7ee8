//! The instance key: one secret kept outside the database, in a key file.
//! From it the store derives (HMAC-SHA-256 with fixed labels) the ballot
//! key, which makes the stored voter keys of budget ballots unlinkable to
//! accounts, and the Ed25519 key that signs the audit checkpoints. A copy
//! of the database (a backup, a dump) without the key file tells neither
//! who cast which ballot nor lets anyone forge a checkpoint.
//!
//! The file holds 32 random bytes as 64 hex digits. SQLite's default is the
//! database file's path with `.key` appended, created (mode 0600) on first
//! start; PostgreSQL needs an explicit path (`--key-file`,
//! `TEILHABE_KEY_FILE`), which is also created if missing, so every app
//! instance of one database must be given the same file.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::{Path, PathBuf};

type HmacSha256 = Hmac<Sha256>;

/// What can go wrong with the key file.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read the key file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the key file {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the key file {0} does not hold 64 hex digits")]
    Format(PathBuf),
    #[error("a PostgreSQL database needs a key file: give its path with --key-file or TEILHABE_KEY_FILE (it is created if missing; every instance needs the same file)")]
    PathRequired,
}

/// The instance key. Cheap to clone; never printed.
#[derive(Clone)]
pub struct InstanceKey {
    master: [u8; 32],
}

impl std::fmt::Debug for InstanceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InstanceKey(..)")
    }
}

impl InstanceKey {
    pub fn from_bytes(master: [u8; 32]) -> Self {
        Self { master }
    }

    /// A fixed key for tests and examples (never for a real instance).
    pub fn fixed_for_tests() -> Self {
        Self::from_bytes([7u8; 32])
    }

    /// A new random key that lives only as long as the process (an
    /// in-memory database).
    pub fn ephemeral() -> Self {
        use rand::RngCore;
        let mut b = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut b);
        Self::from_bytes(b)
    }

    /// The default key file of a database URL: `<file>.key` next to a
    /// SQLite file; `None` for an in-memory SQLite database (an ephemeral
    /// key serves) ; an error for PostgreSQL, which needs a path.
    pub fn default_path(database_url: &str) -> Result<Option<PathBuf>, KeyError> {
        if database_url.starts_with("postgres") {
            return Err(KeyError::PathRequired);
        }
        let rest = database_url
            .strip_prefix("sqlite://")
            .or_else(|| database_url.strip_prefix("sqlite:"))
            .unwrap_or(database_url);
        let file = rest.split('?').next().unwrap_or(rest);
        if file.is_empty() || file == ":memory:" || rest.contains("mode=memory") {
            return Ok(None);
        }
        Ok(Some(PathBuf::from(format!("{file}.key"))))
    }

    /// The key of `database_url`: read from `path` (or the default path),
    /// created there if missing.
    pub fn for_database(database_url: &str, path: Option<&Path>) -> Result<Self, KeyError> {
        match path {
            Some(p) => Self::load_or_create(p),
            None => match Self::default_path(database_url)? {
                Some(p) => Self::load_or_create(&p),
                None => Ok(Self::ephemeral()),
            },
        }
    }

    /// Reads the key file, or creates it with a new random key (readable
    /// only by its owner).
    pub fn load_or_create(path: &Path) -> Result<Self, KeyError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(text.trim()).ok_or_else(|| KeyError::Format(path.into())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::ephemeral();
                write_new(path, &hex::encode(key.master)).map_err(|source| KeyError::Create {
                    path: path.into(),
                    source,
                })?;
                // Another instance may have created it at the same moment:
                // whichever file won is the key.
                Self::load_or_create_existing(path)
            }
            Err(source) => Err(KeyError::Read {
                path: path.into(),
                source,
            }),
        }
    }

    fn load_or_create_existing(path: &Path) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
            path: path.into(),
            source,
        })?;
        Self::parse(text.trim()).ok_or_else(|| KeyError::Format(path.into()))
    }

    fn parse(hex_text: &str) -> Option<Self> {
        let bytes = hex::decode(hex_text).ok()?;
        let master: [u8; 32] = bytes.try_into().ok()?;
        Some(Self::from_bytes(master))
    }

    /// HMAC-SHA-256 of `label` under the master key: one independent
    /// 32-byte key per purpose.
    fn derive(&self, label: &str) -> [u8; 32] {
        mac(&self.master, label.as_bytes())
    }

    /// The stored key of a budget voter (`u:<user id>`, `demo:<n>`): an
    /// HMAC under the ballot key, so the database alone does not tell whose
    /// ballot a row is. Always starts with `v:`.
    pub fn voter_key(&self, raw: &str) -> String {
        let k = self.derive("teilhabe/ballot-key/v1");
        format!("v:{}", hex::encode(mac(&k, raw.as_bytes())))
    }

    /// The key that signs audit checkpoints.
    pub fn signing_key(&self) -> ed25519_dalek::SigningKey {
        ed25519_dalek::SigningKey::from_bytes(&self.derive("teilhabe/audit-signing-key/v1"))
    }

    /// The public half of [`Self::signing_key`], hex encoded.
    pub fn public_key_hex(&self) -> String {
        hex::encode(self.signing_key().verifying_key().to_bytes())
    }
}

fn mac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length: this cannot fail.
    let mut m = match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return [0u8; 32],
    };
    m.update(data);
    m.finalize().into_bytes().into()
}

/// Creates `path` only if it does not exist, with mode 0600 on Unix.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(mut f) => {
            f.write_all(text.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_paths() {
        let p = |u: &str| InstanceKey::default_path(u).ok().flatten();
        assert_eq!(
            p("sqlite:teilhabe.db"),
            Some(PathBuf::from("teilhabe.db.key"))
        );
        assert_eq!(
            p("sqlite:///var/lib/t.db?mode=rwc"),
            Some(PathBuf::from("/var/lib/t.db.key"))
        );
        assert_eq!(p("sqlite::memory:"), None);
        assert!(InstanceKey::default_path("postgres://x@y/z").is_err());
    }

    #[test]
    fn key_file_is_created_once_private_and_reread() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("k.key");
        let a = InstanceKey::load_or_create(&path).expect("create");
        let b = InstanceKey::load_or_create(&path).expect("read");
        assert_eq!(a.voter_key("u:1"), b.voter_key("u:1"));
        assert_eq!(a.public_key_hex(), b.public_key_hex());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "kein schlüssel").expect("write");
        assert!(matches!(
            InstanceKey::load_or_create(&path),
            Err(KeyError::Format(_))
        ));
    }

    #[test]
    fn derived_keys_differ_by_key_and_input() {
        let k = InstanceKey::fixed_for_tests();
        let other = InstanceKey::from_bytes([8u8; 32]);
        assert!(k.voter_key("u:1").starts_with("v:"));
        assert_ne!(k.voter_key("u:1"), k.voter_key("u:2"));
        assert_ne!(k.voter_key("u:1"), other.voter_key("u:1"));
        assert_ne!(k.public_key_hex(), other.public_key_hex());
    }
}
