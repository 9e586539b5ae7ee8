//! `teilhabe user reset-2fa`: removes the second factor of a person who
//! lost their device (and their recovery codes). They log in with the
//! password again and, where a role requires it, must set it up again
//! first. The store audits it as `twofactor.reset` by the administrator.

use anyhow::{Context, Result};
use teilhabe_domain::Actor;
use teilhabe_store::{Store, Tenant};

pub async fn reset(store: &Store, tenant: &Tenant, email: &str) -> Result<()> {
    let user = store
        .accounts()
        .user_by_email(tenant, email)
        .await?
        .with_context(|| format!("no account with e-mail {email}"))?;
    let had = store
        .twofactor()
        .reset(tenant, &Actor::administrator(), user.id)
        .await?;
    if had {
        println!(
            "two-factor authentication of {} removed: they log in with the password and set it up again",
            user.email
        );
    } else {
        println!(
            "{} has no two-factor authentication; nothing changed",
            user.email
        );
    }
    Ok(())
}
