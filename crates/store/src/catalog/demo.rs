//! The demo municipality's open data.

use crate::demo::Demo;
use crate::{Result, Store};

pub(crate) async fn load(s: &Store, demo: &Demo) -> Result<()> {
    let _ = (s, demo);
    Ok(())
}
